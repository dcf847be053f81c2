/**
 * Network and transport layers: IPv4 (RFC 791), IPv6 (RFC 8200) with its extension headers, TCP
 * (RFC 9293) and UDP (RFC 768). Header checksums are not verified: passive discovery wants what
 * was said on the wire, and offloaded checksums are often wrong in captures taken on the sender.
 */
import { formatIpv6, ipv4At } from './addresses.js';
import { malformed, short, u16, u32, u8, type DecodeState } from './decode-state.js';
import { DECODE_LIMITS } from './limits.js';
import type { IpFragment } from './packet-summary.js';

const PROTOCOL_TCP = 6;
const PROTOCOL_UDP = 17;
const IPV6_FRAGMENT = 44;
const IPV6_AH = 51;
/** Hop-by-hop, routing, fragment, destination options, AH, mobility, HIP, shim6. */
const IPV6_EXTENSIONS = new Set([0, 43, IPV6_FRAGMENT, 60, IPV6_AH, 135, 139, 140]);

export function decodeIpv4(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  state.start = at;
  state.end = end;
  const length = end - at;
  if (length < 20) {
    short(state, 'IPv4 header');
    return;
  }
  if (u8(bytes, at) >> 4 !== 4) {
    malformed(state, `IPv4 header with version ${u8(bytes, at) >> 4}.`);
    return;
  }
  const headerLength = (u8(bytes, at) & 0x0f) * 4;
  if (headerLength < 20) {
    malformed(state, `IPv4 header length ${headerLength} below 20.`);
    return;
  }
  if (headerLength > length) {
    short(state, 'IPv4 options');
    return;
  }
  // A total length of 0 is what segmentation offload leaves in captures taken on the sender.
  const stated = u16(bytes, at + 2) === 0 ? length : u16(bytes, at + 2);
  if (stated < headerLength) {
    malformed(state, `IPv4 total length ${stated} below header.`);
    return;
  }
  if (stated > length) short(state, 'IPv4 datagram');
  const flagsAndOffset = u16(bytes, at + 6);
  const fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
  const moreFragments = (flagsAndOffset & 0x2000) !== 0;
  const fragment: IpFragment | null =
    fragmentOffset > 0 || moreFragments
      ? { id: u16(bytes, at + 4), offset: fragmentOffset, moreFragments }
      : null;
  const protocol = u8(bytes, at + 9);
  state.ip = {
    version: 4,
    src: ipv4At(bytes, at + 12),
    dst: ipv4At(bytes, at + 16),
    protocol,
    ttl: u8(bytes, at + 8),
    fragment,
  };
  const stop = at + Math.min(stated, length);
  decodeUpperLayer(state, protocol, bytes, at + headerLength, stop, fragmentOffset);
}

export function decodeIpv6(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  state.start = at;
  state.end = end;
  const length = end - at;
  if (length < 40) {
    short(state, 'IPv6 header');
    return;
  }
  if (u8(bytes, at) >> 4 !== 6) {
    malformed(state, `IPv6 header with version ${u8(bytes, at) >> 4}.`);
    return;
  }
  const payloadLength = u16(bytes, at + 4);
  // Payload length 0 means a jumbogram (RFC 2675) or offload: take what was captured.
  const stop = payloadLength === 0 ? end : at + Math.min(40 + payloadLength, length);
  if (payloadLength > 0 && 40 + payloadLength > length) short(state, 'IPv6 payload');
  const chain = walkExtensionHeaders(state, bytes, at, stop);
  state.ip = {
    version: 6,
    src: formatIpv6(bytes.subarray(at + 8, at + 24)),
    dst: formatIpv6(bytes.subarray(at + 24, at + 40)),
    protocol: chain.protocol,
    ttl: u8(bytes, at + 7),
    fragment: chain.fragment,
  };
  if (!chain.complete) return;
  decodeUpperLayer(state, chain.protocol, bytes, chain.at, stop, chain.fragment?.offset ?? 0);
}

interface ExtensionChain {
  protocol: number;
  /** Offset of the next header in the packet's data. */
  at: number;
  fragment: IpFragment | null;
  complete: boolean;
}

function walkExtensionHeaders(
  state: DecodeState,
  bytes: Uint8Array,
  base: number,
  end: number,
): ExtensionChain {
  const chain: ExtensionChain = {
    protocol: u8(bytes, base + 6),
    at: base + 40,
    fragment: null,
    complete: false,
  };
  for (let count = 0; IPV6_EXTENSIONS.has(chain.protocol); count++) {
    if (count >= DECODE_LIMITS.maxIpv6ExtensionHeaders) {
      malformed(
        state,
        `more than ${DECODE_LIMITS.maxIpv6ExtensionHeaders} IPv6 extension headers.`,
      );
      return chain;
    }
    if (chain.at + 8 > end) {
      short(state, 'IPv6 extension header');
      return chain;
    }
    const length = extensionLength(chain.protocol, u8(bytes, chain.at + 1));
    if (chain.at + length > end) {
      short(state, 'IPv6 extension header');
      return chain;
    }
    if (chain.protocol === IPV6_FRAGMENT) {
      const field = u16(bytes, chain.at + 2);
      chain.fragment = {
        id: u32(bytes, chain.at + 4),
        offset: field & 0xfff8,
        moreFragments: (field & 1) !== 0,
      };
    }
    chain.protocol = u8(bytes, chain.at);
    chain.at += length;
  }
  chain.complete = true;
  return chain;
}

function extensionLength(header: number, lengthField: number): number {
  if (header === IPV6_FRAGMENT) return 8;
  if (header === IPV6_AH) return (lengthField + 2) * 4;
  return (lengthField + 1) * 8;
}

function decodeUpperLayer(
  state: DecodeState,
  protocol: number,
  bytes: Uint8Array,
  at: number,
  end: number,
  fragmentOffset: number,
): void {
  state.start = at;
  state.end = end;
  // Only the first fragment carries the TCP or UDP header.
  if (fragmentOffset > 0) return;
  if (protocol === PROTOCOL_TCP) decodeTcp(state, bytes, at, end);
  else if (protocol === PROTOCOL_UDP) decodeUdp(state, bytes, at, end);
}

function decodeTcp(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  const length = end - at;
  if (length < 20) {
    short(state, 'TCP header');
    return;
  }
  const headerLength = (u8(bytes, at + 12) >> 4) * 4;
  if (headerLength < 20) {
    malformed(state, `TCP data offset ${headerLength} below 20.`);
    return;
  }
  if (headerLength > length) {
    short(state, 'TCP options');
    return;
  }
  state.transport = {
    kind: 'tcp',
    srcPort: u16(bytes, at),
    dstPort: u16(bytes, at + 2),
    seq: u32(bytes, at + 4),
    ack: u32(bytes, at + 8),
    flags: u8(bytes, at + 13) | ((u8(bytes, at + 12) & 1) << 8),
    window: u16(bytes, at + 14),
  };
  state.start = at + headerLength;
}

function decodeUdp(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  const length = end - at;
  if (length < 8) {
    short(state, 'UDP header');
    return;
  }
  const stated = u16(bytes, at + 4);
  if (stated !== 0 && stated < 8) {
    malformed(state, `UDP length ${stated} below 8.`);
    return;
  }
  state.transport = { kind: 'udp', srcPort: u16(bytes, at), dstPort: u16(bytes, at + 2) };
  // Length 0 appears with IPv6 jumbograms; otherwise it bounds the payload (Ethernet pads).
  if (stated > length) short(state, 'UDP payload');
  state.start = at + 8;
  state.end = at + (stated === 0 ? length : Math.min(stated, length));
}

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

export function decodeIpv4(state: DecodeState, bytes: Uint8Array): void {
  state.payload = bytes;
  if (bytes.length < 20) {
    short(state, 'IPv4 header');
    return;
  }
  if (u8(bytes, 0) >> 4 !== 4) {
    malformed(state, `IPv4 header with version ${u8(bytes, 0) >> 4}.`);
    return;
  }
  const headerLength = (u8(bytes, 0) & 0x0f) * 4;
  if (headerLength < 20) {
    malformed(state, `IPv4 header length ${headerLength} below 20.`);
    return;
  }
  if (headerLength > bytes.length) {
    short(state, 'IPv4 options');
    return;
  }
  // A total length of 0 is what segmentation offload leaves in captures taken on the sender.
  const stated = u16(bytes, 2) === 0 ? bytes.length : u16(bytes, 2);
  if (stated < headerLength) {
    malformed(state, `IPv4 total length ${stated} below header.`);
    return;
  }
  if (stated > bytes.length) short(state, 'IPv4 datagram');
  const flagsAndOffset = u16(bytes, 6);
  const fragmentOffset = (flagsAndOffset & 0x1fff) * 8;
  const moreFragments = (flagsAndOffset & 0x2000) !== 0;
  const fragment: IpFragment | null =
    fragmentOffset > 0 || moreFragments
      ? { id: u16(bytes, 4), offset: fragmentOffset, moreFragments }
      : null;
  state.ip = {
    version: 4,
    src: ipv4At(bytes, 12),
    dst: ipv4At(bytes, 16),
    protocol: u8(bytes, 9),
    ttl: u8(bytes, 8),
    fragment,
  };
  const payload = bytes.subarray(headerLength, Math.min(stated, bytes.length));
  decodeUpperLayer(state, u8(bytes, 9), payload, fragmentOffset);
}

export function decodeIpv6(state: DecodeState, bytes: Uint8Array): void {
  state.payload = bytes;
  if (bytes.length < 40) {
    short(state, 'IPv6 header');
    return;
  }
  if (u8(bytes, 0) >> 4 !== 6) {
    malformed(state, `IPv6 header with version ${u8(bytes, 0) >> 4}.`);
    return;
  }
  const payloadLength = u16(bytes, 4);
  // Payload length 0 means a jumbogram (RFC 2675) or offload: take what was captured.
  const end = payloadLength === 0 ? bytes.length : Math.min(40 + payloadLength, bytes.length);
  if (payloadLength > 0 && 40 + payloadLength > bytes.length) short(state, 'IPv6 payload');
  const chain = walkExtensionHeaders(state, bytes, end);
  state.ip = {
    version: 6,
    src: formatIpv6(bytes.subarray(8, 24)),
    dst: formatIpv6(bytes.subarray(24, 40)),
    protocol: chain.protocol,
    ttl: u8(bytes, 7),
    fragment: chain.fragment,
  };
  if (!chain.complete) return;
  decodeUpperLayer(
    state,
    chain.protocol,
    bytes.subarray(chain.at, end),
    chain.fragment?.offset ?? 0,
  );
}

interface ExtensionChain {
  protocol: number;
  at: number;
  fragment: IpFragment | null;
  complete: boolean;
}

function walkExtensionHeaders(state: DecodeState, bytes: Uint8Array, end: number): ExtensionChain {
  const chain: ExtensionChain = { protocol: u8(bytes, 6), at: 40, fragment: null, complete: false };
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
  payload: Uint8Array,
  fragmentOffset: number,
): void {
  state.payload = payload;
  // Only the first fragment carries the TCP or UDP header.
  if (fragmentOffset > 0) return;
  if (protocol === PROTOCOL_TCP) decodeTcp(state, payload);
  else if (protocol === PROTOCOL_UDP) decodeUdp(state, payload);
}

function decodeTcp(state: DecodeState, bytes: Uint8Array): void {
  if (bytes.length < 20) {
    short(state, 'TCP header');
    return;
  }
  const headerLength = (u8(bytes, 12) >> 4) * 4;
  if (headerLength < 20) {
    malformed(state, `TCP data offset ${headerLength} below 20.`);
    return;
  }
  if (headerLength > bytes.length) {
    short(state, 'TCP options');
    return;
  }
  state.transport = {
    kind: 'tcp',
    srcPort: u16(bytes, 0),
    dstPort: u16(bytes, 2),
    seq: u32(bytes, 4),
    ack: u32(bytes, 8),
    flags: u8(bytes, 13) | ((u8(bytes, 12) & 1) << 8),
    window: u16(bytes, 14),
  };
  state.payload = bytes.subarray(headerLength);
}

function decodeUdp(state: DecodeState, bytes: Uint8Array): void {
  if (bytes.length < 8) {
    short(state, 'UDP header');
    return;
  }
  const length = u16(bytes, 4);
  if (length !== 0 && length < 8) {
    malformed(state, `UDP length ${length} below 8.`);
    return;
  }
  state.transport = { kind: 'udp', srcPort: u16(bytes, 0), dstPort: u16(bytes, 2) };
  // Length 0 appears with IPv6 jumbograms; otherwise it bounds the payload (Ethernet pads).
  const end = length === 0 ? bytes.length : Math.min(length, bytes.length);
  if (length > bytes.length) short(state, 'UDP payload');
  state.payload = bytes.subarray(8, end);
}

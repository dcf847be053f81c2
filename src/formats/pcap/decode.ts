/**
 * Decodes one captured frame into a `PacketSummary`: link layer, VLAN tags, IP, TCP/UDP. Malformed
 * frames yield what could be read plus a diagnostic; decoding never throws on packet bytes.
 *
 * Link types (https://www.tcpdump.org/linktypes.html): 0 BSD loopback, 1 Ethernet II, 101 raw IP,
 * 113 Linux cooked (SLL), 228 raw IPv4, 229 raw IPv6, 276 Linux cooked v2 (SLL2).
 *
 * @example
 *   decodePacket(packet, { source: 'ward-4.pcap' }).packet
 *   // { srcMac: '00:0c:29:b5:b6:48', vlanIds: [], ip: { version: 4, src: '10.0.0.15', … },
 *   //   transport: { kind: 'tcp', srcPort: 51442, dstPort: 2575, … }, payload: Uint8Array(…) }
 */
import { macAt } from './addresses.js';
import { decodeIpv4, decodeIpv6 } from './decode-ip.js';
import {
  malformed,
  short,
  u16,
  u32,
  u8,
  type DecodeState,
  type LayerDecoder,
} from './decode-state.js';
import { DECODE_LIMITS } from './limits.js';
import type { CapturedPacket } from './packet.js';
import type { DecodeResult, PacketSummary } from './packet-summary.js';

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export const ETHERTYPE = { IPV4: 0x0800, ARP: 0x0806, VLAN: 0x8100, QINQ: 0x88a8, IPV6: 0x86dd };
/** 0x9100 is the pre-802.1ad QinQ outer tag some switches still send. */
const VLAN_ETHERTYPES = new Set([ETHERTYPE.VLAN, ETHERTYPE.QINQ, 0x9100]);
const ARPHRD_ETHER = 1;

const LINK_DECODERS: Readonly<Record<number, LayerDecoder>> = {
  [LINKTYPE.NULL]: decodeNull,
  [LINKTYPE.ETHERNET]: decodeEthernet,
  [LINKTYPE.RAW]: decodeRawIp,
  [LINKTYPE.LINUX_SLL]: decodeSll,
  [LINKTYPE.IPV4]: decodeIpv4,
  [LINKTYPE.IPV6]: decodeIpv6,
  [LINKTYPE.LINUX_SLL2]: decodeSll2,
};

export function isSupportedLinkType(linkType: number): boolean {
  return Object.hasOwn(LINK_DECODERS, linkType);
}

export function decodePacket(
  packet: CapturedPacket,
  options: { source?: string } = {},
): DecodeResult {
  const state: DecodeState = {
    source: options.source ?? 'capture',
    offset: packet.offset,
    index: packet.index,
    cut: packet.capturedLength < packet.originalLength,
    diagnostics: [],
    srcMac: null,
    dstMac: null,
    vlanIds: [],
    etherType: null,
    ip: null,
    transport: null,
    start: 0,
    end: packet.data.length,
    truncated: false,
  };
  const decoder = Object.hasOwn(LINK_DECODERS, packet.linkType)
    ? LINK_DECODERS[packet.linkType]
    : undefined;
  if (decoder === undefined) {
    malformed(
      state,
      `link type ${packet.linkType} is not decoded.`,
      'WL_PCAP_UNSUPPORTED_LINK_TYPE',
    );
  } else {
    decoder(state, packet.data, 0, packet.data.length);
  }
  const data = packet.data;
  const payload =
    state.start === 0 && state.end === data.length ? data : data.subarray(state.start, state.end);
  const summary: PacketSummary = {
    index: packet.index,
    offset: packet.offset,
    timestampMicros: packet.timestampMicros,
    linkType: packet.linkType,
    originalLength: packet.originalLength,
    srcMac: state.srcMac,
    dstMac: state.dstMac,
    vlanIds: state.vlanIds,
    etherType: state.etherType,
    ip: state.ip,
    transport: state.transport,
    payload,
    truncated: state.truncated,
  };
  return { packet: summary, diagnostics: state.diagnostics };
}

function decodeEthernet(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  if (end - at < 14) {
    short(state, 'Ethernet header');
    return;
  }
  state.dstMac = macAt(bytes, at);
  state.srcMac = macAt(bytes, at + 6);
  decodeEtherType(state, u16(bytes, at + 12), bytes, at + 14, end);
}

/** Follows 802.1Q/802.1ad tags (each: TCI, then the next EtherType), then the network layer. */
function decodeEtherType(
  state: DecodeState,
  first: number,
  bytes: Uint8Array,
  at: number,
  end: number,
): void {
  let type = first;
  let pos = at;
  while (VLAN_ETHERTYPES.has(type)) {
    if (state.vlanIds.length >= DECODE_LIMITS.maxVlanTags) {
      malformed(state, `more than ${DECODE_LIMITS.maxVlanTags} stacked VLAN tags.`);
      return;
    }
    if (end - pos < 4) {
      short(state, 'VLAN tag');
      return;
    }
    state.vlanIds.push(u16(bytes, pos) & 0x0fff);
    type = u16(bytes, pos + 2);
    pos += 4;
  }
  state.start = pos;
  state.end = end;
  // Values below 0x0600 are an 802.3 length, not an EtherType (LLC/SNAP frames).
  if (type < 0x0600) return;
  state.etherType = type;
  if (type === ETHERTYPE.IPV4) decodeIpv4(state, bytes, pos, end);
  else if (type === ETHERTYPE.IPV6) decodeIpv6(state, bytes, pos, end);
}

function decodeRawIp(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  if (end - at < 1) {
    short(state, 'IP header');
    return;
  }
  const version = u8(bytes, at) >> 4;
  if (version === 4) {
    decodeIpv4(state, bytes, at, end);
    return;
  }
  if (version === 6) {
    decodeIpv6(state, bytes, at, end);
    return;
  }
  malformed(state, `raw IP packet with version ${version}.`);
}

/** BSD loopback: a 4-byte address family in the capturing host's byte order. */
function decodeNull(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  if (end - at < 4) {
    short(state, 'loopback header');
    return;
  }
  const be = u32(bytes, at);
  const le = (((bytes[at + 3] ?? 0) << 24) | (u8(bytes, at + 2) << 16) | u16le(bytes, at)) >>> 0;
  const family = le > 0xffff ? be : le;
  state.start = at + 4;
  state.end = end;
  // AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 depending on the BSD.
  if (family === 2) decodeIpv4(state, bytes, at + 4, end);
  else if (family === 24 || family === 28 || family === 30) decodeIpv6(state, bytes, at + 4, end);
}

function u16le(bytes: Uint8Array, at: number): number {
  return u8(bytes, at) | (u8(bytes, at + 1) << 8);
}

/** Linux cooked capture v1: https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html */
function decodeSll(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  if (end - at < 16) {
    short(state, 'Linux cooked header');
    return;
  }
  if (u16(bytes, at + 2) === ARPHRD_ETHER && u16(bytes, at + 4) === 6) {
    state.srcMac = macAt(bytes, at + 6);
  }
  decodeEtherType(state, u16(bytes, at + 14), bytes, at + 16, end);
}

/** Linux cooked capture v2: https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html */
function decodeSll2(state: DecodeState, bytes: Uint8Array, at: number, end: number): void {
  if (end - at < 20) {
    short(state, 'Linux cooked v2 header');
    return;
  }
  if (u16(bytes, at + 8) === ARPHRD_ETHER && bytes[at + 11] === 6) {
    state.srcMac = macAt(bytes, at + 12);
  }
  decodeEtherType(state, u16(bytes, at), bytes, at + 20, end);
}

import type { PcapDiagnostic } from './diagnostics.js';

/** TCP flag bits as they sit in the header (NS is bit 8). */
export const TCP_FLAGS = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
  NS: 0x100,
} as const;

export interface IpFragment {
  readonly id: number;
  /** Byte offset of this fragment in the original datagram. */
  readonly offset: number;
  readonly moreFragments: boolean;
}

export interface IpSummary {
  readonly version: 4 | 6;
  readonly src: string;
  readonly dst: string;
  /** IANA protocol number of the upper layer (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6…). */
  readonly protocol: number;
  /** TTL (IPv4) or hop limit (IPv6). */
  readonly ttl: number;
  /** Set when the datagram is a fragment; only the first fragment carries transport headers. */
  readonly fragment: IpFragment | null;
}

export interface TcpSummary {
  readonly kind: 'tcp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  /** Bit set of TCP_FLAGS. */
  readonly flags: number;
  readonly window: number;
}

export interface UdpSummary {
  readonly kind: 'udp';
  readonly srcPort: number;
  readonly dstPort: number;
}

export type TransportSummary = TcpSummary | UdpSummary;

/** One decoded frame: what passive discovery and flow aggregation need from it. */
export interface PacketSummary {
  readonly index: number;
  /** Byte offset of the packet's record in the capture. */
  readonly offset: number;
  readonly timestampMicros: bigint | null;
  readonly linkType: number;
  /** Length on the wire. */
  readonly originalLength: number;
  readonly srcMac: string | null;
  readonly dstMac: string | null;
  /** 802.1Q/802.1ad VLAN ids, outermost first (two for QinQ). */
  readonly vlanIds: readonly number[];
  /** EtherType (or SLL protocol) of the network layer; null for 802.3 length frames and raw IP. */
  readonly etherType: number | null;
  readonly ip: IpSummary | null;
  readonly transport: TransportSummary | null;
  /** The innermost bytes not decoded here: TCP/UDP payload, else IP payload, else link payload. */
  readonly payload: Uint8Array;
  /** The snaplen cut the packet inside a header or the payload. */
  readonly truncated: boolean;
}

export interface DecodeResult {
  readonly packet: PacketSummary;
  readonly diagnostics: PcapDiagnostic[];
}

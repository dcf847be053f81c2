/**
 * Named caps for untrusted captures. A length field above one of these is treated as corrupt, so a
 * hostile file cannot make the reader buffer more than one block or keep unbounded state.
 */
export const PCAP_LIMITS = {
  /** Largest packet (captured bytes) accepted; 256 KiB is above every real snaplen (tcpdump: 262144). */
  maxCapturedLength: 262_144,
  /** Largest pcapng block: a full packet plus 64 KiB for block headers and options. */
  maxBlockLength: 262_144 + 65_536,
  /** Interfaces per pcapng section; further IDBs are ignored with a diagnostic. */
  maxInterfaces: 1_024,
  /** Bytes the pcapng reader skips while looking for the next valid block before it gives up. */
  maxResyncBytes: 1_048_576,
} as const;

/** Caps for decoding one frame. */
export const DECODE_LIMITS = {
  /** Stacked 802.1Q/802.1ad tags followed per frame (QinQ is 2). */
  maxVlanTags: 4,
  /** IPv6 extension headers followed before the upper-layer header. */
  maxIpv6ExtensionHeaders: 8,
} as const;

/** Caps for flow aggregation. */
export const FLOW_LIMITS = {
  /** Concurrent flows held; the least recently seen is evicted beyond this. */
  maxFlows: 100_000,
} as const;

export type PcapLimits = { readonly [K in keyof typeof PCAP_LIMITS]: number };

/**
 * Caps that keep passive discovery's memory bounded whatever the capture's size or content. Each
 * one, when reached, drops or folds what is beyond it and says so in one diagnostic with a count;
 * none is close to what a one-hour capture of a hospital VLAN needs.
 */
export const DISCOVERY_LIMITS = {
  /** First bytes held per direction of a TCP conversation while the dissectors cannot yet tell. */
  probeBytes: 4_096,
  /** Probe bytes held across all conversations; beyond it an undecided conversation is dropped. */
  maxProbeBytesTotal: 16 * 1024 * 1024,
  /** IP addresses tracked as device candidates; further addresses are counted, not kept. */
  maxAddresses: 65_536,
  /** MAC addresses tracked; further MACs are counted, not kept. */
  maxMacAddresses: 65_536,
  /** 5-tuple flows held by the flow table; the least recently seen is folded into its conversation. */
  maxFlows: 100_000,
  /** Conversations reported (client IP, server IP, transport, server port); further ones are counted. */
  maxConversations: 100_000,
  /** IP addresses on one device. */
  maxIpsPerDevice: 16,
  /** Host names on one device. */
  maxHostnamesPerDevice: 16,
  /** Services (transport and port) on one device. */
  maxServicesPerDevice: 128,
  /** Values in one list of one device's protocol facts (storescu proposes about 120 SOP classes). */
  maxListValues: 128,
  /** List values kept across all devices (AE titles, SOP classes, queries…). */
  maxFactValuesTotal: 500_000,
  /** IPv6 addresses one MAC may front and still be taken as one host (link-local, SLAAC, privacy). */
  maxIpv6PerMac: 4,
  /** Diagnostics kept; the rest are counted per code and summarized in one more. */
  maxDiagnostics: 1_000,
  /** Distinct dissector counter names (`dicom.p-data`, `hl7.messages`…). */
  maxCounters: 256,
} as const;

/** Caps for one discovery, as `DISCOVERY_LIMITS` names them. */
export type DiscoveryLimits = { readonly [K in keyof typeof DISCOVERY_LIMITS]: number };

export { readCapture, readCaptureAll } from './pcap-reader.js';
export type { CaptureInput, CaptureReadResult, ReadCaptureOptions } from './pcap-reader.js';
export type { CaptureFormat, CapturedPacket } from './packet.js';
export { decodePacket, isSupportedLinkType, LINKTYPE, ETHERTYPE } from './decode.js';
export { TCP_FLAGS } from './packet-summary.js';
export type {
  DecodeResult,
  IpFragment,
  IpSummary,
  PacketSummary,
  TcpSummary,
  TransportSummary,
  UdpSummary,
} from './packet-summary.js';
export { aggregateFlows, FlowTable } from './flows.js';
export type { Flow, FlowEndpoint, FlowTableOptions } from './flows.js';
export { writePcap, writePcapng } from './pcap-writer.js';
export type {
  ByteOrder,
  PacketToWrite,
  PcapWriteOptions,
  PcapngWriteOptions,
} from './pcap-writer.js';
export { buildFrame } from './frame-builder.js';
export type { FrameSpec } from './frame-builder.js';
export { PCAP_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { PcapDiagnostic, PcapDiagnosticCode } from './diagnostics.js';
export { DECODE_LIMITS, FLOW_LIMITS, PCAP_LIMITS } from './limits.js';
export type { PcapLimits } from './limits.js';
export {
  discoverCapture,
  DiscoverySession,
  DEFAULT_DATAGRAM_DISSECTORS,
  DEFAULT_STREAM_DISSECTORS,
  DISCOVERY_DIAGNOSTIC_CODES,
  DISCOVERY_LIMITS,
  readFileChunks,
} from './discover/index.js';
export type {
  DiscoverCaptureOptions,
  DiscoveryDiagnosticCode,
  DiscoveryLimits,
  DiscoveryResult,
  DiscoverySessionOptions,
  DiscoveryStats,
} from './discover/index.js';

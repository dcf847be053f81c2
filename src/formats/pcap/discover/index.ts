/** Passive discovery over a capture: devices, conversations and diagnostics from traffic alone. */
export { discoverCapture } from './discover.js';
export type { DiscoverCaptureOptions } from './discover.js';
export { readFileChunks } from './file-chunks.js';
export {
  DiscoverySession,
  DEFAULT_DATAGRAM_DISSECTORS,
  DEFAULT_STREAM_DISSECTORS,
} from './session.js';
export type { DiscoveryResult, DiscoverySessionOptions, DiscoveryStats } from './session.js';
export { DISCOVERY_LIMITS } from './limits.js';
export type { DiscoveryLimits } from './limits.js';
export { DISCOVERY_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { DiscoveryDiagnosticCode } from './diagnostics.js';

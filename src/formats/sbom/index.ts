/** SBOMs in any supported format: format sniffing, one parse entry, and the shared record types. */
export { collectSbom, parseSbom, type ParseAnySbomOptions } from './parse.js';
export { sniffSbomFormat } from './sniff.js';
export {
  deviceFactOf,
  deviceFacts,
  endOfSupportDate,
  type DeviceFact,
  type DeviceFacts,
} from './device-facts.js';
export { findDependencyCycle, type CycleCheck } from './graph.js';
export {
  CYCLONEDX_DIAGNOSTIC_CODES,
  SPDX_DIAGNOSTIC_CODES,
  type CycloneDxDiagnosticCode,
  type SbomDiagnosticCode,
  type SpdxDiagnosticCode,
} from './diagnostics.js';
export * from './limits.js';
export * from './types.js';

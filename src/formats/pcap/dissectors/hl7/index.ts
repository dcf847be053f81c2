export { Hl7StreamDissector, hl7DissectorFactory, probeHl7 } from './hl7-dissector.js';
export { parseMsh } from './msh.js';
export type { Hl7Header, MshResult } from './msh.js';
export { HL7_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { Hl7DiagnosticCode } from './diagnostics.js';
export { HL7_LIMITS } from './limits.js';

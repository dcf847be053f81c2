/** FIRST EPSS daily scores: streaming CSV parser (plain or gzip) and writer. */
export { parseEpss, type EpssFile } from './parse.js';
export { writeEpss, writeEpssGzip, type EpssMeta } from './write.js';
export { EPSS_DIAGNOSTIC_CODES, type EpssDiagnosticCode } from './diagnostics.js';
export { isGzip } from './gzip.js';
export * from './limits.js';

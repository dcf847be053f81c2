/** The CISA Known Exploited Vulnerabilities catalog: streaming parser and writer. */
export { parseKev, type KevCatalog } from './parse.js';
export { writeKev, type KevCatalogMeta } from './write.js';
export { KEV_DIAGNOSTIC_CODES, type KevDiagnosticCode } from './diagnostics.js';
export { CVE_ID_PATTERN, isCalendarDate } from './entry.js';
export * from './limits.js';

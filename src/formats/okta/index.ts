export { readOktaEvents } from './read.js';
export { OKTA_DIAGNOSTIC_CODES, type OktaDiagnosticCode } from './diagnostics.js';

export { readAtnaMessages } from './read.js';
export { ATNA_DIAGNOSTIC_CODES, type AtnaDiagnosticCode } from './diagnostics.js';

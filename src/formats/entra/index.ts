export { readEntraSignIns, type LogReadOptions } from './read.js';
export { ENTRA_DIAGNOSTIC_CODES, type EntraDiagnosticCode } from './diagnostics.js';
export { SIGNIN_CATEGORIES } from './signin.js';

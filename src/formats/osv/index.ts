/** OSV schema 1.x (JSON and YAML) into advisories. */
export { parseOsv } from './parse.js';
export { OSV_DIAGNOSTIC_CODES, type OsvDiagnosticCode } from './diagnostics.js';
export type { OsvParseResult, OsvVersionRules, ParseOsvOptions } from './types.js';

/** Every diagnostic code the ATNA reader emits; `README.md` describes each. */
export const ATNA_DIAGNOSTIC_CODES = [
  'WL_ATNA_XML_MALFORMED',
  'WL_ATNA_TRUNCATED',
  'WL_ATNA_LIMIT_EXCEEDED',
  'WL_ATNA_NOT_AUDIT_MESSAGE',
  'WL_ATNA_TIME_INVALID',
] as const;
/** One ATNA diagnostic code. */
export type AtnaDiagnosticCode = (typeof ATNA_DIAGNOSTIC_CODES)[number];

/** Every diagnostic code the EPSS parser emits; `README.md` describes each. */
export const EPSS_DIAGNOSTIC_CODES = [
  'WL_EPSS_HEADER_INVALID',
  'WL_EPSS_ROW_INVALID',
  'WL_EPSS_VALUE_OUT_OF_RANGE',
  'WL_EPSS_DUPLICATE',
  'WL_EPSS_LINE_TOO_LONG',
  'WL_EPSS_META_INVALID',
  'WL_EPSS_GZIP_CORRUPT',
  'WL_EPSS_LIMIT_EXCEEDED',
] as const;
/** One EPSS diagnostic code. */
export type EpssDiagnosticCode = (typeof EPSS_DIAGNOSTIC_CODES)[number];

/** Codes that always get through the diagnostic cap. */
export const EPSS_ALWAYS: ReadonlySet<EpssDiagnosticCode> = new Set([
  'WL_EPSS_GZIP_CORRUPT',
  'WL_EPSS_LIMIT_EXCEEDED',
]);

/**
 * Every diagnostic code the CVE JSON 5 and NVD parsers emit; `README.md` describes each. The
 * record mappers share most conditions, so they report a condition and each parser names it.
 */
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import type { JsonCondition } from './json-records.js';

/** Conditions the shared mapping code (CVSS, CPE, references, text) reports for either feed. */
export type SharedCondition =
  'CVSS_INVALID' | 'CVSS_SCORE_MISMATCH' | 'CPE_INVALID' | 'VALUE_INVALID' | 'LIMIT_EXCEEDED';

/** Conditions only a CVE JSON 5 record reports. */
export type CveOnlyCondition =
  'SSVC_INVALID' | 'VERSION_UNSUPPORTED' | 'RECORD_INVALID' | 'DATA_VERSION';

/** Conditions only an NVD page reports. */
export type NvdOnlyCondition = 'PAGE_INVALID' | 'ITEM_INVALID' | 'DUPLICATE';

/** How a mapper reports about the record it is reading. */
export type RecordReport<Condition extends string = SharedCondition> = (
  condition: Condition,
  severity: DiagnosticSeverity,
  message: string,
) => void;

export const CVE_DIAGNOSTIC_CODES = [
  'WL_CVE_JSON_MALFORMED',
  'WL_CVE_TRUNCATED',
  'WL_CVE_POISONED_KEY',
  'WL_CVE_LIMIT_EXCEEDED',
  'WL_CVE_RECORD_INVALID',
  'WL_CVE_DATA_VERSION',
  'WL_CVE_CVSS_INVALID',
  'WL_CVE_CVSS_SCORE_MISMATCH',
  'WL_CVE_SSVC_INVALID',
  'WL_CVE_CPE_INVALID',
  'WL_CVE_VERSION_UNSUPPORTED',
  'WL_CVE_VALUE_INVALID',
] as const;
/** One CVE JSON 5 diagnostic code. */
export type CveDiagnosticCode = (typeof CVE_DIAGNOSTIC_CODES)[number];

export const NVD_DIAGNOSTIC_CODES = [
  'WL_NVD_JSON_MALFORMED',
  'WL_NVD_TRUNCATED',
  'WL_NVD_POISONED_KEY',
  'WL_NVD_LIMIT_EXCEEDED',
  'WL_NVD_PAGE_INVALID',
  'WL_NVD_ITEM_INVALID',
  'WL_NVD_DUPLICATE',
  'WL_NVD_CVSS_INVALID',
  'WL_NVD_CVSS_SCORE_MISMATCH',
  'WL_NVD_CPE_INVALID',
  'WL_NVD_VALUE_INVALID',
] as const;
/** One NVD diagnostic code. */
export type NvdDiagnosticCode = (typeof NVD_DIAGNOSTIC_CODES)[number];

/** Codes that always get through the diagnostic cap. */
export const CVE_ALWAYS: ReadonlySet<CveDiagnosticCode> = new Set([
  'WL_CVE_TRUNCATED',
  'WL_CVE_LIMIT_EXCEEDED',
]);
export const NVD_ALWAYS: ReadonlySet<NvdDiagnosticCode> = new Set([
  'WL_NVD_TRUNCATED',
  'WL_NVD_LIMIT_EXCEEDED',
]);

export function cveCodeFor(
  condition: JsonCondition | SharedCondition | CveOnlyCondition,
): CveDiagnosticCode {
  return `WL_CVE_${condition}`;
}

export function nvdCodeFor(
  condition: JsonCondition | SharedCondition | NvdOnlyCondition,
): NvdDiagnosticCode {
  return `WL_NVD_${condition}`;
}

/** Every diagnostic code the KEV parser emits; `README.md` describes each. */
import type { JsonCondition } from '../cve/json-records.js';

export const KEV_DIAGNOSTIC_CODES = [
  'WL_KEV_JSON_MALFORMED',
  'WL_KEV_TRUNCATED',
  'WL_KEV_POISONED_KEY',
  'WL_KEV_LIMIT_EXCEEDED',
  'WL_KEV_CATALOG_INVALID',
  'WL_KEV_ENTRY_INVALID',
  'WL_KEV_VALUE_INVALID',
  'WL_KEV_DUPLICATE',
  'WL_KEV_COUNT_MISMATCH',
] as const;
/** One KEV diagnostic code. */
export type KevDiagnosticCode = (typeof KEV_DIAGNOSTIC_CODES)[number];

/** Codes that always get through the diagnostic cap. */
export const KEV_ALWAYS: ReadonlySet<KevDiagnosticCode> = new Set([
  'WL_KEV_TRUNCATED',
  'WL_KEV_LIMIT_EXCEEDED',
  'WL_KEV_COUNT_MISMATCH',
]);

/** The KEV code for a condition the JSON reader reports. */
export function kevCodeFor(condition: JsonCondition): KevDiagnosticCode {
  return `WL_KEV_${condition}`;
}

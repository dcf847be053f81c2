/** Every diagnostic code the Entra sign-in reader emits; `README.md` describes each. */
import type { JsonLogCondition } from './json-log-splitter.js';

export const ENTRA_DIAGNOSTIC_CODES = [
  'WL_ENTRA_JSON_MALFORMED',
  'WL_ENTRA_TRUNCATED',
  'WL_ENTRA_POISONED_KEY',
  'WL_ENTRA_LIMIT_EXCEEDED',
  'WL_ENTRA_NOT_SIGNIN',
  'WL_ENTRA_TIME_INVALID',
] as const;
/** One Entra diagnostic code. */
export type EntraDiagnosticCode = (typeof ENTRA_DIAGNOSTIC_CODES)[number];

/** The Entra code for a condition the JSON log reader reports. */
export function entraCodeFor(condition: JsonLogCondition): EntraDiagnosticCode {
  return `WL_ENTRA_${condition}`;
}

/** Every diagnostic code the Okta System Log reader emits; `README.md` describes each. */
import type { JsonLogCondition } from '../entra/json-log-records.js';

export const OKTA_DIAGNOSTIC_CODES = [
  'WL_OKTA_JSON_MALFORMED',
  'WL_OKTA_TRUNCATED',
  'WL_OKTA_POISONED_KEY',
  'WL_OKTA_LIMIT_EXCEEDED',
  'WL_OKTA_NOT_EVENT',
  'WL_OKTA_TIME_INVALID',
] as const;
/** One Okta diagnostic code. */
export type OktaDiagnosticCode = (typeof OKTA_DIAGNOSTIC_CODES)[number];

/** The Okta code for a condition the JSON log reader reports. */
export function oktaCodeFor(condition: JsonLogCondition): OktaDiagnosticCode {
  return `WL_OKTA_${condition}`;
}

/** Every diagnostic code the FHIR AuditEvent reader emits; `README.md` describes each. */
import type { JsonLogCondition } from '../entra/json-log-records.js';

export const FHIR_AUDIT_DIAGNOSTIC_CODES = [
  'WL_FHIR_AUDIT_JSON_MALFORMED',
  'WL_FHIR_AUDIT_TRUNCATED',
  'WL_FHIR_AUDIT_POISONED_KEY',
  'WL_FHIR_AUDIT_LIMIT_EXCEEDED',
  'WL_FHIR_AUDIT_NOT_AUDIT_EVENT',
  'WL_FHIR_AUDIT_TIME_INVALID',
] as const;
/** One FHIR AuditEvent diagnostic code. */
export type FhirAuditDiagnosticCode = (typeof FHIR_AUDIT_DIAGNOSTIC_CODES)[number];

/** The FHIR AuditEvent code for a condition the JSON log reader reports. */
export function fhirAuditCodeFor(condition: JsonLogCondition): FhirAuditDiagnosticCode {
  return `WL_FHIR_AUDIT_${condition}`;
}

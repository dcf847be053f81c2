export { readFhirAuditEvents } from './read.js';
export { auditTrailData } from './audit-event.js';
export { FHIR_AUDIT_DIAGNOSTIC_CODES, type FhirAuditDiagnosticCode } from './diagnostics.js';

/**
 * Caps of the FHIR AuditEvent reader beyond the shared JSON log caps
 * (`../entra/json-log-limits.ts`: 1 MiB, nesting 32, 100 000 values per record).
 */

/** Characters of a decoded entity query kept in `Query`. */
export const MAX_QUERY_CHARS = 16 * 1024;

/**
 * Caps on a JSON audit log (Entra sign-ins, Okta System Log, FHIR AuditEvent), shared by the
 * readers built on `json-log-records.ts`. A real record is a few KB: a Graph `signIn` about 3 KB,
 * an Okta event about 2 KB, an AuditEvent under 10 KB. Every cap is far above that; each one
 * costs one record (rejected with the format's `…_LIMIT_EXCEEDED` code), never the stream.
 */

/** Characters of one record (an array element, an NDJSON line, a single resource). */
export const MAX_JSON_LOG_RECORD_CHARS = 1024 * 1024;

/** Nesting of objects and arrays inside one record. */
export const MAX_JSON_LOG_DEPTH = 32;

/** Values (objects, arrays, strings, numbers…) in one record, checked after parsing. */
export const MAX_JSON_LOG_VALUES = 100_000;

/** Characters of a root member name read while looking for the wrapper (`value`, `entry`). */
export const MAX_JSON_LOG_KEY_CHARS = 64;

/** Largest piece of text scanned at once, so a huge chunk never becomes one long step. */
export const JSON_LOG_SLICE_CHARS = 64 * 1024;

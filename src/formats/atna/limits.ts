/**
 * Caps on DICOM / IHE ATNA audit messages. A real message is 1–5 KB (the 152 dcm4chee samples
 * are at most 8 KB); each cap costs one message (rejected), never the stream.
 */

/** Characters of one `<AuditMessage>…</AuditMessage>` span. */
export const MAX_ATNA_MESSAGE_CHARS = 1024 * 1024;

/** Elements in one message. */
export const MAX_ATNA_ELEMENTS = 10_000;

/** Element nesting in one message. */
export const MAX_ATNA_DEPTH = 32;

/** Attributes on one element. */
export const MAX_ATNA_ATTRIBUTES = 64;

/** Characters of text kept per element (`ParticipantObjectQuery` is the long one). */
export const MAX_ATNA_TEXT_CHARS = 64 * 1024;

/** Largest piece of text scanned at once. */
export const ATNA_SLICE_CHARS = 64 * 1024;

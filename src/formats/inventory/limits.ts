/**
 * Caps that keep memory and time bounded on hostile or broken exports. Each one skips a line or a
 * row, or stops the parse, with a diagnostic; none is close to what a real CMMS or CMDB export
 * needs (a large health system lists ~200 000 devices in ~40 columns of short values).
 */

/** Data rows per file (CSV records, JSON elements, NDJSON lines). Past it the parse stops. */
export const MAX_ROWS = 1_048_576;

/** Columns in a CSV header or keys in one JSON object. A wider header stops the parse. */
export const MAX_COLUMNS = 1024;

/** Characters in one mapped value. A longer value is dropped; the row is kept. */
export const MAX_FIELD_CHARS = 4096;

/** Characters in one physical line. A longer line is skipped whole, without being held. */
export const MAX_LINE_CHARS = 256 * 1024;

/**
 * Physical lines one quoted CSV record may span. A quote still open after this many lines is
 * taken for an unbalanced quote: its first line is skipped and reading resumes on the next.
 */
export const MAX_RECORD_LINES = 64;

/** Characters in one CSV record or one JSON array element. Past it the record is skipped (CSV) or the parse stops (JSON array). */
export const MAX_RECORD_CHARS = 1024 * 1024;

/** Diagnostics per file; one more says the rest were suppressed. */
export const MAX_DIAGNOSTICS = 1000;

/** Distinct category texts reported as unknown; each is reported once, at its first row. */
export const MAX_UNKNOWN_CATEGORIES = 256;

/** Characters of a mapping file (YAML or JSON). */
export const MAX_MAPPING_CHARS = 64 * 1024;

/** CSV records handed to csv-parse at once; a batch with a bad record is re-read record by record. */
export const CSV_BATCH_RECORDS = 512;

/** Size of the slices the decoded input is handled in, so the caps above are checked often. */
export const FEED_SLICE_CHARS = 64 * 1024;

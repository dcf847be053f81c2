/** Named caps for the line-oriented log readers (JSON logs, Suricata EVE, Zeek). */

/** Longest line (or JSON array item) read, in bytes; a longer one is skipped, not held. */
export const MAX_LINE_BYTES = 1024 * 1024;
/** Deepest nesting of objects and arrays in one JSON record. */
export const MAX_JSON_DEPTH = 64;
/** Object members plus array elements in one JSON record. */
export const MAX_JSON_NODES = 20_000;
/** Bytes of an over-long record kept to show in the dead-letter store (then cut to characters). */
export const MAX_RAW_HEAD_BYTES = 16 * 1024;
/** Whitespace read before a JSON log's first value decides between lines and an array. */
export const MAX_SNIFF_BYTES = 64 * 1024;
/** Longest text read as a timestamp. */
export const MAX_TIME_CHARS = 64;

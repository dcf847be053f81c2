/**
 * Caps on an EPSS file. The daily file (2025) has about 290 000 rows of about 35 bytes (≈ 10 MB
 * plain, 2 MB gzip); each cap is far above that.
 */

/** Characters of one line. A longer line is skipped (it is read past, never held). */
export const MAX_EPSS_LINE_CHARS = 1024;

/** Score rows read per file. Past it the parse stops; rows before are kept. */
export const MAX_EPSS_ROWS = 2_000_000;

/** Bytes of decompressed (or plain) text read. Past it the parse stops. */
export const MAX_EPSS_TEXT_BYTES = 512 * 1024 * 1024;

/** Characters of a `#model_version:…` comment value kept. */
export const MAX_EPSS_META_CHARS = 128;

/**
 * Caps on a KEV catalog. The real catalog (August 2025) is 1.3 MB with 1 404 entries of about
 * 1 KB each; every cap is far above that, and each one stops the parse or drops one value with a
 * `WL_KEV_LIMIT_EXCEEDED` or `WL_KEV_VALUE_INVALID` diagnostic.
 */
import type { JsonReaderLimits } from '../cve/json-records.js';

/** Entries read per catalog. Past it the parse stops; entries before are kept. */
export const MAX_KEV_ENTRIES = 100_000;

/** Characters of one text field (description, notes, required action). Longer is cut. */
export const MAX_KEV_TEXT_CHARS = 64 * 1024;

/** CWE ids kept per entry. */
export const MAX_KEV_CWES = 64;

/** The streaming reader's caps for a KEV catalog. */
export const KEV_JSON_LIMITS: JsonReaderLimits = {
  maxDocumentBytes: 256 * 1024 * 1024,
  maxTokenBytes: 1024 * 1024,
  maxDepth: 8,
  maxNodesPerRecord: 10_000,
  maxCharsPerRecord: 1024 * 1024,
};

/**
 * Caps that keep memory and time bounded on hostile CSAF documents. Each one is reported with a
 * `WL_CSAF_LIMIT_EXCEEDED` diagnostic when reached; none is close to what real advisories need
 * (the largest ICS medical advisory is ~120 KB with ~60 products; large vendor VEX documents list
 * a few thousand products).
 */

/** Bytes of input read by default. A larger document is not parsed (see `read.ts`). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** JSON nesting (objects and arrays) anywhere in the document. Deeper documents are not parsed. */
export const MAX_JSON_DEPTH = 64;

/** Depth of `product_tree.branches` nesting. Deeper branches are skipped. */
export const MAX_BRANCH_DEPTH = 30;

/** Products defined in the product tree (branches, full product names, relationships). */
export const MAX_PRODUCTS = 20_000;

/** Product criteria kept on one advisory. Past it the rest of that vulnerability's products are dropped. */
export const MAX_PRODUCTS_PER_ADVISORY = 5_000;

/** Vulnerabilities read from one document. */
export const MAX_VULNERABILITIES = 10_000;

/** Characters kept of a name, id, URL or other short value; longer values are cut. */
export const MAX_STRING_CHARS = 4 * 1024;

/** Characters kept of a note, remediation detail or impact statement; longer text is cut. */
export const MAX_TEXT_CHARS = 64 * 1024;

/** Items kept per list (model numbers, references, remediations, scores, ids per status list). */
export const MAX_LIST_ITEMS = 10_000;

/** Diagnostics per document; one more says the rest were suppressed. */
export const MAX_DIAGNOSTICS = 1000;

/** Entries read from one ROLIE feed. */
export const MAX_FEED_ENTRIES = 100_000;

/** Characters of a provider-metadata or ROLIE document (they are read whole). */
export const MAX_METADATA_CHARS = 64 * 1024 * 1024;

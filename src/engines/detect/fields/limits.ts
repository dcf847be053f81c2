/** Caps on field lookup. */

/** Parts of a dotted field name followed into nested objects. */
export const MAX_PATH_PARTS = 16;
/** Accessors cached per shape (distinct field names); past it, accessors are built per call. */
export const MAX_CACHED_ACCESSORS = 20_000;

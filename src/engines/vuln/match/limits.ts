/** Caps on what the matcher reads from a target or an advisory. */

/** Longest purl the matcher parses; longer ones match nothing. */
export const MAX_PURL_LENGTH = 2048;
/** Longest name, vendor, model or CSAF range text the matcher normalizes. */
export const MAX_NAME_LENGTH = 512;
/** Most constraints read from one `vers:` range or one vendor range text. */
export const MAX_RANGE_CONSTRAINTS = 64;
/** Most platform CPEs of one target that a configuration is evaluated against. */
export const MAX_PLATFORM_CPES = 256;
/** Most target purls and CPE names kept parsed between calls (the cache is emptied past it). */
export const MAX_CACHED_TARGETS = 20_000;

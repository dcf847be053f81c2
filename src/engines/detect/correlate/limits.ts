/** Caps that keep correlation state bounded whatever the event stream holds. */

/** Open groups (distinct group-by values) per correlation; the least recently active goes first. */
export const MAX_GROUPS_PER_CORRELATION = 10_000;
/** Entries (hits with their times) kept per group; the oldest goes first. */
export const MAX_ENTRIES_PER_GROUP = 1_000;
/** Entries kept across all groups of one correlation; whole groups go, least recently active first. */
export const MAX_ENTRIES_PER_CORRELATION = 100_000;
/** Events a group keeps for its detection; later hits are counted with their time only. */
export const MAX_EVENTS_PER_DETECTION = 100;
/** Distinct values a `value_count` group keeps. */
export const MAX_DISTINCT_VALUES_PER_GROUP = 1_000;
/** Characters of a group-by or counted value kept; longer values are cut. */
export const MAX_VALUE_CHARS = 256;
/** Correlations of correlations followed this deep; deeper (or circular) chains stop. */
export const MAX_CHAIN_DEPTH = 8;

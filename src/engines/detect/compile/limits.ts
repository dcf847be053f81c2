/** Caps on what compiling one rule may produce, and on evaluation work per event. */

/** Variants one value may expand into (windash permutations × placeholders × encodings). */
export const MAX_VALUE_VARIANTS = 4_096;
/** Literal keys one rule may be indexed under; past it the rule is tested on every event. */
export const MAX_INDEX_KEYS = 4_096;
/**
 * Characters of a literal a rule is indexed by: its last ones (any part of a required literal is
 * required; paths and command lines tell apart at their end).
 */
export const MAX_KEY_LITERAL_CHARS = 40;
/** Characters a backtracking (V8) regular expression is run on; longer values go to re2js. */
export const MAX_BACKTRACK_INPUT_CHARS = 4_096;
/** Scalar values gathered from one event for keyword search. */
export const MAX_KEYWORD_VALUES = 10_000;
/** Nesting followed when gathering an event's values. */
export const MAX_VALUE_DEPTH = 32;
/** Log-source buckets cached per rule set. */
export const MAX_CACHED_BUCKETS = 1_024;

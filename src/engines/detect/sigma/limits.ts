/** Caps on what one Sigma rule file may hold; a file over a cap is rejected with a problem. */

/** Characters in one YAML text (a SigmaHQ rule is a few kilobytes). */
export const MAX_RULE_TEXT_CHARS = 1_000_000;
/** YAML documents in one file (a rule plus its correlations). */
export const MAX_DOCUMENTS = 32;
/** YAML aliases expanded per document (alias bombs). */
export const MAX_ALIAS_COUNT = 16;
/** Nesting of YAML collections in one document. */
export const MAX_YAML_DEPTH = 12;
/** Values in one list (field values, keywords, list of maps). */
export const MAX_LIST_VALUES = 10_000;
/** Search identifiers in one detection. */
export const MAX_SEARCH_IDENTIFIERS = 1_000;
/** Field conditions across one rule's detection. */
export const MAX_FIELD_CONDITIONS = 10_000;
/** Characters of a condition expression. */
export const MAX_CONDITION_CHARS = 10_000;
/** Nesting of parentheses and `not` in a condition. */
export const MAX_CONDITION_DEPTH = 64;
/** Characters in one `re` value. */
export const MAX_REGEX_CHARS = 4_096;
/** Characters in one string value. */
export const MAX_VALUE_CHARS = 65_536;

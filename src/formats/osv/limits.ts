/** Caps on OSV input; a record past one is cut (with a diagnostic), never read unbounded. */

/** Largest input `parseOsv` reads: an OSV file is one record, a few hundred KB at most. */
export const MAX_OSV_INPUT_CHARS = 32 * 1024 * 1024;
/** Records in one top-level array. */
export const MAX_OSV_RECORDS = 100_000;
/** Nesting depth of any value (objects and arrays). */
export const MAX_OSV_DEPTH = 32;
/** YAML aliases per document; OSV files have none, a billion-laughs file has many. */
export const MAX_OSV_YAML_ALIASES = 16;
export const MAX_OSV_AFFECTED = 1000;
export const MAX_OSV_RANGES = 100;
export const MAX_OSV_EVENTS = 1000;
/** Listed versions per affected package (PyPI records list every release, a few thousand). */
export const MAX_OSV_VERSIONS = 50_000;
export const MAX_OSV_REFERENCES = 1000;
export const MAX_OSV_ALIASES = 200;
export const MAX_OSV_SEVERITIES = 20;
/** Longest id, alias, version, ecosystem or package name. */
export const MAX_OSV_SHORT_TEXT = 512;
/** Longest summary or details; longer ones are cut. */
export const MAX_OSV_LONG_TEXT = 256 * 1024;
export const MAX_OSV_URL = 4096;

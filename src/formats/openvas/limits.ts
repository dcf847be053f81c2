/**
 * Caps that keep memory and time bounded on hostile input. GVM writes a report's results before
 * its host blocks, so the parser holds every host until its `report` element closes: the caps on
 * what is kept matter more here than for a format that streams host by host. None is close to what
 * a real scan needs (a /16 target has 65 536 hosts; a busy host a few hundred results).
 */

/** Element nesting below the document root. Past it the parse stops. */
export const MAX_ELEMENT_DEPTH = 64;

/**
 * Characters fed to the XML parser between two of its events. This bounds any one tag, attribute
 * value, text run, comment or DOCTYPE, which the SAX parser must hold whole. Past it the parse stops.
 */
export const MAX_TOKEN_CHARS = 4 * 1024 * 1024;

/** Attributes on one element. Past it the parse stops. */
export const MAX_ATTRIBUTES_PER_ELEMENT = 64;

/** Distinct host addresses per file. Past it the parse stops; hosts read so far are kept. */
export const MAX_HOSTS_PER_FILE = 262_144;

/** Results kept per host. Later results for that host are dropped with one diagnostic. */
export const MAX_RESULTS_PER_HOST = 100_000;

/** Elements inside one `result` or report-level `host`. Past it that element is skipped. */
export const MAX_ELEMENTS_PER_BLOCK = 200_000;

/** Host details (`host/detail`) kept per host block. Later ones are ignored. */
export const MAX_DETAILS_PER_HOST = 20_000;

/** Characters of detail values in one host block. Past it the block is skipped. */
export const MAX_BLOCK_CHARS = 16 * 1024 * 1024;

/** Characters of `result/description` kept; the rest is cut with a warning. */
export const MAX_DESCRIPTION_CHARS = 64 * 1024;

/** Characters kept of any other text value (names, tags, solutions, detail values). */
export const MAX_FIELD_CHARS = 16 * 1024;

/**
 * Characters of values held for the whole file until the hosts are emitted. Text repeated across
 * hosts (the same NVT's name, summary and solution) is held once. Past it the parse stops.
 */
export const MAX_HELD_CHARS = 256 * 1024 * 1024;

/** Diagnostics per file; one more says the rest were suppressed. */
export const MAX_DIAGNOSTICS = 1000;

/** Size of the slices the input is fed in, so the caps above are checked often. */
export const FEED_SLICE_CHARS = 64 * 1024;

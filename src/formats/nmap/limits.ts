/**
 * Caps that keep memory and time bounded on hostile input. Each one stops or skips with a
 * `WL_NMAP_LIMIT_EXCEEDED` or `WL_NMAP_HOST_INVALID` diagnostic; none is close to what real Nmap
 * output needs (a full /16 sweep has 65 536 hosts; a host's deepest script tables nest ~8 deep).
 */

/** Element nesting below the document root. Past it the parse stops. */
export const MAX_ELEMENT_DEPTH = 64;

/**
 * Characters fed to the XML parser between two of its events. This bounds any one tag, attribute
 * value, text run, comment or DOCTYPE, which the SAX parser must hold whole. Past it the parse stops.
 */
export const MAX_TOKEN_CHARS = 1024 * 1024;

/** Attributes on one element. Past it the parse stops. */
export const MAX_ATTRIBUTES_PER_ELEMENT = 64;

/** `host` elements per file. Past it the parse stops; earlier hosts are kept. */
export const MAX_HOSTS_PER_FILE = 1_048_576;

/** Elements inside one `host`. Past it that host is skipped. */
export const MAX_ELEMENTS_PER_HOST = 500_000;

/** Characters of attribute values and text kept for one host. Past it that host is skipped. */
export const MAX_HOST_CHARS = 16 * 1024 * 1024;

/** Diagnostics per file; one more says the rest were suppressed. */
export const MAX_DIAGNOSTICS = 1000;

/** Size of the slices the input is fed in, so the caps above are checked often. */
export const FEED_SLICE_CHARS = 64 * 1024;

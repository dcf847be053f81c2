/**
 * Caps that keep memory and time bounded on hostile input. Hosts stream out one `ReportHost` at a
 * time, so memory is bounded by one host; these caps bound that host. None is close to what a real
 * scan needs (a busy Windows server has a few hundred items and outputs of a few hundred KiB).
 */

/** Element nesting below the document root. Past it the parse stops. */
export const MAX_ELEMENT_DEPTH = 64;

/**
 * Characters fed to the XML parser between two of its events. This bounds any one tag, attribute
 * value, text run, comment or DOCTYPE, which the SAX parser must hold whole. Plugin outputs are the
 * longest values in practice. Past it the parse stops. The `Policy` section is never fed to the
 * XML parser (its plugin list alone passes 1 MiB), so this cap does not apply to it.
 */
export const MAX_TOKEN_CHARS = 8 * 1024 * 1024;

/** Attributes on one element. Past it the parse stops. */
export const MAX_ATTRIBUTES_PER_ELEMENT = 64;

/** `ReportHost` elements per file. Past it the parse stops; earlier hosts are kept. */
export const MAX_HOSTS_PER_FILE = 1_048_576;

/** `ReportItem` elements kept per host. Later ones are dropped with one diagnostic. */
export const MAX_ITEMS_PER_HOST = 50_000;

/** Elements inside one `ReportHost`. Past it that host is skipped. */
export const MAX_ELEMENTS_PER_HOST = 2_000_000;

/** Characters of one `plugin_output` kept; the rest is cut with a warning. */
export const MAX_PLUGIN_OUTPUT_CHARS = 64 * 1024;

/** Characters of plugin outputs kept per host; later outputs are dropped with a warning. */
export const MAX_HOST_OUTPUT_CHARS = 32 * 1024 * 1024;

/** Characters of a software-listing output (plugins 20811, 22869) read for the software list. */
export const MAX_SOFTWARE_OUTPUT_CHARS = 4 * 1024 * 1024;

/** Software entries kept per host. */
export const MAX_SOFTWARE_PER_HOST = 20_000;

/** Characters kept of any other text value (synopsis, solution, host tags). */
export const MAX_FIELD_CHARS = 16 * 1024;

/** Diagnostics per file; one more says the rest were suppressed. */
export const MAX_DIAGNOSTICS = 1000;

/** Size of the slices the input is fed in, so the caps above are checked often. */
export const FEED_SLICE_CHARS = 64 * 1024;

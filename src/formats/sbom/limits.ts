/**
 * Caps that keep memory and time bounded on hostile SBOMs, shared by the CycloneDX and SPDX
 * parsers. Each one stops the parse or skips one record with a `…_LIMIT_EXCEEDED`,
 * `…_COMPONENT_INVALID`/`…_PACKAGE_INVALID` or `…_VALUE_INVALID` diagnostic. None is close to
 * what real SBOMs need: a large container image lists ~5 000 components; device SBOMs, hundreds.
 */

/** Bytes of input read. Past it the parse stops; what was read is kept. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/** Components per document, nested ones included. Past it the parse stops. */
export const MAX_COMPONENTS = 200_000;

/** Dependency edges kept per document. Past it the parse stops. */
export const MAX_EDGES = 1_000_000;

/**
 * Bytes the JSON tokenizer or the XML parser may hold for one token (a string, a tag, a text run).
 * Embedded license texts and attachments can be large, so this is generous; past it the parse
 * stops. Values Wardline keeps are capped far lower by `MAX_STRING_CHARS`.
 */
export const MAX_TOKEN_BYTES = 8 * 1024 * 1024;

/** Characters of one kept value (a name, a purl, a property). A longer value is dropped. */
export const MAX_STRING_CHARS = 64 * 1024;

/** JSON or XML nesting below the root. Past it the parse stops. */
export const MAX_DEPTH = 32;

/** JSON values or XML elements inside one component, package or metadata block. Past it, skipped. */
export const MAX_NODES_PER_RECORD = 100_000;

/** Characters of strings inside one component, package or metadata block. Past it, skipped. */
export const MAX_CHARS_PER_RECORD = 16 * 1024 * 1024;

/** Items kept per list on one component (properties, CPEs, hashes, licenses, tools, authors). */
export const MAX_LIST_ITEMS = 256;

/** Steps the dependency-cycle check may take; past it the check gives up (with an info note). */
export const MAX_CYCLE_CHECK_STEPS = 4_000_000;

/** Characters of one SPDX tag-value line, or of one `<text>…</text>` value. */
export const MAX_LINE_CHARS = 1024 * 1024;

/** Diagnostics per document; one more says the rest were suppressed. */
export const MAX_DIAGNOSTICS = 1000;

/** Size of the slices input is fed in, so the caps above are checked often. */
export const FEED_SLICE_BYTES = 64 * 1024;

/** How much of the input `parseSbom` looks at to tell the format. */
export const SNIFF_BYTES = 64 * 1024;

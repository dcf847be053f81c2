/** Named caps for the EVTX reader: every size and count the input controls is bounded here. */

/** Bytes of the file header block (MS-EVEN6 §2.2: the header is padded to 4 KiB). */
export const FILE_HEADER_BYTES = 4096;
/** Bytes of one chunk; a chunk is the unit checked, cached and read. */
export const CHUNK_BYTES = 65_536;
/** Bytes of a chunk header, where the records area begins. */
export const CHUNK_HEADER_BYTES = 512;
/** Records read from one chunk at most (a record is at least 32 bytes; 64 KiB holds ~2 000). */
export const MAX_RECORDS_PER_CHUNK = 4_096;
/** Template definitions cached per chunk. */
export const MAX_TEMPLATES_PER_CHUNK = 1_024;
/** Element names cached per chunk. */
export const MAX_NAMES_PER_CHUNK = 8_192;
/** Nesting of template instances and BinXml values inside one another. */
export const MAX_BINXML_DEPTH = 16;
/** Elements open at once while a record is rendered. */
export const MAX_ELEMENT_DEPTH = 128;
/** Tokens (elements, attributes, values) rendered for one record. */
export const MAX_TOKENS_PER_RECORD = 50_000;
/** Substitution values in one template instance. */
export const MAX_SUBSTITUTIONS = 4_096;
/** UTF-16 code units kept of one string value; longer ones are cut. */
export const MAX_STRING_UNITS = 32_768;
/** Items kept of one array value. */
export const MAX_ARRAY_ITEMS = 4_096;
/** Characters kept of one element or attribute name. */
export const MAX_NAME_UNITS = 1_024;
/** Rejected items (diagnostics) yielded per chunk; past the cap one summary item. */
export const MAX_DIAGNOSTICS_PER_CHUNK = 16;

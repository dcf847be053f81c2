/** Named caps for the Zeek log reader (line, JSON and depth caps are `../jsonlog/limits.ts`). */

/** Columns in one `#fields` header. */
export const MAX_ZEEK_FIELDS = 512;
/** Characters of one header value kept (`#path`, a separator, `#open`). */
export const MAX_ZEEK_HEADER_VALUE_CHARS = 256;

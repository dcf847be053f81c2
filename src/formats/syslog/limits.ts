/** Named caps for the syslog reader: every size and count the input controls is bounded here. */

/** Longest line parsed, in UTF-16 code units; the rest is cut with a diagnostic. */
export const MAX_MESSAGE_CHARS = 64 * 1024;
/** Default largest frame the TCP framer holds, in bytes (RFC 6587 streams). */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
/** Longest octet count prefix accepted, in digits. */
export const MAX_OCTET_COUNT_DIGITS = 9;
/** SD-ELEMENTs kept per message. */
export const MAX_SD_ELEMENTS = 64;
/** SD-PARAMs kept per message, over all elements. */
export const MAX_SD_PARAMS = 512;
/** RFC 5424 SD-NAME length (SD-ID and PARAM-NAME). */
export const MAX_SD_NAME = 32;
/** RFC 5424 header field lengths. */
export const MAX_HOSTNAME = 255;
export const MAX_APP_NAME = 48;
export const MAX_PROCID = 128;
export const MAX_MSGID = 32;
/** RFC 3164 TAG length accepted (the RFC says 32; real senders go longer). */
export const MAX_TAG = 64;
/** Diagnostics kept per message, and per framer between two reads. */
export const MAX_DIAGNOSTICS = 32;

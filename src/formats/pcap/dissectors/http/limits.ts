/** Caps for one HTTP/1.x conversation. */
export const HTTP_LIMITS = {
  /** Bytes of one message head (start line and header fields) kept while looking for its end. */
  maxHeadBytes: 16_384,
  /** Messages (requests or responses) read per direction; the rest of the stream is ignored. */
  maxMessages: 16,
  /** Characters kept of a User-Agent, Host or Server value. */
  maxValueChars: 512,
} as const;

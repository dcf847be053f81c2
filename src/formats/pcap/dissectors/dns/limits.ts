/**
 * Caps for one DNS message. RFC 1035 already bounds labels (63 bytes) and names (255 bytes); the
 * others keep a hostile datagram from costing more than a few microseconds.
 */
export const DNS_LIMITS = {
  /** Compression pointers followed while reading one name (RFC 1035 §4.1.4); a loop hits this. */
  maxPointerJumps: 16,
  /** A name's wire length, RFC 1035 §2.3.4. */
  maxNameBytes: 255,
  /** A label's length, RFC 1035 §2.3.4. */
  maxLabelBytes: 63,
  /** Questions read from one message; real queries carry one. */
  maxQuestions: 16,
  /** Answer records read from one message. */
  maxAnswers: 128,
  /** DNS messages read per direction of a TCP conversation before the rest is ignored. */
  maxTcpMessages: 16,
} as const;

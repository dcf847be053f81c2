/**
 * Caps for one TLS conversation. A hello or certificate larger than these is not read; every other
 * handshake message is skipped by its length without being kept.
 */
export const TLS_LIMITS = {
  /** Largest ClientHello or ServerHello body kept (real ones, with post-quantum key shares, < 8 KiB). */
  maxHelloBytes: 65_536,
  /** Bytes of a Certificate message kept: enough for the first certificate of the chain. */
  maxCertificateMessageBytes: 65_536,
  /** Largest DER certificate parsed. */
  maxCertificateBytes: 32_768,
  /** Largest record: TLSCiphertext is at most 2^14 + 2048 bytes (RFC 5246 §6.2.3). */
  maxRecordBytes: 16_384 + 2_048,
  /** Server names kept from one ClientHello, and characters per name (DNS names ≤ 253). */
  maxServerNames: 8,
  maxServerNameChars: 255,
} as const;

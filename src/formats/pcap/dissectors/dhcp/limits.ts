/** Caps for one DHCP message; real messages stay far below them. */
export const DHCP_LIMITS = {
  /** Options read from one message across the options, file and sname areas. */
  maxOptions: 256,
  /** Bytes kept for one option code after RFC 3396 concatenation of its instances. */
  maxOptionBytes: 1_024,
  /** Characters kept from a host name, vendor class or FQDN (DNS names are at most 255 bytes). */
  maxTextBytes: 255,
  /** Client identifier bytes shown (a DUID-based RFC 4361 identifier is about 20). */
  maxClientIdBytes: 128,
} as const;

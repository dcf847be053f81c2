/**
 * Caps that keep the DICOM dissector's memory and work bounded on any stream. P-DATA-TF PDUs are
 * never buffered, whatever their length: they are counted and skipped.
 */
export const DICOM_LIMITS = {
  /** A-ASSOCIATE-RQ/AC/RJ, A-RELEASE and A-ABORT PDUs longer than this are skipped unparsed. */
  maxAssociatePduLength: 65_536,
  /** Bytes scanned for the next plausible PDU header after losing sync, before giving up. */
  maxResyncBytes: 1_048_576,
  /** Presentation contexts read per association (PS3.8 allows 128: odd ids 1–255). */
  maxPresentationContexts: 128,
  /** Transfer syntaxes read per proposed presentation context. */
  maxTransferSyntaxes: 64,
  /** Diagnostics per conversation; one more at the end says how many were left out. */
  maxDiagnostics: 32,
  /** A P-DATA-TF length above this is implausible when probing or resynchronizing (16 MiB). */
  maxPlausiblePdataLength: 16_777_216,
} as const;

/**
 * Caps that keep the HL7 dissector's memory and work bounded. Only the MSH segment of a message
 * is ever buffered; the rest of a frame is scanned for its end and never kept.
 */
export const HL7_LIMITS = {
  /** An MLLP frame longer than this is reported and skipped to the next start block (1 MiB). */
  maxFrameLength: 1_048_576,
  /** An MSH segment longer than this is not read (its message is still skipped whole). */
  maxMshLength: 16_384,
  /** Characters kept of one value (application, facility, message type, version). */
  maxValueLength: 256,
  /** Distinct values reported per side and per list in one conversation. */
  maxDistinctValues: 64,
  /** Diagnostics per conversation; one more at the end says how many were left out. */
  maxDiagnostics: 32,
} as const;

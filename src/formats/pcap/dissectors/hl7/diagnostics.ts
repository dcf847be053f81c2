/** Every diagnostic code the HL7 dissector emits; README.md describes each. */
export const HL7_DIAGNOSTIC_CODES = [
  'WL_HL7_FRAME_TOO_LARGE',
  'WL_HL7_FRAME_UNTERMINATED',
  'WL_HL7_FRAME_TRAILER',
  'WL_HL7_BYTES_OUTSIDE_FRAME',
  'WL_HL7_NO_MSH',
  'WL_HL7_MSH_INVALID',
  'WL_HL7_BYTES_LOST',
  'WL_HL7_DIAGNOSTICS_SUPPRESSED',
] as const;

/** A code from `HL7_DIAGNOSTIC_CODES`. */
export type Hl7DiagnosticCode = (typeof HL7_DIAGNOSTIC_CODES)[number];

/** Builds HL7 v2 messages and MLLP frames for the tests. */

export interface MessageSpec {
  readonly fieldSeparator?: string;
  /** MSH-2: component, repetition, escape, subcomponent. */
  readonly encoding?: string;
  readonly sendingApplication?: string;
  readonly sendingFacility?: string;
  readonly receivingApplication?: string;
  readonly receivingFacility?: string;
  /** Message code and trigger, joined by the component separator when written. */
  readonly messageType?: readonly string[];
  readonly version?: string;
  /** Segments after MSH, fields joined by the field separator. */
  readonly segments?: readonly (readonly string[])[];
  /** Segment terminator: `\r` as the standard says. */
  readonly terminator?: string;
}

/** An HL7 v2 message as text. */
export function hl7Message(spec: MessageSpec = {}): string {
  const f = spec.fieldSeparator ?? '|';
  const encoding = spec.encoding ?? '^~\\&';
  const component = encoding.charAt(0);
  const msh = [
    `MSH${f}${encoding}`,
    spec.sendingApplication ?? 'LAB',
    spec.sendingFacility ?? 'NORTH',
    spec.receivingApplication ?? 'HIS',
    spec.receivingFacility ?? 'MAIN',
    '20240101120000',
    '',
    (spec.messageType ?? ['ORU', 'R01']).join(component),
    'MSG00001',
    'P',
    spec.version ?? '2.5.1',
  ].join(f);
  const segments = spec.segments ?? [
    ['PID', '1', '', `12345${component}${component}${component}HOSP`, '', `DOE${component}JANE`],
    ['OBX', '1', 'NM', `8867-4${component}Heart rate${component}LN`, '', '72'],
  ];
  const terminator = spec.terminator ?? '\r';
  return [msh, ...segments.map((s) => s.join(f))].join(terminator) + terminator;
}

/** The message in one MLLP frame: 0x0B, the message, 0x1C 0x0D. */
export function mllp(message: string): Uint8Array {
  return new TextEncoder().encode(`\x0b${message}\x1c\r`);
}

/** Text as UTF-8 bytes. */
export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

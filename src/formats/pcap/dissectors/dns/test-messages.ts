/** Builds DNS messages for tests (uncompressed names unless the caller writes raw bytes). */

export function encodeName(name: string): number[] {
  if (name === '') return [0];
  const out: number[] = [];
  for (const label of name.split('.')) {
    out.push(label.length, ...Array.from(label, (c) => c.charCodeAt(0)));
  }
  out.push(0);
  return out;
}

interface TestRecord {
  readonly name: string;
  readonly type: number;
  readonly data: readonly number[];
}

/** A DNS message to build. */
export interface TestMessage {
  readonly id?: number;
  readonly response?: boolean;
  readonly questions?: readonly (readonly [string, number])[];
  readonly answers?: readonly TestRecord[];
}

const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];

/** A DNS message: query flags, or response flags when `response`. */
export function dnsMessage(spec: TestMessage): Uint8Array {
  const questions = spec.questions ?? [];
  const answers = spec.answers ?? [];
  const bytes: number[] = [
    ...u16(spec.id ?? 0x1234),
    ...u16(spec.response === true ? 0x8180 : 0x0100),
    ...u16(questions.length),
    ...u16(answers.length),
    0,
    0,
    0,
    0,
  ];
  for (const [name, type] of questions) bytes.push(...encodeName(name), ...u16(type), 0, 1);
  for (const record of answers) {
    bytes.push(...encodeName(record.name), ...u16(record.type), 0, 1, 0, 0, 0x0e, 0x10);
    bytes.push(...u16(record.data.length), ...record.data);
  }
  return Uint8Array.from(bytes);
}

/** Prefixes a message with its two-byte TCP length. */
export function tcpFramed(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(message.length + 2);
  out[0] = message.length >> 8;
  out[1] = message.length & 0xff;
  out.set(message, 2);
  return out;
}

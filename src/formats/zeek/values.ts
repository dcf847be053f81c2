import type { EventValue } from '../../domain/detection.js';

/** A column type from `#types`: a scalar, or a `set`/`vector`/`table` of one. */
export interface ZeekType {
  readonly container: boolean;
  readonly scalar: string;
}

export function parseZeekType(text: string): ZeekType {
  const m = /^(?:set|vector|table)\[([a-z_:]+)\]$/.exec(text);
  return m?.[1] === undefined
    ? { container: false, scalar: text }
    : { container: true, scalar: m[1] };
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();
const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Undoes the ASCII writer's escapes: `\xHH` is the byte HH (Zeek writes the separator, a
 * backslash, non-printable bytes and, without `LogAscii::enable_utf_8`, non-ASCII bytes this way).
 * The bytes are read as UTF-8; a sequence that is not (escaped binary) becomes U+FFFD.
 */
export function unescapeZeek(text: string): string {
  if (!text.includes('\\x')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 2, i + 4);
    if (text.startsWith('\\x', i) && HEX.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 3;
    } else {
      const code = text.codePointAt(i) ?? 0;
      for (const b of encoder.encode(String.fromCodePoint(code))) bytes.push(b);
      if (code > 0xffff) i += 1;
    }
  }
  return utf8.decode(new Uint8Array(bytes));
}

const COUNT = /^\d{1,20}$/;
const INT = /^[+-]?\d{1,20}$/;
const DOUBLE = /^[+-]?(?:\d{1,310}(?:\.\d{0,30})?|\.\d{1,30})(?:[eE][+-]?\d{1,3})?$/;
const TIME = /^(-?)(\d{1,12})(?:\.(\d{1,9}))?$/;

/** Epoch seconds as written by Zeek (`1692161622.036086`) as ISO UTC with microseconds. */
export function zeekTimeIso(text: string): string | null {
  const m = TIME.exec(text);
  if (m === null || m[1] === '-') return null;
  const seconds = Number(m[2]);
  const micros = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
  if (seconds > 253_402_300_799) return null;
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${micros}Z`;
}

function toPort(raw: string): number | null {
  const port = COUNT.test(raw) ? Number(raw) : -1;
  return port >= 0 && port <= 65_535 ? port : null;
}

function toDouble(raw: string): number | null {
  const value = DOUBLE.test(raw) ? Number(raw) : Number.NaN;
  return Number.isFinite(value) ? value : null;
}

/** Readers of the typed scalars; any other type (addr, subnet, enum, string…) is text. */
const SCALARS: Readonly<Record<string, (raw: string) => EventValue | null>> = {
  count: (raw) => (COUNT.test(raw) ? Number(raw) : null),
  int: (raw) => (INT.test(raw) ? Number(raw) : null),
  port: toPort,
  double: toDouble,
  interval: toDouble,
  bool: (raw) => (raw === 'T' ? true : raw === 'F' ? false : null),
  time: zeekTimeIso,
};

/** One scalar by its Zeek type; null when the text does not fit the type. */
export function zeekScalar(type: string, raw: string): EventValue | null {
  const read = Object.hasOwn(SCALARS, type) ? SCALARS[type] : undefined;
  return read === undefined ? unescapeZeek(raw) : read(raw);
}

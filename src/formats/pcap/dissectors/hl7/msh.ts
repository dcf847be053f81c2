/**
 * The MSH (message header) segment of an HL7 v2 message (HL7 v2.5.1 chapter 2, §2.14.9). The
 * field separator is MSH-1, the character right after `MSH`, and the encoding characters are
 * MSH-2; both are read from the message itself, never assumed to be `|^~\&`.
 *
 * @example
 *   parseMsh('MSH#$%\\&#LAB#NORTH#HIS#MAIN#20240101##ORU$R01#1#P#2.5.1');
 *   // { sendingApplication: 'LAB', sendingFacility: 'NORTH', receivingApplication: 'HIS',
 *   //   receivingFacility: 'MAIN', messageType: 'ORU^R01', version: '2.5.1', … }
 */
import { HL7_LIMITS } from './limits.js';

/** The MSH fields Wardline reads, with the separators they were read with. */
export interface Hl7Header {
  /** MSH-1. */
  readonly fieldSeparator: string;
  /** MSH-2: component, repetition, escape, subcomponent (and, from v2.7, truncation). */
  readonly encodingCharacters: string;
  /** MSH-3 to MSH-6: component 1 (namespace id) of the HD, else component 2 (universal id). */
  readonly sendingApplication: string | null;
  readonly sendingFacility: string | null;
  readonly receivingApplication: string | null;
  readonly receivingFacility: string | null;
  /** MSH-9 message code and trigger event joined by `^` (`ADT^A01`), whatever the separators. */
  readonly messageType: string | null;
  /** MSH-12 version id (component 1). */
  readonly version: string | null;
}

/** A header, or why the segment could not be read as one. */
export type MshResult =
  | { readonly ok: true; readonly header: Hl7Header }
  | { readonly ok: false; readonly reason: string };

/** Parses one MSH segment (without its terminator). */
export function parseMsh(segment: string): MshResult {
  if (!segment.startsWith('MSH')) return { ok: false, reason: 'the segment is not MSH' };
  const fieldSeparator = segment.charAt(3);
  if (!isDelimiter(fieldSeparator)) {
    return { ok: false, reason: `MSH-1 ${JSON.stringify(fieldSeparator)} is not a separator` };
  }
  const fields = segment.split(fieldSeparator);
  const encodingCharacters = fields[1] ?? '';
  const problem = encodingProblem(encodingCharacters, fieldSeparator);
  if (problem !== null) return { ok: false, reason: problem };
  if (fields.length < 10) {
    return { ok: false, reason: `${fields.length - 1} fields, fewer than MSH-9 needs` };
  }
  const reader = new FieldReader(fieldSeparator, encodingCharacters);
  const header: Hl7Header = {
    fieldSeparator,
    encodingCharacters,
    sendingApplication: reader.hierarchicDesignator(fields[2]),
    sendingFacility: reader.hierarchicDesignator(fields[3]),
    receivingApplication: reader.hierarchicDesignator(fields[4]),
    receivingFacility: reader.hierarchicDesignator(fields[5]),
    messageType: reader.messageType(fields[8]),
    version: reader.component(fields[11], 0),
  };
  return { ok: true, header };
}

/** A separator: printable, not a letter, digit or space (HL7 2.5.1 §2.5.4). */
function isDelimiter(char: string): boolean {
  return /^[\x21-\x7e]$/.test(char) && !/^[A-Za-z0-9]$/.test(char);
}

function encodingProblem(encoding: string, fieldSeparator: string): string | null {
  // Separators are ASCII (isDelimiter), so UTF-16 code units are characters here.
  const chars = encoding.split('');
  const valid =
    chars.length >= 1 &&
    chars.length <= 5 &&
    chars.every(isDelimiter) &&
    !chars.includes(fieldSeparator) &&
    new Set(chars).size === chars.length;
  return valid
    ? null
    : `MSH-2 ${JSON.stringify(encoding.slice(0, 16))} is not 1–5 distinct separators`;
}

class FieldReader {
  readonly #component: string;
  readonly #repetition: string | undefined;
  readonly #escape: string;
  readonly #escapes: readonly (readonly [string, string])[];

  constructor(fieldSeparator: string, encoding: string) {
    this.#component = encoding.charAt(0);
    this.#repetition = encoding.length > 1 ? encoding.charAt(1) : undefined;
    const escape = encoding.charAt(2);
    const sub = encoding.charAt(3);
    this.#escape = escape;
    this.#escapes =
      escape === ''
        ? []
        : [
            [`${escape}F${escape}`, fieldSeparator],
            [`${escape}S${escape}`, this.#component],
            [`${escape}T${escape}`, sub],
            [`${escape}R${escape}`, this.#repetition ?? ''],
            [`${escape}E${escape}`, escape],
          ];
  }

  /** Component `index` (0-based) of the field's first repetition, unescaped and cleaned. */
  component(field: string | undefined, index: number): string | null {
    if (field === undefined || field === '') return null;
    const repeat = this.#repetition === undefined ? -1 : field.indexOf(this.#repetition);
    const end = repeat < 0 ? field.length : repeat;
    let start = 0;
    for (let i = 0; i < index; i++) {
      const next = field.indexOf(this.#component, start);
      if (next < 0 || next >= end) return null;
      start = next + 1;
    }
    const stop = field.indexOf(this.#component, start);
    return clean(this.#unescape(field.slice(start, stop < 0 || stop > end ? end : stop)));
  }

  /** HD: the namespace id, or the universal id when the namespace id is empty. */
  hierarchicDesignator(field: string | undefined): string | null {
    return this.component(field, 0) ?? this.component(field, 1);
  }

  /** MSG: message code and trigger event, joined by `^`. */
  messageType(field: string | undefined): string | null {
    const code = this.component(field, 0);
    const trigger = this.component(field, 1);
    if (code === null) return null;
    return trigger === null ? code : `${code}^${trigger}`;
  }

  #unescape(value: string): string {
    if (this.#escape === '' || !value.includes(this.#escape)) return value;
    let out = value;
    for (const [sequence, char] of this.#escapes) out = out.split(sequence).join(char);
    return out;
  }
}

// eslint-disable-next-line no-control-regex -- control characters are what these match
const CONTROL = /[\x00-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- control characters are what these match
const CONTROLS = /[\x00-\x1f\x7f]/g;

/** Without control characters, trimmed, at most `maxValueLength`; null when nothing is left. */
function clean(value: string): string | null {
  const text = (CONTROL.test(value) ? value.replace(CONTROLS, '') : value).trim();
  return text === '' ? null : text.slice(0, HL7_LIMITS.maxValueLength);
}

/**
 * One attribute value in Wardline's form (see `CpeName`): character classes, validation of a value
 * as the formatted-string binding writes it, wild-card tests and unquoting.
 */
import type { CpeParseCode } from './types.js';

/** `a-z A-Z 0-9 . _ -`: written as themselves in a formatted string. */
export function isUnreserved(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x2d
  );
}

/** Printable ASCII punctuation other than `. _ -`: written after a backslash. */
export function isQuotable(code: number): boolean {
  return code > 0x20 && code < 0x7f && !isUnreserved(code);
}

export interface ValueProblem {
  readonly code: CpeParseCode;
  /** Offset within the checked slice. */
  readonly at: number;
  readonly message: string;
}

const QUESTION = 0x3f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;

/** Length of the run of unquoted `?` (or the single `*`) opening `text[start, end)`. */
function leadingWildcards(text: string, start: number, end: number): number {
  if (text.charCodeAt(start) === STAR) return 1;
  let i = start;
  while (i < end && text.charCodeAt(i) === QUESTION) i++;
  return i - start;
}

/**
 * Checks `text[start, end)` as a string value (not `*`/`-` alone): an optional opening wild card,
 * at least one unreserved or quoted character, an optional closing wild card. Null when valid.
 *
 * @example checkValue('8.*', 0, 3) → null; checkValue('8*1', 0, 3) → { code: 'WL_CPE_WILDCARD', at: 1 }
 */
export function checkValue(text: string, start: number, end: number): ValueProblem | null {
  let i = start + leadingWildcards(text, start, end);
  const bodyStart = i;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 >= end || !isQuotable(next)) {
        return {
          code: 'WL_CPE_CHARACTER',
          at: i - start,
          message: 'a backslash must quote a punctuation character',
        };
      }
      i += 2;
    } else if (isUnreserved(code)) {
      i++;
    } else if (code === STAR || code === QUESTION) {
      break;
    } else {
      return {
        code: 'WL_CPE_CHARACTER',
        at: i - start,
        message: `character ${JSON.stringify(text[i])} must be quoted or is not allowed`,
      };
    }
  }
  if (i === bodyStart) {
    return {
      code: 'WL_CPE_WILDCARD',
      at: i - start,
      message: 'a value needs at least one character besides its wild cards',
    };
  }
  return checkClosingWildcards(text, i, start, end);
}

function checkClosingWildcards(
  text: string,
  from: number,
  start: number,
  end: number,
): ValueProblem | null {
  if (from === end) return null;
  if (text.charCodeAt(from) === STAR && from + 1 === end) return null;
  let i = from;
  while (i < end && text.charCodeAt(i) === QUESTION) i++;
  if (i === end && text.charCodeAt(from) === QUESTION) return null;
  return {
    code: 'WL_CPE_WILDCARD',
    at: i - start,
    message: 'wild cards may appear only at the start or end of a value',
  };
}

/** Two or three letters, optionally `-` and a two-letter region or three-digit area (RFC 5646 subset). */
export function isLanguageTag(value: string): boolean {
  return /^[a-z]{2,3}(?:-(?:[a-z]{2}|[0-9]{3}))?$/i.test(value);
}

/** True when a string value (not ANY or NA) carries an unquoted `*` or `?`. */
export function hasWildcards(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first === STAR || first === QUESTION) return true;
  const last = value.length - 1;
  const code = value.charCodeAt(last);
  if (last < 1 || (code !== STAR && code !== QUESTION)) return false;
  let slashes = 0;
  for (let i = last - 1; i >= 0 && value.charCodeAt(i) === BACKSLASH; i--) slashes++;
  return slashes % 2 === 0;
}

/**
 * The plain text of a value without its quoting (`1.0\:beta` → `1.0:beta`), for version
 * comparison and display.
 */
export function unquoteValue(value: string): string {
  if (!value.includes('\\')) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      i++;
      out += value[i] ?? '';
    } else {
      out += ch ?? '';
    }
  }
  return out;
}

/**
 * A plain text as a value in Wardline's form (`1.0:beta` → `1.0\:beta`), lower-cased; null when
 * it holds a character no CPE value can (space, control, non-ASCII) or is empty.
 */
export function quoteValue(text: string): string | null {
  if (text === '') return null;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isUnreserved(code)) out += String.fromCharCode(code).toLowerCase();
    else if (isQuotable(code)) out += `\\${String.fromCharCode(code)}`;
    else return null;
  }
  return out === '-' ? null : out;
}

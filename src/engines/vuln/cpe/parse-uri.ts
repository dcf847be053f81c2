/**
 * Unbinding the CPE URI (NISTIR 7695 §6.1.3, the CPE 2.2 form): `cpe:/part:vendor:product:version:
 * update:edition:language`, trailing components optional, an empty component ANY, `-` NA, `%01`
 * and `%02` the wild cards `?` and `*`, other characters percent-encoded, and the packed edition
 * `~edition~sw_edition~target_sw~target_hw~other`.
 */
import { toName } from './parse-fs.js';
import { CPE_ANY, CPE_NA, CpeParseError, type CpeName } from './types.js';
import { checkValue, isLanguageTag, isQuotable, isUnreserved } from './value.js';

const MAX_URI_COMPONENTS = 7;

function hexValue(text: string, at: number): number {
  const digits = text.slice(at, at + 2);
  return /^[0-9a-f]{2}$/i.test(digits) ? Number.parseInt(digits, 16) : -1;
}

/** One percent-escape's meaning in Wardline's form, or null when the escape is not allowed. */
function decodePercent(code: number): string | null {
  if (code === 0x01) return '?';
  if (code === 0x02) return '*';
  if (isUnreserved(code)) return String.fromCharCode(code).toLowerCase();
  if (isQuotable(code)) return `\\${String.fromCharCode(code)}`;
  return null;
}

/** Decodes `text[start, end)` into Wardline's form (see `CpeName`). */
function decodeComponent(text: string, start: number, end: number): string | CpeParseError {
  if (start === end) return CPE_ANY;
  if (end - start === 1 && text.charCodeAt(start) === 0x2d) return CPE_NA;
  let out = '';
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25) {
      const decoded = decodePercent(hexValue(text, i + 1));
      if (decoded === null || i + 2 >= end) {
        return new CpeParseError('WL_CPE_PERCENT', i, 'not a percent-encoding the CPE URI allows');
      }
      out += decoded;
      i += 2;
    } else if (code === 0x7e) {
      out += '\\~';
    } else if (isUnreserved(code)) {
      out += String.fromCharCode(code).toLowerCase();
    } else {
      return new CpeParseError(
        'WL_CPE_CHARACTER',
        i,
        `character ${JSON.stringify(text[i])} is not allowed in a CPE URI`,
      );
    }
  }
  if (out === CPE_ANY || out === CPE_NA) return out;
  const problem = checkValue(out, 0, out.length);
  return problem === null ? out : new CpeParseError(problem.code, start, problem.message);
}

function decodePart(text: string, start: number, end: number): string | CpeParseError {
  if (start === end) return CPE_ANY;
  const part = text.slice(start, end).toLowerCase();
  // `-` (NA) is not in the URI grammar, but it is the only way to write back a name whose part is NA.
  if (part === 'a' || part === 'o' || part === 'h' || part === CPE_NA) return part;
  return new CpeParseError('WL_CPE_PART', start, 'part must be a, o, h or empty');
}

function decodeLanguage(text: string, start: number, end: number): string | CpeParseError {
  const value = decodeComponent(text, start, end);
  if (value instanceof CpeParseError || value === CPE_ANY || value === CPE_NA) return value;
  const plain = value.replaceAll('\\', '');
  if (isLanguageTag(plain)) return plain;
  return new CpeParseError(
    'WL_CPE_LANGUAGE',
    start,
    'language must be a language tag such as en-us',
  );
}

/** Unpacks `~edition~sw_edition~target_sw~target_hw~other` into five values. */
function unpackEdition(text: string, start: number, end: number): string[] | CpeParseError {
  const values: string[] = [];
  let from = start + 1;
  while (from <= end) {
    let to = text.indexOf('~', from);
    if (to === -1 || to > end) to = end;
    const value = decodeComponent(text, from, to);
    if (value instanceof CpeParseError) return value;
    values.push(value);
    from = to + 1;
  }
  if (values.length !== 5) {
    return new CpeParseError(
      'WL_CPE_PACKED_EDITION',
      start,
      'a packed edition has exactly five ~-separated fields',
    );
  }
  return values;
}

function decodeAt(
  text: string,
  start: number,
  end: number,
  index: number,
): string[] | string | CpeParseError {
  if (index === 0) return decodePart(text, start, end);
  if (index === 6) return decodeLanguage(text, start, end);
  if (index === 5 && text.charCodeAt(start) === 0x7e) return unpackEdition(text, start, end);
  return decodeComponent(text, start, end);
}

/**
 * Parses `cpe:/…` (the prefix in any case).
 *
 * @example parseUri('cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~')
 *   → { part: 'a', vendor: 'hp', product: 'insight_diagnostics', version: '7.4.0.1570',
 *       update: '*', edition: '*', language: '*', swEdition: 'online', targetSw: 'win2003',
 *       targetHw: 'x64', other: '*' }
 */
export function parseUri(text: string): CpeName | CpeParseError {
  if (text.slice(0, 5).toLowerCase() !== 'cpe:/') {
    return new CpeParseError('WL_CPE_PREFIX', 0, 'a CPE URI starts with cpe:/');
  }
  const values: string[] = [];
  const packed: string[] = [];
  let start = 5;
  for (let index = 0; start <= text.length; index++) {
    if (index >= MAX_URI_COMPONENTS) {
      return new CpeParseError(
        'WL_CPE_COMPONENT_COUNT',
        start - 1,
        'a CPE URI has at most seven components',
      );
    }
    let end = text.indexOf(':', start);
    if (end === -1) end = text.length;
    const value = decodeAt(text, start, end, index);
    if (value instanceof CpeParseError) return value;
    if (Array.isArray(value)) {
      values.push(value[0] ?? CPE_ANY);
      packed.push(...value.slice(1));
    } else {
      values.push(value);
    }
    start = end + 1;
  }
  while (values.length < MAX_URI_COMPONENTS) values.push(CPE_ANY);
  return toName(packed.length === 4 ? [...values, ...packed] : values);
}

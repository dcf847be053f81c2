/**
 * Unbinding the CPE 2.3 formatted string (NISTIR 7695 §6.2): `cpe:2.3:` then eleven values split
 * at unquoted colons, each checked against the binding's grammar (the NIST 2.3 schema pattern).
 */
import { CPE_ANY, CPE_ATTRIBUTES, CPE_NA, CpeParseError, type CpeName } from './types.js';
import { checkValue, isLanguageTag } from './value.js';

const PREFIX = 'cpe:2.3:';
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const HAS_UPPER = /[A-Z]/;

function checkPart(value: string, at: number): CpeParseError | null {
  if (value === 'a' || value === 'o' || value === 'h' || value === CPE_ANY || value === CPE_NA) {
    return null;
  }
  return new CpeParseError('WL_CPE_PART', at, 'part must be a, o, h, * or -');
}

function readValue(
  text: string,
  start: number,
  end: number,
  index: number,
): string | CpeParseError {
  if (start === end) {
    return new CpeParseError('WL_CPE_EMPTY', start, 'an attribute value may not be empty');
  }
  const raw = text.slice(start, end);
  if (raw === CPE_ANY || raw === CPE_NA) return raw;
  if (index === 0) return checkPart(raw, start) ?? raw;
  if (index === 6) {
    if (isLanguageTag(raw)) return raw.toLowerCase();
    return new CpeParseError(
      'WL_CPE_LANGUAGE',
      start,
      'language must be a language tag such as en-us, or * or -',
    );
  }
  const problem = checkValue(text, start, end);
  if (problem !== null) return new CpeParseError(problem.code, start + problem.at, problem.message);
  return HAS_UPPER.test(raw) ? raw.toLowerCase() : raw;
}

/** Offset of the next unquoted colon at or after `from`, or the text's length. */
function componentEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === COLON) return i;
    i += code === BACKSLASH ? 2 : 1;
  }
  return text.length;
}

/**
 * Parses `cpe:2.3:a:vendor:product:…` (exactly eleven values after the prefix).
 *
 * @example parseFormattedString('cpe:2.3:a:hp:insight:7.4.0.1570:-:*:*:online:win2003:x64:*')
 *   → { part: 'a', vendor: 'hp', product: 'insight', version: '7.4.0.1570', update: '-', …,
 *       swEdition: 'online', targetSw: 'win2003', targetHw: 'x64', other: '*' }
 */
export function parseFormattedString(text: string): CpeName | CpeParseError {
  if (!text.startsWith(PREFIX)) {
    return new CpeParseError('WL_CPE_PREFIX', 0, 'a CPE 2.3 formatted string starts with cpe:2.3:');
  }
  const values: string[] = [];
  let start = PREFIX.length;
  for (let index = 0; index < CPE_ATTRIBUTES.length; index++) {
    if (start > text.length) {
      return new CpeParseError(
        'WL_CPE_COMPONENT_COUNT',
        text.length,
        `expected 11 values, found ${index}`,
      );
    }
    const end = Math.min(componentEnd(text, start), text.length);
    const value = readValue(text, start, end, index);
    if (value instanceof CpeParseError) return value;
    values.push(value);
    start = end + 1;
  }
  if (start <= text.length) {
    return new CpeParseError(
      'WL_CPE_COMPONENT_COUNT',
      start - 1,
      'more than 11 values after cpe:2.3:',
    );
  }
  return toName(values);
}

/** The name from its eleven values in binding order. */
export function toName(values: readonly string[]): CpeName {
  const at = (i: number): string => values[i] ?? CPE_ANY;
  return {
    part: at(0),
    vendor: at(1),
    product: at(2),
    version: at(3),
    update: at(4),
    edition: at(5),
    language: at(6),
    swEdition: at(7),
    targetSw: at(8),
    targetHw: at(9),
    other: at(10),
  };
}

/**
 * Value modifiers that rewrite a value into one or more variants before matching: `expand`
 * (placeholders), `windash`, `wide`/`utf16le`/`utf16be`/`utf16`, `base64`, `base64offset`.
 * They apply in the order written, as in pySigma.
 */
import { MAX_VALUE_VARIANTS } from './limits.js';
import { RuleCompileError } from './problem.js';
import { hasWildcards, mapLiterals, type Token } from './sigma-string.js';

/** A value variant: tokens, and whether their literal characters are bytes (after utf16). */
export interface Variant {
  readonly tokens: readonly Token[];
  readonly binary: boolean;
}

function capped<T>(items: T[]): T[] {
  if (items.length > MAX_VALUE_VARIANTS) {
    throw new RuleCompileError(
      'WL_DETECT_LIMIT_EXCEEDED',
      `a value expands into more than ${MAX_VALUE_VARIANTS} variants`,
    );
  }
  return items;
}

const PLACEHOLDER = /%([^%\s]+)%/g;

/**
 * `%name%` placeholders replaced by each of their values (every combination).
 *
 * @example
 * expandPlaceholders('%dc%$', new Map([['dc', ['DC1', 'DC2']]])) // → ['DC1$', 'DC2$']
 */
export function expandPlaceholders(
  text: string,
  placeholders: ReadonlyMap<string, readonly string[]> | undefined,
): string[] {
  let results = [''];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    const values = placeholders?.get(name);
    if (values === undefined) {
      throw new RuleCompileError(
        'WL_DETECT_PLACEHOLDER_UNKNOWN',
        `the placeholder %${name}% is not defined (CompileOptions.placeholders)`,
      );
    }
    // Defined but empty (no known value yet): the value stands for nothing and matches nothing.
    if (values.length === 0) return [];
    const before = text.slice(last, match.index);
    results = capped(results.flatMap((prefix) => values.map((value) => prefix + before + value)));
    last = match.index + match[0].length;
  }
  const rest = text.slice(last);
  return results.map((prefix) => prefix + rest);
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
const WORD = /[A-Za-z0-9_]/;

function windashLiteral(text: string): string[] {
  let results = [''];
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    const previous = index === 0 ? ' ' : text.charAt(index - 1);
    const next = text.charAt(index + 1);
    const swap = (char === '-' || char === '/') && !WORD.test(previous) && WORD.test(next);
    const options = swap ? DASHES : [char];
    results = capped(results.flatMap((prefix) => options.map((option) => prefix + option)));
  }
  return results;
}

/**
 * Every spelling of command-line flags with `-`, `/`, en dash, em dash and horizontal bar.
 *
 * @example
 * windash({ tokens: [' -enc'], binary: false }).length // → 5
 */
export function windash(variant: Variant): Variant[] {
  let results: Token[][] = [[]];
  for (const token of variant.tokens) {
    const options: Token[] = typeof token === 'string' ? windashLiteral(token) : [token];
    results = capped(results.flatMap((prefix) => options.map((option) => [...prefix, option])));
  }
  return results.map((tokens) => ({ tokens, binary: variant.binary }));
}

export type Utf16Kind = 'utf16le' | 'utf16be' | 'utf16';

function encodeUtf16(text: string, bigEndian: boolean): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const low = String.fromCharCode(code & 0xff);
    const high = String.fromCharCode(code >> 8);
    out += bigEndian ? high + low : low + high;
  }
  return out;
}

/**
 * The value as UTF-16 bytes (each byte one character); `utf16` adds the little-endian BOM.
 *
 * @example
 * utf16({ tokens: ['ab'], binary: false }, 'utf16le') // → { tokens: ['a\0b\0'], binary: true }
 */
export function utf16(variant: Variant, kind: Utf16Kind): Variant {
  const tokens = mapLiterals(variant.tokens, (text) => encodeUtf16(text, kind === 'utf16be'));
  return { tokens: kind === 'utf16' ? ['\xff\xfe', ...tokens] : tokens, binary: true };
}

function plainText(variant: Variant, modifier: string): Buffer {
  if (hasWildcards(variant.tokens)) {
    throw new RuleCompileError(
      'WL_DETECT_VALUE_UNSUPPORTED',
      `\`${modifier}\` cannot encode a value with wildcards`,
    );
  }
  const text = variant.tokens.join('');
  return Buffer.from(text, variant.binary ? 'latin1' : 'utf8');
}

/** `base64`: the value's bytes in base64, padding included. */
export function base64(variant: Variant): Variant {
  return { tokens: [plainText(variant, 'base64').toString('base64')], binary: false };
}

const START_OFFSETS = [0, 2, 3];
const END_OFFSETS = [undefined, -3, -2];

/**
 * `base64offset`: the three base64 spellings of the value at each offset in a longer text,
 * with the characters that depend on its neighbours cut off.
 *
 * @example
 * base64offset({ tokens: ['http'], binary: false }).map((v) => v.tokens[0])
 * // → ['aHR0c', 'odHRw', 'Gh0dH']
 */
export function base64offset(variant: Variant): Variant[] {
  const bytes = plainText(variant, 'base64offset');
  return [0, 1, 2].map((shift) => {
    const padded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]);
    const encoded = padded.toString('base64');
    const end = END_OFFSETS[(bytes.length + shift) % 3];
    return { tokens: [encoded.slice(START_OFFSETS[shift], end)], binary: false };
  });
}

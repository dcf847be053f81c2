/**
 * Invariants: parse(format(x)) = x for both bindings, comparison is consistent (EQUAL symmetric,
 * SUPERSET ↔ SUBSET, DISJOINT symmetric on wild-card-free names), and parsing never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCpeNames, cpeCovers } from './compare.js';
import { formatCpe, formatCpeUri } from './format.js';
import { parseCpe } from './parse.js';
import { compileCpePattern, cpeTarget, patternCovers } from './pattern.js';
import { CPE_ATTRIBUTES, CpeParseError, type CpeName } from './types.js';

const UNRESERVED = 'abcxyz019._-'.split('');
const QUOTED = '!"#$%&\'()+,/:;<=>@[]^`{|}~\\*?'.split('').map((ch) => `\\${ch}`);

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...UNRESERVED) },
  { weight: 1, arbitrary: fc.constantFrom(...QUOTED) },
);
const body = fc
  .array(token, { minLength: 1, maxLength: 6 })
  .map((tokens) => tokens.join(''))
  .filter((v) => v !== '-');
const wildcard = fc.constantFrom('', '', '', '*', '?', '??');
const wildValue = fc.tuple(wildcard, body, wildcard).map(([a, b, c]) => `${a}${b}${c}`);
const plainValue = fc.oneof(fc.constantFrom('*', '-'), body);
const language = fc.constantFrom('*', '-', 'en', 'en-us', 'de-de', 'fra', 'es-419');
const part = fc.constantFrom('a', 'o', 'h', '*', '-');

function nameOf(value: fc.Arbitrary<string>): fc.Arbitrary<CpeName> {
  return fc.record({
    part,
    vendor: value,
    product: value,
    version: value,
    update: value,
    edition: value,
    language,
    swEdition: value,
    targetSw: value,
    targetHw: value,
    other: value,
  });
}
const anyName = nameOf(fc.oneof(plainValue, wildValue));
const plainName = nameOf(plainValue);

describe('CPE invariants', () => {
  it('parse(formatCpe(x)) = x', () => {
    fc.assert(
      fc.property(anyName, (cpe) => {
        expect(parseCpe(formatCpe(cpe))).toEqual(cpe);
      }),
      { numRuns: 500 },
    );
  });

  it('parse(formatCpeUri(x)) = x', () => {
    fc.assert(
      fc.property(anyName, (cpe) => {
        expect(parseCpe(formatCpeUri(cpe))).toEqual(cpe);
      }),
      { numRuns: 500 },
    );
  });

  it('comparison is consistent on wild-card-free names', () => {
    const mirror = {
      EQUAL: 'EQUAL',
      SUPERSET: 'SUBSET',
      SUBSET: 'SUPERSET',
      DISJOINT: 'DISJOINT',
      UNDEFINED: 'UNDEFINED',
    } as const;
    fc.assert(
      fc.property(plainName, plainName, fc.boolean(), (a, b, same) => {
        const target = same ? a : b;
        const forward = compareCpeNames(a, target);
        const backward = compareCpeNames(target, a);
        expect(backward.relation).toBe(mirror[forward.relation]);
        for (const attribute of CPE_ATTRIBUTES) {
          expect(backward.attributes[attribute]).toBe(mirror[forward.attributes[attribute]]);
        }
        if (same) expect(forward.relation).toBe('EQUAL');
      }),
      { numRuns: 500 },
    );
  });

  it('a wild-carded value covers the values it was made from', () => {
    fc.assert(
      fc.property(wildcard, body, (wild, core) => {
        const source = { ...BASE, product: `${wild}${core}` };
        const target = { ...BASE, product: core };
        expect(compareCpeNames(source, target).relation).toMatch(/^(EQUAL|SUPERSET)$/);
      }),
    );
  });

  it('a compiled pattern covers exactly what cpeCovers does', () => {
    // Small alphabets, so that equal, wild-carded and covering values come up often.
    const small = fc.oneof(
      fc.constantFrom('*', '-', 'a', 'ab', 'b', 'a*', '*b', '?b', 'a?', 'a\\:b'),
      wildValue,
    );
    const smallName = nameOf(small);
    fc.assert(
      fc.property(smallName, smallName, fc.boolean(), (source, other, related) => {
        const target = related ? { ...source, version: other.version } : other;
        expect(patternCovers(compileCpePattern(source), cpeTarget(target))).toBe(
          cpeCovers(source, target),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary text and answers within budget', () => {
    const started = performance.now();
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .string({ unit: fc.constantFrom(...'cpe:2.3/aho*?-\\~%01'.split('')), maxLength: 120 })
        .map((s) => `cpe:2.3:${s}`),
      fc
        .string({ unit: fc.constantFrom(...'cpe:/aho%0127~-x'.split('')), maxLength: 80 })
        .map((s) => `cpe:/${s}`),
    );
    fc.assert(
      fc.property(text, (input) => {
        const parsed = parseCpe(input);
        if (!(parsed instanceof CpeParseError)) expect(parseCpe(formatCpe(parsed))).toEqual(parsed);
        else expect(parsed.position).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
    expect(parseCpe(`cpe:2.3:${'a\\:'.repeat(100_000)}`)).toBeInstanceOf(CpeParseError);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

const BASE: CpeName = {
  part: 'a',
  vendor: 'acme',
  product: 'x',
  version: '1',
  update: '*',
  edition: '*',
  language: '*',
  swEdition: '*',
  targetSw: '*',
  targetHw: '*',
  other: '*',
};

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERSION_SCHEMES, type VersionScheme } from '../../../domain/vulnerability.js';
import { compareVersions, inBounds, isValidVersion, tryCompareVersions } from './index.js';

const num = fc.oneof(fc.nat({ max: 12 }), fc.constantFrom(0, 10, 99, 2019, 20191109021931));
const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const join = (sep: string) => (parts: readonly (string | number)[]) => parts.join(sep);
const opt = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: '' });
const release = (min: number, max: number) =>
  fc.array(num, { minLength: min, maxLength: max }).map(join('.'));

const semverArb = fc
  .tuple(
    release(3, 3),
    opt(
      fc
        .array(fc.oneof(pick('alpha', 'beta', 'rc', 'x-y'), num.map(String)), {
          minLength: 1,
          maxLength: 3,
        })
        .map((ids) => `-${ids.join('.')}`),
    ),
    opt(pick('+build.1', '+incompatible')),
  )
  .map(([r, pre, build]) => `${r}${pre}${build}`);

const pseudoArb = fc
  .tuple(release(3, 3), pick('', '0.', 'pre.0.'), pick('20190101000000', '20191109021931'))
  .map(([r, prefix, time]) =>
    prefix === '' ? `v0.0.0-${time}-abcdef123456` : `v${r}-${prefix}${time}-abcdef123456`,
  );

const pep440Arb = fc
  .tuple(
    opt(pick('1!', '2!')),
    release(1, 4),
    opt(fc.tuple(pick('a', 'b', 'rc', 'alpha', 'c'), num).map(([q, n]) => `${q}${n}`)),
    opt(num.map((n) => `.post${n}`)),
    opt(num.map((n) => `.dev${n}`)),
    opt(pick('+local', '+ubuntu.1', '+5', '+abc.7')),
  )
  .map((parts) => parts.join(''));

// Realistic Maven shapes: a release, an optional qualifier with its number, an optional
// -SNAPSHOT. Arbitrary mixes of lists and qualifiers are not transitive in Maven itself (see
// README), so they are not generated here.
const mavenArb = fc
  .tuple(
    release(1, 4),
    opt(
      fc
        .tuple(
          pick('-', '.', ''),
          pick('alpha', 'beta', 'milestone', 'rc', 'cr', 'ga', 'final', 'sp', 'RELEASE', 'Final'),
          opt(fc.tuple(pick('-', '', '.'), num).map(([s, n]) => `${s}${n}`)),
        )
        .map((parts) => parts.join('')),
    ),
    opt(pick('-SNAPSHOT')),
  )
  .map((parts) => parts.join(''));

const debPart = (chars: string) =>
  fc
    .array(fc.oneof(num.map(String), pick(...chars.split(''))), { minLength: 1, maxLength: 6 })
    .map((parts) => parts.join(''));
const debArb = fc
  .tuple(opt(pick('1:', '2:')), num, debPart('.~+ab'), opt(debPart('.~+ab').map((r) => `-${r}`)))
  .map(([e, n, up, rev]) => `${e}${n}${up}${rev}`);
const rpmArb = fc
  .tuple(opt(pick('1:', '2:')), num, debPart('.~^_ab'), opt(debPart('.~^ab').map((r) => `-${r}`)))
  .map(([e, n, v, rel]) => `${e}${n}${v}${rel}`);

const genericArb = fc
  .array(fc.oneof(num.map(String), pick('a', 'b', 'rc', 'beta', 'R', 'V', 'x')), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((parts) =>
    fc
      .array(pick('.', '-', '_', '~', ''), { minLength: parts.length, maxLength: parts.length })
      .map((seps) => parts.map((p, i) => `${i === 0 ? '' : (seps[i] ?? '')}${p}`).join('')),
  );

const ARBS: Readonly<Record<VersionScheme, fc.Arbitrary<string>>> = {
  // The last two fall back to generic order (not semver even loosely).
  semver: fc.oneof(
    semverArb,
    release(1, 2),
    release(1, 3).map((r) => `v${r}`),
    release(4, 4),
    pick('1.2b', '1.0.0.rc1'),
  ),
  pep440: pep440Arb,
  maven: mavenArb,
  golang: fc.oneof(
    semverArb,
    semverArb.map((v) => `v${v}`),
    pseudoArb,
  ),
  deb: debArb,
  rpm: rpmArb,
  generic: genericArb,
};

const cmp = (scheme: VersionScheme, a: string, b: string) => compareVersions(scheme, a, b);

describe.each(VERSION_SCHEMES)('%s order', (scheme) => {
  const arb = ARBS[scheme];

  it('generated versions are valid', () => {
    fc.assert(fc.property(arb, (v) => isValidVersion(scheme, v)));
  });

  it('is reflexive and antisymmetric', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(cmp(scheme, a, a)).toBe(0);
        expect(cmp(scheme, a, b) + cmp(scheme, b, a)).toBe(0);
      }),
    );
  });

  it('is transitive, and equal versions order the same against any third', () => {
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        if (cmp(scheme, a, b) <= 0 && cmp(scheme, b, c) <= 0) {
          expect(cmp(scheme, a, c)).toBeLessThanOrEqual(0);
        }
        if (cmp(scheme, a, b) === 0) expect(cmp(scheme, a, c)).toBe(cmp(scheme, b, c));
      }),
      { numRuns: 300 },
    );
  });

  it('sorting leaves every pair in order', () => {
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 12 }), (versions) => {
        const sorted = [...versions].sort((a, b) => cmp(scheme, a, b));
        for (let i = 0; i < sorted.length; i++) {
          for (let j = i + 1; j < sorted.length; j++) {
            expect(cmp(scheme, sorted[i]!, sorted[j]!)).toBeLessThanOrEqual(0);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('inBounds agrees with compareVersions', () => {
    fc.assert(
      fc.property(arb, arb, arb, fc.boolean(), fc.boolean(), (v, lo, hi, incLo, incHi) => {
        const bounds = {
          startIncluding: incLo ? lo : null,
          startExcluding: incLo ? null : lo,
          endIncluding: incHi ? hi : null,
          endExcluding: incHi ? null : hi,
        };
        const low = cmp(scheme, v, lo);
        const high = cmp(scheme, v, hi);
        const expected = (incLo ? low >= 0 : low > 0) && (incHi ? high <= 0 : high < 0);
        expect(inBounds(scheme, v, bounds)).toBe(expected);
      }),
    );
  });

  it('never throws a foreign error on arbitrary strings, and answers fast', () => {
    const start = performance.now();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), arb), fc.string(), (a, b) => {
        const result = tryCompareVersions(scheme, a, b);
        expect(result === null || [-1, 0, 1].includes(result)).toBe(true);
        expect(typeof isValidVersion(scheme, a)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

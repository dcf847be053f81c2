/** The PEP 440 sort key built once per version orders exactly as the library's `compare`. */
import { compare, valid } from '@renovatebot/pep440';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVersions } from './index.js';

const num = fc.integer({ min: 0, max: 12 }).map(String);
const opt = (arb: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof(fc.constant(''), arb);
const pep440 = fc
  .tuple(
    opt(fc.constant('v')),
    opt(fc.constantFrom('0!', '1!', '2!')),
    fc.array(num, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.')),
    opt(
      fc
        .tuple(fc.constantFrom('a', 'b', 'rc', 'alpha', 'beta', 'c', 'pre', 'preview', '-a', '.RC'), opt(num))
        .map(([q, n]) => `${q}${n}`),
    ),
    opt(fc.oneof(num.map((n) => `.post${n}`), num.map((n) => `-${n}`), fc.constant('.post'), fc.constant('-r2'))),
    opt(fc.oneof(num.map((n) => `.dev${n}`), fc.constant('.dev'))),
    opt(fc.constantFrom('+local', '+ubuntu.1', '+5', '+abc.7', '+1.2', '+a-b_c', '+0', '+ABC')),
  )
  .map((parts) => parts.join(''))
  .filter((v) => valid(v) !== null); // prettier-ignore

describe('pep440 order', () => {
  it('agrees with the library on generated versions', () => {
    fc.assert(
      fc.property(pep440, pep440, (a, b) => {
        const lib = Math.sign(compare(a, b));
        expect(compareVersions('pep440', a, b)).toBe(lib === 0 ? 0 : lib);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['1.0', '1.0.0', 0],
    ['1.0.dev1', '1.0a1', -1],
    ['1.0a1.post1', '1.0a1', 1],
    ['1.0+abc', '1.0+5', -1],
    ['1.0+5', '1.0', 1],
    ['1!0.1', '2.0', 1],
    ['1.0.post1.dev1', '1.0.post1', -1],
    ['1.0rc1', '1.0c1', 0],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(compareVersions('pep440', a, b)).toBe(expected);
    expect(Math.sign(compare(a, b)) || 0).toBe(expected);
  });
});

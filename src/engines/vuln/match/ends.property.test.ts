/** The end order never drops an entry a version holds, and keeps the entries' own order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVersion } from '../versions/index.js';
import { EndOrder } from './ends.js';
import { EVERY_VERSION, NO_HIT, VersionProbe, makeRule, probeHit } from './rule.js';
import type { CpeEntry } from './types.js';

const version = fc.oneof(
  fc
    .array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join('.')),
  fc.constantFrom('1.0-rc1', '2.0a', 'V3', '0', 'x!', '1.0~beta'),
);
const bound = fc.option(version, { nil: null });
const rule = fc.oneof(
  fc.record({ startIncluding: bound, startExcluding: bound, endIncluding: bound, endExcluding: bound })
    .map((b) => makeRule('generic', [], [b])),
  fc.tuple(version, version).map(([a, b]) => makeRule('generic', [a], [{ startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: b }])),
  fc.constant(EVERY_VERSION),
  version.map((v) => makeRule('semver', [], [{ startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: v }])),
); // prettier-ignore

function entryOf(r: ReturnType<typeof makeRule>, slot: number): CpeEntry {
  return { slot, rule: r } as unknown as CpeEntry;
}

describe('EndOrder', () => {
  it('gives every entry a version holds, in entry order', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 30 }),
        fc.option(version, { nil: null }),
        (rules, v) => {
          const entries = rules.map(entryOf);
          const out = new Int32Array(entries.length);
          const count = new EndOrder(entries).candidates(
            v === null ? null : parseVersion('generic', v),
            out,
          );
          const given = [...out.subarray(0, count)];
          expect(given).toEqual([...given].sort((a, b) => a - b));
          const probe = new VersionProbe(v);
          entries.forEach((entry, i) => {
            if (probeHit(entry.rule, probe) !== NO_HIT) expect(given).toContain(i);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

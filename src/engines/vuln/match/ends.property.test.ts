/** The end order never drops an entry that covers a target, and keeps the entries' own order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeCovers } from '../cpe/index.js';
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

const cpeVersion = fc.constantFrom('*', '-', '1.0', '2', '1.*', '?');

function entryOf([r, value]: [ReturnType<typeof makeRule>, string], slot: number): CpeEntry {
  return { slot, rule: r, name: { version: value } } as unknown as CpeEntry;
}

describe('EndOrder', () => {
  it('gives every entry that covers a target, in entry order', () => {
    const entriesArb = fc.array(fc.tuple(rule, cpeVersion), { maxLength: 30 });
    fc.assert(
      fc.property(entriesArb, fc.option(version, { nil: null }), cpeVersion, (rules, v, value) => {
        const entries = rules.map(entryOf);
        const out = new Int32Array(entries.length);
        const parsed = v === null ? null : parseVersion('generic', v);
        const count = new EndOrder(entries).candidates(value, parsed, out);
        const given = [...out.subarray(0, count)];
        expect(given).toEqual([...given].sort((a, b) => a - b));
        const probe = new VersionProbe(v);
        entries.forEach((entry, i) => {
          const covers = attributeCovers(entry.name.version, value);
          if (covers && probeHit(entry.rule, probe) !== NO_HIT) expect(given).toContain(i);
        });
      }),
      { numRuns: 500 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OSV_DIAGNOSTIC_CODES, parseOsv } from './index.js';
import { testVersionRules as versions } from './test-helpers.js';

const parse = (text: string) => parseOsv(text, { source: 'prop', versions });

const versionArb = fc
  .array(fc.nat({ max: 20 }), { minLength: 1, maxLength: 3 })
  .map((p) => p.join('.'));
const recordArb = fc.record({
  id: fc.stringMatching(/^[A-Z]{2,5}-\d{4}-\d{1,5}$/),
  aliases: fc.uniqueArray(fc.stringMatching(/^(CVE|GHSA)-\d{4}-\d{3,5}$/), { maxLength: 3 }),
  affected: fc.array(
    fc.record({
      package: fc.record({
        ecosystem: fc.constantFrom('PyPI', 'npm', 'Go', 'crates.io'),
        name: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
      }),
      ranges: fc.array(
        fc.record({
          type: fc.constantFrom('SEMVER', 'ECOSYSTEM'),
          events: fc.array(
            fc.oneof(
              versionArb.map((v) => ({ introduced: v })),
              versionArb.map((v) => ({ fixed: v })),
              versionArb.map((v) => ({ last_affected: v })),
            ),
            { maxLength: 6 },
          ),
        }),
        { maxLength: 2 },
      ),
    }),
    { maxLength: 3 },
  ),
});

const KNOWN: ReadonlySet<string> = new Set(OSV_DIAGNOSTIC_CODES);

describe('parseOsv properties', () => {
  it('never throws on arbitrary text, reports only known codes, and stays fast', () => {
    const start = performance.now();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.json(),
          recordArb.map((r) => JSON.stringify(r)),
        ),
        (text) => {
          const { diagnostics } = parse(text);
          for (const d of diagnostics) expect(KNOWN.has(d.code)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('generated records keep their id, aliases and one criterion per package', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const { advisories, diagnostics } = parse(JSON.stringify(record));
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(advisories).toHaveLength(1);
        const advisory = advisories[0]!;
        expect(advisory.id).toBe(record.id);
        expect(new Set(advisory.aliases)).toEqual(
          new Set(record.aliases.filter((a) => a !== record.id)),
        );
        expect(advisory.packages).toHaveLength(record.affected.length);
        for (const pkg of advisory.packages) {
          for (const b of pkg.bounds) {
            // A pair never has both end kinds, and a start only ever comes from introduced.
            expect(b.endIncluding !== null && b.endExcluding !== null).toBe(false);
            expect(b.startExcluding).toBeNull();
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('garbage records spliced into an array lose none of the valid ones', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            recordArb.map((r) => ({ ok: true, value: r })),
            fc.jsonValue().map((v) => ({ ok: false, value: v })),
          ),
          { maxLength: 8 },
        ),
        (items) => {
          const text = JSON.stringify(items.map((i) => i.value));
          const ids = parse(text).advisories.map((a) => a.id);
          const expected = items.filter((i) => i.ok).map((i) => (i.value as { id: string }).id);
          expect(ids.filter((id) => expected.includes(id))).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the same record as YAML and as JSON gives the same advisory', () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const asJson = parse(JSON.stringify(record)).advisories;
        // JSON is valid YAML 1.2 flow syntax; a leading comment makes the parser take the YAML path.
        const asYaml = parseOsv(`# yaml\n${JSON.stringify(record)}`, {
          source: 'y',
          versions,
        }).advisories;
        expect(asYaml).toEqual(asJson);
      }),
      { numRuns: 100 },
    );
  });
});

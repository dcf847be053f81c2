import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { scoreCvss } from './cvss.js';
import { parseCveRecord } from './parse-cve.js';
import { parseNvdPage } from './parse-nvd.js';
import { sniffCveFeed } from './sniff.js';
import { inPieces, outcome } from './test-helpers.js';

const source = 'property.json';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

const cveId = fc
  .tuple(fc.integer({ min: 1999, max: 2099 }), fc.integer({ min: 1, max: 9_999_999 }))
  .map(([year, n]) => `CVE-${year}-${String(n).padStart(4, '0')}`);
const version = fc.stringMatching(/^\d{1,3}(\.\d{1,3}){0,2}$/);
const cpeMatch = fc.record({
  vulnerable: fc.boolean(),
  criteria: fc
    .tuple(fc.constantFrom('a', 'o', 'h'), fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/))
    .map(([part, name]) => `cpe:2.3:${part}:${name}:${name}:*:*:*:*:*:*:*:*`),
  versionStartIncluding: fc.option(version, { nil: undefined }),
  versionEndExcluding: fc.option(version, { nil: undefined }),
});
const nvdCve = fc.record({
  id: cveId,
  configurations: fc.array(
    fc.record({
      nodes: fc.array(
        fc.record({
          operator: fc.constantFrom('AND', 'OR'),
          negate: fc.boolean(),
          cpeMatch: fc.array(cpeMatch, { minLength: 1, maxLength: 4 }),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    { maxLength: 2 },
  ),
});
const nvdCves = fc.uniqueArray(nvdCve, { maxLength: 10, selector: (c) => c.id });

describe('CVE and NVD parsers on hostile input', () => {
  it('arbitrary bytes end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        for (const run of [
          () => parseCveRecord(inPieces(bytes, 13), { source }),
          () => parseNvdPage(inPieces(bytes, 13), { source }),
        ]) {
          const { error, ms } = await outcome(run);
          expect(error === null || error instanceof WardlineError).toBe(true);
          expect(ms).toBeLessThan(BUDGET_MS);
        }
        expect(['cve-json5', 'nvd', null]).toContain(sniffCveFeed(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('JSON of any shape in a record or a page is mapped or reported, never thrown', async () => {
    const anything = fc.jsonValue({ maxDepth: 4 });
    await fc.assert(
      fc.asyncProperty(
        anything,
        anything,
        fc.array(anything, { maxLength: 5 }),
        async (cna, metadata, items) => {
          const record = JSON.stringify({
            dataType: 'CVE_RECORD',
            cveMetadata: metadata,
            containers: { cna, adp: items },
          });
          await parseCveRecord(record, { source });
          const page = await parseNvdPage(
            JSON.stringify({ totalResults: 1, vulnerabilities: items.map((cve) => ({ cve })) }),
            { source },
          );
          // An item holding a `__proto__` key is skipped with a diagnostic; every other is read.
          const poisoned = page.diagnostics.filter((d) => d.code === 'WL_NVD_POISONED_KEY').length;
          expect(page.itemsRead + poisoned).toBe(items.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('every valid item survives garbage items between them, with its CPE criteria as written', async () => {
    const garbage = fc.oneof(
      fc.constant<unknown>(null),
      fc.constant<unknown>({ cve: { id: 'CVE-x' } }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        nvdCves,
        fc.array(garbage, { maxLength: 10 }),
        fc.integer({ min: 1, max: 200 }),
        async (cves, noise, size) => {
          const items: unknown[] = [];
          cves.forEach((cve, index) => {
            items.push({ cve });
            const extra = noise[index];
            // Garbage that is itself a valid `{cve}` with a listed id would count as a duplicate.
            if (extra !== undefined && !JSON.stringify(extra).includes('CVE-')) items.push(extra);
          });
          const page = await parseNvdPage(
            inPieces(JSON.stringify({ vulnerabilities: items }), size),
            { source },
          );
          expect(page.advisories.map((a) => a.id)).toEqual(cves.map((c) => c.id));
          page.advisories.forEach((advisory, index) => {
            const expected =
              cves[index]?.configurations.flatMap((c) => c.nodes.flatMap((n) => n.cpeMatch)) ?? [];
            const got = advisory.cpeConfigurations.flatMap((c) =>
              c.nodes.flatMap((n) => n.matches),
            );
            expect(
              got.map((m) => [m.cpe, m.vulnerable, m.bounds.startIncluding, m.bounds.endExcluding]),
            ).toEqual(
              expected.map((m) => [
                m.criteria,
                m.vulnerable,
                m.versionStartIncluding ?? null,
                m.versionEndExcluding ?? null,
              ]),
            );
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('scoreCvss never throws and scores stay within 0..10', () => {
    const metric = fc
      .tuple(
        fc.constantFrom('AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A', 'E', 'VC', 'AT', 'Au', 'X'),
        fc.constantFrom('N', 'L', 'H', 'P', 'R', 'U', 'C', 'M', 'X', 'A'),
      )
      .map(([k, v]) => `${k}:${v}`);
    fc.assert(
      fc.property(
        fc.constantFrom<'2.0' | '3.0' | '3.1' | '4.0'>('2.0', '3.0', '3.1', '4.0'),
        fc.constantFrom('', 'CVSS:3.0/', 'CVSS:3.1/', 'CVSS:4.0/'),
        fc.array(metric, { maxLength: 14 }),
        (v, prefix, metrics) => {
          const result = scoreCvss(v, `${prefix}${metrics.join('/')}`, null);
          if (result.ok) {
            expect(result.score.baseScore).toBeGreaterThanOrEqual(0);
            expect(result.score.baseScore).toBeLessThanOrEqual(10);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

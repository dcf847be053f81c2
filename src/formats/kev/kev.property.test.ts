import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import type { KevEntry } from '../../domain/vulnerability.js';
import { inPieces, outcome } from '../cve/test-helpers.js';
import { parseKev } from './parse.js';
import { writeKev } from './write.js';

const source = 'property-kev.json';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

const date = fc
  .date({ min: new Date('1999-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const kevEntry: fc.Arbitrary<KevEntry> = fc.record({
  cveId: fc
    .tuple(fc.integer({ min: 1999, max: 2099 }), fc.integer({ min: 1, max: 9_999_999 }))
    .map(([year, n]) => `CVE-${year}-${String(n).padStart(4, '0')}`),
  vendorProject: fc.string({ maxLength: 30 }),
  product: fc.string({ maxLength: 30 }),
  name: fc.string({ maxLength: 60 }),
  dateAdded: date,
  description: fc.string({ unit: 'grapheme', maxLength: 100 }),
  requiredAction: fc.string({ maxLength: 60 }),
  dueDate: date,
  knownRansomwareCampaignUse: fc.boolean(),
  notes: fc.string({ maxLength: 60 }),
  cwes: fc.uniqueArray(
    fc.integer({ min: 1, max: 2000 }).map((n) => `CWE-${n}`),
    { maxLength: 4 },
  ),
});

const entries = fc.uniqueArray(kevEntry, { maxLength: 20, selector: (e) => e.cveId });

describe('KEV parser on hostile input', () => {
  it('arbitrary bytes end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const { error, ms } = await outcome(() => parseKev(inPieces(bytes, 13), { source }));
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 200 },
    );
  });

  it('JSON values of any shape in the list are skipped or read, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 10 }), async (list) => {
        const text = JSON.stringify({ catalogVersion: 1, count: 'x', vulnerabilities: list });
        const kev = await parseKev(text, { source });
        expect(kev.entries.length).toBeLessThanOrEqual(list.length);
      }),
      { numRuns: 150 },
    );
  });

  it('parseKev(writeKev(entries)) gives the entries back, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(entries, fc.integer({ min: 1, max: 97 }), async (list, size) => {
        const text = writeKev(list, {
          catalogVersion: '2025.01.01',
          dateReleased: '2025-01-01T00:00:00.000Z',
        });
        const kev = await parseKev(inPieces(text, size), { source });
        expect(kev.diagnostics).toEqual([]);
        expect(kev.entries).toEqual(list);
      }),
      { numRuns: 100 },
    );
  });

  it('bad entries between good ones lose none of the good ones', async () => {
    const bad = fc.oneof(
      fc.constant<unknown>(null),
      fc.constant<unknown>({ cveID: 'CVE-1-1' }),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'object' || v === null),
    );
    await fc.assert(
      fc.asyncProperty(entries, fc.array(bad, { maxLength: 20 }), async (list, noise) => {
        const good = JSON.parse(
          writeKev(list, { catalogVersion: '1', dateReleased: '2025-01-01T00:00:00Z' }),
        ) as {
          vulnerabilities: unknown[];
        };
        const mixed: unknown[] = [];
        good.vulnerabilities.forEach((item, index) => {
          mixed.push(item);
          if (noise[index] !== undefined) mixed.push(noise[index]);
        });
        const kev = await parseKev(JSON.stringify({ vulnerabilities: mixed }), { source });
        expect(kev.entries).toEqual(list);
      }),
      { numRuns: 100 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import type { EpssScore } from '../../domain/vulnerability.js';
import { inPieces, outcome } from '../cve/test-helpers.js';
import { parseEpss } from './parse.js';
import { writeEpss, writeEpssGzip, type EpssMeta } from './write.js';

const source = 'property-epss.csv';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

const unit = fc.double({ min: 0, max: 1, noNaN: true }).map((v) => (v === 0 ? 0 : v));
const score: fc.Arbitrary<EpssScore> = fc.record({
  cveId: fc
    .tuple(fc.integer({ min: 1999, max: 2099 }), fc.integer({ min: 1, max: 9_999_999 }))
    .map(([year, n]) => `CVE-${year}-${String(n).padStart(4, '0')}`),
  epss: unit,
  percentile: unit,
});
const scores = fc.uniqueArray(score, { maxLength: 50, selector: (s) => s.cveId });
const meta: fc.Arbitrary<EpssMeta> = fc.record({
  modelVersion: fc.stringMatching(/^v\d{4}\.\d{2}\.\d{2}$/),
  scoreDate: fc
    .integer({ min: 946_684_800, max: 4_102_444_800 })
    .map((seconds) => new Date(seconds * 1000).toISOString()),
});

describe('EPSS parser on hostile input', () => {
  it('arbitrary bytes, plain or gzip, end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, gzip) => {
        const input = gzip ? Uint8Array.from([0x1f, 0x8b, ...bytes]) : bytes;
        const { error, ms } = await outcome(() => parseEpss(inPieces(input, 13), { source }));
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 200 },
    );
  });

  it('parseEpss(writeEpss(x)) gives x back, plain and gzip, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(scores, meta, fc.integer({ min: 1, max: 61 }), async (list, head, size) => {
        for (const input of [writeEpss(list, head), writeEpssGzip(list, head)]) {
          const epss = await parseEpss(inPieces(input, size), { source });
          expect(epss.diagnostics).toEqual([]);
          expect(epss.scores).toEqual(list);
          expect(epss.modelVersion).toBe(head.modelVersion);
          expect(epss.scoreDate).toBe(head.scoreDate);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('garbage lines between rows lose none of the rows', async () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')),
      fc.constant('CVE-2020-1,2,3'),
      fc.constant(`x${'y'.repeat(3000)}`),
    );
    await fc.assert(
      fc.asyncProperty(scores, fc.array(garbage, { maxLength: 50 }), async (list, noise) => {
        const lines = ['cve,epss,percentile'];
        list.forEach((s, index) => {
          lines.push(`${s.cveId},${s.epss},${s.percentile}`);
          const extra = noise[index];
          // A garbage line that happens to repeat a CVE would shadow a later row.
          if (extra !== undefined && !/CVE-\d{4}-\d{4,}/.test(extra)) lines.push(extra);
        });
        const epss = await parseEpss(inPieces(lines.join('\n'), 17), { source });
        expect(epss.scores).toEqual(list);
      }),
      { numRuns: 100 },
    );
  });
});

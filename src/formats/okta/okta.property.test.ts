import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { inPieces, outcome } from '../cve/test-helpers.js';
import { collect, eventsOf } from '../entra/test-helpers.js';
import { OKTA_DIAGNOSTIC_CODES, readOktaEvents } from './index.js';

const source = 'property-okta.json';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;
const codes: ReadonlySet<string> = new Set(OKTA_DIAGNOSTIC_CODES);

const oktaEvent = fc.record({
  uuid: fc.uuid(),
  published: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  eventType: fc.constantFrom('user.session.start', 'user.account.lock', 'policy.rule.update'),
  outcome: fc.record({ result: fc.constantFrom('SUCCESS', 'FAILURE') }),
  client: fc.record({ ipAddress: fc.ipV4() }),
});

const bad = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).filter((v) => !Array.isArray(v)),
  fc.constant({ errorCode: 'E0000011' }),
  fc.constant({ eventType: 'x', published: 'later' }),
);

describe('Okta reader on hostile input', () => {
  it('arbitrary bytes in any chunking end within the budget and throw nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, size) => {
          const { error, ms } = await outcome(async () => {
            const items = await collect(readOktaEvents(inPieces(bytes, size), { source }));
            for (const item of items) {
              if (item.kind === 'rejected') {
                expect(codes.has(item.diagnostic.code)).toBe(true);
                expect((item.raw ?? '').length).toBeLessThanOrEqual(MAX_DEAD_LETTER_RAW_CHARS);
              }
            }
          });
          expect(error).toBeNull();
          expect(ms).toBeLessThan(BUDGET_MS);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('bad elements between good events lose none of the good ones, array or NDJSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            oktaEvent.map((e) => ({ good: e })),
            bad.map((b) => ({ bad: b })),
          ),
          { maxLength: 20 },
        ),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        async (elements, ndjson, size) => {
          const values = elements.map((e) => ('good' in e ? e.good : e.bad));
          const objects = ndjson
            ? values.filter((v) => typeof v === 'object' && v !== null)
            : values;
          const text = ndjson
            ? [{ eventType: 'first', published: '2024-01-01T00:00:00Z', uuid: 'first' }, ...objects]
                .map((v) => JSON.stringify(v))
                .join('\n')
            : JSON.stringify(values);
          const items = await collect(readOktaEvents(inPieces(text, size), { source }));
          const good = elements.flatMap((e) => ('good' in e ? [e.good.uuid] : []));
          expect(eventsOf(items).map((e) => e.data['uuid'])).toEqual(
            ndjson ? ['first', ...good] : good,
          );
          expect(items).toHaveLength(ndjson ? objects.length + 1 : values.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

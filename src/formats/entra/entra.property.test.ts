import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS, type LogReadItem } from '../../domain/detection.js';
import { inPieces, outcome } from '../cve/test-helpers.js';
import { ENTRA_DIAGNOSTIC_CODES, readEntraSignIns } from './index.js';
import { asChunks, collect, eventsOf } from './test-helpers.js';

const source = 'property-signins.json';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;
const codes: ReadonlySet<string> = new Set(ENTRA_DIAGNOSTIC_CODES);

function wellFormed(items: readonly LogReadItem[]): boolean {
  return items.every(
    (item) =>
      item.kind === 'event' ||
      (codes.has(item.diagnostic.code) && (item.raw ?? '').length <= MAX_DEAD_LETTER_RAW_CHARS),
  );
}

const jsonish = fc.string({
  unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', '\n', ' ', 'a', '1', 'value'),
  maxLength: 300,
});

const signIn = fc.record({
  id: fc.uuid(),
  createdDateTime: fc
    .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  userPrincipalName: fc.string({ maxLength: 20 }),
  status: fc.record({ errorCode: fc.integer({ min: 0, max: 999_999 }) }),
});

const badLine = fc.constantFrom(
  '{"createdDateTime": tru}',
  'garbage',
  ']',
  '{"__proto__": {"x": 1}}',
  '{"a": {"constructor": 1}}',
  '[3]',
  '{"open": [1',
  '"a string"',
  '{"status": {}, "createdDateTime": "never"}',
  '{"category": "AuditLogs", "properties": {}}',
);

describe('Entra reader on hostile input', () => {
  it('arbitrary bytes in any chunking end within the budget and throw nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 64 }),
        async (bytes, size) => {
          const { error, ms } = await outcome(async () => {
            expect(
              wellFormed(await collect(readEntraSignIns(inPieces(bytes, size), { source }))),
            ).toBe(true);
          });
          expect(error).toBeNull();
          expect(ms).toBeLessThan(BUDGET_MS);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('JSON-like text of brackets, quotes and escapes is read or rejected, never thrown', async () => {
    await fc.assert(
      fc.asyncProperty(jsonish, async (text) => {
        expect(wellFormed(await collect(readEntraSignIns(asChunks(text), { source })))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('bad NDJSON lines between good sign-ins lose none of the good ones', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            signIn.map((s) => ({ good: s })),
            badLine.map((b) => ({ bad: b })),
          ),
          { maxLength: 20 },
        ),
        fc.integer({ min: 1, max: 50 }),
        async (lines, size) => {
          const first = { good: { id: 'first', createdDateTime: '2024-01-01T00:00:00Z' } };
          const all = [first, ...lines];
          const text = all.map((l) => ('good' in l ? JSON.stringify(l.good) : l.bad)).join('\n');
          const items = await collect(readEntraSignIns(inPieces(text, size), { source }));
          const good = all.flatMap((l) => ('good' in l ? [l.good.id] : []));
          expect(eventsOf(items).map((e) => e.data['id'])).toEqual(good);
          expect(items.length - good.length).toBe(all.length - good.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('bad elements in a Graph page lose none of the good ones', async () => {
    const badValue = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== 'object' || v === null),
      fc.constant({ createdDateTime: 12 }),
      fc.constant({ category: 'AuditLogs', properties: {} }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            signIn.map((s) => ({ good: s })),
            badValue.map((b) => ({ bad: b })),
          ),
          { maxLength: 20 },
        ),
        async (elements) => {
          const value = elements.map((e) => ('good' in e ? e.good : e.bad));
          const items = await collect(
            readEntraSignIns(asChunks(JSON.stringify({ value }, null, 1)), { source }),
          );
          const good = elements.flatMap((e) => ('good' in e ? [e.good.id] : []));
          expect(eventsOf(items).map((e) => e.data['id'])).toEqual(good);
          expect(items).toHaveLength(elements.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});

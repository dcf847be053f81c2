import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import type { LogReadItem } from '../../domain/detection.js';
import { readJsonLog, readJsonLogText } from './read.js';
import { collect, cutAt, eventsOf } from './test-helpers.js';

const opts = { source: 'p' };
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 10_000;

function wellFormed(items: readonly LogReadItem[]): void {
  for (const item of items) {
    if (item.kind === 'event') {
      expect(item.event.shape).toBe('flat');
      expect(typeof item.event.data).toBe('object');
    } else {
      expect(item.diagnostic.code).toMatch(/^WL_JSONLOG_[A-Z_]+$/);
      expect(item.diagnostic.offset).toBeGreaterThanOrEqual(0);
      expect((item.raw ?? '').length).toBeLessThanOrEqual(MAX_DEAD_LETTER_RAW_CHARS);
    }
  }
}

const key = fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__' && k !== 'constructor');
const record = fc
  .dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 })
  .map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
/** Text that is never a JSON object and holds no newline nor array structure. */
const garbage = fc
  .string({
    unit: fc.constantFrom('a', 'z', '1', ' ', ':', 'é', '\t', '-'),
    minLength: 1,
    maxLength: 30,
  })
  .filter((g) => g.trim() !== '');

describe('JSON log properties', () => {
  it('never throws on arbitrary text or bytes, in any chunking, within a time budget', async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({
            unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', ',', ':', '\n', '1', 'a'),
            maxLength: 200,
          }),
          fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('latin1').decode(b)),
        ),
        fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
        async (text, cuts) => {
          const items = await collect(readJsonLog(cutAt(text, cuts), opts));
          wellFormed(items);
          expect(items).toEqual(readJsonLogText(text, opts));
        },
      ),
      { numRuns: 400 },
    );
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });

  it('arbitrary bytes (invalid UTF-8 included) never throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.nat({ max: 7 }),
        async (bytes, size) => {
          const chunks = (async function* () {
            await Promise.resolve();
            for (let at = 0; at < bytes.length; at += size + 1)
              yield bytes.subarray(at, at + size + 1);
          })();
          wellFormed(await collect(readJsonLog(chunks, opts)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('garbage lines between JSON lines lose none of the good records', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(record, fc.option(garbage, { nil: undefined })), { maxLength: 20 }),
        (rows) => {
          const lines = rows.flatMap(([r, g]) =>
            g === undefined ? [JSON.stringify(r)] : [g, JSON.stringify(r)],
          );
          const items = readJsonLogText(lines.join('\n'), opts);
          expect(eventsOf(items).map((e) => e.data)).toEqual(rows.map(([r]) => r));
          expect(items.length - rows.length).toBe(rows.filter(([, g]) => g !== undefined).length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('garbage elements in an array lose none of the good records', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(record, fc.option(garbage, { nil: undefined })), {
          minLength: 1,
          maxLength: 20,
        }),
        (rows) => {
          const parts = rows.flatMap(([r, g]) =>
            g === undefined ? [JSON.stringify(r)] : [g, JSON.stringify(r)],
          );
          const items = readJsonLogText(`[${parts.join(',\n')}]`, opts);
          expect(eventsOf(items).map((e) => e.data)).toEqual(rows.map(([r]) => r));
          for (const item of items) {
            if (item.kind === 'rejected') {
              expect(['WL_JSONLOG_JSON_INVALID', 'WL_JSONLOG_NOT_OBJECT']).toContain(
                item.diagnostic.code,
              );
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogReadItem } from '../../../domain/detection.js';
import { readIngestBody } from './http-ingest.js';

const POISON = new Set(['__proto__', 'constructor', 'prototype']);
const key = fc.string({ maxLength: 8 }).filter((k) => !POISON.has(k));
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean(), fc.constant(null)),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(key, tie('node'), { maxKeys: 3 }),
  ),
})).node;
const record = fc.dictionary(key, value, { maxKeys: 5 });

// eslint-disable-next-line @typescript-eslint/require-await -- a stream for the reader, synchronous inside
async function* split(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(bytes.length, cut);
    if (to > at) yield bytes.subarray(at, to);
    at = Math.max(at, to);
  }
  if (at < bytes.length) yield bytes.subarray(at);
}

async function read(bytes: Uint8Array, cuts: readonly number[]): Promise<LogReadItem[]> {
  const out: LogReadItem[] = [];
  for await (const item of readIngestBody(split(bytes, cuts), { maxBytes: 1 << 20, source: 'p' })) {
    out.push(item);
  }
  return out;
}

const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

describe('readIngestBody properties', () => {
  it('gives back every record of an NDJSON or array body, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 20 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 2000 }), { maxLength: 10 }),
        async (records, asArray, cuts) => {
          const text = asArray
            ? JSON.stringify(records, null, 1)
            : records.map((r) => JSON.stringify(r)).join('\n');
          const items = await read(Buffer.from(text), cuts);
          expect(items.every((i) => i.kind === 'event')).toBe(true);
          expect(items.map((i) => (i.kind === 'event' ? plain(i.event.data) : null))).toEqual(
            plain(records),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('loses no NDJSON record to garbage lines between them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            record,
            fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ')),
          ),
          {
            maxLength: 15,
          },
        ),
        async (pairs) => {
          const text = pairs.map(([r, junk]) => `${JSON.stringify(r)}\n${junk}`).join('\n');
          const items = await read(Buffer.from(text), []);
          const events = items.flatMap((i) => (i.kind === 'event' ? [plain(i.event.data)] : []));
          const records = pairs.map(([r]) => plain(r));
          // Every record is there in order; a junk line that is itself a JSON object may add one.
          let at = 0;
          for (const event of events)
            if (at < records.length && JSON.stringify(event) === JSON.stringify(records[at]))
              at += 1;
          expect(at).toBe(records.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary bytes and ends quickly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 3000 }),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 5 }),
        async (bytes, cuts) => {
          const start = Date.now();
          const items = await read(bytes, cuts);
          expect(items.length).toBeLessThanOrEqual(bytes.length + 1);
          expect(Date.now() - start).toBeLessThan(1000);
        },
      ),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { collect, cutAt, eventsOf } from '../jsonlog/test-helpers.js';
import { readZeek, readZeekText } from './read.js';

const opts = { source: 'conn.log' };
const BUDGET_MS = 10_000;

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tduration\tlocal_orig\ttags',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tinterval\tbool\tset[string]',
].join('\n');

/** A conn record and the TSV line Zeek would write for it. */
const connRow = fc
  .record({
    seconds: fc.integer({ min: 0, max: 2_000_000_000 }),
    micros: fc.integer({ min: 0, max: 999_999 }),
    uid: fc.string({ unit: fc.constantFrom('C', 'a', 'Z', '1', '9'), minLength: 1, maxLength: 18 }),
    orig: fc.ipV4(),
    origPort: fc.integer({ min: 0, max: 65_535 }),
    resp: fc.ipV6(),
    respPort: fc.integer({ min: 0, max: 65_535 }),
    duration: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
    local: fc.boolean(),
    tags: fc.array(
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '-'), minLength: 1, maxLength: 5 }),
      {
        maxLength: 3,
      },
    ),
  })
  .map((r) => {
    const micros = String(r.micros).padStart(6, '0');
    const line = [
      `${String(r.seconds)}.${micros}`,
      r.uid,
      r.orig,
      String(r.origPort),
      r.resp,
      String(r.respPort),
      r.duration === undefined ? '-' : (r.duration / 1000).toFixed(6),
      r.local ? 'T' : 'F',
      r.tags.length === 0
        ? '(empty)'
        : // Zeek escapes a value equal to the unset marker.
          r.tags.map((t) => (t === '-' ? '\\x2d' : t)).join(','),
    ].join('\t');
    const ts = `${new Date(r.seconds * 1000).toISOString().slice(0, 19)}.${micros}Z`;
    return { r, line, ts };
  });
const garbage = fc
  .string({ maxLength: 60 })
  .filter((g) => !g.includes('\n') && !g.startsWith('#') && g.trim() !== '');

describe('Zeek properties', () => {
  it('never throws on arbitrary input after a header or without one, within a time budget', async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({
            unit: fc.constantFrom('#', '\t', '\\', 'x', '-', ',', '{', '}', '\n', '1', '.'),
            maxLength: 200,
          }),
        ),
        fc.array(fc.nat({ max: 600 }), { maxLength: 5 }),
        async (withHeader, body, cuts) => {
          const text = withHeader ? `${HEADER}\n${body}` : body;
          const items = await collect(readZeek(cutAt(text, cuts), opts));
          for (const item of items) {
            if (item.kind === 'rejected') {
              expect(item.diagnostic.code).toMatch(/^WL_ZEEK_[A-Z_]+$/);
              expect((item.raw ?? '').length).toBeLessThanOrEqual(MAX_DEAD_LETTER_RAW_CHARS);
            } else {
              expect(item.event.shape).toBe('zeek');
            }
          }
          expect(items).toEqual(readZeekText(text, opts));
        },
      ),
      { numRuns: 300 },
    );
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });

  it('garbage lines between records lose none of them, and every value is typed back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(connRow, fc.option(garbage, { nil: undefined })), { maxLength: 15 }),
        (rows) => {
          const lines = rows.flatMap(([c, g]) => (g === undefined ? [c.line] : [g, c.line]));
          const events = eventsOf(readZeekText(`${HEADER}\n${lines.join('\n')}`, opts));
          expect(events.map((e) => e.data['ts'])).toEqual(rows.map(([c]) => c.ts));
          for (const [i, event] of events.entries()) {
            const r = rows[i]?.[0].r;
            expect(event.data['id.orig_p']).toBe(r?.origPort);
            expect(event.data['id.resp_h']).toBe(r?.resp);
            expect(event.data['local_orig']).toBe(r?.local);
            expect(event.data['tags']).toEqual(r?.tags);
            expect(event.data['duration']).toBe(
              r?.duration === undefined ? undefined : r.duration / 1000,
            );
            expect(event.ips).toEqual([r?.orig, r?.resp]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

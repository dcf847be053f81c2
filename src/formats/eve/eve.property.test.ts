import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { collect, cutAt, eventsOf } from '../jsonlog/test-helpers.js';
import { readEve, readEveText } from './read.js';

const opts = { source: 'p' };
const BUDGET_MS = 10_000;

const eveRecord = fc
  .record({
    timestamp: fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().replace('Z', '000+0000')),
    flow_id: fc.nat(),
    event_type: fc.constantFrom(
      'alert',
      'flow',
      'dns',
      'http',
      'tls',
      'fileinfo',
      'smb',
      'anomaly',
      'stats',
    ),
    src_ip: fc.ipV4(),
    dest_ip: fc.ipV4(),
    extra: fc.dictionary(
      fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__' && k !== 'constructor'),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 3 },
    ),
  })
  .map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
const garbage = fc.string({ maxLength: 40 }).filter((g) => !g.includes('\n') && g.trim() !== '');

describe('EVE properties', () => {
  it('never throws on arbitrary input in any chunking, within a time budget', async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 5 }),
        async (text, cuts) => {
          const items = await collect(readEve(cutAt(text, cuts), opts));
          for (const item of items) {
            if (item.kind === 'rejected') {
              expect(item.diagnostic.code).toMatch(/^WL_EVE_[A-Z_]+$/);
              expect((item.raw ?? '').length).toBeLessThanOrEqual(MAX_DEAD_LETTER_RAW_CHARS);
            } else {
              expect(item.event.logsource.product).toBe('suricata');
            }
          }
          expect(items).toEqual(readEveText(text, opts));
        },
      ),
      { numRuns: 300 },
    );
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });

  it('garbage lines between records lose none of them; time and ips are always read', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(eveRecord, fc.option(garbage, { nil: undefined })), { maxLength: 15 }),
        (rows) => {
          const lines = rows.flatMap(([r, g]) =>
            g === undefined ? [JSON.stringify(r)] : [g, JSON.stringify(r)],
          );
          const events = eventsOf(readEveText(lines.join('\n'), opts));
          expect(events.map((e) => e.data)).toEqual(rows.map(([r]) => r));
          for (const [i, event] of events.entries()) {
            const r = rows[i]?.[0] ?? {};
            expect(event.time.slice(0, 23)).toBe(String(r['timestamp']).slice(0, 23));
            expect(event.ips).toEqual([r['src_ip'], r['dest_ip']]);
            expect(event.logsource.service).toBe(r['event_type']);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

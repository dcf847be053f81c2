import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyslogFramer } from './framer.js';
import { parseSyslogMessage } from './parse.js';
import { priority } from './pri.js';
import type { SyslogMessage } from './types.js';
import { formatSyslog5424 } from './write.js';

const options = { source: 'p', receivedAt: new Date('2026-06-01T00:00:00Z') };
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

function frames(chunks: (string | Uint8Array)[], max?: number): string[] {
  const framer = new SyslogFramer({
    source: 'p',
    ...(max === undefined ? {} : { maxFrameBytes: max }),
  });
  const out = chunks.flatMap((c) => framer.push(c));
  out.push(...framer.finish());
  return out.map((f) => f.text);
}

const printable = (min: number, max: number) =>
  fc
    .string({
      unit: fc.integer({ min: 33, max: 126 }).map((c) => String.fromCharCode(c)),
      minLength: min,
      maxLength: max,
    })
    .filter((s) => s !== '-');
const sdName = printable(1, 32).filter((s) => !/[= \]"]/.test(s) && s !== '__proto__');
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const lineText = fc.string({ maxLength: 80 }).filter((s) => !/[\r\n\0]/.test(s));

const message5424: fc.Arbitrary<SyslogMessage> = fc
  .record({
    facility: fc.integer({ min: 0, max: 23 }),
    severity: fc.integer({ min: 0, max: 7 }),
    timestamp: nullable(
      fc
        .date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
    ),
    hostname: nullable(printable(1, 255)),
    appName: nullable(printable(1, 48)),
    procId: nullable(printable(1, 128)),
    msgId: nullable(printable(1, 32)),
    structuredData: fc.dictionary(
      sdName,
      fc.dictionary(sdName, fc.string({ maxLength: 20 }), { maxKeys: 4 }),
      { maxKeys: 4 },
    ),
    message: lineText,
  })
  .map((r) => ({
    ...r,
    ...priority(r.facility * 8 + r.severity),
    structuredData: r.structuredData,
    format: 'rfc5424' as const,
  }));

describe('syslog properties', () => {
  it('parse(format(x)) equals x', () => {
    fc.assert(
      fc.property(message5424, (m) => {
        const r = parseSyslogMessage(formatSyslog5424(m), options);
        expect(r.diagnostics).toEqual([]);
        expect(r.message).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary bytes and text never throw, within a time budget', () => {
    const started = performance.now();
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 8 }),
        fc.string({ maxLength: 300 }),
        (chunks, text) => {
          for (const f of frames(chunks, 64)) parseSyslogMessage(f, options);
          parseSyslogMessage(text, options);
          parseSyslogMessage(`<13>1 ${text}`, options);
          parseSyslogMessage(`<13>1 - h a - - [${text}`, options);
        },
      ),
      { numRuns: 500 },
    );
    expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  });

  const garbage = lineText.filter((s) => !/^[0-9]/.test(s));
  const octet = (s: string) => `${String(new TextEncoder().encode(s).length)} ${s}`;

  it('garbage between valid frames loses none of them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(message5424, garbage), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (pairs, counted) => {
          const valid = pairs.map(([m]) => formatSyslog5424(m)).filter((s) => !/[\r\n\0]/.test(s));
          const stream = pairs
            .map(([m, g]) => {
              const text = formatSyslog5424(m);
              return `${g}\n${counted ? octet(text) : `${text}\n`}`;
            })
            .join('');
          const got = frames([stream]);
          let i = 0;
          for (const f of got) if (f === valid[i]) i += 1;
          expect(i).toBe(valid.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a stream split into arbitrary chunks frames identically', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(message5424, fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 10 }),
        (items, cuts) => {
          const stream = items
            .map(([m, counted]) =>
              counted ? octet(formatSyslog5424(m)) : `${formatSyslog5424(m)}\n`,
            )
            .join('');
          const bytes = new TextEncoder().encode(stream);
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks: Uint8Array[] = [];
          let from = 0;
          for (const p of [...points, bytes.length]) {
            chunks.push(bytes.subarray(from, p));
            from = p;
          }
          expect(frames(chunks)).toEqual(frames([bytes]));
        },
      ),
      { numRuns: 200 },
    );
  });
});

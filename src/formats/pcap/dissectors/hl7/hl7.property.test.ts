import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, feedInChunks, RecordingSink } from '../../tcp-reassembly-harness.js';
import type { StreamDirection } from '../dissector.js';
import { HL7_DIAGNOSTIC_CODES, hl7DissectorFactory } from './index.js';
import { hl7Message, mllp } from './test-helpers.js';

// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;
const CODES = new Set<string>(HL7_DIAGNOSTIC_CODES);
const SEPARATORS = '|#$%!*+/:;=?@^~&\\'.split('');

/** Five distinct separators: the field separator, then MSH-2's four encoding characters. */
const delimiters = fc
  .shuffledSubarray(SEPARATORS, { minLength: 5, maxLength: 5 })
  .map(([field, ...encoding]) => ({ field: field!, encoding: encoding.join('') }));
const value = fc.string({
  unit: fc.constantFrom(...'ABCXYZ_019 .-'.split('')),
  minLength: 1,
  maxLength: 12,
});
const token = fc.string({
  unit: fc.constantFrom(...'ABCDEFXYZ019'.split('')),
  minLength: 1,
  maxLength: 5,
});

const messageArb = fc
  .record({
    delimiters,
    sendingApplication: value,
    sendingFacility: value,
    receivingApplication: value,
    receivingFacility: value,
    code: token,
    trigger: token,
    version: fc.constantFrom('2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.8'),
  })
  .filter((m) =>
    [m.sendingApplication, m.sendingFacility, m.receivingApplication, m.receivingFacility].every(
      (v) => v.trim() !== '',
    ),
  )
  .map((m) => ({
    ...m,
    text: hl7Message({
      fieldSeparator: m.delimiters.field,
      encoding: m.delimiters.encoding,
      sendingApplication: m.sendingApplication,
      sendingFacility: m.sendingFacility,
      receivingApplication: m.receivingApplication,
      receivingFacility: m.receivingFacility,
      messageType: [m.code, m.trigger],
      version: m.version,
      segments: [['PID', '1', '', '12345']],
    }),
  }));

function dissect(stream: Uint8Array, sizes: readonly number[]): RecordingSink {
  const sink = new RecordingSink();
  const dissector = hl7DissectorFactory.create(sink);
  feedInChunks(dissector, 'client-to-server', stream, sizes);
  dissector.end();
  return sink;
}

describe('HL7 dissector properties', () => {
  it('never throws on arbitrary bytes, chunkings and gaps, and only reports diagnostics', () => {
    const chunk = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // Bytes rich in MLLP and HL7 delimiters, so the framer goes deep.
      fc
        .array(fc.constantFrom(0x0b, 0x1c, 0x0d, 0x0a, 0x4d, 0x53, 0x48, 0x7c, 0x5e, 0x41), {
          maxLength: 300,
        })
        .map((a) => Uint8Array.from(a)),
    );
    const event = fc.record({
      direction: fc.constantFrom<StreamDirection>('client-to-server', 'server-to-client'),
      bytes: chunk,
      gapBefore: fc.option(fc.integer({ min: 1, max: 2_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 6 }),
        (events, sizes) => {
          const started = Date.now();
          const sink = new RecordingSink();
          const dissector = hl7DissectorFactory.create(sink);
          for (const e of events) {
            if (e.gapBefore !== undefined) {
              dissector.gap(e.direction, e.gapBefore, { source: 'test', offset: 0 });
            }
            feedInChunks(dissector, e.direction, e.bytes, sizes);
          }
          dissector.end();
          for (const d of sink.diagnostics) expect(CODES.has(d.code)).toBe(true);
          expect(Date.now() - started).toBeLessThan(BUDGET_MS);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('reads back every generated header, whatever the separators and the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        (messages, sizes) => {
          const stream = concatBytes(messages.map((m) => mllp(m.text)));
          const whole = dissect(stream, []);
          const cut = dissect(stream, sizes);
          expect(whole.diagnostics).toEqual([]);
          expect(cut.facts).toEqual(whole.facts);
          expect(cut.counters.get('hl7.messages')).toBe(messages.length);
          const client = whole.merged('client', 'hl7');
          const server = whole.merged('server', 'hl7');
          for (const m of messages) {
            expect(client?.applications).toContain(m.sendingApplication.trim());
            expect(client?.facilities).toContain(m.sendingFacility.trim());
            expect(client?.messageTypes).toContain(`${m.code}^${m.trigger}`);
            expect(client?.versions).toContain(m.version);
            expect(server?.applications).toContain(m.receivingApplication.trim());
            expect(server?.facilities).toContain(m.receivingFacility.trim());
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('loses no message when garbage without a start block sits between frames', () => {
    const garbage = fc
      .uint8Array({ minLength: 1, maxLength: 200 })
      .map((g) => g.map((b) => (b === 0x0b ? 0x20 : b)));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(messageArb, garbage), { minLength: 1, maxLength: 4 }),
        (pairs) => {
          const stream = concatBytes(pairs.flatMap(([m, g]) => [mllp(m.text), g]));
          const sink = dissect(stream, [37]);
          expect(sink.counters.get('hl7.messages')).toBe(pairs.length);
          for (const d of sink.diagnostics) {
            expect(['WL_HL7_BYTES_OUTSIDE_FRAME', 'WL_HL7_FRAME_TRAILER']).toContain(d.code);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

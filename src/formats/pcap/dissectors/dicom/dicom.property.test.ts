import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, feedInChunks, RecordingSink } from '../../tcp-reassembly-harness.js';
import type { StreamDirection } from '../dissector.js';
import { DICOM_DIAGNOSTIC_CODES, dicomDissectorFactory } from './index.js';
import {
  abort,
  associateAc,
  associateRj,
  associateRq,
  pdata,
  releaseRp,
  releaseRq,
} from './test-helpers.js';

// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;
const CODES = new Set<string>(DICOM_DIAGNOSTIC_CODES);

const aeTitle = fc
  .string({
    unit: fc.constantFrom(...'ABCXYZ_019 -.:abc'.split('')),
    minLength: 1,
    maxLength: 16,
  })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const uid = fc
  .array(fc.nat(99_999), { minLength: 2, maxLength: 8 })
  .map((parts) => `1.2.${parts.join('.')}`.slice(0, 64).replace(/\.$/, ''));
const context = fc.record({
  id: fc.integer({ min: 0, max: 127 }).map((n) => n * 2 + 1),
  abstractSyntax: uid,
  transferSyntaxes: fc.array(uid, { minLength: 1, maxLength: 3 }),
});

/** A plausible conversation: the requestor's PDUs and the acceptor's. */
const conversation = fc
  .record({
    calling: aeTitle,
    called: aeTitle,
    contexts: fc.uniqueArray(context, { minLength: 1, maxLength: 6, selector: (c) => c.id }),
    results: fc.array(fc.nat(4), { maxLength: 6 }),
    implementationClassUid: uid,
    implementationVersionName: aeTitle,
    client: fc.array(fc.oneof(fc.nat(3_000).map(pdata), fc.constant(abort())), { maxLength: 5 }),
    server: fc.array(fc.nat(500).map(pdata), { maxLength: 3 }),
    rejected: fc.boolean(),
  })
  .map(({ results: outcomes, client, server, rejected, ...spec }) => {
    const results = spec.contexts.map((ctx, i) => ({ id: ctx.id, result: outcomes[i] ?? 0 }));
    const answer = rejected ? associateRj() : associateAc({ ...spec, results });
    return {
      client: [associateRq(spec), ...client, releaseRq()],
      server: [answer, ...server, releaseRp()],
    };
  });

function dissect(
  client: readonly Uint8Array[],
  server: readonly Uint8Array[],
  sizes: readonly number[],
): RecordingSink {
  const sink = new RecordingSink();
  const dissector = dicomDissectorFactory.create(sink);
  const longest = Math.max(client.length, server.length);
  for (let i = 0; i < longest; i++) {
    if (client[i] !== undefined) feedInChunks(dissector, 'client-to-server', client[i]!, sizes);
    if (server[i] !== undefined) feedInChunks(dissector, 'server-to-client', server[i]!, sizes);
  }
  dissector.end();
  return sink;
}

function expectOnlyDicomDiagnostics(sink: RecordingSink): void {
  for (const d of sink.diagnostics) {
    expect(CODES.has(d.code)).toBe(true);
    expect(d.source).toBe('test');
    expect(Number.isInteger(d.offset)).toBe(true);
  }
}

describe('DICOM dissector properties', () => {
  it('never throws on arbitrary bytes in any chunking, and only reports diagnostics', () => {
    const event = fc.oneof(
      fc.record({
        direction: fc.constantFrom<StreamDirection>('client-to-server', 'server-to-client'),
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          // Mostly-valid headers, so the parser goes deep before failing.
          fc
            .tuple(fc.integer({ min: 1, max: 7 }), fc.uint8Array({ maxLength: 300 }))
            .map(([type, rest]) =>
              concatBytes([Uint8Array.of(type, 0, 0, 0, 1, rest.length), rest]),
            ),
        ),
      }),
      fc.record({
        direction: fc.constantFrom<StreamDirection>('client-to-server', 'server-to-client'),
        gap: fc.integer({ min: 1, max: 5_000 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 }),
        (events, sizes) => {
          const started = Date.now();
          const sink = new RecordingSink();
          const dissector = dicomDissectorFactory.create(sink);
          for (const e of events) {
            if ('gap' in e) dissector.gap(e.direction, e.gap, { source: 'test', offset: 0 });
            else feedInChunks(dissector, e.direction, e.bytes, sizes);
          }
          dissector.end();
          expectOnlyDicomDiagnostics(sink);
          expect(Date.now() - started).toBeLessThan(BUDGET_MS);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('gives identical results for a valid conversation in any chunking', () => {
    fc.assert(
      fc.property(
        conversation,
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 10 }),
        ({ client, server }, sizes) => {
          const whole = dissect(client, server, []);
          const chunked = dissect(client, server, sizes);
          expect(whole.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
          expect(chunked.facts).toEqual(whole.facts);
          expect(chunked.counters).toEqual(whole.counters);
          expect(chunked.diagnostics).toEqual(whole.diagnostics);
          expect(whole.counters.get('dicom.release')).toBe(1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('loses no later PDU when garbage is spliced between two valid PDUs', () => {
    // Garbage with no byte pair that could start a PDU header (a type 1–7, then reserved 0).
    const garbage = fc
      .uint8Array({ minLength: 1, maxLength: 200 })
      .filter((g) => !g.some((b, i) => b >= 1 && b <= 7 && g[i + 1] === 0));
    fc.assert(
      fc.property(conversation, garbage, ({ client }, noise) => {
        const whole = dissect(client, [], [97]);
        const spliced = dissect([client[0]!, noise, ...client.slice(1)], [], [97]);
        expect(spliced.counters).toEqual(whole.counters);
        expect(spliced.facts).toEqual(whole.facts);
        expect(spliced.codes()).toEqual(['WL_DICOM_RESYNCED']);
      }),
      { numRuns: 300 },
    );
  });
});

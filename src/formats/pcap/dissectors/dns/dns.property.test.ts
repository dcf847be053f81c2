import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AT, RecordingSink, runStream, splitAt } from '../tls/test-helpers.js';
import { dnsDatagramDissector } from './dns-dissector.js';
import { parseDnsMessage } from './dns-message.js';
import { readName } from './dns-name.js';
import { dnsTcpDissectorFactory } from './dns-tcp.js';
import { dnsMessage, tcpFramed } from './test-messages.js';

/** Generous: parsing is linear; only a hang or a blow-up comes near this. */
const BUDGET_MS = 2_000;

const label = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
const name = fc.array(label, { minLength: 1, maxLength: 5 }).map((labels) => labels.join('.'));
const query = fc
  .array(fc.tuple(name, fc.constantFrom(1, 12, 28, 255)), { minLength: 1, maxLength: 4 })
  .map((questions) => dnsMessage({ questions }));

describe('DNS properties', () => {
  it('never throws on arbitrary datagrams and reports only WL_DNS_ diagnostics', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const sink = new RecordingSink();
        const started = performance.now();
        dnsDatagramDissector.dissect(bytes, AT, sink);
        expect(performance.now() - started).toBeLessThan(BUDGET_MS);
        expect(sink.diagnostics.length).toBeLessThanOrEqual(1);
        expect(sink.diagnostics.every((d) => d.code.startsWith('WL_DNS_'))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads names at any offset of arbitrary bytes without throwing or looping', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), (bytes, n) => {
        const read = readName(bytes, n % bytes.length);
        if (read.ok) expect(read.name.length).toBeLessThanOrEqual(255 * 4);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back the names it was given', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, fc.constantFrom(1, 28)), { minLength: 1, maxLength: 6 }),
        (questions) => {
          const { message, diagnostics } = parseDnsMessage(dnsMessage({ questions }), AT);
          expect(diagnostics).toEqual([]);
          expect(message?.questions.map((q) => [q.name, q.type])).toEqual(questions);
        },
      ),
    );
  });

  it('TCP: arbitrary bytes in arbitrary chunks never throw', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.boolean(),
        (bytes, cuts, fromServer) => {
          const direction = fromServer ? 'server-to-client' : 'client-to-server';
          const sink = runStream(
            dnsTcpDissectorFactory,
            splitAt(bytes, cuts).map((p) => [direction, p] as const),
          );
          expect(sink.diagnostics.every((d) => d.code.startsWith('WL_DNS_'))).toBe(true);
        },
      ),
    );
  });

  it('TCP: the same queries split at any points give the same facts', () => {
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(600), { maxLength: 10 }),
        (messages, cuts) => {
          const stream = Uint8Array.from(messages.flatMap((m) => [...tcpFramed(m)]));
          const whole = runStream(dnsTcpDissectorFactory, [['client-to-server', stream]]);
          const split = runStream(
            dnsTcpDissectorFactory,
            splitAt(stream, cuts).map((p) => ['client-to-server', p] as const),
          );
          expect(split.snapshot()).toEqual(whole.snapshot());
          expect(whole.facts).toHaveLength(messages.length);
        },
      ),
    );
  });
});

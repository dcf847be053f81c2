import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseClientHello, parseServerHello } from './hello.js';
import { runStream, splitAt, type StreamEvent } from './test-helpers.js';
import {
  clientHelloBody,
  ext,
  handshake,
  records,
  serverHelloBody,
  type TestExtension,
} from './test-messages.js';
import { tlsDissectorFactory } from './tls-dissector.js';
import { readFirstCertificate } from './certificate.js';

/** Generous: reading is linear in the input; only a hang or a blow-up comes near this. */
const BUDGET_MS = 2_000;

const direction = fc.constantFrom('client-to-server' as const, 'server-to-client' as const);
const u16 = fc.integer({ min: 0, max: 0xffff });
const hostLabel = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const extension: fc.Arbitrary<TestExtension> = fc.oneof(
  fc.array(hostLabel, { minLength: 1, maxLength: 3 }).map((l) => ext.sni(l.join('.'))),
  fc.array(u16, { maxLength: 6 }).map((g) => ext.groups(...g)),
  fc.array(fc.nat(255), { maxLength: 3 }).map((f) => ext.pointFormats(...f)),
  fc.array(u16, { maxLength: 6 }).map((a) => ext.signatureAlgorithms(...a)),
  fc.array(fc.stringMatching(/^[a-z0-9/.]{1,8}$/), { maxLength: 3 }).map((a) => ext.alpn(...a)),
  fc.array(u16, { maxLength: 4 }).map((v) => ext.supportedVersions(...v)),
  fc.tuple(u16, fc.array(fc.nat(255), { maxLength: 16 })).map(([t, d]) => [t, d] as TestExtension),
);
const clientHello = fc
  .record({
    version: fc.constantFrom(0x0300, 0x0301, 0x0302, 0x0303),
    ciphers: fc.array(u16, { maxLength: 40 }),
    extensions: fc.option(fc.array(extension, { maxLength: 10 }), { nil: undefined }),
    fragment: fc.integer({ min: 1, max: 400 }),
  })
  .map(({ fragment, ...spec }) => records(22, handshake(1, clientHelloBody(spec)), fragment));
const serverFlight = fc
  .record({
    cipher: u16,
    extensions: fc.array(fc.constantFrom(ext.empty(0xff01), ext.empty(0x0017)), { maxLength: 2 }),
    fragment: fc.integer({ min: 1, max: 400 }),
  })
  .map(({ fragment, ...spec }) =>
    records(22, [...handshake(2, serverHelloBody(spec)), ...handshake(14, [])], fragment),
  );

describe('TLS properties', () => {
  it('never throws on arbitrary bytes in arbitrary chunks, both directions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(direction, fc.uint8Array({ maxLength: 300 })), { maxLength: 8 }),
        (events) => {
          const sink = runStream(tlsDissectorFactory, events);
          expect(sink.diagnostics.every((d) => d.code.startsWith('WL_TLS_'))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary handshake bytes behind valid record headers', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 500 }),
        (body, fragment) => {
          const started = performance.now();
          const sink = runStream(tlsDissectorFactory, [
            ['client-to-server', records(22, [...body], fragment)],
          ]);
          expect(performance.now() - started).toBeLessThan(BUDGET_MS);
          expect(sink.diagnostics.length).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('hello and certificate parsers never throw on arbitrary bodies', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (body) => {
        parseClientHello(body);
        parseServerHello(body);
        readFirstCertificate(body);
      }),
      { numRuns: 2000 },
    );
  });

  it('the same handshake split at any points gives the same facts', () => {
    fc.assert(
      fc.property(
        clientHello,
        serverFlight,
        fc.array(fc.nat(3000), { maxLength: 10 }),
        (client, server, cuts) => {
          const whole = runStream(tlsDissectorFactory, [
            ['client-to-server', client],
            ['server-to-client', server],
          ]);
          const events: StreamEvent[] = [
            ...splitAt(client, cuts).map((p) => ['client-to-server', p] as const),
            ...splitAt(server, cuts).map((p) => ['server-to-client', p] as const),
          ];
          expect(runStream(tlsDissectorFactory, events).snapshot()).toEqual(whole.snapshot());
          expect(whole.facts).toHaveLength(1);
          expect(whole.diagnostics).toEqual([]);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascii, runStream, splitAt, type StreamEvent } from '../tls/test-helpers.js';
import { parseHead } from './head.js';
import { httpDissectorFactory } from './http-dissector.js';

/** Generous: reading is linear in the input; only a hang or a blow-up comes near this. */
const BUDGET_MS = 2_000;

const direction = fc.constantFrom('client-to-server' as const, 'server-to-client' as const);
const token = fc.stringMatching(/^[A-Za-z0-9._/-]{1,20}$/);
const request = fc
  .record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'PATCH'),
    agent: token,
    host: token,
    body: fc.string({ maxLength: 40 }).map((b) => b.replace(/[^\x20-\x7e]/g, 'x')),
    lf: fc.boolean(),
  })
  .map(({ method, agent, host, body, lf }) => {
    const eol = lf ? '\n' : '\r\n';
    return [
      `${method} /${host} HTTP/1.1`,
      `Host: ${host}`,
      `User-Agent: ${agent}`,
      `Content-Length: ${body.length}`,
      '',
      body,
    ].join(eol);
  });

describe('HTTP properties', () => {
  it('never throws on arbitrary bytes in arbitrary chunks, both directions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(direction, fc.uint8Array({ maxLength: 400 })), { maxLength: 8 }),
        (events) => {
          const sink = runStream(httpDissectorFactory, events);
          expect(sink.diagnostics.every((d) => d.code.startsWith('WL_HTTP_'))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on a valid request line followed by arbitrary text, within the budget', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3000 }),
        fc.array(fc.nat(3000), { maxLength: 6 }),
        (text, cuts) => {
          const bytes = ascii(`GET / HTTP/1.1\r\n${text}`);
          const started = performance.now();
          runStream(
            httpDissectorFactory,
            splitAt(bytes, cuts).map((p) => ['client-to-server', p] as const),
          );
          expect(performance.now() - started).toBeLessThan(BUDGET_MS);
          expect(() => parseHead(bytes)).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('pipelined requests split at any points give the same facts', () => {
    fc.assert(
      fc.property(
        fc.array(request, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(1000), { maxLength: 12 }),
        (requests, cuts) => {
          const bytes = ascii(requests.join(''));
          const whole = runStream(httpDissectorFactory, [['client-to-server', bytes]]);
          const events: StreamEvent[] = splitAt(bytes, cuts).map(
            (p) => ['client-to-server', p] as const,
          );
          expect(runStream(httpDissectorFactory, events).snapshot()).toEqual(whole.snapshot());
          expect(whole.counts.get('http.requests')).toBe(requests.length);
          expect(whole.diagnostics).toEqual([]);
        },
      ),
    );
  });
});

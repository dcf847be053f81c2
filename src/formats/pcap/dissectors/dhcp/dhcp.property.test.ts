import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AT, RecordingSink } from '../tls/test-helpers.js';
import { dhcpDatagramDissector } from './dhcp-dissector.js';
import { parseDhcpMessage } from './dhcp-message.js';
import { dhcpMessage, text, type } from './test-messages.js';

const BUDGET_MS = 2_000;

describe('DHCP properties', () => {
  it('never throws on arbitrary payloads; only WL_DHCP_ diagnostics', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (bytes) => {
        const sink = new RecordingSink();
        dhcpDatagramDissector.dissect(bytes, AT, sink);
        expect(sink.diagnostics.every((d) => d.code.startsWith('WL_DHCP_'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary option bytes behind a valid header, within the budget', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 1500 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.uint8Array({ minLength: 128, maxLength: 128 }),
        (raw, sname, file) => {
          const sink = new RecordingSink();
          const started = performance.now();
          dhcpDatagramDissector.dissect(
            dhcpMessage({ raw: [52, 1, 3, ...raw], sname: [...sname], file: [...file] }),
            AT,
            sink,
          );
          expect(performance.now() - started).toBeLessThan(BUDGET_MS);
          expect(sink.identified).toHaveLength(1);
          expect(sink.diagnostics.length).toBeLessThanOrEqual(8);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads back the host name, vendor class and parameter list it was given', () => {
    const printable = fc.stringMatching(/^[A-Za-z0-9._-]{1,60}$/);
    fc.assert(
      fc.property(
        printable,
        printable,
        fc.uint8Array({ minLength: 1, maxLength: 60 }),
        (hostname, vendorClass, params) => {
          const { message, diagnostics } = parseDhcpMessage(
            dhcpMessage({
              options: [type(3), [12, text(hostname)], [60, text(vendorClass)], [55, [...params]]],
            }),
            AT,
          );
          expect(diagnostics).toEqual([]);
          expect(message).toMatchObject({
            hostname,
            vendorClass,
            parameterRequestList: [...params],
          });
        },
      ),
    );
  });
});

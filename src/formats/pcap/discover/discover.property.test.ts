/**
 * Properties of discovery on untrusted input: arbitrary bytes, corrupted frames and cut captures
 * never throw anything but `WL_PCAP_UNREADABLE` and finish within a budget; the same capture gives
 * the same result however its bytes are chunked; the synchronous pcap record splitter reads
 * exactly what `readCapture` reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../../domain/errors.js';
import { PCAP_LIMITS } from '../limits.js';
import type { CapturedPacket } from '../packet.js';
import { readCaptureAll } from '../pcap-reader.js';
import { writePcap } from '../pcap-writer.js';
import { PcapRecordSplitter } from './pcap-records.js';
import { chunked, CaptureBuilder, type Host } from './test-captures.js';
import {
  associateAc,
  associateRq,
  dhcpMessage,
  DICOM_UID,
  dnsQuery,
  dnsResponse,
  DNS_TYPE_PTR,
  hl7Message,
  httpRequest,
  httpResponse,
  mllp,
  releaseRp,
  releaseRq,
  tlsClientHello,
  tlsServerHello,
} from './test-messages.js';
import { discoverCapture, type DiscoveryResult } from './index.js';

const SOURCE = 'fuzz.pcap';
const BUDGET_MS = 3_000;
const CODE = /^WL_(PCAP|DICOM|HL7|TLS|HTTP|DNS|DHCP)_[A-Z0-9_]+$/;

const a: Host = { ip: '10.1.4.11', mac: '00:1b:63:00:04:11' };
const b: Host = { ip: '10.1.9.5', mac: '00:1b:63:00:09:05' };
const c: Host = { ip: '10.1.3.20', mac: '00:1b:63:00:03:20' };

/** A capture with every protocol discovery reads, so corruptions reach every dissector. */
function richCapture(): CaptureBuilder {
  const capture = new CaptureBuilder();
  capture.vlanIds = [120];
  const contexts = [
    {
      id: 1,
      abstractSyntax: DICOM_UID.ctImageStorage,
      transferSyntaxes: [DICOM_UID.implicitLittleEndian],
    },
  ];
  const impl = { implementationClassUid: '1.2.3.4', implementationVersionName: 'TEST_1' };
  capture
    .tcp({ ...a, port: 50_000 }, { ...b, port: 104 })
    .open()
    .send(
      true,
      associateRq({ calling: 'CT1', called: 'PACS', contexts, maxLength: 16_384, ...impl }),
    )
    .send(
      false,
      associateAc({
        calling: 'CT1',
        called: 'PACS',
        results: [{ id: 1, result: 0, transferSyntax: DICOM_UID.implicitLittleEndian }],
        maxLength: 16_384,
        ...impl,
      }),
    )
    .send(true, releaseRq())
    .send(false, releaseRp())
    .close();
  const message = hl7Message({
    sendingApplication: 'LAB',
    sendingFacility: 'NORTH',
    receivingApplication: 'HIS',
    receivingFacility: 'MAIN',
    messageType: 'ORU^R01',
    controlId: '1',
    version: '2.5.1',
  });
  capture
    .tcp({ ...c, port: 50_001 }, { ...b, port: 6661 })
    .open()
    .send(true, mllp(message), 40)
    .close();
  capture
    .tcp({ ...c, port: 50_002 }, { ...b, port: 443 })
    .open()
    .send(true, tlsClientHello('pacs.local'))
    .send(false, tlsServerHello())
    .close();
  capture
    .tcp({ ...c, port: 50_003 }, { ...b, port: 80 })
    .open()
    .send(true, httpRequest('pacs', 'UA/1'))
    .send(false, httpResponse('S/1', 'x'))
    .close();
  capture.udp(c, b, 50_004, 53, dnsQuery(7, '5.9.1.10.in-addr.arpa', DNS_TYPE_PTR));
  capture.udp(
    b,
    c,
    53,
    50_004,
    dnsResponse(7, '5.9.1.10.in-addr.arpa', DNS_TYPE_PTR, 'pacs.local'),
  );
  capture.udp(
    c,
    b,
    68,
    67,
    dhcpMessage({
      op: 1,
      type: 3,
      mac: c.mac,
      xid: 1,
      requestedIp: c.ip,
      hostname: 'WS',
      vendorClass: 'MSFT 5.0',
      parameters: [1, 3, 6],
    }),
  );
  capture.arp(2, b, c, c.mac);
  return capture;
}

const rich = richCapture();
const richBytes = rich.pcap();

async function settle(run: Promise<DiscoveryResult>): Promise<DiscoveryResult | null> {
  try {
    return await run;
  } catch (error) {
    expect(error).toBeInstanceOf(WardlineError);
    expect((error as WardlineError).code).toBe('WL_PCAP_UNREADABLE');
    return null;
  }
}

function checkResult(result: DiscoveryResult | null): void {
  if (result === null) return;
  for (const d of result.diagnostics) {
    expect(d.code).toMatch(CODE);
    expect(d.source).toBe(SOURCE);
  }
}

const timed = async <T>(run: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const value = await run();
  expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  return value;
};

describe('discoverCapture on untrusted input', () => {
  it('arbitrary bytes: a result or WL_PCAP_UNREADABLE, within the budget', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4_096 }),
        fc.boolean(),
        async (bytes, withHeader) => {
          const input = withHeader ? concatHeader(bytes) : bytes;
          checkResult(
            await timed(() => settle(discoverCapture(chunked(input, [97]), { source: SOURCE }))),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('corrupted frames of a real-looking capture never throw', async () => {
    const edit = fc.record({
      packet: fc.nat(),
      at: fc.nat(),
      value: fc.integer({ min: 0, max: 255 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 40 }), async (edits) => {
        const packets = rich.packets.map((p) => ({ ...p, data: p.data.slice() }));
        for (const e of edits) {
          const packet = packets[e.packet % packets.length];
          if (packet !== undefined) packet.data[e.at % packet.data.length] = e.value;
        }
        const input = writePcap(packets);
        checkResult(await timed(() => settle(discoverCapture(chunked(input), { source: SOURCE }))));
      }),
      { numRuns: 150 },
    );
  });

  it('a capture cut anywhere keeps what came before and never throws after the header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 24, max: richBytes.length }), async (cut) => {
        const result = await discoverCapture(chunked(richBytes.subarray(0, cut), [333]), {
          source: SOURCE,
        });
        checkResult(result);
        expect(result.stats.packets).toBeLessThanOrEqual(rich.packets.length);
      }),
      { numRuns: 150 },
    );
  });

  it('the same capture in any chunking gives the same result', async () => {
    const whole = await discoverCapture(chunked(richBytes, [richBytes.length]), { source: SOURCE });
    expect(whole.observations.length).toBeGreaterThan(2);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 3_000 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          const result = await discoverCapture(chunked(richBytes, sizes), { source: SOURCE });
          expect(result).toEqual(whole);
        },
      ),
      { numRuns: 100 },
    );
  });
});

/** Chunks of one buffer, scribbled over as soon as discovery asks for the next. */
async function* scribbled(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  const buffer = new Uint8Array(Math.max(...sizes, 1));
  let at = 0;
  let i = 0;
  await Promise.resolve();
  while (at < bytes.length) {
    const n = Math.min(Math.max(1, sizes[i++ % sizes.length] ?? 1), bytes.length - at);
    buffer.set(bytes.subarray(at, at + n));
    yield buffer.subarray(0, n);
    buffer.fill(0xee);
    at += n;
  }
}

describe('discoverCapture with reused chunks', () => {
  it('keeps nothing of a chunk once the next is asked for: the same result, pcap or pcapng', async () => {
    const pcapng = rich.pcapng();
    const expected = await discoverCapture(chunked(richBytes, [richBytes.length]), {
      source: SOURCE,
    });
    const expectedNg = await discoverCapture(chunked(pcapng, [pcapng.length]), { source: SOURCE });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 2_000 }), { minLength: 1, maxLength: 6 }),
        async (sizes) => {
          const options = { source: SOURCE, reusedChunks: true };
          expect(await discoverCapture(scribbled(richBytes, sizes), options)).toEqual(expected);
          expect(await discoverCapture(scribbled(pcapng, sizes), options)).toEqual(expectedNg);
        },
      ),
      { numRuns: 60 },
    );
  });
});

function concatHeader(bytes: Uint8Array): Uint8Array {
  const header = writePcap([]);
  const out = new Uint8Array(header.length + bytes.length);
  out.set(header);
  out.set(bytes, header.length);
  return out;
}

/** What `readCaptureAll` returns, through the splitter. */
function split(bytes: Uint8Array, sizes: readonly number[]) {
  const records: CapturedPacket[] = [];
  const diagnostics: unknown[] = [];
  const splitter = new PcapRecordSplitter(
    SOURCE,
    { ...PCAP_LIMITS, maxCapturedLength: 2_000 },
    (packet) => records.push({ ...packet, data: packet.data.slice() }),
    (d) => diagnostics.push(d),
  );
  let at = 0;
  let i = 0;
  while (at < bytes.length && !splitter.stopped) {
    const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
    splitter.push(bytes.subarray(at, at + size));
    at += size;
  }
  splitter.end();
  return { records, diagnostics };
}

describe('PcapRecordSplitter reads what readCapture reads', () => {
  const record = fc.record({
    seconds: fc.integer({ min: 0, max: 0xffffffff }),
    fraction: fc.integer({ min: 0, max: 0xffffffff }),
    data: fc.uint8Array({ maxLength: 300 }),
    original: fc.option(fc.integer({ min: 0, max: 4_000 }), { nil: undefined }),
  });

  it('on records, garbage, cuts and oversized lengths, in any chunking and byte order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 12 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.nat(),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<'little' | 'big'>('little', 'big'),
        fc.boolean(),
        async (records, garbage, cut, sizes, byteOrder, nanoseconds) => {
          const file = writePcap(
            records.map((r) => ({
              timestampMicros: BigInt(r.seconds) * 1_000_000n + BigInt(r.fraction % 1_000_000),
              data: r.data,
              ...(r.original === undefined ? {} : { originalLength: r.original }),
            })),
            { byteOrder, nanoseconds, linkType: 1 },
          );
          const whole = new Uint8Array(file.length + garbage.length);
          whole.set(file);
          whole.set(garbage, file.length);
          const bytes = whole.subarray(0, cut % (whole.length + 1));
          const expected = await readCaptureAll(bytes, {
            source: SOURCE,
            limits: { maxCapturedLength: 2_000 },
          }).catch((e: unknown) => e);
          let actual: unknown;
          try {
            actual = split(bytes, sizes);
          } catch (e) {
            actual = e;
          }
          if (expected instanceof WardlineError) {
            expect(actual).toBeInstanceOf(WardlineError);
            expect((actual as WardlineError).code).toBe(expected.code);
            return;
          }
          expect(expected).not.toBeInstanceOf(Error);
          const got = actual as ReturnType<typeof split>;
          const want = expected as Awaited<ReturnType<typeof readCaptureAll>>;
          expect(got.records).toEqual(want.records);
          expect(got.diagnostics).toEqual(want.diagnostics);
        },
      ),
      { numRuns: 300 },
    );
  });
});

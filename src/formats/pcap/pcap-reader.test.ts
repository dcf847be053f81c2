import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { buildFrame } from './frame-builder.js';
import { readCaptureAll } from './pcap-reader.js';
import { writePcap, writePcapng, type PacketToWrite } from './pcap-writer.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/pcaps/', import.meta.url));
const HAS_DATA = existsSync(DATA);
const dataTitle = HAS_DATA
  ? 'real captures from ../shared/data'
  : 'real captures — SKIPPED: ../shared/data is absent';

const frame = buildFrame({
  srcIp: '10.1.4.20',
  dstIp: '10.1.9.5',
  transport: { kind: 'tcp', srcPort: 50112, dstPort: 104, flags: 0x02 },
});
const PACKETS: PacketToWrite[] = [
  { timestampMicros: 1_700_000_000_123_456n, data: frame },
  { timestampMicros: 1_700_000_001_000_001n, data: frame.subarray(0, 40), originalLength: 54 },
];

function u32le(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => {
    new DataView(out.buffer).setUint32(i * 4, v, true);
  });
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

describe.skipIf(!HAS_DATA)(dataTitle, () => {
  const read = (name: string) => readCaptureAll(createReadStream(DATA + name), { source: name });

  it('reads a pcapng capture: 10 packets, first at 1643129441.023341 (tcpdump)', async () => {
    const result = await read('ndpi/http.pcapng');
    expect(result.format).toBe('pcapng');
    expect(result.diagnostics).toEqual([]);
    expect(result.records).toHaveLength(10);
    expect(result.records[0]).toMatchObject({
      index: 0,
      timestampMicros: 1_643_129_441_023_341n,
      linkType: 1,
      capturedLength: 74,
      originalLength: 74,
    });
  });

  it('recognizes pcapng by its magic even when the file is named .pcap', async () => {
    const result = await read('ndpi/dns.pcap');
    expect(result.format).toBe('pcapng');
    expect(result.records).toHaveLength(5);
    expect(result.records[0]?.timestampMicros).toBe(1_112_172_654_366_527n);
  });

  it('reads a little-endian microsecond pcap with QinQ frames: 11 packets', async () => {
    const result = await read('ndpi/ja3_lots_of_cipher_suites.pcap');
    expect(result.format).toBe('pcap');
    expect(result.diagnostics).toEqual([]);
    expect(result.records).toHaveLength(11);
    expect(result.records[0]?.timestampMicros).toBe(1_557_818_846_743_554n);
    expect(result.records[0]?.originalLength).toBe(74);
  });

  it('reads a BSD loopback (link type 0) capture: 381 packets', async () => {
    const result = await read('ndpi/opc-ua.pcap');
    expect(result.records).toHaveLength(381);
    expect(result.records[0]?.linkType).toBe(0);
    expect(result.records[0]?.timestampMicros).toBe(1_667_935_846_902_658n);
  });
});

describe('readCapture on built captures', () => {
  it.each([
    ['pcap little-endian', writePcap(PACKETS)],
    ['pcap big-endian', writePcap(PACKETS, { byteOrder: 'big' })],
    ['pcap nanoseconds', writePcap(PACKETS, { nanoseconds: true })],
    ['pcapng little-endian', writePcapng(PACKETS)],
    ['pcapng big-endian', writePcapng(PACKETS, { byteOrder: 'big' })],
    ['pcapng nanosecond if_tsresol', writePcapng(PACKETS, { tsresol: 9 })],
  ])('%s gives back the packets written', async (_name, bytes) => {
    const result = await readCaptureAll(bytes);
    expect(result.diagnostics).toEqual([]);
    expect(result.records.map((p) => [p.timestampMicros, p.originalLength, p.data])).toEqual(
      PACKETS.map((p) => [p.timestampMicros, p.originalLength ?? p.data.length, p.data]),
    );
    expect(result.records[1]?.capturedLength).toBe(40);
  });

  it('reads binary if_tsresol (2^-20 s) timestamps', async () => {
    const result = await readCaptureAll(
      writePcapng([{ timestampMicros: 1_700_000_000_500_000n, data: frame }], { tsresol: 0x94 }),
    );
    expect(result.records[0]?.timestampMicros).toBe(1_700_000_000_500_000n);
  });

  it('throws WL_PCAP_UNREADABLE for wrong magic bytes and for empty input', async () => {
    expect.assertions(4);
    for (const bytes of [new TextEncoder().encode('GET / HTTP/1.1\r\n'), new Uint8Array(0)]) {
      const error = await readCaptureAll(bytes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WardlineError);
      expect((error as WardlineError).code).toBe('WL_PCAP_UNREADABLE');
    }
  });

  it('reports a truncated last pcap record and keeps the packets before it', async () => {
    const bytes = writePcap(PACKETS);
    const result = await readCaptureAll(bytes.subarray(0, bytes.length - 5), {
      source: 'cut.pcap',
    });
    expect(result.records).toHaveLength(1);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        source: 'cut.pcap',
        offset: 24 + 16 + frame.length,
        code: 'WL_PCAP_TRUNCATED_RECORD',
        severity: 'error',
      }),
    ]);
  });

  it('stops at a pcap record above the captured-length cap, keeping earlier packets', async () => {
    const bytes = concat(writePcap(PACKETS), u32le(1, 0, 10_000_000, 10_000_000));
    const result = await readCaptureAll(bytes);
    expect(result.records).toHaveLength(2);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['WL_PCAP_RECORD_TOO_LARGE']);
  });

  it('skips unknown pcapng blocks by their length', async () => {
    const ng = writePcapng(PACKETS);
    const custom = u32le(0x0bad, 16, 0xdeadbeef, 16);
    const shbAndIdb = 28 + 20;
    const bytes = concat(ng.subarray(0, shbAndIdb), custom, ng.subarray(shbAndIdb));
    const result = await readCaptureAll(bytes);
    expect(result.diagnostics).toEqual([]);
    expect(result.records).toHaveLength(2);
  });

  it('resynchronizes after a corrupt pcapng block and reads the packets after it', async () => {
    const ng = writePcapng(PACKETS);
    const shbAndIdb = 28 + 20;
    const garbage = u32le(6, 13, 0xffffffff, 7, 7);
    const bytes = concat(ng.subarray(0, shbAndIdb), garbage, ng.subarray(shbAndIdb));
    const result = await readCaptureAll(bytes);
    expect(result.records).toHaveLength(2);
    expect(result.diagnostics.map((d) => [d.code, d.offset])).toEqual([
      ['WL_PCAP_BLOCK_INVALID', shbAndIdb],
      ['WL_PCAP_RESYNCED', shbAndIdb],
    ]);
  });

  it('reads Simple Packet Blocks against interface 0, without a timestamp', async () => {
    const ng = writePcapng(PACKETS.slice(0, 1));
    const data = frame.subarray(0, 20);
    const spb = concat(u32le(3, 16 + 20, frame.length), data, u32le(16 + 20));
    const result = await readCaptureAll(concat(ng, spb));
    expect(result.records).toHaveLength(2);
    expect(result.records[1]).toMatchObject({
      timestampMicros: null,
      capturedLength: 20,
      originalLength: frame.length,
      data,
    });
  });

  it('reports a packet block for an interface no block defined', async () => {
    const ng = writePcapng(PACKETS.slice(0, 1));
    const result = await readCaptureAll(concat(ng.subarray(0, 28), ng.subarray(28 + 20)));
    expect(result.records).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['WL_PCAP_UNKNOWN_INTERFACE']);
  });

  it('caps interfaces per section', async () => {
    const idb = writePcapng(PACKETS.slice(0, 1)).subarray(28, 48);
    const ng = writePcapng([]);
    const result = await readCaptureAll(concat(ng, idb, idb, idb), {
      limits: { maxInterfaces: 2 },
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['WL_PCAP_TOO_MANY_INTERFACES']);
  });

  it('buffers boundedly: endless garbage after a header is abandoned after the resync cap', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      yield writePcapng(PACKETS);
      for (;;) {
        await Promise.resolve();
        pulled += 4096;
        yield new Uint8Array(4096).fill(0xee);
      }
    }
    const result = await readCaptureAll(endless(), { limits: { maxResyncBytes: 65_536 } });
    expect(result.records).toHaveLength(2);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'WL_PCAP_BLOCK_INVALID',
      'WL_PCAP_RESYNC_FAILED',
    ]);
    expect(pulled).toBeLessThanOrEqual(65_536 + 4096);
  });

  it('resynchronizes in linear time through garbage full of plausible block headers', async () => {
    // Every third word starts an "EPB" of a sane length whose trailing copy never matches.
    const word = u32le(6, 327_672, 0);
    const garbage = new Uint8Array(12 * 350_000);
    for (let at = 0; at < garbage.length; at += word.length) garbage.set(word, at);
    const bytes = concat(writePcapng(PACKETS), garbage);
    const started = performance.now();
    const result = await readCaptureAll(chunked(bytes, 65_536));
    expect(performance.now() - started).toBeLessThan(15_000); // quadratic resync would take minutes
    expect(result.records).toHaveLength(2);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'WL_PCAP_BLOCK_INVALID',
      'WL_PCAP_RESYNC_FAILED',
    ]);
  });

  it('reads a Node Readable in small chunks the same as one buffer', async () => {
    const bytes = writePcapng(PACKETS);
    const whole = await readCaptureAll(bytes);
    const pieces = await readCaptureAll(chunked(bytes, 3));
    expect(pieces).toEqual(whole);
  });
});

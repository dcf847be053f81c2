import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { readCaptureAll, type CaptureReadResult } from './pcap-reader.js';
import { writePcap, writePcapng, type PacketToWrite } from './pcap-writer.js';

/** Per-input budget: a hostile capture of a few KiB must never take long. */
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

type Format = 'pcap-le' | 'pcap-be' | 'pcap-ns' | 'pcapng-le' | 'pcapng-be' | 'pcapng-ns';
const FORMATS: Format[] = ['pcap-le', 'pcap-be', 'pcap-ns', 'pcapng-le', 'pcapng-be', 'pcapng-ns'];

function write(format: Format, packets: readonly PacketToWrite[]): Uint8Array {
  switch (format) {
    case 'pcap-le':
      return writePcap(packets);
    case 'pcap-be':
      return writePcap(packets, { byteOrder: 'big' });
    case 'pcap-ns':
      return writePcap(packets, { nanoseconds: true });
    case 'pcapng-le':
      return writePcapng(packets);
    case 'pcapng-be':
      return writePcapng(packets, { byteOrder: 'big' });
    case 'pcapng-ns':
      return writePcapng(packets, { tsresol: 9, byteOrder: 'big' });
  }
}

/** After the file header (pcap) or the section header and one interface block (pcapng). */
function firstRecordStart(format: Format): number {
  if (!format.startsWith('pcapng')) return 24;
  return 28 + (format === 'pcapng-ns' ? 32 : 20);
}

/** Where each packet's record ends, for one link type and microsecond or nanosecond pcapng. */
function recordEnds(format: Format, packets: readonly PacketToWrite[]): number[] {
  const pcapng = format.startsWith('pcapng');
  let at = firstRecordStart(format);
  return packets.map((p) => {
    at += pcapng ? 32 + Math.ceil(p.data.length / 4) * 4 : 16 + p.data.length;
    return at;
  });
}

const packetArb = fc.record({
  timestampMicros: fc.bigInt({ min: 0n, max: 2n ** 32n * 1_000_000n - 1n }),
  data: fc.uint8Array({ maxLength: 200 }),
  originalLength: fc.option(fc.integer({ min: 200, max: 70_000 }), { nil: undefined }),
});
const packetsArb = fc.array(packetArb, { maxLength: 12 });
const formatArb = fc.constantFrom(...FORMATS);

function expected(packets: readonly PacketToWrite[]) {
  return packets.map((p) => ({
    timestampMicros: p.timestampMicros,
    capturedLength: p.data.length,
    originalLength: Math.max(p.originalLength ?? 0, p.data.length),
    data: Uint8Array.from(p.data),
  }));
}

function actual(result: CaptureReadResult) {
  return result.records.map(({ timestampMicros, capturedLength, originalLength, data }) => ({
    timestampMicros,
    capturedLength,
    originalLength,
    data,
  }));
}

async function* chunks(parts: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield part;
  }
}

/** Reads, turning only a WardlineError into a value; any other error fails the property. */
async function readOrWardlineError(bytes: Uint8Array): Promise<CaptureReadResult | WardlineError> {
  try {
    return await readCaptureAll(bytes);
  } catch (error) {
    if (error instanceof WardlineError) return error;
    throw error;
  }
}

describe('readCapture properties', () => {
  it('read(write(packets)) gives the packets back, in every format and byte order', async () => {
    await fc.assert(
      fc.asyncProperty(formatArb, packetsArb, async (format, packets) => {
        const result = await readCaptureAll(write(format, packets));
        expect(result.diagnostics).toEqual([]);
        expect(actual(result)).toEqual(expected(packets));
      }),
    );
  });

  it('pcapng with one interface per link type keeps each packet its link type', async () => {
    const arb = fc.array(fc.tuple(packetArb, fc.constantFrom(1, 101, 113, 276)), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(arb, async (items) => {
        const packets = items.map(([p, linkType]) => ({ ...p, linkType }));
        const result = await readCaptureAll(writePcapng(packets));
        expect(result.records.map((r) => r.linkType)).toEqual(packets.map((p) => p.linkType));
      }),
    );
  });

  it('arbitrary bytes never throw a foreign error and finish within the budget', async () => {
    const prefixes = [
      new Uint8Array(0),
      writePcap([]),
      writePcap([], { byteOrder: 'big' }),
      writePcapng([]),
      writePcapng([{ timestampMicros: 0n, data: new Uint8Array(4) }], { byteOrder: 'big' }),
    ];
    const arb = fc.tuple(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 4_096 }));
    await fc.assert(
      fc.asyncProperty(arb, async ([prefix, tail]) => {
        const started = performance.now();
        const outcome = await readOrWardlineError(new Uint8Array([...prefix, ...tail]));
        expect(performance.now() - started).toBeLessThan(BUDGET_MS);
        if (prefix.length > 0) expect(outcome).not.toBeInstanceOf(WardlineError);
      }),
      { numRuns: 300 },
    );
  });

  it('flipped bytes in a valid capture never throw a foreign error', async () => {
    const arb = fc.tuple(
      formatArb,
      packetsArb,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([format, packets, flips]) => {
        const bytes = write(format, packets);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        await readOrWardlineError(bytes);
      }),
    );
  });

  it('a truncated tail or appended garbage never loses the complete packets before it', async () => {
    const arb = fc.tuple(formatArb, packetsArb, fc.nat(), fc.uint8Array({ maxLength: 300 }));
    await fc.assert(
      fc.asyncProperty(arb, async ([format, packets, cutSeed, garbage]) => {
        const bytes = write(format, packets);
        const ends = recordEnds(format, packets);
        const headerLength = format.startsWith('pcapng') ? 28 : 24;
        const interfaceEnd = packets.length > 0 ? [firstRecordStart(format)] : [];
        const cut = headerLength + (cutSeed % (bytes.length - headerLength + 1));
        const complete = ends.filter((end) => end <= cut).length;
        const truncated = await readCaptureAll(bytes.subarray(0, cut));
        expect(actual(truncated)).toEqual(expected(packets.slice(0, complete)));
        const atBoundary = [headerLength, ...interfaceEnd, ...ends].includes(cut);
        expect(truncated.diagnostics.length > 0).toBe(!atBoundary);
        const padded = await readCaptureAll(new Uint8Array([...bytes, ...garbage]));
        expect(actual(padded).slice(0, packets.length)).toEqual(expected(packets));
      }),
    );
  });

  it('chunk boundaries at every offset give the same result as one chunk', async () => {
    const packets: PacketToWrite[] = [
      { timestampMicros: 1n, data: Uint8Array.from([1, 2, 3, 4, 5]) },
      { timestampMicros: 2n, data: Uint8Array.from([6, 7]), originalLength: 60 },
    ];
    for (const format of FORMATS) {
      const bytes = new Uint8Array([...write(format, packets), 0xde, 0xad, 0xbe]);
      const whole = await readCaptureAll(bytes);
      for (let at = 0; at <= bytes.length; at++) {
        const split = await readCaptureAll(chunks([bytes.subarray(0, at), bytes.subarray(at)]));
        expect(split).toEqual(whole);
      }
    }
  });

  it('any chunking of any capture gives the same packets and diagnostics', async () => {
    const arb = fc.tuple(
      formatArb,
      packetsArb,
      fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1 }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([format, packets, sizes]) => {
        const whole = write(format, packets);
        // Cut into the last record, never into the file header.
        const bytes = packets.length > 0 ? whole.subarray(0, -3) : whole;
        const parts: Uint8Array[] = [];
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = sizes[i % sizes.length]!;
          parts.push(bytes.subarray(at, at + size));
          at += size;
        }
        expect(await readCaptureAll(chunks(parts))).toEqual(await readCaptureAll(bytes));
      }),
    );
  });
});

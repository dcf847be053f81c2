/**
 * Property tests: arbitrary bytes and mutated files (byte flips, truncation, and flips inside a
 * chunk whose CRC-32s are then fixed, so the BinXml reader itself sees the damage) never raise a
 * foreign error, end within a time budget, and leave the untouched chunks' events as they were.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogReadItem } from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import { crc32 } from './bytes.js';
import {
  BinXmlWriter,
  writeChunk,
  writeEvtxFile,
  writeRecord,
  writeTemplateInstance,
} from './evtx-writer.js';
import { parseEvtxRecordsFromBuffer, readEvtx } from './index.js';
import { CHUNK_BYTES, CHUNK_HEADER_BYTES, FILE_HEADER_BYTES } from './limits.js';

const SAMPLE = fileURLToPath(
  new URL(
    '../../../../shared/data/evtx-samples/EVTX-to-MITRE-Attack/TA0002-Execution/T1059.001-PowerShell/ID4103-4104-Payload download via PowerShell.evtx',
    import.meta.url,
  ),
);
const SYSMON = fileURLToPath(
  new URL(
    '../../../../shared/data/evtx-samples/EVTX-to-MITRE-Attack/TA0006-Credential Access/T1003-Credential dumping/ID1-LSASS dump with LSASSY (SYSMON).evtx',
    import.meta.url,
  ),
);
const present = existsSync(SAMPLE) && existsSync(SYSMON);
const BUDGET_MS = 2_000;

function parse(bytes: Uint8Array): LogReadItem[] {
  try {
    return parseEvtxRecordsFromBuffer(bytes, { source: 'fuzz' });
  } catch (error) {
    expect(error).toBeInstanceOf(WardlineError);
    return [];
  }
}

function timedParse(bytes: Uint8Array): LogReadItem[] {
  const start = performance.now();
  const items = parse(bytes);
  expect(performance.now() - start).toBeLessThan(BUDGET_MS);
  return items;
}

/** Recomputes a chunk's data and header CRC-32 so that only the BinXml reader judges it. */
function fixCrcs(file: Uint8Array, chunkIndex: number): void {
  const chunk = file.subarray(
    FILE_HEADER_BYTES + chunkIndex * CHUNK_BYTES,
    FILE_HEADER_BYTES + (chunkIndex + 1) * CHUNK_BYTES,
  );
  if (chunk.length < CHUNK_BYTES) return;
  const view = new DataView(chunk.buffer, chunk.byteOffset, CHUNK_BYTES);
  const free = Math.min(Math.max(view.getUint32(48, true), CHUNK_HEADER_BYTES), CHUNK_BYTES);
  view.setUint32(52, crc32(chunk, CHUNK_HEADER_BYTES, free), true);
  view.setUint32(124, crc32(chunk, 128, CHUNK_HEADER_BYTES, crc32(chunk, 0, 120)), true);
}

function syntheticChunk(host: string): Uint8Array {
  let definition = 0;
  return writeChunk(20, (at, i) =>
    writeRecord(at, i + 1, (w) => {
      w.fragmentHeader();
      const body = (b: BinXmlWriter) => {
        b.fragmentHeader().open('Event').closeStart().open('System').closeStart();
        b.open('Computer').closeStart().substitution(0, 0x01).end();
        b.open('EventID', true).attribute('Qualifiers').substitution(2, 0x06).closeStart();
        b.substitution(1, 0x08).end().end();
        b.open('EventData').closeStart().substitution(3, 0x21).end().end().eof();
      };
      const nested = (base: number) =>
        new BinXmlWriter(base)
          .open('Data', true, false)
          .attribute('Name')
          .text('X')
          .closeStart()
          .text('v')
          .end().bytes;
      definition = writeTemplateInstance(
        w,
        [
          { type: 0x01, bytes: new BinXmlWriter(0).utf16(host).bytes },
          { type: 0x08, bytes: [i, 0, 0, 0] },
          { type: 0x00, bytes: [] },
          { type: 0x21, bytes: nested },
        ],
        i === 0 ? { body } : { definition },
      );
      w.eof();
    }),
  );
}

function hostsOf(items: readonly LogReadItem[]): (string | undefined)[] {
  return items.flatMap((item) => (item.kind === 'event' ? [item.event.host] : []));
}

function dataOf(items: readonly LogReadItem[]): unknown[] {
  return items.flatMap((item) => (item.kind === 'event' ? [item.event.data] : []));
}

const threeChunks = (middle: Uint8Array) =>
  writeEvtxFile([syntheticChunk('A'), middle, syntheticChunk('C')], 1);

describe('EVTX reader properties', () => {
  it('arbitrary bytes after the signature: no foreign error, within budget', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 140_000 }),
        fc.boolean(),
        (tail, withChunkSignature) => {
          const bytes = new Uint8Array(FILE_HEADER_BYTES + tail.length);
          bytes.set([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]);
          bytes.set(tail, FILE_HEADER_BYTES);
          if (withChunkSignature && tail.length >= 8) {
            bytes.set([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00], FILE_HEADER_BYTES);
            fixCrcs(bytes, 0);
          }
          for (const item of timedParse(bytes)) expect(['event', 'rejected']).toContain(item.kind);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('wholly arbitrary bytes: items or WL_IMPORT_UNREADABLE only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5_000 }), (bytes) => {
        timedParse(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('flips in one chunk (CRC fixed or not) never cost the other chunks', () => {
    const original = hostsOf(parse(threeChunks(syntheticChunk('B'))));
    expect(original).toHaveLength(60);
    expect(dataOf(parse(threeChunks(syntheticChunk('B'))))[0]).toEqual({
      Event: { System: { Computer: 'A', EventID: 0 }, EventData: { X: 'v' } },
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(CHUNK_BYTES - 1), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.boolean(),
        (flips, fix) => {
          const file = threeChunks(syntheticChunk('B'));
          for (const [at, mask] of flips) {
            const offset = FILE_HEADER_BYTES + CHUNK_BYTES + at;
            file[offset] = (file[offset] ?? 0) ^ mask;
          }
          if (fix) fixCrcs(file, 1);
          const hosts = hostsOf(timedParse(file));
          expect(hosts.slice(0, 20)).toEqual(original.slice(0, 20));
          expect(hosts.slice(-20)).toEqual(original.slice(-20));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a stream cut anywhere yields the whole chunks before the cut', async () => {
    const file = threeChunks(syntheticChunk('B'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(file.length),
        fc.integer({ min: 1, max: 70_000 }),
        async (cut, piece) => {
          async function* pieces(): AsyncGenerator<Uint8Array> {
            for (let at = 0; at < cut; at += piece)
              yield await Promise.resolve(file.subarray(at, Math.min(cut, at + piece)));
          }
          const items: LogReadItem[] = [];
          try {
            for await (const item of readEvtx(pieces(), { source: 'cut' })) items.push(item);
          } catch (error) {
            expect(error).toBeInstanceOf(WardlineError);
            expect(cut).toBeLessThan(8);
          }
          const whole = Math.max(0, Math.floor((cut - FILE_HEADER_BYTES) / CHUNK_BYTES));
          expect(hostsOf(items).length).toBeGreaterThanOrEqual(whole * 20);
        },
      ),
      { numRuns: 60 },
    );
  });

  describe.skipIf(!present)(
    present
      ? 'real files mutated'
      : 'real files mutated: SKIPPED, ../shared/data/evtx-samples is absent',
    () => {
      const chunkOf = (path: string) =>
        readFileSync(path).subarray(FILE_HEADER_BYTES, FILE_HEADER_BYTES + CHUNK_BYTES);

      it('flips in a real chunk with CRCs fixed: no foreign error, the real chunks around it intact', () => {
        const before = parse(writeEvtxFile([chunkOf(SYSMON), chunkOf(SAMPLE), chunkOf(SYSMON)]));
        const around = before.filter((i) => i.kind === 'event');
        const perChunk = around.length;
        fc.assert(
          fc.property(
            fc.array(
              fc.tuple(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 255 })),
              {
                minLength: 1,
                maxLength: 30,
              },
            ),
            (flips) => {
              const file = writeEvtxFile([chunkOf(SYSMON), chunkOf(SAMPLE), chunkOf(SYSMON)]);
              for (const [at, mask] of flips) {
                const offset = FILE_HEADER_BYTES + CHUNK_BYTES + CHUNK_HEADER_BYTES + at;
                file[offset] = (file[offset] ?? 0) ^ mask;
              }
              fixCrcs(file, 1);
              const items = timedParse(file);
              const sysmon = items.filter(
                (i) => i.kind === 'event' && i.event.origin?.position?.startsWith('chunk 0'),
              );
              const last = items.filter(
                (i) => i.kind === 'event' && i.event.origin?.position?.startsWith('chunk 2'),
              );
              expect(sysmon.length + last.length).toBeGreaterThan(0);
              expect(perChunk).toBeGreaterThan(0);
              expect(sysmon).toEqual(
                before.filter(
                  (i) => i.kind === 'event' && i.event.origin?.position?.startsWith('chunk 0'),
                ),
              );
              expect(last).toEqual(
                before.filter(
                  (i) => i.kind === 'event' && i.event.origin?.position?.startsWith('chunk 2'),
                ),
              );
            },
          ),
          { numRuns: 100 },
        );
      });

      it('a real file truncated anywhere: no foreign error', () => {
        const file = readFileSync(SAMPLE);
        fc.assert(
          fc.property(fc.nat(file.length), (cut) => {
            timedParse(file.subarray(0, cut));
          }),
          { numRuns: 50 },
        );
      });
    },
  );
});

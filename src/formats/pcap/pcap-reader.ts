/**
 * Streams packets out of a pcap or pcapng capture.
 *
 * Hand-written on purpose: there is no maintained streaming pcapng reader for Node, and a capture
 * is untrusted input, so every length field here is checked against the bytes remaining and the
 * caps in `limits.ts`, and buffering never exceeds one block plus one chunk.
 *
 * @example
 *   for await (const packet of readCapture(createReadStream('ward-4.pcapng'), { source: 'ward-4' })) {
 *     // { index: 0, timestampMicros: 1700000000123456n, linkType: 1, capturedLength: 74, … }
 *   }
 */
import type { Readable } from 'node:stream';
import { WardlineError } from '../../domain/errors.js';
import { ByteStream } from './byte-stream.js';
import type { DiagnosticSink, PcapDiagnostic } from './diagnostics.js';
import { PCAP_LIMITS, type PcapLimits } from './limits.js';
import type { CaptureFormat, CapturedPacket, ReaderContext } from './packet.js';
import { isPcapMagic, readPcapClassic } from './pcap-classic.js';
import { PCAPNG_SHB, readPcapng } from './pcapng.js';

export type CaptureInput = AsyncIterable<Uint8Array> | Readable;

export interface ReadCaptureOptions {
  /** Names the capture in diagnostics (a file name, an upload id). */
  readonly source?: string;
  /** Tighter (or, for tests, looser) caps than PCAP_LIMITS. */
  readonly limits?: Partial<PcapLimits>;
  /** Receives each diagnostic as it is found, in stream order. */
  readonly onDiagnostic?: DiagnosticSink;
  /** Called once the magic bytes have been recognized. */
  readonly onFormat?: (format: CaptureFormat) => void;
}

/**
 * Yields the packets of a capture in file order. Throws `WardlineError` (`WL_PCAP_UNREADABLE`) only
 * when the input is not a capture at all (wrong magic, header cut short, stream error); anything
 * wrong after the header becomes a diagnostic, and the packets before it are always yielded.
 */
export async function* readCapture(
  input: CaptureInput,
  options: ReadCaptureOptions = {},
): AsyncGenerator<CapturedPacket> {
  const stream = new ByteStream(input as AsyncIterable<unknown>);
  const ctx: ReaderContext = {
    stream,
    source: options.source ?? 'capture',
    limits: { ...PCAP_LIMITS, ...options.limits },
    report: options.onDiagnostic ?? (() => undefined),
    nextIndex: 0,
  };
  const format = await detectFormat(stream, ctx.source);
  options.onFormat?.(format);
  yield* format === 'pcap' ? readPcapClassic(ctx) : readPcapng(ctx);
}

async function detectFormat(stream: ByteStream, source: string): Promise<CaptureFormat> {
  if (await stream.ensure(4)) {
    const first4 = stream.peek(4);
    if (isPcapMagic(first4)) return 'pcap';
    if (new DataView(first4.buffer, first4.byteOffset, 4).getUint32(0) === PCAPNG_SHB) {
      return 'pcapng';
    }
  }
  throw new WardlineError(
    'WL_PCAP_UNREADABLE',
    'The input is not a capture: it starts with neither a pcap nor a pcapng magic number.',
    { details: { source } },
  );
}

export interface CaptureReadResult {
  readonly format: CaptureFormat;
  readonly records: CapturedPacket[];
  readonly diagnostics: PcapDiagnostic[];
}

/** Reads a whole capture into memory: for tests and small uploads; services should stream. */
export async function readCaptureAll(
  input: CaptureInput | Uint8Array,
  options: Omit<ReadCaptureOptions, 'onDiagnostic' | 'onFormat'> = {},
): Promise<CaptureReadResult> {
  const records: CapturedPacket[] = [];
  const diagnostics: PcapDiagnostic[] = [];
  let format: CaptureFormat = 'pcap';
  const stream = input instanceof Uint8Array ? oneChunk(input) : input;
  const packets = readCapture(stream, {
    ...options,
    onDiagnostic: (d) => diagnostics.push(d),
    onFormat: (f) => (format = f),
  });
  for await (const packet of packets) records.push(packet);
  return { format, records, diagnostics };
}

async function* oneChunk(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  await Promise.resolve();
  yield bytes;
}

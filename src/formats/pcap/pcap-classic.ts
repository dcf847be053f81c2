/**
 * Classic libpcap files, format 2.4 (draft-ietf-opsawg-pcap): a 24-byte file header whose magic
 * gives the byte order and the timestamp unit (micro- or nanoseconds), then 16-byte record headers.
 */
import { WardlineError } from '../../domain/errors.js';
import { view } from './byte-stream.js';
import { pcapDiagnostic } from './diagnostics.js';
import type { CapturedPacket, ReaderContext } from './packet.js';

export const PCAP_MAGIC_MICROS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOS = 0xa1b23c4d;
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

/** Whether the first four bytes are a classic pcap magic, in either byte order. */
export function isPcapMagic(first4: Uint8Array): boolean {
  const le = view(first4).getUint32(0, true);
  const be = view(first4).getUint32(0, false);
  return [le, be].some((m) => m === PCAP_MAGIC_MICROS || m === PCAP_MAGIC_NANOS);
}

interface FileHeader {
  readonly littleEndian: boolean;
  readonly nanoseconds: boolean;
  readonly linkType: number;
}

async function readFileHeader(ctx: ReaderContext): Promise<FileHeader> {
  if (!(await ctx.stream.ensure(FILE_HEADER_LENGTH))) {
    throw new WardlineError('WL_PCAP_UNREADABLE', 'The pcap file header is cut short.', {
      details: { source: ctx.source },
    });
  }
  const header = view(ctx.stream.take(FILE_HEADER_LENGTH));
  const le = header.getUint32(0, true);
  const littleEndian = le === PCAP_MAGIC_MICROS || le === PCAP_MAGIC_NANOS;
  const magic = header.getUint32(0, littleEndian);
  // The upper bits of the link-type field carry the FCS length; the link type is the low 16.
  const linkType = header.getUint32(20, littleEndian) & 0xffff;
  return { littleEndian, nanoseconds: magic === PCAP_MAGIC_NANOS, linkType };
}

export async function* readPcapClassic(ctx: ReaderContext): AsyncGenerator<CapturedPacket> {
  const { stream, source, limits, report } = ctx;
  const file = await readFileHeader(ctx);
  const le = file.littleEndian;
  for (;;) {
    const offset = stream.offset;
    const complete = await stream.ensure(RECORD_HEADER_LENGTH);
    if (!complete) {
      if (stream.buffered > 0) {
        report(truncated(source, offset, stream.buffered));
      }
      return;
    }
    const record = view(stream.peek(RECORD_HEADER_LENGTH));
    const seconds = record.getUint32(0, le);
    const fraction = record.getUint32(4, le);
    const capturedLength = record.getUint32(8, le);
    const originalLength = record.getUint32(12, le);
    if (capturedLength > limits.maxCapturedLength) {
      report(
        pcapDiagnostic(
          source,
          offset,
          'WL_PCAP_RECORD_TOO_LARGE',
          'error',
          `Record claims ${capturedLength} captured bytes, above the ${limits.maxCapturedLength}-byte cap; pcap has no way to find the next record, so reading stops here.`,
        ),
      );
      return;
    }
    if (!(await stream.ensure(RECORD_HEADER_LENGTH + capturedLength))) {
      report(truncated(source, offset, stream.buffered));
      return;
    }
    stream.skip(RECORD_HEADER_LENGTH);
    // A copy, as a plain Uint8Array: a Buffer view would pin the whole read chunk.
    const data = new Uint8Array(stream.take(capturedLength));
    if (originalLength < capturedLength) {
      report(
        pcapDiagnostic(
          source,
          offset,
          'WL_PCAP_CORRUPT_RECORD',
          'warning',
          `Record has original length ${originalLength} below its captured length ${capturedLength}; the captured length is kept.`,
        ),
      );
    }
    const micros = file.nanoseconds ? Math.floor(fraction / 1000) : fraction;
    yield {
      index: ctx.nextIndex++,
      offset,
      timestampMicros: BigInt(seconds) * 1_000_000n + BigInt(micros),
      linkType: file.linkType,
      interfaceId: 0,
      capturedLength,
      originalLength: Math.max(originalLength, capturedLength),
      data,
    };
  }
}

function truncated(source: string, offset: number, remaining: number) {
  return pcapDiagnostic(
    source,
    offset,
    'WL_PCAP_TRUNCATED_RECORD',
    'error',
    `The capture ends inside a record (${remaining} bytes left); the packets before it are kept.`,
  );
}

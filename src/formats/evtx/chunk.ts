/**
 * One 64 KiB chunk (MS-EVEN6 §2.2.2): header and record-data CRC-32 checks, then its records.
 * A chunk that fails a check is one rejected item; a record that fails is one rejected item and
 * the next record is read.
 */
import type { LogReadItem } from '../../domain/detection.js';
import { ByteView, crc32 } from './bytes.js';
import { createChunkContext, type ChunkContext } from './chunk-context.js';
import { rejected, type EvtxDiagnosticCode } from './diagnostics.js';
import {
  CHUNK_BYTES,
  CHUNK_HEADER_BYTES,
  MAX_DIAGNOSTICS_PER_CHUNK,
  MAX_RECORDS_PER_CHUNK,
} from './limits.js';
import { RECORD_HEADER_BYTES, RECORD_SIGNATURE, renderRecord, toLogEvent } from './record.js';

const CHUNK_SIGNATURE = 'ElfChnk\0';

export interface ChunkPlace {
  readonly source: string;
  /** Zero-based chunk number in the file. */
  readonly index: number;
  /** Byte offset of the chunk in the file. */
  readonly fileOffset: number;
}

function signatureOf(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.subarray(0, 8));
}

/** Why the chunk cannot be read, or null when its header and data checks pass. */
function chunkProblem(view: ByteView): { code: EvtxDiagnosticCode; message: string } | null {
  const bytes = view.bytes;
  if (bytes.length < CHUNK_BYTES) {
    return {
      code: 'WL_EVTX_CHUNK_TRUNCATED',
      message: `chunk has ${String(bytes.length)} of ${String(CHUNK_BYTES)} bytes`,
    };
  }
  if (signatureOf(bytes) !== CHUNK_SIGNATURE) {
    return { code: 'WL_EVTX_CHUNK_SIGNATURE', message: 'chunk does not start with ElfChnk' };
  }
  const headerCrc = crc32(bytes, 128, CHUNK_HEADER_BYTES, crc32(bytes, 0, 120));
  if (headerCrc !== view.u32(124)) {
    return { code: 'WL_EVTX_CHUNK_HEADER_CRC', message: 'chunk header CRC-32 does not match' };
  }
  const freeSpace = view.u32(48);
  if (freeSpace < CHUNK_HEADER_BYTES || freeSpace > CHUNK_BYTES) {
    return { code: 'WL_EVTX_CHUNK_OFFSETS', message: `free space offset ${String(freeSpace)}` };
  }
  if (crc32(bytes, CHUNK_HEADER_BYTES, freeSpace) !== view.u32(52)) {
    return { code: 'WL_EVTX_CHUNK_DATA_CRC', message: 'chunk record data CRC-32 does not match' };
  }
  return null;
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < 8 && i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The items of one chunk: its events, and a rejected item per record or chunk it cannot read. */
export function* readChunk(bytes: Uint8Array, place: ChunkPlace): Generator<LogReadItem> {
  if (isBlank(bytes)) return; // an unused, zero-filled chunk slot
  const view = new ByteView(bytes);
  const problem = chunkProblem(view);
  if (problem !== null) {
    yield rejected({ source: place.source, offset: place.fileOffset, ...problem });
    return;
  }
  yield* readRecords(createChunkContext(view), place);
}

interface RecordBounds {
  readonly size: number;
  readonly problem: { code: EvtxDiagnosticCode; message: string } | null;
}

function recordBounds(view: ByteView, at: number, freeSpace: number): RecordBounds {
  if (view.u32(at) !== RECORD_SIGNATURE) {
    return {
      size: 0,
      problem: { code: 'WL_EVTX_RECORD_SIGNATURE', message: 'no record signature' },
    };
  }
  const size = view.u32(at + 4);
  if (size < RECORD_HEADER_BYTES + 4 || size > freeSpace - at || view.u32(at + size - 4) !== size) {
    return {
      size,
      problem: { code: 'WL_EVTX_RECORD_SIZE', message: `record size ${String(size)} is not valid` },
    };
  }
  return { size, problem: null };
}

function* readRecords(ctx: ChunkContext, place: ChunkPlace): Generator<LogReadItem> {
  const view = ctx.view;
  const freeSpace = view.u32(48);
  const record = { source: place.source, chunkIndex: place.index };
  let at = CHUNK_HEADER_BYTES;
  let count = 0;
  let problems = 0;
  while (at + RECORD_HEADER_BYTES <= freeSpace) {
    const offset = place.fileOffset + at;
    const bounds = recordBounds(view, at, freeSpace);
    if (bounds.problem !== null) {
      yield rejected({ source: place.source, offset, ...bounds.problem });
      return;
    }
    if (++count > MAX_RECORDS_PER_CHUNK) {
      yield rejected({
        source: place.source,
        offset,
        code: 'WL_EVTX_RECORDS_LIMIT',
        message: `more than ${String(MAX_RECORDS_PER_CHUNK)} records in one chunk`,
      });
      return;
    }
    const item = readOne(ctx, at, bounds.size, record, offset);
    if (item.kind === 'event') yield item;
    else if (++problems <= MAX_DIAGNOSTICS_PER_CHUNK) yield item;
    else if (problems === MAX_DIAGNOSTICS_PER_CHUNK + 1) {
      yield rejected({
        source: place.source,
        offset,
        code: 'WL_EVTX_DIAGNOSTICS_LIMIT',
        message: 'further unreadable records in this chunk are not reported one by one',
        severity: 'warning',
      });
    }
    at += bounds.size;
  }
}

function readOne(
  ctx: ChunkContext,
  at: number,
  size: number,
  place: { source: string; chunkIndex: number },
  offset: number,
): LogReadItem {
  const raw = { bytes: ctx.view.bytes, start: at, end: at + size };
  try {
    const data = renderRecord(ctx, at, size);
    if (data.Event === undefined) {
      return rejected({
        source: place.source,
        offset,
        code: 'WL_EVTX_RECORD_EMPTY',
        message: 'record has no Event element',
        raw,
      });
    }
    return { kind: 'event', event: toLogEvent(ctx, at, data, place) };
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable record';
    return rejected({
      source: place.source,
      offset,
      code: 'WL_EVTX_RECORD_BINXML',
      message: `record ${String(ctx.view.u64(at + 8))}: ${message}`,
      raw,
    });
  }
}

/**
 * Reads a Windows XML Event Log (.evtx) as a stream: the file header, then each 64 KiB chunk in
 * turn, never holding more than one chunk (plus the piece being read). Chunks are read until the
 * data ends, whatever the header's chunk count says (dirty, unclosed files keep a stale count).
 */
import type { LogReadItem } from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import { BlockAssembler } from './blocks.js';
import { readChunk } from './chunk.js';
import { CHUNK_BYTES, FILE_HEADER_BYTES } from './limits.js';

export interface EvtxReadOptions {
  /** The name of the input (a file name, an upload id), carried on events and diagnostics. */
  readonly source: string;
}

const FILE_SIGNATURE = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"

function checkFileHeader(header: Uint8Array, source: string): void {
  const ok = FILE_SIGNATURE.every((byte, i) => header[i] === byte);
  if (!ok) {
    throw new WardlineError('WL_IMPORT_UNREADABLE', 'The file is not a Windows .evtx event log.', {
      details: { source, format: 'evtx' },
    });
  }
}

/** Splits input into the header block and chunk blocks; `onBlock(block, index)` gets -1 first. */
class EvtxBlocks {
  private readonly assembler = new BlockAssembler(FILE_HEADER_BYTES);
  private index = -1;

  constructor(
    private readonly source: string,
    private readonly onChunk: (block: Uint8Array, index: number) => void,
  ) {}

  push(piece: Uint8Array): void {
    this.assembler.push(piece, (block) => {
      this.take(block);
    });
  }

  end(): void {
    const rest = this.assembler.rest();
    if (rest !== null) this.take(rest);
    else if (this.index < 0) checkFileHeader(new Uint8Array(0), this.source);
  }

  private take(block: Uint8Array): void {
    if (this.index < 0) {
      checkFileHeader(block, this.source);
      this.assembler.resize(CHUNK_BYTES);
    } else {
      this.onChunk(block, this.index);
    }
    this.index++;
  }
}

function chunkItems(block: Uint8Array, index: number, source: string): Iterable<LogReadItem> {
  return readChunk(block, { source, index, fileOffset: FILE_HEADER_BYTES + index * CHUNK_BYTES });
}

/** Reads a whole .evtx held in memory, lazily, chunk by chunk. */
export function* readEvtxBuffer(
  bytes: Uint8Array,
  options: EvtxReadOptions,
): Generator<LogReadItem> {
  checkFileHeader(bytes.subarray(0, FILE_HEADER_BYTES), options.source);
  for (let index = 0; FILE_HEADER_BYTES + index * CHUNK_BYTES < bytes.length; index++) {
    const start = FILE_HEADER_BYTES + index * CHUNK_BYTES;
    yield* chunkItems(bytes.subarray(start, start + CHUNK_BYTES), index, options.source);
  }
}

/** All items of a .evtx held in memory (tests and small files). */
export function parseEvtxRecordsFromBuffer(
  bytes: Uint8Array,
  options: EvtxReadOptions,
): LogReadItem[] {
  return [...readEvtxBuffer(bytes, options)];
}

/**
 * Reads a .evtx from a stream of byte pieces (or one buffer): one item per record, an event or a
 * rejected record or chunk with its diagnostic. Throws WardlineError `WL_IMPORT_UNREADABLE` only
 * when the input does not start with the EVTX file signature.
 */
export async function* readEvtx(
  input: AsyncIterable<Uint8Array> | Uint8Array,
  options: EvtxReadOptions,
): AsyncGenerator<LogReadItem> {
  if (input instanceof Uint8Array) {
    yield* readEvtxBuffer(input, options);
    return;
  }
  const ready: Uint8Array[] = [];
  const indexes: number[] = [];
  const blocks = new EvtxBlocks(options.source, (block, index) => {
    ready.push(block);
    indexes.push(index);
  });
  const drain = function* (): Generator<LogReadItem> {
    for (let i = 0; i < ready.length; i++) {
      const block = ready[i];
      if (block !== undefined) yield* chunkItems(block, indexes[i] ?? 0, options.source);
    }
    ready.length = 0;
    indexes.length = 0;
  };
  for await (const piece of input) {
    blocks.push(piece);
    yield* drain();
  }
  blocks.end();
  yield* drain();
}

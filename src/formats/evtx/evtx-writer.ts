/**
 * Builds small, valid .evtx files (file header, chunks with correct CRC-32s, records with BinXml
 * templates and substitutions) for tests and property tests. It writes only what the reader needs
 * to check; it is not a general EVTX writer.
 */
import { crc32 } from './bytes.js';
import { CHUNK_BYTES, CHUNK_HEADER_BYTES, FILE_HEADER_BYTES } from './limits.js';

/** Little-endian byte sink that knows the chunk offset it writes at (names are located by it). */
export class BinXmlWriter {
  readonly bytes: number[] = [];

  constructor(readonly base: number) {}

  get pos(): number {
    return this.base + this.bytes.length;
  }

  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }

  u16(v: number): this {
    return this.u8(v).u8(v >>> 8);
  }

  u32(v: number): this {
    return this.u16(v & 0xffff).u16(v >>> 16);
  }

  u64(v: bigint): this {
    return this.u32(Number(v & 0xffffffffn)).u32(Number(v >> 32n));
  }

  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.u8(bytes[i] ?? 0);
    return this;
  }

  utf16(text: string): this {
    for (let i = 0; i < text.length; i++) this.u16(text.charCodeAt(i));
    return this;
  }

  /** An inline name: offset (pointing just past itself), link, hash, count, characters, NUL. */
  name(text: string): this {
    this.u32(this.pos + 4);
    return this.u32(0).u16(0).u16(text.length).utf16(text).u16(0);
  }

  fragmentHeader(): this {
    return this.u8(0x0f).u8(1).u8(1).u8(0);
  }

  /** An element start; inside a BinXml substitution value it has no dependency identifier. */
  open(name: string, hasAttributes = false, dependency = true): this {
    this.u8(hasAttributes ? 0x41 : 0x01);
    if (dependency) this.u16(0xffff);
    this.u32(0).name(name);
    return hasAttributes ? this.u32(0) : this;
  }

  attribute(name: string): this {
    return this.u8(0x06).name(name);
  }

  closeStart(): this {
    return this.u8(0x02);
  }

  closeEmpty(): this {
    return this.u8(0x03);
  }

  end(): this {
    return this.u8(0x04);
  }

  text(value: string): this {
    return this.u8(0x05).u8(0x01).u16(value.length).utf16(value);
  }

  substitution(index: number, type: number, optional = false): this {
    return this.u8(optional ? 0x0e : 0x0d)
      .u16(index)
      .u8(type);
  }

  eof(): this {
    return this.u8(0x00);
  }
}

export interface SubstitutionValue {
  readonly type: number;
  /** The value's bytes, or a function writing them at a chunk offset (BinXml values). */
  readonly bytes: ArrayLike<number> | ((base: number) => ArrayLike<number>);
}

/**
 * A template instance. With `body`, the definition is written inline (its first use in the
 * chunk) and its offset returned; without, `definition` points at one written earlier.
 */
export function writeTemplateInstance(
  w: BinXmlWriter,
  values: readonly SubstitutionValue[],
  template: { body: (b: BinXmlWriter) => void } | { definition: number },
): number {
  w.u8(0x0c).u8(1).u32(0x1234);
  let definition: number;
  if ('body' in template) {
    definition = w.pos + 4;
    w.u32(definition);
    const body = new BinXmlWriter(definition + 24);
    template.body(body);
    w.u32(0).raw(new Uint8Array(16).fill(0x34)).u32(body.bytes.length).raw(body.bytes);
  } else {
    definition = template.definition;
    w.u32(definition);
  }
  w.u32(values.length);
  const sized = values.map((v) =>
    typeof v.bytes === 'function' ? v.bytes(0).length : v.bytes.length,
  );
  sized.forEach((size, i) =>
    w
      .u16(size)
      .u8(values[i]?.type ?? 0)
      .u8(0),
  );
  for (const v of values) w.raw(typeof v.bytes === 'function' ? v.bytes(w.pos) : v.bytes);
  return definition;
}

/** A record at chunk offset `at`: header, the BinXml `body(writer)` writes, size copy. */
export function writeRecord(
  at: number,
  id: number,
  body: (w: BinXmlWriter) => void,
  writtenTicks = 132_000_000_000_000_000n,
): number[] {
  const w = new BinXmlWriter(at + 24);
  body(w);
  const size = 24 + w.bytes.length + 4;
  const out = new BinXmlWriter(at);
  out.u32(0x00002a2a).u32(size).u64(BigInt(id)).u64(writtenTicks).raw(w.bytes).u32(size);
  return out.bytes;
}

/** A chunk holding `records`, each written by `write(at, index)` at its chunk offset. */
export function writeChunk(
  count: number,
  write: (at: number, index: number) => number[],
  firstId = 1,
): Uint8Array {
  const chunk = new Uint8Array(CHUNK_BYTES);
  let at = CHUNK_HEADER_BYTES;
  let last = at;
  for (let i = 0; i < count; i++) {
    const record = write(at, i);
    chunk.set(record, at);
    last = at;
    at += record.length;
  }
  const header = new BinXmlWriter(0);
  header
    .raw([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00])
    .u64(BigInt(firstId))
    .u64(BigInt(firstId + count - 1))
    .u64(BigInt(firstId))
    .u64(BigInt(firstId + count - 1))
    .u32(128)
    .u32(last)
    .u32(at);
  chunk.set(header.bytes, 0);
  const view = new DataView(chunk.buffer);
  view.setUint32(52, crc32(chunk, CHUNK_HEADER_BYTES, at), true);
  view.setUint32(124, crc32(chunk, 128, CHUNK_HEADER_BYTES, crc32(chunk, 0, 120)), true);
  return chunk;
}

/** A file: header (claiming `claimedChunks`, default the real count) and the chunks. */
export function writeEvtxFile(
  chunks: readonly Uint8Array[],
  claimedChunks = chunks.length,
): Uint8Array {
  const file = new Uint8Array(FILE_HEADER_BYTES + chunks.length * CHUNK_BYTES);
  const header = new BinXmlWriter(0);
  header
    .raw([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00])
    .u64(0n)
    .u64(BigInt(Math.max(0, claimedChunks - 1)))
    .u64(1n)
    .u32(128)
    .u16(1)
    .u16(3)
    .u16(FILE_HEADER_BYTES)
    .u16(claimedChunks);
  file.set(header.bytes, 0);
  new DataView(file.buffer).setUint32(124, crc32(file, 0, 120), true);
  chunks.forEach((chunk, i) => {
    file.set(chunk.subarray(0, CHUNK_BYTES), FILE_HEADER_BYTES + i * CHUNK_BYTES);
  });
  return file;
}

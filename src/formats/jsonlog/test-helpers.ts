/** Test helpers shared by the JSON log, EVE and Zeek reader tests. */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import type { LogEvent, LogReadItem } from '../../domain/detection.js';

/** Bytes as an async chunk stream, `size` bytes a chunk. */
export async function* chunked(
  input: Uint8Array | string,
  size: number,
): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

/** Chunks cut at the given byte offsets. */
export async function* cutAt(input: string, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(input);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    await Promise.resolve();
    const at = Math.min(Math.max(cut, from), bytes.length);
    yield bytes.subarray(from, at);
    from = at;
  }
  yield bytes.subarray(from);
}

export async function collect(items: AsyncIterable<LogReadItem>): Promise<LogReadItem[]> {
  const out: LogReadItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function eventsOf(items: readonly LogReadItem[]): LogEvent[] {
  return items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
}

export function codesOf(items: readonly LogReadItem[]): string[] {
  return items.flatMap((i) => (i.kind === 'rejected' ? [i.diagnostic.code] : []));
}

/**
 * The files of a small ZIP archive (stored or deflated), for reading real datasets where they sit
 * in the shared data folder. Test-only: it trusts the archive and reads it whole.
 */
export function zipEntries(path: string): Map<string, Buffer> {
  const zip = readFileSync(path);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(body) : Buffer.from(body));
    at += 46 + nameLength + extra;
  }
  return out;
}

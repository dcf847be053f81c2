/**
 * Plain or gzip input, told apart by the gzip magic bytes (`1f 8b`, RFC 1952 §2.3.1), and
 * decompressed as a stream through `node:zlib` so a large file is never held whole.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

/** True when the bytes start with the gzip magic number. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** The first `count` bytes of a byte stream, and the whole stream again from its start. */
export async function peekBytes(
  input: AsyncIterable<Uint8Array>,
  count: number,
): Promise<{ head: Uint8Array; input: AsyncIterable<Uint8Array> }> {
  const iterator = input[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < count) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    held.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(held).subarray(0, count);
  async function* replay(): AsyncGenerator<Uint8Array, void, undefined> {
    yield* held;
    if (done) return;
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head, input: replay() };
}

/** Why gunzipping stopped early, when it did. */
export type GunzipOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Decompresses `input` and hands each decompressed chunk to `sink`; `sink` returns false to stop
 * early (a limit reached). Corrupt or truncated gzip data ends the stream with the reason; an
 * error of the input itself is rethrown.
 */
export async function gunzipInto(
  input: AsyncIterable<Uint8Array>,
  sink: (chunk: Uint8Array) => boolean,
): Promise<GunzipOutcome> {
  const gunzip = createGunzip();
  // Written from callbacks, so held in an object the compiler does not narrow.
  const state: { stoppedEarly: boolean; zlibError: Error | null } = {
    stoppedEarly: false,
    zlibError: null,
  };
  gunzip.on('error', (error) => {
    state.zlibError ??= error;
  });
  try {
    await pipeline(Readable.from(input), gunzip, async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) {
        if (!sink(chunk)) {
          state.stoppedEarly = true;
          return;
        }
      }
    });
  } catch (thrown) {
    if (state.stoppedEarly) return { ok: true };
    if (state.zlibError !== null) return { ok: false, reason: state.zlibError.message };
    throw thrown;
  }
  return { ok: true };
}

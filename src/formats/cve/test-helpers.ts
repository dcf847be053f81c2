/** Test helpers shared by the feed parsers' tests (CVE, NVD, KEV, EPSS). */
import { createReadStream } from 'node:fs';

/** The input as chunks of `size` bytes, to exercise values split across reads. */
export async function* inPieces(
  input: string | Uint8Array,
  size: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

/** A file streamed in the chunks Node reads it in. */
export function fileChunks(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path) as AsyncIterable<Uint8Array>;
}

/** Runs `run` and tells what it threw (null when nothing) and how long it took. */
export async function outcome(
  run: () => Promise<unknown>,
): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await run().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  return { error, ms: performance.now() - started };
}

/**
 * Reads a capture file into one buffer, reused for every chunk: no fresh memory per read, so the
 * reading costs little more than the kernel's copy. Each chunk is valid until the next is asked
 * for; give it to `discoverCapture` with `reusedChunks: true`, which then copies whatever it keeps.
 *
 * @example
 *   await discoverCapture(readFileChunks('imaging-vlan.pcap'), { source, reusedChunks: true });
 */
import { open } from 'node:fs/promises';

/** One mebibyte: large enough that the per-read cost vanishes, small enough to stay in cache. */
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** Yields the file's bytes in views of one reused buffer of `chunkBytes`. */
export async function* readFileChunks(
  path: string,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<Uint8Array, void, undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(Math.max(1, chunkBytes));
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

import { WardlineError } from '../../domain/errors.js';

/**
 * A pull buffer over a chunked byte stream. It asks for the next chunk only when a caller needs
 * more bytes than it holds, so it holds at most the largest amount asked for (one block, capped by
 * PCAP_LIMITS) plus one chunk.
 */
export class ByteStream {
  readonly #iterator: AsyncIterator<unknown>;
  #chunks: Uint8Array[] = [];
  #first = 0;
  #head = 0;
  #buffered = 0;
  #consumed = 0;
  #done = false;

  constructor(input: AsyncIterable<unknown>) {
    this.#iterator = input[Symbol.asyncIterator]();
  }

  /** Bytes consumed so far: the stream offset of the next byte. */
  get offset(): number {
    return this.#consumed;
  }

  get buffered(): number {
    return this.#buffered;
  }

  /** Pulls chunks until `n` bytes are buffered; false when the stream ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.#buffered < n && !this.#done) {
      const chunk = await this.#next();
      if (chunk === undefined) this.#done = true;
      else if (chunk.length > 0) {
        this.#chunks.push(chunk);
        this.#buffered += chunk.length;
      }
    }
    return this.#buffered >= n;
  }

  /**
   * `n` buffered bytes starting `from` bytes ahead, without consuming them: a view when they sit
   * in one chunk, else a copy.
   */
  peek(n: number, from = 0): Uint8Array {
    if (from + n > this.#buffered) {
      throw new RangeError(`peek(${n}, ${from}) beyond ${this.#buffered} buffered`);
    }
    let index = this.#first;
    let start = this.#head + from;
    while (index < this.#chunks.length && start >= (this.#chunks[index]?.length ?? 0)) {
      start -= this.#chunks[index]?.length ?? 0;
      index++;
    }
    const first = this.#chunks[index];
    if (first !== undefined && first.length - start >= n) return first.subarray(start, start + n);
    const out = new Uint8Array(n);
    let filled = 0;
    for (let i = index; filled < n; i++) {
      const chunk = this.#chunks[i];
      if (chunk === undefined) break;
      const part = chunk.subarray(start, start + (n - filled));
      out.set(part, filled);
      filled += part.length;
      start = 0;
    }
    return out;
  }

  take(n: number): Uint8Array {
    const bytes = this.peek(n);
    this.skip(n);
    return bytes;
  }

  skip(n: number): void {
    if (n > this.#buffered) throw new RangeError(`skip(${n}) beyond ${this.#buffered} buffered`);
    this.#buffered -= n;
    this.#consumed += n;
    let left = n;
    while (left > 0) {
      const chunk = this.#chunks[this.#first];
      if (chunk === undefined) break;
      const available = chunk.length - this.#head;
      if (available > left) {
        this.#head += left;
        left = 0;
      } else {
        left -= available;
        this.#first++;
        this.#head = 0;
      }
    }
    if (this.#first > 1024) {
      this.#chunks = this.#chunks.slice(this.#first);
      this.#first = 0;
    }
  }

  async #next(): Promise<Uint8Array | undefined> {
    let result: IteratorResult<unknown>;
    try {
      result = await this.#iterator.next();
    } catch (cause) {
      throw new WardlineError('WL_PCAP_UNREADABLE', 'The capture stream could not be read.', {
        cause,
      });
    }
    if (result.done === true) return undefined;
    if (!(result.value instanceof Uint8Array)) {
      throw new WardlineError(
        'WL_PCAP_UNREADABLE',
        'The capture stream yields text, not bytes; open it without an encoding.',
      );
    }
    return result.value;
  }
}

export function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

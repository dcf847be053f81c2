/** A bounds-checked cursor over one handshake message; every read past the end throws `Short`. */

export class Short extends Error {
  constructor(what: string) {
    super(`${what} runs past the end of the message`);
  }
}

/** Reads big-endian integers and length-prefixed vectors (RFC 8446 §3.4). */
export class ByteReader {
  #at: number;
  readonly #end: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    end = bytes.length,
  ) {
    this.#at = start;
    this.#end = end;
  }

  get remaining(): number {
    return this.#end - this.#at;
  }

  u8(what: string): number {
    if (this.remaining < 1) throw new Short(what);
    return this.bytes[this.#at++] ?? 0;
  }

  u16(what: string): number {
    if (this.remaining < 2) throw new Short(what);
    const value = ((this.bytes[this.#at] ?? 0) << 8) | (this.bytes[this.#at + 1] ?? 0);
    this.#at += 2;
    return value;
  }

  u24(what: string): number {
    if (this.remaining < 3) throw new Short(what);
    const b = this.bytes;
    const value =
      ((b[this.#at] ?? 0) << 16) | ((b[this.#at + 1] ?? 0) << 8) | (b[this.#at + 2] ?? 0);
    this.#at += 3;
    return value;
  }

  take(length: number, what: string): Uint8Array {
    if (this.remaining < length) throw new Short(what);
    const out = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return out;
  }

  /** A sub-reader over a vector with a `width`-byte length prefix. */
  vector(width: 1 | 2 | 3, what: string): ByteReader {
    const length = width === 1 ? this.u8(what) : width === 2 ? this.u16(what) : this.u24(what);
    return new ByteReader(this.take(length, what));
  }

  /** The rest as 16-bit values (an odd trailing byte is an error). */
  u16List(what: string): number[] {
    if (this.remaining % 2 !== 0) throw new Short(what);
    const out: number[] = [];
    while (this.remaining > 0) out.push(this.u16(what));
    return out;
  }
}

/**
 * Cuts a byte stream into the file header block and then whole chunks, holding at most one
 * partial block: a block inside one incoming piece is passed on without a copy.
 */
export class BlockAssembler {
  private partial: Uint8Array | null = null;
  private filled = 0;

  constructor(private size: number) {}

  /** Sets the size of the blocks that follow (header, then chunks). Call only between blocks. */
  resize(size: number): void {
    this.size = size;
  }

  /** Feeds one piece; calls `onBlock` for each block completed, which may call `resize`. */
  push(piece: Uint8Array, onBlock: (block: Uint8Array) => void): void {
    let at = 0;
    while (at < piece.length) {
      const size = this.size;
      if (this.partial === null && piece.length - at >= size) {
        at += size;
        onBlock(piece.subarray(at - size, at)); // may resize the blocks that follow
        continue;
      }
      const target = (this.partial ??= new Uint8Array(this.size));
      const take = Math.min(this.size - this.filled, piece.length - at);
      target.set(piece.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.size) {
        this.partial = null;
        this.filled = 0;
        onBlock(target);
      }
    }
  }

  /** What is left at the end of the stream (a cut block), if anything. */
  rest(): Uint8Array | null {
    if (this.partial === null || this.filled === 0) return null;
    const rest = this.partial.subarray(0, this.filled);
    this.partial = null;
    this.filled = 0;
    return rest;
  }
}

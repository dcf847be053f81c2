/**
 * Decoded text to physical lines (LF or CRLF), numbered, with their offsets. A line longer than
 * `MAX_LINE_CHARS` is never held: it is passed on as `tooLong` with its text dropped.
 */
import { MAX_LINE_CHARS } from './limits.js';

/** One line of the decoded input. */
export interface PhysicalLine {
  /** Without its line ending. */
  readonly text: string;
  /** 1-based. */
  readonly line: number;
  /** Characters into the decoded input where the line starts. */
  readonly offset: number;
  readonly tooLong: boolean;
}

/** Splits decoded text into physical lines across chunk boundaries. */
export class LineSplitter {
  private partial = '';
  private partialTooLong = false;
  /** Characters of the too-long line seen so far, for the offsets that follow it. */
  private offsetSkipped = 0;
  private line = 1;
  private offset = 0;

  /** The lines the chunk completes. */
  push(chunk: string): PhysicalLine[] {
    const lines: PhysicalLine[] = [];
    let at = 0;
    while (at <= chunk.length) {
      const newline = chunk.indexOf('\n', at);
      if (newline < 0) {
        this.grow(chunk.slice(at));
        break;
      }
      this.grow(chunk.slice(at, newline));
      lines.push(this.complete(1));
      at = newline + 1;
    }
    return lines;
  }

  /** The last line, when the input does not end with a newline. */
  end(): PhysicalLine[] {
    if (this.partial === '' && !this.partialTooLong) return [];
    return [this.complete(0)];
  }

  private grow(text: string): void {
    if (this.partialTooLong) {
      this.offsetSkipped += text.length;
      return;
    }
    if (this.partial.length + text.length > MAX_LINE_CHARS) {
      this.partialTooLong = true;
      this.offsetSkipped = this.partial.length + text.length;
      this.partial = '';
      return;
    }
    this.partial += text;
  }

  private complete(endingChars: number): PhysicalLine {
    const tooLong = this.partialTooLong;
    const text = tooLong ? '' : this.partial.replace(/\r$/, '');
    const length = tooLong ? this.offsetSkipped : this.partial.length;
    const done: PhysicalLine = { text, line: this.line, offset: this.offset, tooLong };
    this.line += 1;
    this.offset += length + endingChars;
    this.partial = '';
    this.partialTooLong = false;
    this.offsetSkipped = 0;
    return done;
  }
}

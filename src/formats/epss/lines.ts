/**
 * Splits streamed text into lines without ever holding more than one bounded line: a line longer
 * than the cap is read past and reported as overlong instead of being buffered.
 */

/** One complete line: its text (no terminator) or `null` when it was too long to keep. */
export interface TextLine {
  readonly text: string | null;
  /** One-based line number. */
  readonly line: number;
  /** Character offset of the line's first character in the whole text. */
  readonly offset: number;
}

/** Feed text with `write`; each call returns the lines it completed. Call `end` for the last. */
export class LineSplitter {
  private pending = '';
  private overlong = false;
  private line = 1;
  private lineStart = 0;
  private consumed = 0;

  constructor(private readonly maxChars: number) {}

  write(text: string): TextLine[] {
    const done: TextLine[] = [];
    let from = 0;
    for (;;) {
      const newline = text.indexOf('\n', from);
      if (newline === -1) break;
      this.take(text.slice(from, newline));
      done.push(this.complete(newline - from + 1));
      from = newline + 1;
    }
    this.take(text.slice(from));
    this.consumed += text.length - from;
    return done;
  }

  /** The last line, when the text does not end with a newline. */
  end(): TextLine[] {
    if (this.pending === '' && !this.overlong) return [];
    return [this.complete(0)];
  }

  private take(piece: string): void {
    if (this.overlong) return;
    if (this.pending.length + piece.length > this.maxChars) {
      this.overlong = true;
      this.pending = '';
      return;
    }
    this.pending += piece;
  }

  /** Closes the current line; `terminated` counts the characters of this call up to its end. */
  private complete(terminated: number): TextLine {
    const raw = this.pending;
    const text = this.overlong ? null : raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const done: TextLine = { text, line: this.line, offset: this.lineStart };
    this.consumed += terminated;
    this.lineStart = this.consumed;
    this.pending = '';
    this.overlong = false;
    this.line += 1;
    return done;
  }
}

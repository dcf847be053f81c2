import { MAX_LINE_BYTES } from './limits.js';
import { RecordBuffer } from './lines.js';

/** One element of a top-level JSON array, cut out of the stream but not yet parsed. */
export interface ArrayItem {
  /** The element's bytes, or only its head when it ran over the cap. */
  readonly bytes: Uint8Array;
  readonly tooLong: boolean;
  /** Bytes the element spans. */
  readonly length: number;
  readonly offset: number;
  readonly line: number;
  /** One-based position in the array. */
  readonly index: number;
}

/** Something wrong with the array itself rather than one element. */
export interface ArrayProblem {
  readonly problem: 'TRUNCATED' | 'TRAILING_DATA';
  readonly offset: number;
  readonly line: number;
}

export type ArrayOutput = ArrayItem | ArrayProblem;

type State = 'open' | 'between' | 'element' | 'after' | 'ignore';

const LF = 10;
const QUOTE = 34;
const COMMA = 44;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

const isSpace = (b: number): boolean => b === 32 || b === 9 || b === 10 || b === 13;

/**
 * Cuts a top-level JSON array into its elements as bytes arrive, tracking only strings and
 * bracket depth, so a 1 GB array is never held: one element at a time, capped like a line. The
 * elements are parsed one by one afterwards, so a malformed one is rejected alone. A leading BOM
 * and whitespace are skipped. Offsets are in bytes, lines one-based.
 */
export class ArrayItemScanner {
  private state: State = 'open';
  private readonly buffer: RecordBuffer;
  private base = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private index = 0;
  private itemOffset = 0;
  private itemLine = 1;

  constructor(maxItemBytes: number = MAX_LINE_BYTES) {
    this.buffer = new RecordBuffer(maxItemBytes);
  }

  push(bytes: Uint8Array): ArrayOutput[] {
    const out: ArrayOutput[] = [];
    let i = 0;
    while (i < bytes.length) {
      i =
        this.state === 'element'
          ? this.scanElement(bytes, i, out)
          : this.scanOutside(bytes, i, out);
    }
    this.base += bytes.length;
    return out;
  }

  finish(): ArrayOutput[] {
    const out: ArrayOutput[] = [];
    if (this.state === 'element') {
      this.endElement(out);
      out.push({ problem: 'TRUNCATED', offset: this.base, line: this.line });
    } else if (this.state === 'between') {
      out.push({ problem: 'TRUNCATED', offset: this.base, line: this.line });
    }
    this.state = 'ignore';
    return out;
  }

  /** One byte outside any element; returns the next index. */
  private scanOutside(bytes: Uint8Array, i: number, out: ArrayOutput[]): number {
    const b = bytes[i] ?? 0;
    if (b === LF) this.line += 1;
    if (this.state === 'ignore' || isSpace(b)) return i + 1;
    if (this.state === 'open') {
      if (b === OPEN_BRACKET) this.state = 'between';
      // Anything else before `[` can only be a byte order mark: the session sniffed the `[`.
      return i + 1;
    }
    if (this.state === 'after') {
      out.push({ problem: 'TRAILING_DATA', offset: this.base + i, line: this.line });
      this.state = 'ignore';
      return i + 1;
    }
    if (b === CLOSE_BRACKET && this.index === 0) {
      this.state = 'after';
      return i + 1;
    }
    this.state = 'element';
    this.index += 1;
    this.itemOffset = this.base + i;
    this.itemLine = this.line;
    return i;
  }

  /** Bytes of the current element up to its end (`,` or `]` at depth 0) or the chunk's end. */
  private scanElement(bytes: Uint8Array, from: number, out: ArrayOutput[]): number {
    for (let i = from; i < bytes.length; i += 1) {
      const b = bytes[i] ?? 0;
      if (b === LF) this.line += 1;
      if (this.inString) {
        this.stringByte(b);
      } else if (b === QUOTE) {
        this.inString = true;
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        this.depth += 1;
      } else if (this.depth > 0 && (b === CLOSE_BRACE || b === CLOSE_BRACKET)) {
        this.depth -= 1;
      } else if (this.depth === 0 && (b === COMMA || b === CLOSE_BRACKET)) {
        this.buffer.append(bytes.subarray(from, i));
        this.endElement(out);
        this.state = b === COMMA ? 'between' : 'after';
        return i + 1;
      }
    }
    this.buffer.append(bytes.subarray(from));
    return bytes.length;
  }

  private stringByte(b: number): void {
    if (this.escaped) this.escaped = false;
    else if (b === BACKSLASH) this.escaped = true;
    else if (b === QUOTE) this.inString = false;
  }

  private endElement(out: ArrayOutput[]): void {
    out.push({
      bytes: this.buffer.bytes(),
      tooLong: this.buffer.tooLong,
      length: this.buffer.length,
      offset: this.itemOffset,
      line: this.itemLine,
      index: this.index,
    });
    this.buffer.reset();
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
  }
}

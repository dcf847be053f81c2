/**
 * Groups physical lines into CSV records (RFC 4180: a newline inside a quoted field continues the
 * record) before any field is parsed. Knowing where a record begins and ends is what lets one
 * broken row cost only itself: a quote still open after `MAX_RECORD_LINES` lines, or a record
 * that does not parse, gives up its first line and the lines after it are framed afresh.
 *
 * A quote opens a quoted field only at the start of a field, as csv-parse reads it with
 * `relax_quotes`; `21" monitor` is text.
 */
import type { PhysicalLine } from './lines.js';
import { MAX_RECORD_CHARS, MAX_RECORD_LINES } from './limits.js';

const QUOTE = 0x22;

/** Where a line leaves the quoting: outside, inside, or closed by a line that cannot continue it. */
export type QuoteScan = 'closed' | 'open' | 'bad-close';

/**
 * Whether `text` ends inside a quoted field, given whether it started inside one. A line that
 * starts inside a quote (a continuation) and closes it with anything but a delimiter, a line end or
 * a doubled quote after the closing quote is `bad-close`: the quote it continues was never a field
 * opening, so the framing guess was wrong.
 */
export function scanQuotes(text: string, delimiter: number, insideAtStart: boolean): QuoteScan {
  if (!insideAtStart && !text.includes('"')) return 'closed';
  let inside = insideAtStart;
  let continuing = insideAtStart;
  let fieldStart = !insideAtStart;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inside) {
      if (c !== QUOTE) continue;
      const next = text.charCodeAt(i + 1);
      if (next === QUOTE) {
        i += 1;
        continue;
      }
      inside = false;
      if (continuing && i + 1 < text.length && next !== delimiter) return 'bad-close';
      continuing = false;
    } else if (c === QUOTE && fieldStart) {
      inside = true;
      fieldStart = false;
    } else {
      fieldStart = c === delimiter;
    }
  }
  return inside ? 'open' : 'closed';
}

/** A framed record (its physical lines), or a line given up as malformed. */
export type FramedItem =
  | { readonly kind: 'record'; readonly lines: readonly PhysicalLine[] }
  | { readonly kind: 'broken'; readonly line: PhysicalLine; readonly reason: string };

/** The record's text as csv-parse should see it: its lines joined with LF. */
export function recordText(lines: readonly PhysicalLine[]): string {
  return lines.length === 1 ? (lines[0]?.text ?? '') : lines.map((l) => l.text).join('\n');
}

/** Frames physical lines into CSV records, resynchronising after a stray quote. */
export class CsvFramer {
  private open: PhysicalLine[] = [];
  private openChars = 0;

  constructor(private readonly delimiter: number) {}

  push(line: PhysicalLine, out: FramedItem[]): void {
    if (line.tooLong) {
      while (this.open.length > 0)
        this.breakFirst(out, 'its quoted field runs into an over-long line');
      out.push({ kind: 'broken', line, reason: 'the line is too long' });
      return;
    }
    if (this.open.length === 0) {
      if (scanQuotes(line.text, this.delimiter, false) === 'open') {
        this.open = [line];
        this.openChars = line.text.length;
      } else {
        out.push({ kind: 'record', lines: [line] });
      }
      return;
    }
    const scan = scanQuotes(line.text, this.delimiter, true);
    if (scan === 'bad-close') {
      this.breakFirst(
        out,
        'a quote opened on it is closed by a later line that is not its continuation',
      );
      this.push(line, out);
      return;
    }
    this.open.push(line);
    this.openChars += line.text.length + 1;
    if (scan === 'closed') {
      out.push({ kind: 'record', lines: this.open });
      this.open = [];
    } else if (this.open.length > MAX_RECORD_LINES || this.openChars > MAX_RECORD_CHARS) {
      this.breakFirst(
        out,
        `a quote opened on it is still open ${this.open.length - 1} lines later`,
      );
    }
  }

  end(out: FramedItem[]): void {
    while (this.open.length > 0) this.breakFirst(out, 'a quote opened on it is never closed');
  }

  /** Gives up the open record's first line and frames the lines after it again. */
  private breakFirst(out: FramedItem[], reason: string): void {
    const [first, ...rest] = this.open;
    this.open = [];
    this.openChars = 0;
    if (first !== undefined) out.push({ kind: 'broken', line: first, reason });
    for (const line of rest) this.push(line, out);
  }
}

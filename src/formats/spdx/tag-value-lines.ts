/**
 * Splits SPDX tag-value text into `Tag: value` entries as it streams in: one line at a time,
 * `<text>…</text>` values gathered across lines, `#` comments and blank lines skipped. A line or a
 * `<text>` value longer than `MAX_LINE_CHARS` is dropped with a diagnostic, never held whole.
 * @see https://spdx.github.io/spdx-spec/v2.3/conformance/#44-standard-data-format-requirements
 */
import { MAX_LINE_CHARS } from '../sbom/limits.js';

/** One `Tag: value` (the value of a `<text>` block joined with newlines). */
export interface TagValueEntry {
  readonly tag: string;
  readonly value: string;
  /** One-based line the entry starts on, and its character offset. */
  readonly line: number;
  readonly offset: number;
}

/** A line that could not be read, and why. */
export interface TagValueProblem {
  readonly line: number;
  readonly offset: number;
  readonly message: string;
}

const TAG_LINE = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$/s;

interface OpenText {
  readonly tag: string;
  readonly line: number;
  readonly offset: number;
  parts: string[];
  size: number;
  overflow: boolean;
}

/** The line splitter: `push` text as it arrives, `end` once, take `entries` after each call. */
export class TagValueLines {
  /** Entries and problems in input order, to be drained by the caller. */
  readonly entries: (TagValueEntry | TagValueProblem)[] = [];
  /** Lines that looked like `Tag: value`; zero means the input is not tag-value at all. */
  tagLines = 0;
  private partial = '';
  private partialOverflow = false;
  /** Characters of the current line seen so far, dropped ones included. */
  private partialChars = 0;
  private line = 1;
  private offset = 0;
  private text: OpenText | null = null;

  push(chunk: string): void {
    let from = 0;
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', from)) {
      this.append(chunk.slice(from, at));
      this.completeLine();
      from = at + 1;
    }
    this.append(chunk.slice(from));
  }

  /** Ends the input: the last line, and a `<text>` never closed. */
  end(): void {
    if (this.partialChars > 0) this.completeLine();
    const open = this.text;
    if (open !== null) {
      this.problem(
        open.line,
        open.offset,
        `The <text> value of \`${open.tag}\` from line ${open.line} is never closed; dropped`,
      );
      this.text = null;
    }
  }

  private append(piece: string): void {
    this.partialChars += piece.length;
    if (this.partialOverflow) return;
    if (this.partial.length + piece.length > MAX_LINE_CHARS) {
      this.partialOverflow = true;
      this.partial = '';
      return;
    }
    this.partial += piece;
  }

  private completeLine(): void {
    const raw = this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial;
    const overflow = this.partialOverflow;
    const { line, offset } = this;
    this.offset += this.partialChars + 1;
    this.line += 1;
    this.partial = '';
    this.partialChars = 0;
    this.partialOverflow = false;
    if (this.text !== null) {
      this.continueText(this.text, raw, overflow);
    } else if (overflow) {
      this.problem(
        line,
        offset,
        `Line ${line} is longer than ${MAX_LINE_CHARS} characters; skipped`,
      );
    } else {
      this.readLine(raw, line, offset);
    }
  }

  private readLine(raw: string, line: number, offset: number): void {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = TAG_LINE.exec(raw);
    if (match === null) {
      this.problem(line, offset, `Line ${line} is not "Tag: value"; skipped`);
      return;
    }
    this.tagLines += 1;
    const tag = match[1] as string;
    const value = (match[2] as string).trim();
    if (!value.startsWith('<text>')) {
      this.entries.push({ tag, value, line, offset });
      return;
    }
    const body = value.slice('<text>'.length);
    const close = body.indexOf('</text>');
    if (close !== -1) {
      this.entries.push({ tag, value: body.slice(0, close), line, offset });
      return;
    }
    this.text = { tag, line, offset, parts: [body], size: body.length, overflow: false };
  }

  private continueText(open: OpenText, raw: string, overflow: boolean): void {
    const close = raw.indexOf('</text>');
    const piece = close === -1 ? raw : raw.slice(0, close);
    open.size += piece.length + 1;
    if (overflow || open.size > MAX_LINE_CHARS) open.overflow = true;
    if (!open.overflow) open.parts.push(piece);
    else open.parts = [];
    if (close === -1) return;
    this.text = null;
    if (open.overflow) {
      this.problem(
        open.line,
        open.offset,
        `The <text> value of \`${open.tag}\` from line ${open.line} is longer than ${MAX_LINE_CHARS} characters; dropped`,
      );
      return;
    }
    this.entries.push({
      tag: open.tag,
      value: open.parts.join('\n'),
      line: open.line,
      offset: open.offset,
    });
  }

  private problem(line: number, offset: number, message: string): void {
    this.entries.push({ line, offset, message });
  }
}

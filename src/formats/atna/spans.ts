/**
 * Finds `<AuditMessage …>…</AuditMessage>` spans in a stream: a file of one message, messages
 * written one after another (each with its own XML declaration), or syslog frames whose payload
 * is the message (RFC 5425/5426 as IHE ATNA sends them). Whatever lies between spans (syslog
 * headers, declarations, blank lines) is skipped. Only the open span is held, up to its cap.
 */
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { MAX_ATNA_MESSAGE_CHARS } from './limits.js';

const START = '<AuditMessage';
const END = '</AuditMessage';

/** One message's text, or a span that could not be one. */
export type AtnaSpan =
  | {
      readonly kind: 'message';
      readonly text: string;
      readonly offset: number;
      readonly line: number;
    }
  | {
      readonly kind: 'problem';
      readonly code: 'WL_ATNA_TRUNCATED' | 'WL_ATNA_LIMIT_EXCEEDED';
      readonly message: string;
      readonly raw: string;
      readonly offset: number;
      readonly line: number;
    };

/** A name character: `<AuditMessageX` is another element, not a start. */
function isNameChar(c: string): boolean {
  return /[\w.:-]/.test(c);
}

/** One input's span-finding state. Feed text with `push`, then call `end`. */
export class AuditMessageSpans {
  private buffer = '';
  private bufferStart = 0;
  private line = 1;
  /** A message is open at buffer[0]; `skipping` once it ran past the cap. */
  private open: { offset: number; line: number; skipping: boolean } | null = null;
  /** Where to resume searching, so a slow message is not rescanned from its start each time. */
  private searchFrom = 0;
  private out: AtnaSpan[] = [];

  push(text: string): AtnaSpan[] {
    this.buffer += text;
    while (this.step());
    return this.take();
  }

  end(): AtnaSpan[] {
    if (this.open !== null && !this.open.skipping) {
      this.problem(
        'WL_ATNA_TRUNCATED',
        `The input ends inside the audit message that starts at line ${this.open.line}.`,
        this.buffer,
      );
    }
    this.open = null;
    this.buffer = '';
    return this.take();
  }

  private take(): AtnaSpan[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  /** One move; false when more input is needed. */
  private step(): boolean {
    if (this.open === null) {
      const start = this.findStart(0);
      if (start < 0) {
        this.advance(Math.max(0, this.buffer.length - START.length));
        return false;
      }
      this.advance(start);
      this.open = { offset: this.bufferStart, line: this.line, skipping: false };
      this.searchFrom = 1;
      return true;
    }
    return this.stepOpen(this.open);
  }

  private stepOpen(open: { offset: number; line: number; skipping: boolean }): boolean {
    const from = Math.max(1, this.searchFrom);
    const next = this.findStart(from);
    const endAt = this.buffer.indexOf(END, from);
    const close = endAt < 0 ? -1 : this.buffer.indexOf('>', endAt);
    if (next >= 0 && (close < 0 || next < endAt)) {
      if (!open.skipping) {
        this.problem(
          'WL_ATNA_TRUNCATED',
          `The audit message that starts at line ${open.line} ends before its closing tag; another one begins.`,
          this.buffer.slice(0, next),
        );
      }
      this.open = null;
      this.advance(next);
      return true;
    }
    if (close >= 0) {
      if (!open.skipping && close + 1 > MAX_ATNA_MESSAGE_CHARS) {
        this.tooLong(open);
      } else if (!open.skipping) {
        this.out.push({
          kind: 'message',
          text: this.buffer.slice(0, close + 1),
          offset: open.offset,
          line: open.line,
        });
      }
      this.open = null;
      this.advance(close + 1);
      return true;
    }
    // Resume where a tag split across chunks could still begin (an end tag waiting for its `>`).
    this.searchFrom = endAt >= 0 ? endAt : Math.max(1, this.buffer.length - END.length);
    if (!open.skipping && this.buffer.length > MAX_ATNA_MESSAGE_CHARS) {
      this.tooLong(open);
      open.skipping = true;
    }
    if (open.skipping) {
      // Keep only what a start or end tag split across chunks needs.
      const keep = Math.max(0, this.buffer.length - START.length - 1);
      this.advance(keep);
      this.searchFrom = 0;
    }
    return false;
  }

  private tooLong(open: { line: number }): void {
    this.problem(
      'WL_ATNA_LIMIT_EXCEEDED',
      `The audit message that starts at line ${open.line} is longer than ${MAX_ATNA_MESSAGE_CHARS} characters; it is skipped.`,
      this.buffer,
    );
  }

  /** Index of the next message start at or after `from`, or -1 (also when its next char is unread). */
  private findStart(from: number): number {
    let at = this.buffer.indexOf(START, from);
    while (at >= 0) {
      const after = this.buffer.charAt(at + START.length);
      if (after === '') return -1;
      if (!isNameChar(after)) return at;
      at = this.buffer.indexOf(START, at + 1);
    }
    return -1;
  }

  private advance(count: number): void {
    if (count <= 0) return;
    const dropped = this.buffer.slice(0, count);
    for (let i = dropped.indexOf('\n'); i >= 0; i = dropped.indexOf('\n', i + 1)) this.line += 1;
    this.buffer = this.buffer.slice(count);
    this.bufferStart += count;
    this.searchFrom = Math.max(0, this.searchFrom - count);
  }

  private problem(
    code: 'WL_ATNA_TRUNCATED' | 'WL_ATNA_LIMIT_EXCEEDED',
    message: string,
    raw: string,
  ): void {
    const open = this.open ?? { offset: this.bufferStart, line: this.line };
    this.out.push({
      kind: 'problem',
      code,
      message,
      raw: raw.slice(0, MAX_DEAD_LETTER_RAW_CHARS),
      offset: open.offset,
      line: open.line,
    });
  }
}

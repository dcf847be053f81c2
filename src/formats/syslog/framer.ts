import { DEFAULT_MAX_FRAME_BYTES, MAX_DIAGNOSTICS, MAX_OCTET_COUNT_DIGITS } from './limits.js';
import type { SyslogDiagnostic, SyslogDiagnosticCode } from './types.js';

export type SyslogFraming = 'octet-counting' | 'newline';

export interface SyslogFrame {
  /** The frame's message text, without the octet count or the trailing LF / CRLF / NUL. */
  readonly text: string;
  /** Byte offset of the message in the stream. */
  readonly offset: number;
  readonly framing: SyslogFraming;
  /** The frame was longer than the maximum and was cut. */
  readonly truncated: boolean;
}

export interface SyslogFramerOptions {
  readonly source: string;
  /** Default 64 KiB. */
  readonly maxFrameBytes?: number;
}

const LF = 10;
const CR = 13;
const NUL = 0;
const SP = 32;
const LT = 60;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 48 && b <= 57;
const isEnd = (b: number | undefined): boolean => b === LF || b === NUL;

type Step = 'again' | 'wait';

/**
 * RFC 6587 framing for a syslog TCP stream: octet counting (`LEN SP MSG`) or non-transparent
 * framing (LF, CRLF or NUL), detected frame by frame. Holds at most about one frame of bytes.
 */
export class SyslogFramer {
  private buf = new Uint8Array(4096);
  private start = 0;
  private end = 0;
  private scan = 0;
  /** Stream offset of buf[0]. */
  private base = 0;
  private discarding = false;
  private diagnostics: SyslogDiagnostic[] = [];
  private readonly source: string;
  private readonly max: number;

  constructor(options: SyslogFramerOptions) {
    this.source = options.source;
    this.max = Math.max(1, Math.floor(options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES));
  }

  /** Adds a chunk; returns the frames it completed. */
  push(chunk: Uint8Array | string): SyslogFrame[] {
    this.append(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    return this.drain(false);
  }

  /** The stream ended: returns what is left as a last frame. */
  finish(): SyslogFrame[] {
    const frames = this.drain(true);
    this.start = this.end;
    return frames;
  }

  /** Diagnostics since the last call. */
  takeDiagnostics(): SyslogDiagnostic[] {
    const out = this.diagnostics;
    this.diagnostics = [];
    return out;
  }

  private append(bytes: Uint8Array): void {
    if (this.start > 0) {
      this.buf.copyWithin(0, this.start, this.end);
      this.base += this.start;
      this.end -= this.start;
      this.scan -= this.start;
      this.start = 0;
    }
    if (this.end + bytes.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.end + bytes.length));
      grown.set(this.buf.subarray(0, this.end));
      this.buf = grown;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  private report(code: SyslogDiagnosticCode, at: number, message: string): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) return;
    this.diagnostics.push({
      source: this.source,
      offset: this.base + at,
      code,
      severity: 'warning',
      message,
    });
  }

  private emit(
    frames: SyslogFrame[],
    from: number,
    to: number,
    framing: SyslogFraming,
    truncated: boolean,
  ): void {
    let stop = to;
    if (framing === 'newline' && !truncated && stop > from && this.buf[stop - 1] === CR) stop -= 1;
    if (stop <= from) return;
    frames.push({
      text: decoder.decode(this.buf.subarray(from, stop)),
      offset: this.base + from,
      framing,
      truncated,
    });
  }

  private moveTo(at: number): void {
    this.start = at;
    this.scan = at;
  }

  private drain(final: boolean): SyslogFrame[] {
    const frames: SyslogFrame[] = [];
    for (;;) {
      if (this.discarding && this.discard() === 'wait') break;
      while (
        this.start < this.end &&
        (isEnd(this.buf[this.start]) || this.buf[this.start] === CR)
      ) {
        this.moveTo(this.start + 1);
      }
      if (this.start >= this.end) break;
      const step = isDigit(this.buf[this.start])
        ? this.octetFrame(frames, final)
        : this.lineFrame(frames, final);
      if (step === 'wait') break;
    }
    return frames;
  }

  private discard(): Step {
    for (let i = this.scan; i < this.end; i += 1) {
      const b = this.buf[i];
      if (isEnd(b)) {
        this.discarding = false;
        this.moveTo(i + 1);
        return 'again';
      }
      if (b !== undefined && b >= 49 && b <= 57 && !isDigit(this.buf[i - 1])) {
        const found = this.octetCountAt(i);
        if (found !== 'no') {
          this.discarding = found === 'more';
          this.moveTo(i);
          return found === 'yes' ? 'again' : 'wait';
        }
      }
    }
    this.moveTo(this.end);
    return 'wait';
  }

  /** Whether a valid `LEN SP <` starts at `at`: yes, no, or more bytes needed to tell. */
  private octetCountAt(at: number): 'yes' | 'no' | 'more' {
    let j = at;
    while (j < this.end && j - at < MAX_OCTET_COUNT_DIGITS && isDigit(this.buf[j])) j += 1;
    if (j === this.end || (this.buf[j] === SP && j + 1 === this.end)) return 'more';
    if (this.buf[j] !== SP || this.buf[j + 1] !== LT) return 'no';
    return Number(decoder.decode(this.buf.subarray(at, j))) <= this.max ? 'yes' : 'no';
  }

  /** `LEN SP <…`: octet counting; anything else starting with a digit is a line. */
  private octetFrame(frames: SyslogFrame[], final: boolean): Step {
    let i = this.start;
    while (i < this.end && i - this.start < MAX_OCTET_COUNT_DIGITS && isDigit(this.buf[i])) i += 1;
    const needMore = i + 1 >= this.end && !final;
    if (needMore && (i === this.end || this.buf[i] === SP)) return 'wait';
    if (this.buf[this.start] === 48 || this.buf[i] !== SP || this.buf[i + 1] !== LT) {
      return this.lineFrame(frames, final);
    }
    const length = Number(decoder.decode(this.buf.subarray(this.start, i)));
    const body = i + 1;
    if (length > this.max) {
      this.report(
        'WL_SYSLOG_FRAME_TOO_LONG',
        this.start,
        `octet count ${String(length)} over ${String(this.max)}; skipped to the next newline`,
      );
      this.discarding = true;
      this.moveTo(body);
      return 'again';
    }
    if (this.end - body >= length) {
      this.emit(frames, body, body + length, 'octet-counting', false);
      this.moveTo(body + length);
      return 'again';
    }
    if (!final) return 'wait';
    this.report(
      'WL_SYSLOG_FRAME_INCOMPLETE',
      this.start,
      'stream ended inside an octet-counted frame',
    );
    this.emit(frames, body, this.end, 'octet-counting', true);
    this.moveTo(this.end);
    return 'wait';
  }

  private lineFrame(frames: SyslogFrame[], final: boolean): Step {
    const limit = Math.min(this.end, this.start + this.max + 1);
    for (let i = Math.max(this.scan, this.start); i < limit; i += 1) {
      if (isEnd(this.buf[i])) {
        this.emit(frames, this.start, i, 'newline', false);
        this.moveTo(i + 1);
        return 'again';
      }
    }
    if (limit - this.start > this.max) {
      this.report(
        'WL_SYSLOG_FRAME_TOO_LONG',
        this.start,
        `frame over ${String(this.max)} bytes; cut, the rest skipped to the next newline`,
      );
      this.emit(frames, this.start, this.start + this.max, 'newline', true);
      this.discarding = true;
      this.moveTo(this.start + this.max);
      return 'again';
    }
    if (final) {
      this.emit(frames, this.start, this.end, 'newline', false);
      this.moveTo(this.end);
      return 'wait';
    }
    this.scan = this.end;
    return 'wait';
  }
}

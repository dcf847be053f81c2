import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { MAX_LINE_BYTES, MAX_RAW_HEAD_BYTES } from './limits.js';

/** One line of a log stream, or why it could not be read as text. */
export type LogLine =
  | { readonly kind: 'text'; readonly text: string; readonly offset: number; readonly line: number }
  | {
      readonly kind: 'too-long' | 'bad-encoding';
      /** The start of the line (cut to `MAX_DEAD_LETTER_RAW_CHARS`), for the dead-letter store. */
      readonly head: string;
      readonly offset: number;
      readonly line: number;
      readonly bytes: number;
    };

const LF = 10;
const CR = 13;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Text for the dead-letter store: at most `MAX_DEAD_LETTER_RAW_CHARS` characters. */
export function cutRaw(text: string): string {
  return text.length > MAX_DEAD_LETTER_RAW_CHARS ? text.slice(0, MAX_DEAD_LETTER_RAW_CHARS) : text;
}

/** Bytes as text without throwing (bad sequences become U+FFFD), cut for the dead-letter store. */
export function rawHead(bytes: Uint8Array): string {
  return cutRaw(lenient.decode(bytes.subarray(0, MAX_RAW_HEAD_BYTES)));
}

/** A chunk as bytes: strings are encoded as UTF-8. */
export function chunkBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The bytes of one record as they arrive, up to a cap: past it, only the first
 * `MAX_RAW_HEAD_BYTES` stay (for the dead-letter store) and the rest is counted, not held.
 */
export class RecordBuffer {
  private parts: Uint8Array[] = [];
  private held = 0;
  /** Bytes of the record so far, counting those dropped. */
  length = 0;

  constructor(private readonly maxBytes: number) {}

  get tooLong(): boolean {
    return this.length > this.maxBytes;
  }

  append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const room = (this.tooLong ? MAX_RAW_HEAD_BYTES : this.maxBytes + 1) - this.held;
    this.length += bytes.length;
    if (room <= 0) return;
    const kept = Math.min(room, bytes.length);
    // Copied: the caller may reuse its chunk buffer.
    this.parts.push(bytes.slice(0, kept));
    this.held += kept;
    if (this.tooLong && this.held > MAX_RAW_HEAD_BYTES) {
      const head = concat(this.parts, this.held).slice(0, MAX_RAW_HEAD_BYTES);
      this.parts = [head];
      this.held = head.length;
    }
  }

  /** The bytes held: the whole record, or its head when too long. */
  bytes(): Uint8Array {
    return concat(this.parts, this.held);
  }

  reset(): void {
    this.parts = [];
    this.held = 0;
    this.length = 0;
  }
}

/** Record bytes as strict UTF-8 text, or null when they are not valid UTF-8. */
export function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Splits a byte stream into lines at LF (a trailing CR is dropped) and decodes each as strict
 * UTF-8. Splitting on the byte 0x0A before decoding is safe because no UTF-8 multibyte sequence
 * contains it, so a character split across chunks is whole again in its line. A leading byte
 * order mark is skipped. A line over the cap is skipped to its newline; only its first
 * `MAX_RAW_HEAD_BYTES` are held. Offsets are in bytes, lines one-based.
 */
export class LineSplitter {
  private readonly buffer: RecordBuffer;
  private offset = 0;
  private line = 1;

  constructor(private readonly maxLineBytes: number = MAX_LINE_BYTES) {
    this.buffer = new RecordBuffer(maxLineBytes);
  }

  push(chunk: Uint8Array | string): LogLine[] {
    const bytes = chunkBytes(chunk);
    const out: LogLine[] = [];
    let from = 0;
    for (;;) {
      const at = bytes.indexOf(LF, from);
      if (at < 0) {
        this.buffer.append(bytes.subarray(from));
        return out;
      }
      if (this.buffer.length === 0) {
        // The whole line is in this chunk: read it in place, no copy.
        out.push(this.take(bytes.subarray(from, at)));
      } else {
        this.buffer.append(bytes.subarray(from, at));
        out.push(this.take());
      }
      this.offset += (this.buffer.length === 0 ? at - from : this.buffer.length) + 1;
      this.line += 1;
      this.buffer.reset();
      from = at + 1;
    }
  }

  /** The stream ended: the last line when it had no newline. */
  finish(): LogLine[] {
    if (this.buffer.length === 0) return [];
    const last = this.take();
    this.offset += this.buffer.length;
    this.buffer.reset();
    return [last];
  }

  /** The current line: `whole` when it lies in one chunk, else what the buffer holds. */
  private take(whole?: Uint8Array): LogLine {
    let bytes = whole ?? this.buffer.bytes();
    const base = {
      offset: this.offset,
      line: this.line,
      bytes: whole?.length ?? this.buffer.length,
    };
    const tooLong = whole === undefined ? this.buffer.tooLong : whole.length > this.maxLineBytes;
    if (tooLong) return { kind: 'too-long', head: rawHead(bytes), ...base };
    if (this.line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bytes = bytes.subarray(3);
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
    const text = decodeStrict(bytes);
    return text === null
      ? { kind: 'bad-encoding', head: rawHead(bytes), ...base }
      : { kind: 'text', text, offset: this.offset, line: this.line };
  }
}

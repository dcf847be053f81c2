/**
 * One direction of an HTTP/1.x conversation, read incrementally: each message head is found and
 * handed to the owner, which says how long the body is; bodies are skipped by count, never kept.
 * A head is kept only until its blank line, at most `maxHeadBytes`.
 */
import type { BytePosition } from '../dissector.js';
import type { HttpDiagnosticCode } from './diagnostics.js';
import { parseHead, type MessageHead } from './head.js';
import { HTTP_LIMITS } from './limits.js';

/** What follows a head: a body of known length (0 for none), or nothing readable. */
export type BodyRule =
  { readonly kind: 'body'; readonly length: number } | { readonly kind: 'stop' };

/** Decides what follows each head and receives the problems found. */
export interface MessageOwner {
  head(head: MessageHead, at: BytePosition): BodyRule;
  problem(code: HttpDiagnosticCode, message: string, at: BytePosition): void;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Scans `bytes[from, to)` for the LF that ends an empty line; `lineStart` is where the current
 * line began. Returns the index just past that LF (or -1) and the start of the last open line.
 */
function findHeadEnd(bytes: Uint8Array, from: number, to: number, lineStart: number) {
  let start = lineStart;
  let at = bytes.indexOf(LF, from);
  while (at !== -1 && at < to) {
    const length = at - start;
    if (length === 0 || (length === 1 && bytes[start] === CR))
      return { end: at + 1, lineStart: start };
    start = at + 1;
    at = bytes.indexOf(LF, start);
  }
  return { end: -1, lineStart: start };
}

/** Finds message heads in one direction's bytes and skips the bodies between them. */
export class MessageStream {
  done = false;
  readonly #owner: MessageOwner;
  #buffer = new Uint8Array(0);
  #filled = 0;
  #lineStart = 0;
  #bodyLeft = 0;
  #messages = 0;

  constructor(owner: MessageOwner) {
    this.#owner = owner;
  }

  push(bytes: Uint8Array, at: BytePosition): void {
    let i = 0;
    while (i < bytes.length && !this.done) {
      if (this.#bodyLeft > 0) {
        const skip = Math.min(this.#bodyLeft, bytes.length - i);
        this.#bodyLeft -= skip;
        i += skip;
      } else if (this.#filled === 0) {
        i = this.#startHead(bytes, i, at);
      } else {
        i = this.#continueHead(bytes, i, at);
      }
    }
  }

  /** Lost bytes: absorbed when they fall inside a body being skipped; otherwise reading stops. */
  gap(length: number): boolean {
    if (this.done) return true;
    if (this.#filled === 0 && length <= this.#bodyLeft) {
      this.#bodyLeft -= length;
      return true;
    }
    this.done = true;
    return false;
  }

  #startHead(bytes: Uint8Array, start: number, at: BytePosition): number {
    let i = start;
    // RFC 9112 §2.2: empty lines before a message are ignored.
    while (i < bytes.length && (bytes[i] === CR || bytes[i] === LF)) i++;
    if (i === bytes.length) return i;
    const found = findHeadEnd(bytes, i, bytes.length, i);
    if (found.end !== -1 && found.end - i <= HTTP_LIMITS.maxHeadBytes) {
      this.#finishHead(bytes.subarray(i, found.end), at);
      return found.end;
    }
    return this.#keep(bytes, i, at, found.lineStart - i);
  }

  #continueHead(bytes: Uint8Array, start: number, at: BytePosition): number {
    const before = this.#filled;
    const next = this.#keep(bytes, start, at, this.#lineStart);
    if (this.done || this.#filled === 0) return next;
    const found = findHeadEnd(this.#buffer, before, this.#filled, this.#lineStart);
    this.#lineStart = found.lineStart;
    if (found.end === -1) return next;
    const head = this.#buffer.subarray(0, found.end);
    const rest = this.#filled - found.end;
    this.#filled = 0;
    this.#lineStart = 0;
    this.#finishHead(head, at);
    return next - rest;
  }

  /** Copies what fits under the head cap; at the cap, reads the complete lines and stops. */
  #keep(bytes: Uint8Array, start: number, at: BytePosition, lineStart: number): number {
    const room = HTTP_LIMITS.maxHeadBytes - this.#filled;
    const take = Math.min(room, bytes.length - start);
    if (this.#buffer.length < this.#filled + take) {
      const grown = new Uint8Array(
        Math.min(HTTP_LIMITS.maxHeadBytes, Math.max(1024, (this.#filled + take) * 2)),
      );
      grown.set(this.#buffer.subarray(0, this.#filled));
      this.#buffer = grown;
    }
    this.#buffer.set(bytes.subarray(start, start + take), this.#filled);
    const previous = this.#filled;
    this.#filled += take;
    this.#lineStart = lineStart;
    if (this.#filled >= HTTP_LIMITS.maxHeadBytes) {
      const found = findHeadEnd(this.#buffer, previous, this.#filled, lineStart);
      if (found.end === -1) return this.#overflow(at, found.lineStart, start + take);
    }
    return start + take;
  }

  #overflow(at: BytePosition, completeLines: number, next: number): number {
    const limit = HTTP_LIMITS.maxHeadBytes;
    this.#owner.problem(
      'WL_HTTP_HEADER_TOO_LARGE',
      `a message head is longer than ${limit} bytes; its complete lines are read and the rest of the stream is not.`,
      at,
    );
    const head = parseHead(this.#buffer.subarray(0, completeLines));
    this.#filled = 0;
    this.done = true;
    if (head !== null) this.#owner.head(head, at);
    return next;
  }

  #finishHead(bytes: Uint8Array, at: BytePosition): void {
    const head = parseHead(bytes);
    if (head === null) {
      const line = Buffer.from(bytes.subarray(0, 60)).toString('latin1').split(/\r?\n/)[0] ?? '';
      this.#owner.problem(
        'WL_HTTP_MALFORMED',
        `not an HTTP/1.x start line: ${JSON.stringify(line)}.`,
        at,
      );
      this.done = true;
      return;
    }
    const rule = this.#owner.head(head, at);
    this.#messages++;
    if (rule.kind === 'stop' || this.#messages >= HTTP_LIMITS.maxMessages) this.done = true;
    else this.#bodyLeft = rule.length;
  }
}

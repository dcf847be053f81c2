/**
 * One direction of a TLS conversation, read incrementally: the record layer (RFC 5246 §6.2,
 * RFC 8446 §5.1) and the handshake messages carried in it, which may span records or share one.
 * Only the bytes of messages the owner asks to keep are copied; everything else is skipped by
 * length. A ChangeCipherSpec or application data record ends reading: what follows is encrypted.
 */
import type { BytePosition } from '../dissector.js';
import type { TlsDiagnosticCode } from './diagnostics.js';
import { TLS_LIMITS } from './limits.js';

/** TLS record content types (RFC 8446 §5.1, RFC 6520). */
export const CONTENT_TYPE = {
  CHANGE_CIPHER_SPEC: 20,
  ALERT: 21,
  HANDSHAKE: 22,
  APPLICATION_DATA: 23,
  HEARTBEAT: 24,
} as const;

/** Decides which handshake messages to keep and receives them. */
export interface HandshakeOwner {
  /** How many bytes of a handshake message of this type and length to keep (0: skip it). */
  keep(type: number, length: number): number;
  /** A message's kept bytes (all of it unless `body.length < length`). May end reading. */
  message(type: number, length: number, body: Uint8Array, at: BytePosition): void;
  problem(code: TlsDiagnosticCode, message: string, at: BytePosition): void;
  /**
   * A ChangeCipherSpec record: true when what follows is encrypted. TLS 1.3 sends a dummy one
   * after a HelloRetryRequest (RFC 8446 §D.4), and the real ServerHello still follows in the clear.
   */
  changeCipherSpec(): boolean;
  /** The first valid handshake record header. */
  started(): void;
}

/** Reads one direction's records and reassembles the handshake messages in them. */
export class RecordStream {
  /** No more bytes are read in this direction. */
  done = false;
  readonly #owner: HandshakeOwner;
  readonly #header = new Uint8Array(5);
  #headerFilled = 0;
  #recordType = 0;
  #recordLeft = 0;
  #started = false;
  readonly #hsHeader = new Uint8Array(4);
  #hsHeaderFilled = 0;
  #hsType = 0;
  #hsLength = 0;
  #hsBody: Uint8Array | null = null;
  #hsFilled = 0;
  #hsSkip = 0;

  constructor(owner: HandshakeOwner) {
    this.#owner = owner;
  }

  /** A message of kept bytes is half read: the stream ended or broke inside it. */
  get midMessage(): boolean {
    return this.#hsBody !== null && this.#hsBody.length > 0;
  }

  push(bytes: Uint8Array, at: BytePosition): void {
    let i = 0;
    while (i < bytes.length && !this.done) {
      if (this.#recordLeft === 0) {
        i = this.#readHeader(bytes, i, at);
        continue;
      }
      const take = Math.min(this.#recordLeft, bytes.length - i);
      if (this.#recordType === CONTENT_TYPE.HANDSHAKE) this.#handshake(bytes, i, i + take, at);
      i += take;
      this.#recordLeft -= take;
    }
  }

  #readHeader(bytes: Uint8Array, start: number, at: BytePosition): number {
    const take = Math.min(5 - this.#headerFilled, bytes.length - start);
    this.#header.set(bytes.subarray(start, start + take), this.#headerFilled);
    this.#headerFilled += take;
    if (this.#headerFilled < 5) return start + take;
    this.#headerFilled = 0;
    this.#acceptHeader(at);
    return start + take;
  }

  #acceptHeader(at: BytePosition): void {
    const h = this.#header;
    const type = h[0] ?? 0;
    const length = ((h[3] ?? 0) << 8) | (h[4] ?? 0);
    if (!isRecordHeader(h, length)) {
      const hex = Array.from(h, (b) => b.toString(16).padStart(2, '0')).join(' ');
      this.#owner.problem('WL_TLS_RECORD_INVALID', `not a TLS record header: ${hex}.`, at);
      this.done = true;
    } else if (type === CONTENT_TYPE.APPLICATION_DATA) {
      this.done = true;
    } else if (type === CONTENT_TYPE.CHANGE_CIPHER_SPEC && this.#owner.changeCipherSpec()) {
      this.done = true;
    } else {
      this.#recordType = type;
      this.#recordLeft = length;
      if (type === CONTENT_TYPE.HANDSHAKE && !this.#started) {
        this.#started = true;
        this.#owner.started();
      }
    }
  }

  #handshake(bytes: Uint8Array, start: number, end: number, at: BytePosition): void {
    let j = start;
    while (j < end && !this.done) {
      if (this.#hsSkip > 0) {
        const skip = Math.min(this.#hsSkip, end - j);
        this.#hsSkip -= skip;
        j += skip;
      } else if (this.#hsBody === null) {
        j = this.#readHandshakeHeader(bytes, j, end, at);
      } else {
        const body = this.#hsBody;
        const take = Math.min(body.length - this.#hsFilled, end - j);
        body.set(bytes.subarray(j, j + take), this.#hsFilled);
        this.#hsFilled += take;
        j += take;
        if (this.#hsFilled === body.length) this.#deliver(at);
      }
    }
  }

  #readHandshakeHeader(bytes: Uint8Array, start: number, end: number, at: BytePosition): number {
    const take = Math.min(4 - this.#hsHeaderFilled, end - start);
    this.#hsHeader.set(bytes.subarray(start, start + take), this.#hsHeaderFilled);
    this.#hsHeaderFilled += take;
    if (this.#hsHeaderFilled < 4) return start + take;
    this.#hsHeaderFilled = 0;
    const h = this.#hsHeader;
    this.#hsType = h[0] ?? 0;
    this.#hsLength = ((h[1] ?? 0) << 16) | ((h[2] ?? 0) << 8) | (h[3] ?? 0);
    const keep = Math.min(
      this.#hsLength,
      Math.max(0, this.#owner.keep(this.#hsType, this.#hsLength)),
    );
    this.#hsBody = new Uint8Array(keep);
    this.#hsFilled = 0;
    if (keep === 0) this.#deliver(at);
    return start + take;
  }

  #deliver(at: BytePosition): void {
    const body = this.#hsBody ?? new Uint8Array(0);
    this.#hsBody = null;
    this.#hsSkip = this.#hsLength - body.length;
    this.#owner.message(this.#hsType, this.#hsLength, body, at);
  }
}

/** A known content type, protocol version 3.0–3.4, and a length within the record limit. */
function isRecordHeader(h: Uint8Array, length: number): boolean {
  const type = h[0] ?? 0;
  const known = type >= CONTENT_TYPE.CHANGE_CIPHER_SPEC && type <= CONTENT_TYPE.HEARTBEAT;
  return known && h[1] === 3 && (h[2] ?? 0xff) <= 4 && length <= TLS_LIMITS.maxRecordBytes;
}

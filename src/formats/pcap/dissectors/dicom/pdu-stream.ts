/**
 * Frames one direction of a DICOM conversation into PDUs (PS3.8 §9.3.1: type, reserved, 32-bit
 * big-endian length), across any chunking. A-ASSOCIATE, A-RELEASE and A-ABORT bodies are buffered
 * up to `maxAssociatePduLength`; P-DATA-TF bodies are never buffered, only skipped by length.
 *
 * When the framing is lost (an impossible header, or bytes lost where a header was due), the
 * stream scans for the next plausible PDU header, at most `maxResyncBytes` bytes, and reports the
 * episode in one diagnostic: resynchronized, or abandoned.
 */
import type { DiagnosticSeverity } from '../../../../domain/diagnostic.js';
import type { DicomDiagnosticCode } from './diagnostics.js';
import { DICOM_LIMITS } from './limits.js';
import { PLAUSIBLE_LOOKAHEAD, plausiblePduAt } from './plausible.js';
import { ASSOCIATE_FIXED_LENGTH, PDU_HEADER_LENGTH, PDU_TYPE, u32 } from './pdu.js';

/** Where a PDU (or a problem) starts: the capture offset of its packet and its stream offset. */
export interface PduPosition {
  readonly captureOffset: number;
  readonly streamOffset: number;
}

/** What a `PduStream` hands over as it frames bytes. */
export interface PduEvents {
  /** A complete PDU whose body was buffered (every type but P-DATA-TF, within the cap). */
  pdu(type: number, body: Uint8Array, at: PduPosition): void;
  /** A P-DATA-TF PDU header; its body is skipped. */
  pdata(length: number, at: PduPosition): void;
  problem(
    code: DicomDiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    at: PduPosition,
  ): void;
}

const NAMES: Readonly<Record<number, string>> = {
  [PDU_TYPE.ASSOCIATE_RQ]: 'A-ASSOCIATE-RQ',
  [PDU_TYPE.ASSOCIATE_AC]: 'A-ASSOCIATE-AC',
  [PDU_TYPE.ASSOCIATE_RJ]: 'A-ASSOCIATE-RJ',
  [PDU_TYPE.P_DATA_TF]: 'P-DATA-TF',
  [PDU_TYPE.RELEASE_RQ]: 'A-RELEASE-RQ',
  [PDU_TYPE.RELEASE_RP]: 'A-RELEASE-RP',
  [PDU_TYPE.ABORT]: 'A-ABORT',
};

/** The PS3.8 name of a PDU type, for messages. */
export function pduName(type: number): string {
  return NAMES[type] ?? `PDU type 0x${type.toString(16).padStart(2, '0')}`;
}

type Mode = 'header' | 'body' | 'skip' | 'resync' | 'abandoned';
const EMPTY = new Uint8Array(0);

/** The framing state of one direction of a DICOM conversation. */
export class PduStream {
  #mode: Mode = 'header';
  readonly #header = new Uint8Array(PDU_HEADER_LENGTH);
  #headerFill = 0;
  #type = 0;
  #length = 0;
  #body: Uint8Array = EMPTY;
  #bodyFill = 0;
  #skip = 0;
  /** Stream offset of the next byte. */
  #offset = 0;
  #pdu: PduPosition = { captureOffset: 0, streamOffset: 0 };
  #carry: Uint8Array = EMPTY;
  #scanned = 0;
  #lost: { at: PduPosition; reason: string } | null = null;

  constructor(
    private readonly events: PduEvents,
    private readonly direction: string,
  ) {}

  data(bytes: Uint8Array, captureOffset: number): void {
    let buffer = bytes;
    let pos = 0;
    while (pos < buffer.length) {
      switch (this.#mode) {
        case 'header':
          pos = this.#readHeader(buffer, pos, captureOffset);
          break;
        case 'body':
          pos = this.#readBody(buffer, pos);
          break;
        case 'skip': {
          const n = Math.min(this.#skip, buffer.length - pos);
          this.#skip -= n;
          this.#offset += n;
          pos += n;
          if (this.#skip === 0) this.#mode = 'header';
          break;
        }
        case 'resync': {
          const found = this.#scan(buffer.subarray(pos), captureOffset);
          if (found === null) return;
          buffer = found;
          pos = 0;
          break;
        }
        case 'abandoned':
          return;
      }
    }
  }

  /** `length` bytes were lost: stay in step when they fall inside a PDU body, else resync. */
  gap(length: number, captureOffset: number): void {
    const at = { captureOffset, streamOffset: this.#offset };
    this.#offset += length;
    switch (this.#mode) {
      case 'header':
        this.#headerFill = 0;
        this.#loseSync(at, `${length} bytes lost where a PDU header was due`, 0);
        return;
      case 'body': {
        const remaining = this.#length - this.#bodyFill;
        this.events.problem(
          'WL_DICOM_PDU_LOST',
          'warning',
          `${this.direction}: ${length} bytes lost inside ${pduName(this.#type)} (stream byte ${this.#pdu.streamOffset}); it is not read.`,
          this.#pdu,
        );
        this.#body = EMPTY;
        this.#afterLoss(remaining, length, at);
        return;
      }
      case 'skip':
        this.#afterLoss(this.#skip, length, at);
        return;
      case 'resync':
        this.#offset += this.#carry.length;
        this.#carry = EMPTY;
        return;
      case 'abandoned':
        return;
    }
  }

  /** The conversation ended: a resync still searching is reported as abandoned. */
  end(): void {
    if (this.#mode === 'body') {
      this.events.problem(
        'WL_DICOM_PDU_LOST',
        'warning',
        `${this.direction}: the conversation ended inside ${pduName(this.#type)} (stream byte ${this.#pdu.streamOffset}).`,
        this.#pdu,
      );
    }
    if (this.#mode === 'resync') this.#abandon('the conversation ended');
    this.#mode = 'abandoned';
  }

  #afterLoss(remaining: number, length: number, at: PduPosition): void {
    if (length < remaining) {
      this.#mode = 'skip';
      this.#skip = remaining - length;
    } else if (length === remaining) {
      this.#mode = 'header';
    } else {
      this.#loseSync(at, `${length - remaining} bytes lost after the end of a PDU`, 0);
    }
  }

  #readHeader(bytes: Uint8Array, pos: number, captureOffset: number): number {
    if (this.#headerFill === 0) this.#pdu = { captureOffset, streamOffset: this.#offset };
    const n = Math.min(PDU_HEADER_LENGTH - this.#headerFill, bytes.length - pos);
    this.#header.set(bytes.subarray(pos, pos + n), this.#headerFill);
    this.#headerFill += n;
    this.#offset += n;
    if (this.#headerFill === PDU_HEADER_LENGTH) {
      this.#headerFill = 0;
      this.#startPdu();
    }
    return pos + n;
  }

  /**
   * Checks the header before trusting its length. Beyond what PS3.8 asks a receiver to test, the
   * reserved byte must be 0 and each type's length possible: a header that fails is taken as lost
   * framing (resync), so garbage cannot make the stream skip an arbitrary number of bytes.
   */
  #startPdu(): void {
    const type = this.#header[0] ?? 0;
    const length = u32(this.#header, 2);
    this.#type = type;
    this.#length = length;
    const problem = headerProblem(type, this.#header[1] ?? 0, length);
    if (problem !== null) {
      this.#loseSync(this.#pdu, problem, PDU_HEADER_LENGTH - 1);
      return;
    }
    if (type === PDU_TYPE.P_DATA_TF) {
      this.events.pdata(length, this.#pdu);
      this.#skipBody(length);
      return;
    }
    if (length > DICOM_LIMITS.maxAssociatePduLength) {
      this.events.problem(
        'WL_DICOM_PDU_TOO_LARGE',
        'warning',
        `${this.direction}: ${pduName(type)} of ${length} bytes (stream byte ${this.#pdu.streamOffset}) is above ${DICOM_LIMITS.maxAssociatePduLength}; skipped unread.`,
        this.#pdu,
      );
      this.#skipBody(length);
      return;
    }
    this.#body = new Uint8Array(length);
    this.#bodyFill = 0;
    this.#mode = 'body';
  }

  #skipBody(length: number): void {
    this.#skip = length;
    this.#mode = length === 0 ? 'header' : 'skip';
  }

  #readBody(bytes: Uint8Array, pos: number): number {
    const n = Math.min(this.#length - this.#bodyFill, bytes.length - pos);
    this.#body.set(bytes.subarray(pos, pos + n), this.#bodyFill);
    this.#bodyFill += n;
    this.#offset += n;
    if (this.#bodyFill === this.#length) {
      const body = this.#body;
      this.#body = EMPTY;
      this.#mode = 'header';
      this.events.pdu(this.#type, body, this.#pdu);
    }
    return pos + n;
  }

  /** Starts looking for a PDU header; the last `rescan` header bytes are looked at again. */
  #loseSync(at: PduPosition, reason: string, rescan: number): void {
    this.#mode = 'resync';
    this.#lost = { at, reason };
    this.#scanned = 0;
    this.#carry = this.#header.slice(PDU_HEADER_LENGTH - rescan);
    this.#offset -= rescan;
  }

  /**
   * Scans for a plausible header. Returns the bytes from it on (the carried tail joined to the
   * chunk), or null when none is in this chunk (the tail is carried to the next).
   */
  #scan(chunk: Uint8Array, captureOffset: number): Uint8Array | null {
    const work = this.#carry.length === 0 ? chunk : join(this.#carry, chunk);
    let i = 0;
    for (; i < work.length; i++) {
      const plausible = plausiblePduAt(work, i);
      if (plausible === 'more') break;
      if (plausible) {
        this.#resynced(i, captureOffset);
        return work.subarray(i);
      }
    }
    // Only a header cut by the end of the chunk ('more') is carried: fewer than the lookahead.
    const keep = Math.min(work.length - i, PLAUSIBLE_LOOKAHEAD - 1);
    const consumed = work.length - keep;
    this.#carry = work.slice(consumed);
    this.#offset += consumed;
    this.#scanned += consumed;
    if (this.#scanned > DICOM_LIMITS.maxResyncBytes) {
      this.#abandon(`no plausible PDU header within ${DICOM_LIMITS.maxResyncBytes} bytes`);
    }
    return null;
  }

  #resynced(skipped: number, captureOffset: number): void {
    this.#offset += skipped;
    this.#scanned += skipped;
    const lost = this.#lost;
    this.#mode = 'header';
    this.#carry = EMPTY;
    this.#lost = null;
    if (lost === null) return;
    this.events.problem(
      'WL_DICOM_RESYNCED',
      'warning',
      `${this.direction}: ${lost.reason} (stream byte ${lost.at.streamOffset}); ${this.#scanned} bytes skipped to the next PDU at stream byte ${this.#offset}.`,
      { captureOffset, streamOffset: lost.at.streamOffset },
    );
  }

  #abandon(why: string): void {
    const lost = this.#lost;
    this.#mode = 'abandoned';
    this.#carry = EMPTY;
    if (lost === null) return;
    this.events.problem(
      'WL_DICOM_STREAM_ABANDONED',
      'error',
      `${this.direction}: ${lost.reason} (stream byte ${lost.at.streamOffset}) and ${why}; the rest of this direction is not read.`,
      lost.at,
    );
  }
}

/** Why a PDU header cannot be right, or null. */
function headerProblem(type: number, reserved: number, length: number): string | null {
  if (!Object.hasOwn(NAMES, type)) return `${pduName(type)} is not a DICOM PDU`;
  if (reserved !== 0) return `${pduName(type)} with reserved byte ${reserved}`;
  if (type === PDU_TYPE.P_DATA_TF) return length < 6 ? `P-DATA-TF of length ${length}` : null;
  if (type === PDU_TYPE.ASSOCIATE_RQ || type === PDU_TYPE.ASSOCIATE_AC) {
    return length < ASSOCIATE_FIXED_LENGTH ? `${pduName(type)} of length ${length}` : null;
  }
  // A-ASSOCIATE-RJ, A-RELEASE-RQ/RP and A-ABORT are always 4 bytes long.
  return length === 4 ? null : `${pduName(type)} of length ${length}`;
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

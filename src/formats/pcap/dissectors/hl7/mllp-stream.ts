/**
 * Frames one direction of an HL7 v2 conversation and hands over each message's MSH segment.
 *
 * MLLP (HL7 v2.5.1 Appendix C, Minimal Lower Layer Protocol release 2): a frame is a start block
 * 0x0B, the message, then 0x1C 0x0D. Only the MSH segment (up to the first CR or LF) is buffered;
 * the rest of the frame is scanned for its end with `indexOf` and never kept. A frame without an
 * end within `maxFrameLength` is reported and skipped to the next start block.
 *
 * Without MLLP (a direction whose first byte is `M`), messages are told apart by segments that
 * start with `MSH`; segments end at CR or LF.
 */
import type { DiagnosticSeverity } from '../../../../domain/diagnostic.js';
import type { Hl7DiagnosticCode } from './diagnostics.js';
import { HL7_LIMITS } from './limits.js';

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
const LF = 0x0a;
const M = 0x4d;

/** What an `MllpStream` hands over as it frames bytes. */
export interface MllpEvents {
  /** The MSH segment of a message (bytes up to its terminator), starting at `captureOffset`. */
  header(segment: Uint8Array, captureOffset: number): void;
  problem(
    code: Hl7DiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    captureOffset: number,
  ): void;
}

/**
 * `start`: nothing seen yet; `outside`: between MLLP frames; `msh`: collecting a header;
 * `body`: inside a frame after its header; `trailer`: after 0x1C; `segment`: raw HL7, at the
 * start of a segment; `skip`: raw HL7, inside a segment that is not MSH.
 */
type Mode = 'start' | 'outside' | 'msh' | 'body' | 'trailer' | 'segment' | 'skip';

/** The framing state of one direction of an HL7 conversation. */
export class MllpStream {
  #mode: Mode = 'start';
  #raw = false;
  #msh = new Uint8Array(64);
  #mshFill = 0;
  #mshAt = 0;
  #frameLength = 0;
  #frameAt = 0;
  #outsideBytes = 0;
  #outsideAt = 0;
  /** Skipping the rest of an oversized frame: already reported, so not counted as outside. */
  #quiet = false;

  constructor(
    private readonly events: MllpEvents,
    private readonly direction: string,
  ) {}

  data(bytes: Uint8Array, captureOffset: number): void {
    let pos = 0;
    while (pos < bytes.length) {
      pos = this.#step(bytes, pos, captureOffset);
    }
  }

  /** `length` bytes were lost: a header they cut is not read; a frame body is skipped as usual. */
  gap(length: number): void {
    if (this.#mode === 'msh') {
      this.events.problem(
        'WL_HL7_BYTES_LOST',
        'warning',
        `${this.direction}: ${length} bytes lost inside an MSH segment; that message is not read.`,
        this.#mshAt,
      );
      this.#mode = this.#raw ? 'skip' : 'body';
    }
    if (this.#mode === 'body') this.#frameLength += length;
    else if (this.#mode === 'trailer') this.#mode = 'outside';
    else if (this.#mode === 'segment') this.#mode = 'skip';
    if (this.#frameLength > HL7_LIMITS.maxFrameLength) this.#tooLarge();
  }

  end(): void {
    this.#reportOutside();
    if (this.#mode === 'msh' && this.#mshFill > 0) this.#endHeader();
  }

  #step(bytes: Uint8Array, pos: number, at: number): number {
    switch (this.#mode) {
      case 'start':
        this.#raw = bytes[pos] === M;
        this.#mode = this.#raw ? 'segment' : 'outside';
        return pos;
      case 'outside':
        return this.#outside(bytes, pos, at);
      case 'msh':
        return this.#header(bytes, pos);
      case 'body':
        return this.#body(bytes, pos, at);
      case 'trailer':
        return this.#trailer(bytes, pos, at);
      case 'segment':
        return this.#segmentStart(bytes, pos, at);
      case 'skip':
        return this.#skipSegment(bytes, pos);
    }
  }

  #outside(bytes: Uint8Array, pos: number, at: number): number {
    const start = bytes.indexOf(VT, pos);
    const end = start < 0 ? bytes.length : start;
    for (let i = this.#quiet ? end : pos; i < end; i++) {
      // Line ends and padding between frames are common and harmless.
      const b = bytes[i] ?? 0;
      if (b === CR || b === LF || b === 0x20 || b === 0x00) continue;
      if (this.#outsideBytes === 0) this.#outsideAt = at;
      this.#outsideBytes += end - i;
      break;
    }
    if (start < 0) return bytes.length;
    this.#reportOutside();
    this.#beginFrame(at);
    return start + 1;
  }

  #beginFrame(at: number): void {
    this.#quiet = false;
    this.#mode = 'msh';
    this.#frameLength = 0;
    this.#frameAt = at;
    this.#mshFill = 0;
    this.#mshAt = at;
  }

  /** Collects the MSH segment up to CR, LF or (in a frame) 0x1C or a new start block. */
  #header(bytes: Uint8Array, pos: number): number {
    const room = HL7_LIMITS.maxMshLength - this.#mshFill;
    const window = bytes.subarray(pos, pos + room + 1);
    const stop = firstStop(window, this.#raw);
    const take = stop < 0 ? window.length : stop;
    this.#append(window.subarray(0, Math.min(take, room)));
    this.#frameLength += take;
    if (this.#mshFill >= 3 && !startsWithMsh(this.#msh)) {
      this.#notMsh();
      return pos + take;
    }
    if (stop < 0 && take > room) {
      this.events.problem(
        'WL_HL7_MSH_INVALID',
        'warning',
        `${this.direction}: an MSH segment longer than ${HL7_LIMITS.maxMshLength} bytes; that message is not read.`,
        this.#mshAt,
      );
      this.#mode = this.#raw ? 'skip' : 'body';
      return pos + take;
    }
    if (stop < 0) return pos + take;
    this.#endHeader();
    if (this.#raw) {
      this.#mode = 'segment';
      return pos + stop + 1;
    }
    this.#mode = 'body';
    // 0x1C and 0x0B are handled by the body scan; CR and LF are part of the frame.
    const terminator = window[stop];
    if (terminator === FS || terminator === VT) return pos + stop;
    this.#frameLength += 1;
    return pos + stop + 1;
  }

  #endHeader(): void {
    const segment = this.#msh.subarray(0, this.#mshFill);
    this.#mshFill = 0;
    if (startsWithMsh(segment)) this.events.header(segment, this.#mshAt);
    else this.#notMsh();
  }

  /** The frame (or raw segment) does not start with MSH: a frame is reported, a segment skipped. */
  #notMsh(): void {
    this.#mshFill = 0;
    if (this.#raw) {
      this.#mode = 'skip';
      return;
    }
    this.#mode = 'body';
    this.events.problem(
      'WL_HL7_NO_MSH',
      'warning',
      `${this.direction}: an MLLP frame that does not start with an MSH segment.`,
      this.#frameAt,
    );
  }

  /** Skips the frame to its end block; a new start block first means this frame was cut. */
  #body(bytes: Uint8Array, pos: number, at: number): number {
    if (this.#frameLength >= HL7_LIMITS.maxFrameLength) {
      this.#tooLarge();
      return pos;
    }
    const room = HL7_LIMITS.maxFrameLength - this.#frameLength;
    const limit = Math.min(bytes.length, pos + room + 1);
    const fs = bytes.subarray(pos, limit).indexOf(FS);
    const scanEnd = fs < 0 ? limit : pos + fs;
    const vt = bytes.subarray(pos, scanEnd).indexOf(VT);
    if (vt >= 0) {
      this.events.problem(
        'WL_HL7_FRAME_UNTERMINATED',
        'warning',
        `${this.direction}: a new MLLP start block before the end of the frame begun here.`,
        this.#frameAt,
      );
      this.#beginFrame(at);
      return pos + vt + 1;
    }
    if (fs >= 0) {
      this.#mode = 'trailer';
      return pos + fs + 1;
    }
    this.#frameLength += limit - pos;
    return limit;
  }

  #trailer(bytes: Uint8Array, pos: number, at: number): number {
    this.#mode = 'outside';
    if (bytes[pos] === CR) return pos + 1;
    this.events.problem(
      'WL_HL7_FRAME_TRAILER',
      'info',
      `${this.direction}: an MLLP end block 0x1C not followed by 0x0D.`,
      at,
    );
    return pos;
  }

  #tooLarge(): void {
    this.events.problem(
      'WL_HL7_FRAME_TOO_LARGE',
      'warning',
      `${this.direction}: an MLLP frame longer than ${HL7_LIMITS.maxFrameLength} bytes without an end block; skipped to the next start block.`,
      this.#frameAt,
    );
    this.#mode = 'outside';
    this.#frameLength = 0;
    this.#quiet = true;
  }

  /** Raw HL7: a segment starts here; an `M` may begin an MSH, anything else is skipped. */
  #segmentStart(bytes: Uint8Array, pos: number, at: number): number {
    const b = bytes[pos];
    if (b === CR || b === LF) return pos + 1;
    if (b !== M) {
      this.#mode = 'skip';
      return pos;
    }
    this.#mode = 'msh';
    this.#mshFill = 0;
    this.#mshAt = at;
    return pos;
  }

  #skipSegment(bytes: Uint8Array, pos: number): number {
    const stop = firstStop(bytes.subarray(pos), true);
    if (stop < 0) return bytes.length;
    this.#mode = 'segment';
    return pos + stop + 1;
  }

  #append(bytes: Uint8Array): void {
    if (this.#mshFill + bytes.length > this.#msh.length) {
      const grown = new Uint8Array(Math.max(this.#msh.length * 2, this.#mshFill + bytes.length));
      grown.set(this.#msh.subarray(0, this.#mshFill));
      this.#msh = grown;
    }
    this.#msh.set(bytes, this.#mshFill);
    this.#mshFill += bytes.length;
  }

  #reportOutside(): void {
    if (this.#outsideBytes === 0) return;
    this.events.problem(
      'WL_HL7_BYTES_OUTSIDE_FRAME',
      'warning',
      `${this.direction}: ${this.#outsideBytes} bytes outside MLLP frames were skipped.`,
      this.#outsideAt,
    );
    this.#outsideBytes = 0;
  }
}

/** Index of the first segment end (CR, LF) or, inside MLLP, frame delimiter (0x1C, 0x0B). */
function firstStop(bytes: Uint8Array, raw: boolean): number {
  let first = -1;
  for (const stop of raw ? [CR, LF] : [CR, LF, FS, VT]) {
    const i = first < 0 ? bytes.indexOf(stop) : bytes.subarray(0, first).indexOf(stop);
    if (i >= 0) first = i;
  }
  return first;
}

function startsWithMsh(segment: Uint8Array): boolean {
  return segment[0] === M && segment[1] === 0x53 && segment[2] === 0x48;
}

/**
 * Classic pcap (format 2.4, draft-ietf-opsawg-pcap) records from a chunked stream, pushed and
 * handed over synchronously: the discovery hot path. `readCapture` yields each packet through an
 * async generator and copies it; here a record inside one chunk is handed over as a view of that
 * chunk, and only a record split across chunks is copied (into a buffer of one record at most).
 *
 * It reads exactly what `readCapture` reads for a classic pcap file, with the same diagnostics and
 * the same `WL_PCAP_UNREADABLE` errors (`pcap-records.property.test.ts` compares the two on
 * arbitrary bytes in arbitrary chunkings). pcapng goes through `readCapture`.
 *
 * A packet (the object and its `data`) is valid during `onPacket` only: the splitter fills the
 * same object for every record, and the discovery pipeline copies what it keeps.
 */
import type { Diagnostic } from '../../../domain/diagnostic.js';
import { WardlineError } from '../../../domain/errors.js';
import { pcapDiagnostic } from '../diagnostics.js';
import type { PcapLimits } from '../limits.js';
import type { CapturedPacket } from '../packet.js';
import { PCAP_MAGIC_MICROS, PCAP_MAGIC_NANOS } from '../pcap-classic.js';

const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

/** Whether the first four bytes are a classic pcap magic, in either byte order. */
export function startsWithPcapMagic(first4: Uint8Array): boolean {
  const be = readU32(first4, 0, false);
  const le = readU32(first4, 0, true);
  return [be, le].some((m) => m === PCAP_MAGIC_MICROS || m === PCAP_MAGIC_NANOS);
}

function readU32(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  const b0 = bytes[at] ?? 0;
  const b1 = bytes[at + 1] ?? 0;
  const b2 = bytes[at + 2] ?? 0;
  const b3 = bytes[at + 3] ?? 0;
  return littleEndian
    ? ((b3 << 24) | (b2 << 16) | (b1 << 8) | b0) >>> 0
    : ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
}

/** The one packet object the splitter fills for every record. */
class PacketSlot implements CapturedPacket {
  index = 0;
  offset = 0;
  timestampMicros: bigint | null = null;
  linkType = 1;
  interfaceId = 0;
  capturedLength = 0;
  originalLength = 0;
  data: Uint8Array = new Uint8Array(0);
}

/** Splits a classic pcap stream into packets as its chunks are pushed. */
export class PcapRecordSplitter {
  readonly #packet = new PacketSlot();
  #littleEndian = true;
  #nanoseconds = false;
  #linkType = 1;
  #headerRead = false;
  #stopped = false;
  /** A record (or the file header) split across chunks, and how much of it is here. */
  #carry = new Uint8Array(FILE_HEADER_LENGTH);
  #carried = 0;
  /** Stream offset of the next record. */
  #offset = 0;
  #index = 0;

  constructor(
    private readonly source: string,
    private readonly limits: PcapLimits,
    private readonly onPacket: (packet: CapturedPacket) => void,
    private readonly onDiagnostic: (diagnostic: Diagnostic) => void,
  ) {}

  /** True once a record too large to skip has stopped reading: further chunks are ignored. */
  get stopped(): boolean {
    return this.#stopped;
  }

  push(input: Uint8Array): void {
    // A Node Buffer's subarray builds a Buffer; a plain view of its bytes is cheaper to slice.
    const chunk =
      input.constructor === Uint8Array
        ? input
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    let pos = 0;
    if (!this.#headerRead) {
      pos = this.#fill(chunk, 0, FILE_HEADER_LENGTH);
      if (this.#carried < FILE_HEADER_LENGTH) return;
      this.#readFileHeader();
    }
    if (this.#carried > 0) pos = this.#finishCarried(chunk, pos);
    while (!this.#stopped && chunk.length - pos >= RECORD_HEADER_LENGTH) {
      const captured = this.#checkedLength(chunk, pos);
      if (captured < 0) return;
      const end = pos + RECORD_HEADER_LENGTH + captured;
      if (end > chunk.length) break;
      this.#emit(chunk, pos, captured);
      pos = end;
    }
    if (!this.#stopped && pos < chunk.length) this.#startCarry(chunk, pos);
  }

  /** The input ended: a record cut short is reported; a header cut short throws. */
  end(): void {
    if (!this.#headerRead) {
      throw new WardlineError('WL_PCAP_UNREADABLE', 'The pcap file header is cut short.', {
        details: { source: this.source },
      });
    }
    if (this.#stopped || this.#carried === 0) return;
    this.onDiagnostic(
      pcapDiagnostic(
        this.source,
        this.#offset,
        'WL_PCAP_TRUNCATED_RECORD',
        'error',
        `The capture ends inside a record (${this.#carried} bytes left); the packets before it are kept.`,
      ),
    );
  }

  #readFileHeader(): void {
    const header = this.#carry;
    const le = readU32(header, 0, true);
    this.#littleEndian = le === PCAP_MAGIC_MICROS || le === PCAP_MAGIC_NANOS;
    this.#nanoseconds = readU32(header, 0, this.#littleEndian) === PCAP_MAGIC_NANOS;
    // The upper bits of the link-type field carry the FCS length; the link type is the low 16.
    this.#linkType = readU32(header, 20, this.#littleEndian) & 0xffff;
    this.#headerRead = true;
    this.#offset = FILE_HEADER_LENGTH;
    this.#carried = 0;
  }

  /** Copies from `chunk` at `pos` until the carry holds `target` bytes; returns the new position. */
  #fill(chunk: Uint8Array, pos: number, target: number): number {
    if (this.#carry.length < target) {
      const grown = new Uint8Array(target);
      grown.set(this.#carry.subarray(0, this.#carried));
      this.#carry = grown;
    }
    const take = Math.max(0, Math.min(target - this.#carried, chunk.length - pos));
    this.#carry.set(chunk.subarray(pos, pos + take), this.#carried);
    this.#carried += take;
    return pos + take;
  }

  #startCarry(chunk: Uint8Array, pos: number): void {
    this.#carried = 0;
    this.#fill(chunk, pos, Math.max(RECORD_HEADER_LENGTH, chunk.length - pos));
  }

  /** Completes the record begun in earlier chunks, if this chunk has the rest. */
  #finishCarried(chunk: Uint8Array, start: number): number {
    let pos = this.#fill(chunk, start, RECORD_HEADER_LENGTH);
    if (this.#carried < RECORD_HEADER_LENGTH) return pos;
    const captured = this.#checkedLength(this.#carry, 0);
    if (captured < 0) return chunk.length;
    pos = this.#fill(chunk, pos, RECORD_HEADER_LENGTH + captured);
    if (this.#carried < RECORD_HEADER_LENGTH + captured) return pos;
    // The carry is reused: the packet gets its own copy.
    const record = this.#carry.slice(0, RECORD_HEADER_LENGTH + captured);
    this.#carried = 0;
    this.#emit(record, 0, captured);
    return pos;
  }

  /** The record's captured length, or -1 after reporting one above the cap (reading stops). */
  #checkedLength(bytes: Uint8Array, at: number): number {
    const captured = readU32(bytes, at + 8, this.#littleEndian);
    if (captured <= this.limits.maxCapturedLength) return captured;
    this.onDiagnostic(
      pcapDiagnostic(
        this.source,
        this.#offset,
        'WL_PCAP_RECORD_TOO_LARGE',
        'error',
        `Record claims ${captured} captured bytes, above the ${this.limits.maxCapturedLength}-byte cap; pcap has no way to find the next record, so reading stops here.`,
      ),
    );
    this.#stopped = true;
    this.#carried = 0;
    return -1;
  }

  #emit(bytes: Uint8Array, at: number, captured: number): void {
    const le = this.#littleEndian;
    const seconds = readU32(bytes, at, le);
    const fraction = readU32(bytes, at + 4, le);
    const original = readU32(bytes, at + 12, le);
    const offset = this.#offset;
    this.#offset += RECORD_HEADER_LENGTH + captured;
    if (original < captured) {
      this.onDiagnostic(
        pcapDiagnostic(
          this.source,
          offset,
          'WL_PCAP_CORRUPT_RECORD',
          'warning',
          `Record has original length ${original} below its captured length ${captured}; the captured length is kept.`,
        ),
      );
    }
    const micros = this.#nanoseconds ? Math.floor(fraction / 1000) : fraction;
    const packet = this.#packet;
    packet.index = this.#index++;
    packet.offset = offset;
    packet.timestampMicros = BigInt(seconds * 1_000_000 + micros);
    packet.linkType = this.#linkType;
    packet.capturedLength = captured;
    packet.originalLength = Math.max(original, captured);
    packet.data = bytes.subarray(at + RECORD_HEADER_LENGTH, at + RECORD_HEADER_LENGTH + captured);
    this.onPacket(packet);
  }
}

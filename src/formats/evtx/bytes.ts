/** Byte helpers for the EVTX reader: CRC-32, UTF-16LE and hex text. */

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Continues a CRC-32 (IEEE 802.3, as zlib) over `bytes[start, end)`; start with `crc = 0`. */
export function crc32(bytes: Uint8Array, start: number, end: number, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = start; i < end; i++) {
    c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  }
  return ~c >>> 0;
}

const UTF16 = new TextDecoder('utf-16le');
const SHORT_STRING_UNITS = 32;

/**
 * Decodes `units` UTF-16LE code units from `bytes` at `start`, stopping at the first NUL unit.
 * Unpaired surrogates become U+FFFD, so the text is always well formed.
 */
export function readUtf16(bytes: Uint8Array, start: number, units: number): string {
  const limit = Math.min(units, (bytes.length - start) >> 1);
  if (limit <= SHORT_STRING_UNITS) {
    let out = '';
    for (let i = 0; i < limit; i++) {
      const p = start + 2 * i;
      const unit = (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8);
      if (unit === 0) return out;
      if (unit >= 0xd800 && unit <= 0xdfff) return decodeLong(bytes, start, limit);
      out += String.fromCharCode(unit);
    }
    return out;
  }
  return decodeLong(bytes, start, limit);
}

function decodeLong(bytes: Uint8Array, start: number, units: number): string {
  let end = start;
  const stop = start + 2 * units;
  while (end < stop && ((bytes[end] ?? 0) | (bytes[end + 1] ?? 0)) !== 0) end += 2;
  return UTF16.decode(bytes.subarray(start, end));
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').toUpperCase());

/** Upper-case hex of `bytes[start, end)`, as evtx_dump writes binary values. */
export function hexUpper(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX[bytes[i] ?? 0] ?? '';
  return out;
}

/** Little-endian readers over one buffer; every read is range-checked by the caller. */
export class ByteView {
  readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  u8(at: number): number {
    return this.view.getUint8(at);
  }

  u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  /** A 64-bit unsigned value as a number when it is a safe integer, else as a decimal string. */
  u64(at: number): number | string {
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    if (hi < 0x200000) return hi * 0x1_0000_0000 + lo;
    return this.view.getBigUint64(at, true).toString();
  }

  u64big(at: number): bigint {
    return this.view.getBigUint64(at, true);
  }
}

const TRAILING_SPACE =
  /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;

/**
 * Drops trailing white space (Unicode White_Space), as evtx_dump does for counted and sized
 * strings (not for string arrays): `"cmd.exe "` is written `"cmd.exe"`.
 */
export function trimEndSpace(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  if (last > 0x20 && last < 0x85) return text;
  if (Number.isNaN(last)) return text;
  return text.replace(TRAILING_SPACE, '');
}

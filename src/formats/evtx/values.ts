/**
 * BinXml value types (MS-EVEN6 §2.2.16, libevtx "value types") decoded into typed JSON values the
 * way evtx_dump writes them: integers and reals as numbers, booleans, GUIDs upper case without
 * braces, SIDs as `S-1-…`, FILETIME/SYSTEMTIME as ISO text with microseconds, hex32/hex64 and
 * size_t as `0x…` lower case, binary as upper-case hex, arrays as JSON arrays.
 */
import type { EventValue } from '../../domain/detection.js';
import { hexUpper, readUtf16, trimEndSpace, type ByteView } from './bytes.js';
import { MAX_ARRAY_ITEMS, MAX_STRING_UNITS } from './limits.js';
import { fileTimeText, systemTimeText } from './time.js';

export const VALUE_TYPE = {
  null: 0x00,
  string: 0x01,
  ansiString: 0x02,
  int8: 0x03,
  uint8: 0x04,
  int16: 0x05,
  uint16: 0x06,
  int32: 0x07,
  uint32: 0x08,
  int64: 0x09,
  uint64: 0x0a,
  real32: 0x0b,
  real64: 0x0c,
  bool: 0x0d,
  binary: 0x0e,
  guid: 0x0f,
  sizeT: 0x10,
  fileTime: 0x11,
  systemTime: 0x12,
  sid: 0x13,
  hex32: 0x14,
  hex64: 0x15,
  binXml: 0x21,
  array: 0x80,
} as const;

/** Bytes of each fixed-size scalar type. */
const FIXED_SIZE: Readonly<Record<number, number>> = {
  0x03: 1,
  0x04: 1,
  0x05: 2,
  0x06: 2,
  0x07: 4,
  0x08: 4,
  0x09: 8,
  0x0a: 8,
  0x0b: 4,
  0x0c: 8,
  0x0d: 4,
  0x0f: 16,
  0x11: 8,
  0x12: 16,
  0x14: 4,
  0x15: 8,
};

const ANSI = new TextDecoder('windows-1252');

/** Shortest decimal that reads back as the same float32, as serde_json writes an `f32`. */
function float32Number(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

function hexText(value: number | bigint): string {
  return `0x${value.toString(16)}`;
}

function guidText(view: ByteView, at: number): string {
  const b = view.bytes;
  const d1 = view.u32(at).toString(16).padStart(8, '0');
  const d2 = view
    .u16(at + 4)
    .toString(16)
    .padStart(4, '0');
  const d3 = view
    .u16(at + 6)
    .toString(16)
    .padStart(4, '0');
  return `${d1.toUpperCase()}-${d2.toUpperCase()}-${d3.toUpperCase()}-${hexUpper(b, at + 8, at + 10)}-${hexUpper(b, at + 10, at + 16)}`;
}

/** A SID (revision, count, 48-bit big-endian authority, 32-bit sub-authorities); null if cut. */
export function sidText(view: ByteView, at: number, end: number): string | null {
  if (at + 8 > end) return null;
  const count = view.u8(at + 1);
  if (at + 8 + 4 * count > end) return null;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + view.u8(at + i);
  let out = `S-${String(view.u8(at))}-${authority >= 2 ** 32 ? hexText(authority) : String(authority)}`;
  for (let i = 0; i < count; i++) out += `-${String(view.u32(at + 8 + 4 * i))}`;
  return out;
}

/** A sized UTF-16LE string: cut at the first NUL and at MAX_STRING_UNITS, trailing space dropped. */
export function stringValue(view: ByteView, at: number, size: number): string {
  return trimEndSpace(arrayItem(view, at, size));
}

/** A string array item: cut at the first NUL and at MAX_STRING_UNITS, kept as written. */
function arrayItem(view: ByteView, at: number, size: number): string {
  return readUtf16(view.bytes, at, Math.min(size >> 1, MAX_STRING_UNITS));
}

function int64Value(view: ByteView, at: number): number | string {
  const big = view.view.getBigInt64(at, true);
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big.toString();
}

type ScalarReader = (view: ByteView, at: number) => EventValue;

/** Readers of the fixed-size scalar types (the caller checked that the bytes are present). */
const SCALAR: Readonly<Record<number, ScalarReader>> = {
  0x03: (b, at) => b.view.getInt8(at),
  0x04: (b, at) => b.view.getUint8(at),
  0x05: (b, at) => b.view.getInt16(at, true),
  0x06: (b, at) => b.view.getUint16(at, true),
  0x07: (b, at) => b.view.getInt32(at, true),
  0x08: (b, at) => b.view.getUint32(at, true),
  0x09: int64Value,
  0x0a: (b, at) => b.u64(at),
  0x0b: (b, at) => float32Number(b.view.getFloat32(at, true)),
  0x0c: (b, at) => {
    const f = b.view.getFloat64(at, true);
    return Number.isFinite(f) ? f : null;
  },
  0x0d: (b, at) => b.view.getUint32(at, true) !== 0,
  0x0f: guidText,
  0x11: fileTimeText,
  0x12: systemTimeText,
  0x14: (b, at) => hexText(b.view.getUint32(at, true)),
  0x15: (b, at) => hexText(b.view.getBigUint64(at, true)),
};

function scalar(view: ByteView, type: number, at: number): EventValue {
  const reader = SCALAR[type];
  return reader === undefined ? null : reader(view, at);
}

function stringArray(view: ByteView, at: number, size: number): string[] {
  const items: string[] = [];
  const end = at + size - (size % 2);
  let start = at;
  for (let p = at; p < end && items.length < MAX_ARRAY_ITEMS; p += 2) {
    if (view.bytes[p] === 0 && view.bytes[p + 1] === 0) {
      items.push(arrayItem(view, start, p - start));
      start = p + 2;
    }
  }
  if (start < end && items.length < MAX_ARRAY_ITEMS)
    items.push(arrayItem(view, start, end - start));
  return items;
}

function fixedArray(view: ByteView, type: number, at: number, size: number): EventValue[] {
  const width = FIXED_SIZE[type] ?? 0;
  const items: EventValue[] = [];
  if (width === 0) return items;
  const count = Math.min(Math.floor(size / width), MAX_ARRAY_ITEMS);
  for (let i = 0; i < count; i++) items.push(scalar(view, type, at + i * width));
  return items;
}

function arrayValue(view: ByteView, type: number, at: number, size: number): EventValue {
  const item = type & 0x7f;
  if (item === VALUE_TYPE.string) return stringArray(view, at, size);
  if (item === VALUE_TYPE.sid) return sidArray(view, at, size);
  return fixedArray(view, item, at, size);
}

function sidArray(view: ByteView, at: number, size: number): string[] {
  const items: string[] = [];
  const end = at + size;
  let p = at;
  while (p + 8 <= end && items.length < MAX_ARRAY_ITEMS) {
    const sid = sidText(view, p, end);
    if (sid === null) break;
    items.push(sid);
    p += 8 + 4 * view.u8(p + 1);
  }
  return items;
}

function variableValue(view: ByteView, type: number, at: number, size: number): EventValue {
  switch (type) {
    case VALUE_TYPE.string:
      return stringValue(view, at, size);
    case VALUE_TYPE.ansiString:
      return ANSI.decode(view.bytes.subarray(at, at + Math.min(size, MAX_STRING_UNITS))).replace(
        /\0/g,
        '',
      );
    case VALUE_TYPE.binary:
      return hexUpper(view.bytes, at, at + Math.min(size, MAX_STRING_UNITS >> 1));
    case VALUE_TYPE.sid:
      return sidText(view, at, at + size);
    case VALUE_TYPE.sizeT:
      if (size === 4) return hexText(view.u32(at));
      return size === 8 ? hexText(view.u64big(at)) : null;
    default:
      return null;
  }
}

/**
 * The value of `type` held in `[at, at + size)` (inside the buffer: the caller checked), or null
 * for the null type, a size that does not fit the type, and types without a JSON form (handles,
 * EvtXml). BinXml values (0x21) are rendered by the caller, not here.
 */
export function decodeValue(view: ByteView, type: number, at: number, size: number): EventValue {
  if (type === VALUE_TYPE.null) return null;
  if ((type & VALUE_TYPE.array) !== 0) return arrayValue(view, type, at, size);
  const width = FIXED_SIZE[type];
  if (width !== undefined) return size >= width ? scalar(view, type, at) : null;
  return variableValue(view, type, at, size);
}

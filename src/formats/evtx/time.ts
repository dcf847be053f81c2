/** Windows FILETIME and SYSTEMTIME as the ISO 8601 text evtx_dump writes (microseconds, `Z`). */
import type { ByteView } from './bytes.js';

const TICKS_PER_SECOND = 10_000_000n;
const SECONDS_1601_TO_1970 = 11_644_473_600;
const ISO_PATTERN = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z$/;

function withMicros(millisSinceEpoch: number, micros: number): string | null {
  const date = new Date(millisSinceEpoch);
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return `${iso.slice(0, iso.length - 5)}.${String(micros).padStart(6, '0')}Z`;
}

/** FILETIME (100 ns ticks since 1601-01-01 UTC) at `at`, as `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
export function fileTimeText(view: ByteView, at: number): string | null {
  const ticks = view.u64big(at);
  const seconds = Number(ticks / TICKS_PER_SECOND) - SECONDS_1601_TO_1970;
  const micros = Number(ticks % TICKS_PER_SECOND) / 10;
  return withMicros(seconds * 1000, Math.floor(micros));
}

/** SYSTEMTIME (eight 16-bit fields) at `at`, as `YYYY-MM-DDTHH:MM:SS.ffffffZ`; null if invalid. */
export function systemTimeText(view: ByteView, at: number): string | null {
  const year = view.u16(at);
  const month = view.u16(at + 2);
  const day = view.u16(at + 6);
  const hour = view.u16(at + 8);
  const minute = view.u16(at + 10);
  const second = view.u16(at + 12);
  const millis = view.u16(at + 14);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  if (second > 59 || millis > 999) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCDate() !== day || check.getUTCFullYear() !== year) return null;
  return withMicros(ms, millis * 1000);
}

/** `2021-10-20T13:39:12.731903Z` → `2021-10-20T13:39:12.731Z` (Date's ISO form); null if not ISO. */
export function isoMillis(text: string): string | null {
  const m = ISO_PATTERN.exec(text);
  if (!m) return null;
  const fraction = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  return `${text.slice(0, 19)}.${fraction}Z`;
}

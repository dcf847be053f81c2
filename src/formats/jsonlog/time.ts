import type { EventValue } from '../../domain/detection.js';
import { MAX_TIME_CHARS } from './limits.js';

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the years an ISO string holds in 4 digits. */
const MIN_MS = -62_135_596_800_000;
const MAX_MS = 253_402_300_799_999;

/**
 * `YYYY-MM-DD[(T| )hh:mm[:ss[.fff…]]][Z|±hh[:]mm|±hh|UTC|GMT]`; no zone means UTC. Anchored,
 * no nested quantifiers, run on at most `MAX_TIME_CHARS` characters.
 */
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)? ?(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH_TEXT = /^-?\d{1,19}(?:\.\d{1,9})?$/;

function isoFromMs(ms: number): string {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS ? new Date(ms).toISOString() : '';
}

/**
 * Epoch time as ISO 8601 UTC with milliseconds. The unit is guessed from the size: seconds below
 * 10^11 (until year 5138), then milliseconds, microseconds, nanoseconds.
 */
export function isoFromEpoch(value: number): string {
  if (!Number.isFinite(value)) return '';
  const size = Math.abs(value);
  if (size < 1e11) return isoFromMs(Math.floor(Math.round(value * 1e6) / 1000));
  if (size < 1e14) return isoFromMs(Math.floor(value));
  if (size < 1e17) return isoFromMs(Math.floor(value / 1e3));
  return isoFromMs(Math.floor(value / 1e6));
}

function zoneMinutes(zone: string | undefined): number | null {
  if (zone === undefined || /^(?:z|utc|gmt)$/i.test(zone)) return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** ISO 8601 / RFC 3339-like text as ISO UTC with milliseconds; '' when unreadable. */
export function isoFromText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TIME_CHARS) return '';
  if (EPOCH_TEXT.test(trimmed)) return isoFromEpoch(Number(trimmed));
  const m = ISO_LIKE.exec(trimmed);
  if (m === null) return '';
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map((p) =>
    Number(p ?? 0),
  ) as [number, number, number, number, number];
  const rawSecond = Number(m[6] ?? 0);
  const offset = zoneMinutes(m[8]);
  if (offset === null || month < 1 || month > 12 || day < 1) return '';
  if (hour > 23 || minute > 59 || rawSecond > 60) return '';
  const second = Math.min(rawSecond, 59); // a leap second 60 is read as 59
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return '';
  date.setUTCHours(hour, minute, second, Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)));
  return isoFromMs(date.getTime() - offset * 60_000);
}

/** A time value as an event carries it (epoch number or text) as ISO UTC; '' when none. */
export function isoFromValue(value: EventValue | undefined): string {
  if (typeof value === 'number') return isoFromEpoch(value);
  if (typeof value === 'string') return isoFromText(value);
  return '';
}

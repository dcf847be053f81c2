/**
 * Event times into ISO 8601 UTC with milliseconds. Accepted: ISO 8601 / RFC 3339 date-times with
 * `T` or a space, any fraction, `Z`, `±hh:mm`, `±hhmm` or `±hh`; a date-time without a zone is
 * UTC (Windows `SystemTime` and Sysmon `UtcTime` are written that way); epoch seconds (Zeek `ts`)
 * or milliseconds as a number or decimal text. Anything else is no time, never a guess.
 */
import type { EventValue } from '../../../domain/detection.js';
import { MAX_TIME_CHARS } from './limits.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?)?\s?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** Latest instant a Date holds in a four-digit year: 9999-12-31T23:59:59.999Z. */
const MAX_EPOCH_MS = 253_402_300_799_999;
/** Numbers below this are epoch seconds (until the year 5138), above it milliseconds. */
const SECONDS_BELOW = 1e11;

function fromEpoch(value: number): string | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  const ms = value < SECONDS_BELOW ? value * 1000 : value;
  if (ms > MAX_EPOCH_MS) return undefined;
  return new Date(Math.round(ms)).toISOString();
}

function zoneMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function validDate(year: number, month: number, day: number): boolean {
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1;
}

function validClock(hour: number, minute: number, second: number): boolean {
  return hour <= 23 && minute <= 59 && second <= 60;
}

function fromIso(match: RegExpExecArray): string | undefined {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((group) =>
    Number(match[group] ?? '0'),
  ) as [number, number, number, number, number, number];
  const fraction = match[7];
  const zone = match[8];
  const offset = zoneMinutes(zone);
  if (offset === undefined || !validDate(year, month, day) || !validClock(hour, minute, second)) {
    return undefined;
  }
  const ms = Math.floor(Number(`0.${fraction ?? '0'}`) * 1000);
  // A leap second (:60) is read as :59.999, the last instant a Date can hold in that minute.
  const base =
    second === 60
      ? Date.UTC(year, month - 1, day, hour, minute, 59, 999)
      : Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 31 February into March; a day past the month's end is no date.
  if (new Date(base).getUTCDate() !== day) return undefined;
  const utc = base - offset * 60_000;
  return utc > MAX_EPOCH_MS ? undefined : new Date(utc).toISOString();
}

const ZERO = 48;

/** The number written by `count` digits from `at`, or -1 when one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index += 1) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether `text` has `char` at each of these positions. */
function hasAt(text: string, char: number, positions: readonly number[]): boolean {
  return positions.every((position) => text.charCodeAt(position) === char);
}

/** Milliseconds from the fraction after `SS` (`.` then 1–12 digits up to `end`), or -1. */
function fractionMs(text: string, end: number): number {
  if (end === 19) return 0;
  const count = end - 20;
  if (text.charCodeAt(19) !== 46 || count < 1 || count > 12) return -1;
  if (digits(text, 20, count) < 0) return -1;
  if (count >= 3) return digits(text, 20, 3);
  return digits(text, 20, count) * (count === 1 ? 100 : 10);
}

/** Every part read, a real date and a clock time (a leap second is left to the general parser). */
function validParts(parts: readonly number[]): boolean {
  const [year = -1, month = -1, day = -1, hour = -1, minute = -1, second = -1] = parts;
  return (
    parts.every((part) => part >= 0) &&
    validDate(year, month, day) &&
    validClock(hour, minute, second) &&
    second !== 60
  );
}

/** `YYYY-MM-DD?HH:MM:SS` where `?` is `T`, `t` or a space, as numbers; undefined otherwise. */
function clockParts(text: string): readonly number[] | undefined {
  if (!hasAt(text, 45, [4, 7]) || !hasAt(text, 58, [13, 16])) return undefined;
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116 && separator !== 32) return undefined;
  const parts = [
    digits(text, 0, 4),
    digits(text, 5, 2),
    digits(text, 8, 2),
    digits(text, 11, 2),
    digits(text, 14, 2),
    digits(text, 17, 2),
  ];
  return validParts(parts) ? parts : undefined;
}

/**
 * The common case without a regex: `YYYY-MM-DDTHH:MM:SS[.fraction][Z]` (`T` or a space), as
 * Windows `SystemTime`, Sysmon `UtcTime` and `toISOString` write it; undefined for anything else
 * (then the general parser decides).
 */
function fastUtc(text: string): string | undefined {
  const end = text.endsWith('Z') || text.endsWith('z') ? text.length - 1 : text.length;
  if (end < 19) return undefined;
  const parts = clockParts(text);
  const ms = fractionMs(text, end);
  if (parts === undefined || ms < 0) return undefined;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms));
  // Date.UTC rolls 31 February into March; a day past the month's end is no date.
  return date.getUTCDate() === day ? date.toISOString() : undefined;
}

/**
 * A record's time as ISO 8601 UTC, or undefined when it holds none that reads.
 * @example eventTime('2025-10-24 23:41:48.482') // '2025-10-24T23:41:48.482Z'
 * @example eventTime(1320279566.452687)         // '2011-11-03T00:19:26.453Z'
 * @example eventTime('2017-05-03T17:02:49.868591+0200') // '2017-05-03T15:02:49.868Z'
 */
export function eventTime(value: EventValue | undefined): string | undefined {
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string' || value.length > MAX_TIME_CHARS) return undefined;
  const fast = fastUtc(value);
  if (fast !== undefined) return fast;
  const trimmed = value.trim();
  if (/^\d{1,15}(\.\d{1,9})?$/.test(trimmed)) return fromEpoch(Number(trimmed));
  const match = ISO.exec(trimmed);
  return match === null ? undefined : fromIso(match);
}

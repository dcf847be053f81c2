/**
 * Dates as CMMS and CMDB exports write them. Wardline never guesses a day-month order: a form
 * whose order the file does not settle is reported as ambiguous and dropped, and the user sets
 * `dateOrder` in the mapping.
 *
 * | Form                                   | Read as                                         |
 * | -------------------------------------- | ----------------------------------------------- |
 * | `2024-03-14`, `2024/03/14`, `2024.03.14` | year, month, day                              |
 * | `2024-03-14T09:30:00Z`, `… 09:30+01:00` | ISO 8601 date-time; no zone means UTC          |
 * | `03/14/2024`                           | US month/day/year, unless `dateOrder: dmy`      |
 * | `14.03.2024`                           | day.month.year                                  |
 * | `14-03-2024`                           | by `dateOrder`; otherwise only when one part > 12 |
 * | `14 Mar 2024`, `14-Mar-2024`, `Mar 14, 2024` | English month names, either order         |
 * | any of the day-month forms + ` 14:30[:00] [AM\|PM]` | with a time, UTC                   |
 *
 * A two-digit year is ambiguous (which century); a day-month form that does not fit the order in
 * force is ambiguous too, so a UK file read with the US default reports instead of misreading.
 */
import type { DateOrder } from './types.js';

/** A date as written, with its time (midnight when none) and zone offset. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
}

/** A date, or why it is not one. */
export type DateReading =
  | { readonly kind: 'date'; readonly parts: DateParts }
  | { readonly kind: 'ambiguous'; readonly reason: string }
  | { readonly kind: 'invalid' };

const MONTH_NAMES = new Map<string, number>([['sept', 9]]);
[
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
].forEach((name, i) => {
  MONTH_NAMES.set(name, i + 1);
  MONTH_NAMES.set(name.slice(0, 3), i + 1);
});

/** Years a device date can sensibly carry; outside them the value is a typo or a placeholder. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const YEAR_FIRST = /^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$/;
const DAY_MONTH = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})$/;
const NAMED_DAY_FIRST = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s,-]+(\d{2}|\d{4})$/i;
const NAMED_MONTH_FIRST = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$/i;
const CLOCK = /^(.*?)[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i;

const INVALID: DateReading = { kind: 'invalid' };

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

interface Clock {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly offsetMinutes: number;
}

const MIDNIGHT: Clock = { hour: 0, minute: 0, second: 0, millisecond: 0, offsetMinutes: 0 };

function dated(year: number, month: number, day: number, clock: Clock): DateReading {
  if (!isCalendarDate(year, month, day)) return INVALID;
  if (clock.hour > 23 || clock.minute > 59 || clock.second > 59) return INVALID;
  return { kind: 'date', parts: { year, month, day, ...clock } };
}

function zoneMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function readIso(match: RegExpExecArray): DateReading {
  const [, y, mo, d, h, mi, s, frac, zone] = match;
  const offsetMinutes = zoneMinutes(zone);
  if (offsetMinutes === null) return INVALID;
  const clock: Clock = {
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000),
    offsetMinutes,
  };
  return dated(Number(y), Number(mo), Number(d), clock);
}

/** Splits a trailing `14:30[:05] [PM]` off a day-month form. */
function splitClock(text: string): { date: string; clock: Clock } | null {
  const match = CLOCK.exec(text);
  if (match === null) return { date: text, clock: MIDNIGHT };
  const [, date = '', h, mi, s, meridiem] = match;
  let hour = Number(h);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return {
    date,
    clock: { hour, minute: Number(mi), second: Number(s ?? 0), millisecond: 0, offsetMinutes: 0 },
  };
}

function monthNamed(name: string): number | null {
  return MONTH_NAMES.get(name.toLowerCase()) ?? null;
}

function fullYear(year: string): number | null {
  return year.length === 4 ? Number(year) : null;
}

const TWO_DIGIT_YEAR: DateReading = {
  kind: 'ambiguous',
  reason: 'a two-digit year could be in either century',
};

/** `a/b/yyyy` or `a-b-yyyy` read in the order in force; `explicit` when the mapping set it. */
function inOrder(
  y: number,
  a: number,
  b: number,
  order: DateOrder | undefined,
  explicit: boolean,
  clock: Clock,
): DateReading {
  const asMdy = isCalendarDate(y, a, b);
  const asDmy = isCalendarDate(y, b, a);
  if (order === 'mdy') {
    if (asMdy) return dated(y, a, b, clock);
    return asDmy && !explicit
      ? { kind: 'ambiguous', reason: 'it reads as day/month/year, not US month/day/year' }
      : INVALID;
  }
  if (order === 'dmy') return asDmy ? dated(y, b, a, clock) : INVALID;
  if (asMdy && asDmy && a !== b) {
    return { kind: 'ambiguous', reason: 'it reads as either month-day-year or day-month-year' };
  }
  if (asMdy) return dated(y, a, b, clock);
  return asDmy ? dated(y, b, a, clock) : INVALID;
}

function readDayMonth(
  a: number,
  b: number,
  year: string,
  separator: string,
  order: DateOrder | undefined,
  clock: Clock,
): DateReading {
  const y = fullYear(year);
  if (y === null) return TWO_DIGIT_YEAR;
  if (separator === '.') return dated(y, b, a, clock);
  const inForce = order ?? (separator === '/' ? 'mdy' : undefined);
  return inOrder(y, a, b, inForce, order !== undefined, clock);
}

function readNamed(text: string, clock: Clock): DateReading | null {
  const dayFirst = NAMED_DAY_FIRST.exec(text);
  const monthFirst = dayFirst === null ? NAMED_MONTH_FIRST.exec(text) : null;
  if (dayFirst === null && monthFirst === null) return null;
  const [day, name, year] =
    dayFirst === null
      ? [monthFirst?.[2], monthFirst?.[1], monthFirst?.[3]]
      : [dayFirst[1], dayFirst[2], dayFirst[3]];
  const month = monthNamed(name ?? '');
  if (month === null) return INVALID;
  const y = fullYear(year ?? '');
  if (y === null) return TWO_DIGIT_YEAR;
  return dated(y, month, Number(day), clock);
}

/** Reads one date or date-time cell; see the table above for the forms. */
export function readInventoryDate(text: string, order?: DateOrder): DateReading {
  const trimmed = text.trim();
  if (trimmed.length > 64) return INVALID;
  const iso = ISO.exec(trimmed);
  if (iso !== null) return readIso(iso);
  const split = splitClock(trimmed);
  if (split === null) return INVALID;
  const { date, clock } = split;
  const yearFirst = YEAR_FIRST.exec(date);
  if (yearFirst !== null) {
    return dated(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]), clock);
  }
  const dayMonth = DAY_MONTH.exec(date);
  if (dayMonth !== null) {
    const [, a, separator = '', b, year = ''] = dayMonth;
    return readDayMonth(Number(a), Number(b), year, separator, order, clock);
  }
  return readNamed(date, clock) ?? INVALID;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of the date as written (no zone shift: an end-of-support day is a calendar day). */
export function formatDay(parts: DateParts): string {
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
}

/** ISO 8601 UTC instant. */
export function formatInstant(parts: DateParts): string {
  const utc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute - parts.offsetMinutes,
    parts.second,
    parts.millisecond,
  );
  return new Date(utc).toISOString();
}

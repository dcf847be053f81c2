/**
 * Reading values from untrusted `.nessus` XML. Each reader returns the value, or `null` and a
 * reason in `problems` when the text is malformed, so a builder can skip its item (or ignore the
 * value) with one diagnostic that lists every reason.
 */
import { isIP } from 'node:net';

export type Attributes = Readonly<Record<string, string>>;

/** Why the current element is malformed; empty while it is fine. */
export type Problems = string[];

const INTEGER = /^\d{1,9}$/;
const DECIMAL = /^\d{1,3}(?:\.\d{1,6})?$/;
const EPOCH_SECONDS = /^\d{1,12}$/;
/** `Tue Jun 25 10:32:42 2013`: ctime(3), as Nessus writes `HOST_START`. */
const CTIME =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** ISO 8601 as Tenable WAS writes `HOST_START`: `2021-03-12T12:34:30.12031+00:00`. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;
/** A host name as resolvers and NetBIOS give it: no spaces, no URL punctuation. */
const HOSTNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.$-]{0,252})$/;
/** Tenable WAS names a host by URL: `http://google.com/`. */
const URL_HOST = /^https?:\/\/([A-Za-z0-9_.-]{1,253})(?::\d{1,5})?(?:[/?#]|$)/i;
const CVE = /^CVE-\d{4}-\d{4,9}$/i;

/** An optional attribute: `null` when absent or empty. */
export function optional(attrs: Attributes, name: string): string | null {
  const value = attrs[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

/** Keeps diagnostics short when a hostile value is long. */
export function clip(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

/** Trimmed text, `null` when nothing is left. */
export function trimmed(text: string | null | undefined): string | null {
  const value = text?.trim() ?? '';
  return value === '' ? null : value;
}

/** A whole number from `min` to `max`; `null` when empty. */
export function integerIn(
  text: string | null,
  min: number,
  max: number,
  what: string,
  problems: Problems,
): number | null {
  if (text === null) return null;
  const n = INTEGER.test(text) ? Number(text) : NaN;
  if (n >= min && n <= max) return n;
  problems.push(`${what} "${clip(text)}" is not a whole number from ${min} to ${max}`);
  return null;
}

/** A CVSS score, 0.0–10.0; `null` when empty. */
export function score(text: string | null, what: string, problems: Problems): number | null {
  const value = trimmed(text);
  if (value === null) return null;
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (n >= 0 && n <= 10) return n;
  problems.push(`${what} "${clip(value)}" is not a score from 0 to 10`);
  return null;
}

/** `HOST_START` and friends: seconds since the epoch, ctime, or ISO 8601; as ISO 8601 UTC. */
export function hostTime(text: string | null, what: string, problems: Problems): string | null {
  const value = trimmed(text);
  if (value === null) return null;
  const ms = millisOf(value);
  if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  problems.push(`${what} "${clip(value)}" is not a time`);
  return null;
}

function millisOf(value: string): number {
  if (EPOCH_SECONDS.test(value)) return Number(value) * 1000;
  if (ISO_TIME.test(value)) return Date.parse(value);
  const ctime = CTIME.exec(value);
  if (ctime === null) return NaN;
  // ctime carries no zone; Nessus writes the scanner's local time. Read as UTC, the figure the
  // file shows; `HOST_START_TIMESTAMP`, when present, is exact and preferred.
  const [, month = '', day, hours, minutes, seconds, year] = ctime.map(String);
  const at = Date.UTC(
    Number(year),
    MONTHS.indexOf(month),
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
  );
  return new Date(at).getUTCDate() === Number(day) ? at : NaN;
}

export function isIpAddress(text: string): boolean {
  return isIP(text) !== 0;
}

/** A host name, or the host part of a WAS URL; `null` when the text is neither. */
export function hostnameIn(text: string): string | null {
  if (HOSTNAME.test(text)) return text;
  const url = URL_HOST.exec(text);
  return url?.[1] ?? null;
}

export function isCveId(text: string): boolean {
  return CVE.test(text);
}

/** Cuts `text` to `max` characters without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/**
 * A copy of `text` that holds nothing else. Strings the XML parser hands out are often slices of
 * the input chunk, and V8 keeps the whole chunk alive for as long as a slice lives: kept values
 * would otherwise pin the input they came from.
 */
export function own(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

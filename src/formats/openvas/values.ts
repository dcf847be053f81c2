/**
 * Reading values from untrusted GMP report XML. Each reader returns the value, or `null` and a
 * reason in `problems` when the text is malformed, so a builder can skip its element (or ignore
 * the value) with one diagnostic that lists every reason.
 */
import { isIP } from 'node:net';
import type { OpenvasTransport } from './types.js';

export type Attributes = Readonly<Record<string, string>>;

/** Why the current element is malformed; empty while it is fine. */
export type Problems = string[];

const DECIMAL = /^-?\d{1,3}(?:\.\d{1,6})?$/;
/** `443/tcp` (GVM ≥ 9) and `https (443/tcp)` (OpenVAS 8 and earlier). */
const NUMBERED_PORT = /^(?:[\w.?-]+ \()?(\d{1,5})\/(tcp|udp)\)?$/i;
/** `general/tcp`, `general/icmp`, `general/CPE-T`: a finding about the host, not a port. */
const GENERAL_PORT = /^general\/([\w-]+)$/i;
/** ISO 8601 as gvmd writes it: UTC `Z` or an offset, optional fraction. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})$/;
const CVE = /CVE-\d{4}-\d{4,9}/gi;

/** An optional attribute: `null` when absent or empty. */
export function optional(attrs: Attributes, name: string): string | null {
  const value = attrs[name];
  return value === undefined || value === '' ? null : value;
}

/** Keeps diagnostics short when a hostile value is long. */
export function clip(value: string): string {
  return value.length > 64 ? `${value.slice(0, 64)}…` : value;
}

/** Trimmed text, `null` when nothing is left. */
export function trimmed(text: string | null): string | null {
  const value = text?.trim() ?? '';
  return value === '' ? null : value;
}

/** A decimal from `min` to `max`; `null` when empty. */
export function decimalIn(
  text: string | null,
  min: number,
  max: number,
  what: string,
  problems: Problems,
): number | null {
  const value = trimmed(text);
  if (value === null) return null;
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (n >= min && n <= max) return n;
  problems.push(`${what} "${clip(value)}" is not a number from ${min} to ${max}`);
  return null;
}

export interface PortReading {
  readonly port: number | null;
  readonly transport: OpenvasTransport | null;
}

/** `result/port`: a numbered port, a `general/…` pseudo-port, or anything else (`package`). */
export function readPort(text: string | null, problems: Problems): PortReading {
  const value = trimmed(text);
  if (value === null) return { port: null, transport: null };
  const numbered = NUMBERED_PORT.exec(value);
  if (numbered !== null) {
    const port = Number(numbered[1]);
    if (port > 65535) {
      problems.push(`port "${clip(value)}" is outside 0–65535`);
      return { port: null, transport: null };
    }
    return { port, transport: transportOf(numbered[2]) };
  }
  const general = GENERAL_PORT.exec(value);
  return { port: null, transport: general === null ? null : transportOf(general[1]) };
}

function transportOf(text: string | undefined): OpenvasTransport | null {
  const lower = text?.toLowerCase();
  return lower === 'tcp' || lower === 'udp' ? lower : null;
}

/** An ISO 8601 time as UTC with milliseconds; `null` when empty. */
export function isoTime(text: string | null, what: string, problems: Problems): string | null {
  const value = trimmed(text);
  if (value === null) return null;
  const ms = ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  problems.push(`${what} "${clip(value)}" is not an ISO 8601 time`);
  return null;
}

/** CVE ids in a free list (`CVE-2014-0160, CVE-2014-0346` or `NOCVE`), upper-case. */
export function cvesIn(text: string): string[] {
  return (text.match(CVE) ?? []).map((cve) => cve.toUpperCase());
}

export function isCveId(text: string): boolean {
  return /^CVE-\d{4}-\d{4,9}$/i.test(text);
}

export function isIpAddress(text: string): boolean {
  return isIP(text) !== 0;
}

/**
 * The `nvt/tags` field: `key=value|key=value`. A value may itself hold `|`; a piece without `=`
 * continues the previous value.
 */
export function readTags(text: string): ReadonlyMap<string, string> {
  const tags = new Map<string, string>();
  let last: string | null = null;
  for (const piece of text.split('|')) {
    const at = piece.indexOf('=');
    if (at > 0 && /^\w+$/.test(piece.slice(0, at))) {
      last = piece.slice(0, at);
      tags.set(last, piece.slice(at + 1));
    } else if (last !== null) {
      tags.set(last, `${tags.get(last) ?? ''}|${piece}`);
    }
  }
  return tags;
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

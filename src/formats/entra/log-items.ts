/**
 * Small pieces every audit-log reader needs (Entra, Okta, FHIR AuditEvent, ATNA): the rejected
 * item with its diagnostic and bounded raw text, timestamps as ISO 8601 UTC, IP literals, and
 * typed reads of untrusted JSON values.
 */
import { isIP } from 'node:net';
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import {
  MAX_DEAD_LETTER_RAW_CHARS,
  type EventData,
  type EventValue,
  type LogReadItem,
} from '../../domain/detection.js';

/** Where a record starts in its input. */
export interface RecordPosition {
  readonly offset: number;
  readonly line?: number;
}

/** A record that could not become an event, with its reason and (cut) raw text. */
export function rejectedItem(
  source: string,
  at: RecordPosition,
  code: string,
  severity: DiagnosticSeverity,
  message: string,
  raw?: string,
): LogReadItem {
  const diagnostic = { source, offset: at.offset, code, severity, message };
  const withLine = at.line === undefined ? diagnostic : { ...diagnostic, line: at.line };
  return raw === undefined || raw === ''
    ? { kind: 'rejected', diagnostic: withLine }
    : { kind: 'rejected', diagnostic: withLine, raw: raw.slice(0, MAX_DEAD_LETTER_RAW_CHARS) };
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An ISO 8601 / RFC 3339 date-time as ISO 8601 UTC with milliseconds, or null when it is not
 * one. A time without a zone is taken as UTC; fractions past milliseconds are cut.
 */
export function isoUtc(value: EventValue | undefined): string | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const m = DATE_TIME.exec(value.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s = '00', fraction = '', zone = 'Z'] = m as unknown as string[];
  if (!inRanges(Number(mo), Number(d), Number(h), Number(mi), Number(s))) return null;
  const ms = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone === 'Z' || zone === 'z' ? 'Z' : normalZone(zone);
  const seconds = s === '60' ? '59' : s;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${seconds}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function inRanges(month: number, day: number, hour: number, minute: number, second: number) {
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60
  );
}

function normalZone(zone: string): string {
  const digits = zone.slice(1).replace(':', '');
  return `${zone.slice(0, 1)}${digits.slice(0, 2)}:${digits.slice(2, 4).padEnd(2, '0')}`;
}

/** The IP literals among the candidates (`urn:ipv4:`/`urn:ipv6:` prefixes and brackets dropped), each once. */
export function ipsOf(...candidates: readonly (EventValue | undefined)[]): string[] {
  const found: string[] = [];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const bare = candidate
      .trim()
      .replace(/^urn:ipv[46]:/i, '')
      .replace(/^\[(.*)\]$/, '$1');
    if (isIP(bare) !== 0 && !found.includes(bare)) found.push(bare);
  }
  return found;
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: EventValue | undefined): value is EventData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member `key` of an object value, or undefined. */
export function memberOf(value: EventValue | undefined, key: string): EventValue | undefined {
  return isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The member at a dotted path (`status.errorCode`), or undefined. */
export function pathOf(value: EventValue | undefined, path: string): EventValue | undefined {
  let at = value;
  for (const key of path.split('.')) at = memberOf(at, key);
  return at;
}

/** The string at `key`, or undefined when absent, empty or not a string. */
export function textOf(value: EventValue | undefined, key: string): string | undefined {
  const found = memberOf(value, key);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/** The objects in the array at `key` (other elements dropped). */
export function objectsOf(value: EventValue | undefined, key: string): EventData[] {
  const found = memberOf(value, key);
  return Array.isArray(found) ? found.filter(isObject) : [];
}

/** An object without the members whose value is undefined (EventData holds JSON values only). */
export function definedOnly(
  entries: Readonly<Record<string, EventValue | undefined>>,
): Record<string, EventValue> {
  const out: Record<string, EventValue> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) out[key] = value;
  }
  return out;
}

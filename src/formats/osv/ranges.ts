/**
 * OSV `ranges[].events` (https://ossf.github.io/osv-schema/#affectedrangesevents-fields) into
 * `VersionBounds`. Events are sorted by version under the package's scheme first, as the spec's
 * evaluation algorithm does (`introduced: "0"` before everything; ties keep their order), then
 * walked: an `introduced` opens an interval (a `"0"` opens it with no start), the next `fixed` or
 * `last_affected` closes it (`endExcluding` / `endIncluding`), an interval still open at the end has
 * no end unless a `limit` gives one.
 */
import type { VersionBounds, VersionScheme } from '../../domain/vulnerability.js';
import type { RecordContext } from './diagnostics.js';
import { MAX_OSV_EVENTS, MAX_OSV_SHORT_TEXT } from './limits.js';
import type { OsvVersionRules } from './types.js';
import { isObject, member } from './values.js';

const EVENT_KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
type EventKind = (typeof EVENT_KINDS)[number];

export interface RangeEvent {
  readonly kind: EventKind;
  readonly version: string;
}

/** The events of one range that are well formed; the others are reported. */
export function readEvents(
  events: readonly unknown[],
  ctx: RecordContext,
  path: string,
): RangeEvent[] {
  if (events.length > MAX_OSV_EVENTS) {
    ctx.report(
      'WL_OSV_LIMIT_EXCEEDED',
      'warning',
      path,
      `more than ${MAX_OSV_EVENTS} events; rest ignored`,
    );
  }
  const out: RangeEvent[] = [];
  events.slice(0, MAX_OSV_EVENTS).forEach((event, index) => {
    const read = readEvent(event);
    if (read === null) {
      ctx.report(
        'WL_OSV_EVENT_INVALID',
        'warning',
        `${path}[${index}]`,
        'not one event kind with a version; ignored',
      );
    } else out.push(read);
  });
  return out;
}

function readEvent(event: unknown): RangeEvent | null {
  if (!isObject(event)) return null;
  const kinds = EVENT_KINDS.filter((kind) => member(event, kind) !== undefined);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined) return null;
  const version = member(event, kind);
  if (typeof version !== 'string' || version === '' || version.length > MAX_OSV_SHORT_TEXT) {
    return null;
  }
  return { kind, version };
}

/** Events sorted by version; null when some version cannot be ordered under the scheme. */
export function sortEvents(
  events: readonly RangeEvent[],
  scheme: VersionScheme,
  rules: OsvVersionRules,
): RangeEvent[] | null {
  for (const event of events) {
    if (isZero(event)) continue;
    if (event.kind === 'limit' && event.version === '*') continue;
    if (rules.tryCompareVersions(scheme, event.version, event.version) === null) return null;
  }
  return [...events].sort((a, b) => {
    if (isZero(a) || isZero(b)) return (isZero(a) ? 0 : 1) - (isZero(b) ? 0 : 1);
    if (isStar(a) || isStar(b)) return (isStar(a) ? 1 : 0) - (isStar(b) ? 1 : 0);
    return rules.tryCompareVersions(scheme, a.version, b.version) ?? 0;
  });
}

function isZero(event: RangeEvent): boolean {
  return event.kind === 'introduced' && event.version === '0';
}

function isStar(event: RangeEvent): boolean {
  return event.kind === 'limit' && event.version === '*';
}

/** Pairs sorted events into bounds. */
export function pairEvents(events: readonly RangeEvent[]): VersionBounds[] {
  const bounds: VersionBounds[] = [];
  let open: { start: string | null } | null = null;
  let limit: string | null = null;
  for (const event of events) {
    if (event.kind === 'introduced') {
      open ??= { start: event.version === '0' ? null : event.version };
    } else if (event.kind === 'limit') {
      if (event.version !== '*') limit = event.version;
    } else if (open !== null) {
      const fixed = event.kind === 'fixed';
      bounds.push(interval(open.start, fixed ? null : event.version, fixed ? event.version : null));
      open = null;
    }
  }
  if (open !== null) bounds.push(interval(open.start, null, limit));
  return bounds;
}

function interval(
  start: string | null,
  endIncluding: string | null,
  endExcluding: string | null,
): VersionBounds {
  return { startIncluding: start, startExcluding: null, endIncluding, endExcluding };
}

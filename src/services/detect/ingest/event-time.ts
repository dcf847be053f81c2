/**
 * The time a JSON event names, from the fields the common log formats put it in; the caller's
 * classifier may refine it. Only readable times are taken, as ISO 8601 UTC.
 */
import type { EventData } from '../../../domain/detection.js';

/** Fields tried in order: ECS/EVE, Zeek, generic, Okta, Entra, FHIR AuditEvent, NXLog. */
const TIME_FIELDS = [
  '@timestamp',
  'timestamp',
  'ts',
  'time',
  'published',
  'createdDateTime',
  'recorded',
  'EventTime',
] as const;

/** Epoch seconds between 2000 and 2100 (Zeek `ts`); anything else numeric is not trusted. */
const EPOCH_MIN = 946_684_800;
const EPOCH_MAX = 4_102_444_800;

/**
 * `{ ts: 1714557600.5 }` gives `2024-05-01T10:00:00.500Z`; `{ "@timestamp": "2024-05-01T10:00:00Z" }`
 * gives `2024-05-01T10:00:00.000Z`; no readable field gives undefined.
 */
export function eventTime(data: EventData): string | undefined {
  for (const field of TIME_FIELDS) {
    const value = data[field];
    const time = readTime(value);
    if (time !== undefined) return time;
  }
  return undefined;
}

function readTime(value: unknown): string | undefined {
  let ms: number;
  if (typeof value === 'number') {
    if (value < EPOCH_MIN || value > EPOCH_MAX) return undefined;
    ms = value * 1000;
  } else if (
    typeof value === 'string' &&
    value.length <= 64 &&
    /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d/.test(value)
  ) {
    const iso = value.replace(' ', 'T');
    // A time without a zone is read as UTC, not as the server's local time.
    ms = Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
  } else {
    return undefined;
  }
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

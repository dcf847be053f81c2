import type { EventData, LogEvent, LogReadItem } from '../../domain/detection.js';
import { parseJsonRecord } from '../jsonlog/json-record.js';
import type { RecordPlace } from '../jsonlog/reject.js';
import { rejectRecord } from '../jsonlog/reject.js';
import { isoFromValue } from '../jsonlog/time.js';

/** Longest `event_type` accepted (Suricata's are short words: `alert`, `fileinfo`, `stats`). */
const MAX_EVENT_TYPE_CHARS = 64;

function text(data: EventData, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** One EVE record as an `eve` event whose log source names Suricata and the event type. */
export function eveEvent(
  data: EventData,
  eventType: string,
  source: string,
  line: number,
): LogEvent {
  const ips = [text(data, 'src_ip'), text(data, 'dest_ip')].filter((ip) => ip !== undefined);
  const host = text(data, 'host');
  return {
    time: isoFromValue(data['timestamp']),
    logsource: { product: 'suricata', service: eventType },
    shape: 'eve',
    data,
    ...(host === undefined ? {} : { host }),
    ...(ips.length === 0 ? {} : { ips }),
    origin: { source, position: `line ${String(line)}` },
  };
}

/** One EVE line as an event, or rejected with `WL_EVE_<fault>`. */
export function eveItem(source: string, line: string, place: RecordPlace): LogReadItem {
  const parsed = parseJsonRecord(line);
  if (!parsed.ok)
    return rejectRecord(source, `WL_EVE_${parsed.fault}`, place, parsed.message, line);
  const eventType = parsed.data['event_type'];
  if (
    typeof eventType !== 'string' ||
    eventType === '' ||
    eventType.length > MAX_EVENT_TYPE_CHARS
  ) {
    return rejectRecord(
      source,
      'WL_EVE_EVENT_TYPE_MISSING',
      place,
      'no `event_type` string: not a Suricata EVE record',
      line,
    );
  }
  return { kind: 'event', event: eveEvent(parsed.data, eventType, source, place.line) };
}

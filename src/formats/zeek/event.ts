import type { EventData, LogEvent } from '../../domain/detection.js';
import { isoFromValue } from '../jsonlog/time.js';

function text(data: EventData, key: string): string | undefined {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** One Zeek record as a `zeek` event; `path` (conn, dns, http…) is the log source's service. */
export function zeekEvent(data: EventData, source: string, line: number): LogEvent {
  const path = text(data, '_path');
  const ips = [text(data, 'id.orig_h'), text(data, 'id.resp_h')].filter((ip) => ip !== undefined);
  return {
    time: isoFromValue(data['ts']),
    logsource: path === undefined ? { product: 'zeek' } : { product: 'zeek', service: path },
    shape: 'zeek',
    data,
    ...(ips.length === 0 ? {} : { ips }),
    origin: { source, position: `line ${String(line)}` },
  };
}

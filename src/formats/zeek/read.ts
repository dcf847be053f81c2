import type { EventData, LogReadItem } from '../../domain/detection.js';
import { parseJsonRecord } from '../jsonlog/json-record.js';
import type { LineHandler } from '../jsonlog/line-session.js';
import { LineLogSession, readSession } from '../jsonlog/line-session.js';
import type { RecordPlace } from '../jsonlog/reject.js';
import { rejectLine, rejectRecord } from '../jsonlog/reject.js';
import { zeekEvent } from './event.js';
import type { ZeekHeader } from './header.js';
import { applyHeaderLine, defaultHeader } from './header.js';
import { readTsvRecord } from './tsv.js';

export interface ZeekReadOptions {
  /** The name diagnostics and event origins carry; its base name also gives the log path. */
  readonly source: string;
  /** The log path (`conn`, `dns`…) for JSON records without `_path`; default from `source`. */
  readonly path?: string;
}

/** `conn` from `/var/log/zeek/conn.log`, `conn.00:00:00-01:00:00.log.gz` or `conn.json`. */
export function pathFromSource(source: string): string | undefined {
  const base = source.split(/[\\/]/).pop() ?? '';
  const m = /^([a-z][a-z0-9_]{0,63})(?:\.|$)/i.exec(base);
  return m?.[1];
}

function jsonItem(
  source: string,
  text: string,
  place: RecordPlace,
  path: string | undefined,
): LogReadItem {
  const parsed = parseJsonRecord(text);
  if (!parsed.ok)
    return rejectRecord(source, `WL_ZEEK_${parsed.fault}`, place, parsed.message, text);
  const hasPath = typeof parsed.data['_path'] === 'string';
  const data: EventData =
    hasPath || path === undefined ? parsed.data : { _path: path, ...parsed.data };
  return { kind: 'event', event: zeekEvent(data, source, place.line) };
}

function zeekLineHandler(options: ZeekReadOptions): LineHandler {
  const { source } = options;
  const path = options.path ?? pathFromSource(source);
  const header: ZeekHeader = defaultHeader();
  return (line) => {
    if (line.kind !== 'text') return rejectLine(source, 'ZEEK', line);
    if (line.text.startsWith('#')) {
      const result = applyHeaderLine(header, line.text);
      return result.ok
        ? null
        : rejectRecord(source, 'WL_ZEEK_HEADER_INVALID', line, result.message, line.text);
    }
    if (line.text.trim() === '') return null;
    if (header.fields === undefined && line.text.trimStart().startsWith('{')) {
      return jsonItem(source, line.text, line, path);
    }
    const record = readTsvRecord(header, line.text);
    if (!record.ok)
      return rejectRecord(source, `WL_ZEEK_${record.fault}`, line, record.message, line.text);
    return { kind: 'event', event: zeekEvent(record.data, source, line.line) };
  };
}

/**
 * Reads Zeek logs, ASCII (TSV with `#` meta lines) or JSON (one record per line), as `zeek` events
 * with log source `{ product: 'zeek', service: path }`; a record that cannot be read is yielded as
 * `rejected` and reading goes on. Holds one line (capped at `MAX_LINE_BYTES`) plus the chunk.
 *
 * @example
 * // #fields ts uid id.orig_h id.orig_p … / #types time string addr port …
 * // 1692161622.036086 Cnsu5m395zFmE9ikp4 192.168.1.41 52605 192.168.1.4 53 udp dns …
 * // → { kind: 'event', event: { shape: 'zeek', logsource: { product: 'zeek', service: 'conn' },
 * //     time: '2023-08-16T04:53:42.036Z', ips: ['192.168.1.41', '192.168.1.4'],
 * //     data: { _path: 'conn', ts: '2023-08-16T04:53:42.036086Z', uid: 'Cnsu5m395zFmE9ikp4',
 * //             'id.orig_h': '192.168.1.41', 'id.orig_p': 52605, … } } }
 */
export async function* readZeek(
  input: AsyncIterable<Uint8Array | string>,
  options: ZeekReadOptions,
): AsyncGenerator<LogReadItem> {
  yield* readSession(input, new LineLogSession(zeekLineHandler(options)));
}

/** `readZeek` over text already in memory. */
export function readZeekText(text: string, options: ZeekReadOptions): LogReadItem[] {
  const session = new LineLogSession(zeekLineHandler(options));
  return [...session.push(text), ...session.finish()];
}

import type { LogReadItem } from '../../domain/detection.js';
import type { LineHandler } from '../jsonlog/line-session.js';
import { LineLogSession, readSession } from '../jsonlog/line-session.js';
import { rejectLine } from '../jsonlog/reject.js';
import { eveItem } from './event.js';

export interface EveReadOptions {
  /** The name diagnostics and event origins carry (a file name, a listener). */
  readonly source: string;
}

function eveLineHandler(source: string): LineHandler {
  return (line) => {
    if (line.kind !== 'text') return rejectLine(source, 'EVE', line);
    if (line.text.trim() === '') return null;
    return eveItem(source, line.text, line);
  };
}

/**
 * Reads Suricata EVE JSON (`eve.json`, one record per line) as `eve` events with log source
 * `{ product: 'suricata', service: event_type }`; a record that cannot be read is yielded as
 * `rejected` and reading goes on. Holds one line (capped at `MAX_LINE_BYTES`) plus the chunk.
 *
 * @example
 * // {"timestamp":"2017-04-07T22:24:37.251547+0100","flow_id":586497171462735,"event_type":"alert",
 * //  "src_ip":"192.168.2.14","src_port":50096,"dest_ip":"209.53.113.5","dest_port":80,…}
 * // → { kind: 'event', event: { shape: 'eve', time: '2017-04-07T21:24:37.251Z',
 * //     logsource: { product: 'suricata', service: 'alert' }, ips: ['192.168.2.14', '209.53.113.5'],
 * //     data: { …the record… }, origin: { source, position: 'line 1' } } }
 */
export async function* readEve(
  input: AsyncIterable<Uint8Array | string>,
  options: EveReadOptions,
): AsyncGenerator<LogReadItem> {
  yield* readSession(input, new LineLogSession(eveLineHandler(options.source)));
}

/** `readEve` over text already in memory (an HTTP request body). */
export function readEveText(text: string, options: EveReadOptions): LogReadItem[] {
  const session = new LineLogSession(eveLineHandler(options.source));
  return [...session.push(text), ...session.finish()];
}

import type { LogReadItem } from '../../domain/detection.js';
import { readSession } from './line-session.js';
import { JsonLogSession } from './session.js';

export interface JsonLogReadOptions {
  /** The name diagnostics and event origins carry (a file name, an upload id). */
  readonly source: string;
}

/**
 * Reads a JSON log, JSON lines (NDJSON) or one top-level array of objects, as `flat` events, one
 * per record; a record that cannot be read is yielded as `rejected` and reading goes on. Holds at
 * most one record (capped at `MAX_LINE_BYTES`) plus the chunk being read.
 *
 * @example
 * for await (const item of readJsonLog(createReadStream('okta.ndjson'), { source: 'okta.ndjson' }))
 * // { kind: 'event', event: { shape: 'flat', logsource: {}, time: '2024-05-01T10:00:00.000Z',
 * //   data: { published: '2024-05-01T10:00:00Z', … }, origin: { source, position: 'line 1' } } }
 */
export async function* readJsonLog(
  input: AsyncIterable<Uint8Array | string>,
  options: JsonLogReadOptions,
): AsyncGenerator<LogReadItem> {
  yield* readSession(input, new JsonLogSession(options.source));
}

/** `readJsonLog` over text already in memory (an HTTP request body). */
export function readJsonLogText(text: string, options: JsonLogReadOptions): LogReadItem[] {
  const session = new JsonLogSession(options.source);
  return [...session.push(text), ...session.finish()];
}

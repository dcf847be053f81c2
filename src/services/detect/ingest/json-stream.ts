/**
 * JSON events out of a byte stream, NDJSON (one object per line) or one JSON array of objects,
 * told apart by the first byte that is not white space. Bounded: the whole input, each record,
 * its depth and value count. A bad line or element is rejected; the records around it are kept.
 */
import { JsonRecordReader, type JsonCondition } from '../../../formats/cve/json-records.js';
import type { EventShape, LogEvent, LogReadItem } from '../../../domain/detection.js';
import { eventTime } from './event-time.js';
import { checkJsonObject, ingestDiagnostic, parseJsonRecord, rejectedItem } from './json-record.js';
import { MAX_JSON_DEPTH, MAX_JSON_RECORD_CHARS, MAX_JSON_VALUES } from './limits.js';
import { splitLines } from './lines.js';

export interface JsonStreamOptions {
  /** Names the input in diagnostics and event origins. */
  readonly source: string;
  /** Largest input read; past it reading stops with `WL_INGEST_BODY_TOO_LARGE`. */
  readonly maxBytes: number;
  /** The shape given to events; default `flat` (the caller reclassifies). */
  readonly shape?: EventShape;
  /** Time for events that name none; default the time reading began. */
  readonly receivedAt?: Date;
}

const CONDITION_CODES: Readonly<Record<JsonCondition, string>> = {
  JSON_MALFORMED: 'WL_INGEST_JSON_MALFORMED',
  TRUNCATED: 'WL_INGEST_JSON_TRUNCATED',
  POISONED_KEY: 'WL_INGEST_JSON_POISONED',
  LIMIT_EXCEEDED: 'WL_INGEST_RECORD_TOO_LARGE',
};

/**
 * `{"a":1}\n{"b":2}\n` and `[{"a":1},{"b":2}]` both give two `flat` events; `{"a":1}\nnope\n`
 * gives one event and one rejected item (`WL_INGEST_JSON_MALFORMED`, line 2).
 */
export async function* readJsonEvents(
  bytes: AsyncIterable<Uint8Array>,
  options: JsonStreamOptions,
): AsyncGenerator<LogReadItem> {
  const capped = capBytes(bytes, options.maxBytes);
  const peeked = await peekFirstByte(capped.stream);
  if (peeked.first === 0x5b) yield* readArray(peeked.stream, options);
  else yield* readLines(peeked.stream, options);
  if (capped.over()) {
    yield rejectedItem(
      ingestDiagnostic(
        { source: options.source, offset: options.maxBytes },
        'WL_INGEST_BODY_TOO_LARGE',
        `input over ${String(options.maxBytes)} bytes; the rest was not read`,
      ),
    );
  }
}

export function jsonEvent(
  data: LogEvent['data'],
  options: JsonStreamOptions,
  position: string,
  fallback: Date,
): LogEvent {
  return {
    time: eventTime(data) ?? fallback.toISOString(),
    logsource: {},
    shape: options.shape ?? 'flat',
    data,
    origin: { source: options.source, position },
  };
}

async function* readLines(
  bytes: AsyncIterable<Uint8Array>,
  options: JsonStreamOptions,
): AsyncGenerator<LogReadItem> {
  const receivedAt = options.receivedAt ?? new Date();
  for await (const line of splitLines(bytes, MAX_JSON_RECORD_CHARS)) {
    const place = { source: options.source, offset: line.offset, line: line.line };
    if (line.tooLong) {
      const message = `line over ${String(MAX_JSON_RECORD_CHARS)} bytes`;
      yield rejectedItem(ingestDiagnostic(place, 'WL_INGEST_RECORD_TOO_LARGE', message), line.text);
      continue;
    }
    const text = line.text.replace(/^\ufeff/, '').trim();
    if (text === '') continue;
    const result = parseJsonRecord(text, place);
    yield result.ok
      ? {
          kind: 'event',
          event: jsonEvent(result.data, options, `line ${String(line.line)}`, receivedAt),
        }
      : rejectedItem(result.diagnostic, text);
  }
}

async function* readArray(
  bytes: AsyncIterable<Uint8Array>,
  options: JsonStreamOptions,
): AsyncGenerator<LogReadItem> {
  const receivedAt = options.receivedAt ?? new Date();
  let out: LogReadItem[] = [];
  let index = 0;
  const reader = new JsonRecordReader(
    'JSON array',
    {
      maxDocumentBytes: Number.MAX_SAFE_INTEGER,
      maxTokenBytes: MAX_JSON_RECORD_CHARS,
      maxDepth: MAX_JSON_DEPTH + 1,
      maxNodesPerRecord: MAX_JSON_VALUES,
      maxCharsPerRecord: MAX_JSON_RECORD_CHARS,
    },
    {
      route: () => 'stream',
      record: (_key, value, offset) => {
        index += 1;
        const place = { source: options.source, offset };
        const result = checkJsonObject(value, place);
        out.push(
          result.ok
            ? {
                kind: 'event',
                event: jsonEvent(result.data, options, `record ${String(index)}`, receivedAt),
              }
            : rejectedItem(result.diagnostic),
        );
      },
      report: (condition, message, offset) => {
        const place = { source: options.source, offset };
        out.push(rejectedItem(ingestDiagnostic(place, CONDITION_CODES[condition], message)));
      },
    },
  );
  try {
    for await (const chunk of bytes) {
      reader.write(chunk);
      yield* out;
      out = [];
      if (reader.stopped) break;
    }
    reader.end();
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable JSON';
    out.push(
      rejectedItem(
        ingestDiagnostic(
          { source: options.source, offset: 0 },
          'WL_INGEST_JSON_MALFORMED',
          message,
        ),
      ),
    );
  }
  yield* out;
}

/** The stream cut at `max` bytes, with a flag saying whether more was there. */
function capBytes(
  bytes: AsyncIterable<Uint8Array>,
  max: number,
): { stream: AsyncIterable<Uint8Array>; over: () => boolean } {
  let over = false;
  async function* cut(): AsyncGenerator<Uint8Array> {
    let seen = 0;
    for await (const chunk of bytes) {
      if (seen + chunk.length > max) {
        over = true;
        if (max > seen) yield chunk.subarray(0, max - seen);
        return;
      }
      seen += chunk.length;
      yield chunk;
    }
  }
  return { stream: cut(), over: () => over };
}

/** The first byte that is not white space or a BOM, and the stream unchanged. */
async function peekFirstByte(
  bytes: AsyncIterable<Uint8Array>,
): Promise<{ first: number | undefined; stream: AsyncIterable<Uint8Array> }> {
  const iterator = bytes[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let first: number | undefined;
  while (first === undefined) {
    const next = await iterator.next();
    if (next.done === true) break;
    held.push(next.value);
    first = next.value.find((b) => !isSpaceOrBom(b));
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* held;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield next.value;
    }
  }
  return { first, stream: replay() };
}

/** Space, tab, CR, LF, and the bytes of a UTF-8 BOM. */
function isSpaceOrBom(byte: number): boolean {
  return (
    byte === 32 ||
    byte === 9 ||
    byte === 10 ||
    byte === 13 ||
    byte === 0xef ||
    byte === 0xbb ||
    byte === 0xbf
  );
}

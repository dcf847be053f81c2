/**
 * The records of a JSON audit log, one at a time: chunks decoded as UTF-8 (a bad byte becomes
 * U+FFFD, never an exception), cut into record texts by `JsonLogSplitter`, each parsed by
 * `secure-json-parse` and walked once for refused keys and the value cap. Shared by the Entra,
 * Okta and FHIR AuditEvent readers.
 */
import secureJson from 'secure-json-parse';
import type { EventValue } from '../../domain/detection.js';
import {
  JSON_LOG_SLICE_CHARS,
  MAX_JSON_LOG_RECORD_CHARS,
  MAX_JSON_LOG_VALUES,
} from './json-log-limits.js';
import {
  JsonLogSplitter,
  type JsonLogPiece,
  type JsonLogPosition,
  type JsonLogProblem,
} from './json-log-splitter.js';

export type { JsonLogCondition, JsonLogPosition, JsonLogProblem } from './json-log-splitter.js';

/** One parsed record with the text it was read from. */
export interface JsonLogRecord extends JsonLogPosition {
  readonly kind: 'record';
  readonly value: EventValue;
  readonly raw: string;
}

/** Keys that would reach `Object.prototype` if a consumer ever merged or spread the record. */
const REFUSED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads the records of a JSON log: a root array, a root object holding the records in one of
 * `wrapperKeys`, a single record, NDJSON, or a run of these.
 */
export async function* readJsonLogRecords(
  input: AsyncIterable<Uint8Array | string>,
  wrapperKeys: ReadonlySet<string>,
): AsyncGenerator<JsonLogRecord | JsonLogProblem, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let splitter: JsonLogSplitter | null = null;
  let head = '';
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (splitter === null) {
      head += text;
      if (!firstLineRead(head)) continue;
      splitter = new JsonLogSplitter(wrapperKeys, isLineMode(head));
      yield* scan(splitter, head);
      head = '';
    } else {
      yield* scan(splitter, text);
    }
  }
  const rest = decoder.decode();
  splitter ??= new JsonLogSplitter(wrapperKeys, isLineMode(head + rest));
  yield* scan(splitter, head + rest);
  yield* parsed(splitter.end());
}

function* scan(
  splitter: JsonLogSplitter,
  text: string,
): Generator<JsonLogRecord | JsonLogProblem, void, undefined> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let at = 0; at < body.length; at += JSON_LOG_SLICE_CHARS) {
    yield* parsed(splitter.push(body.slice(at, at + JSON_LOG_SLICE_CHARS)));
  }
}

function* parsed(
  pieces: readonly JsonLogPiece[],
): Generator<JsonLogRecord | JsonLogProblem, void, undefined> {
  for (const piece of pieces) yield piece.kind === 'text' ? parseRecord(piece) : piece;
}

/** True once the first non-blank line is complete (or too long to be one NDJSON record). */
function firstLineRead(head: string): boolean {
  const start = head.search(/\S/);
  return start >= 0 && (head.includes('\n', start) || head.length > MAX_JSON_LOG_RECORD_CHARS);
}

/** NDJSON when the first non-blank line is a whole object by the look of it: `{…}`. */
function isLineMode(head: string): boolean {
  const body = head.replace(/^\uFEFF/, '').trimStart();
  const end = body.indexOf('\n');
  const first = (end < 0 ? body : body.slice(0, end)).trimEnd();
  return first.startsWith('{') && first.endsWith('}');
}

/** Parses one record's text; a syntax error, refused key or too many values is a problem. */
export function parseRecord(
  piece: JsonLogPosition & { readonly text: string },
): JsonLogRecord | JsonLogProblem {
  const { text, offset, line } = piece;
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : 'unreadable';
    const poisoned = /forbidden prototype/i.test(reason);
    return {
      kind: 'problem',
      condition: poisoned ? 'POISONED_KEY' : 'JSON_MALFORMED',
      message: poisoned
        ? `The record at line ${line} has a \`__proto__\` or \`constructor.prototype\` key; it is refused.`
        : `The record at line ${line} is not valid JSON (${reason.slice(0, 200)}); it is skipped.`,
      raw: text,
      offset,
      line,
    };
  }
  const refusal = refusalOf(value);
  if (refusal === null)
    return { kind: 'record', value: value as EventValue, raw: text, offset, line };
  return {
    kind: 'problem',
    condition: refusal === 'count' ? 'LIMIT_EXCEEDED' : 'POISONED_KEY',
    message:
      refusal === 'count'
        ? `The record at line ${line} holds more than ${MAX_JSON_LOG_VALUES} values; it is skipped.`
        : `The record at line ${line} has a \`${refusal}\` key; it is refused.`,
    raw: text,
    offset,
    line,
  };
}

/** The first refused key anywhere in the value, `count` past the value cap, or null. */
function refusalOf(value: unknown): string | null {
  const stack: unknown[] = [value];
  let values = 0;
  while (stack.length > 0) {
    const next = stack.pop();
    values += 1;
    if (values > MAX_JSON_LOG_VALUES) return 'count';
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      for (const item of next) stack.push(item);
      continue;
    }
    for (const [key, member] of Object.entries(next)) {
      if (REFUSED_KEYS.has(key)) return key;
      stack.push(member);
    }
  }
  return null;
}

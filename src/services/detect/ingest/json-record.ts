/**
 * One JSON event read from untrusted text (an NDJSON line, a syslog message body): parsed with
 * secure-json-parse so `__proto__` and `constructor.prototype` are refused, then checked for
 * depth and size before it becomes `EventData`.
 */
import secureJson from 'secure-json-parse';
import type { Diagnostic } from '../../../domain/diagnostic.js';
import type { EventData, LogReadItem } from '../../../domain/detection.js';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../../domain/detection.js';
import { MAX_JSON_DEPTH, MAX_JSON_RECORD_CHARS, MAX_JSON_VALUES } from './limits.js';

/** Where a record sits in its input, for its diagnostic. */
export interface RecordPlace {
  readonly source: string;
  readonly offset: number;
  readonly line?: number;
}

export type JsonRecordResult =
  | { readonly ok: true; readonly data: EventData }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/** A rejected item with its raw text cut to the dead-letter bound. */
export function rejectedItem(diagnostic: Diagnostic, raw?: string): LogReadItem {
  if (raw === undefined) return { kind: 'rejected', diagnostic };
  return { kind: 'rejected', diagnostic, raw: raw.slice(0, MAX_DEAD_LETTER_RAW_CHARS) };
}

export function ingestDiagnostic(place: RecordPlace, code: string, message: string): Diagnostic {
  const base = { source: place.source, offset: place.offset, code, severity: 'error' as const };
  return place.line === undefined ? { ...base, message } : { ...base, line: place.line, message };
}

/**
 * Parses one JSON object. `{"a":1}` gives `{ ok: true, data: { a: 1 } }`; `[1]`, `{"__proto__":{}}`
 * or text nested past `MAX_JSON_DEPTH` give a diagnostic (`WL_INGEST_JSON_*`).
 */
export function parseJsonRecord(text: string, place: RecordPlace): JsonRecordResult {
  const fail = (code: string, message: string): JsonRecordResult => ({
    ok: false,
    diagnostic: ingestDiagnostic(place, code, message),
  });
  if (text.length > MAX_JSON_RECORD_CHARS) {
    return fail('WL_INGEST_RECORD_TOO_LARGE', `record over ${MAX_JSON_RECORD_CHARS} characters`);
  }
  // Checked before parsing: a deep text would cost the native parser its stack.
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return fail('WL_INGEST_JSON_TOO_DEEP', `JSON nested more than ${MAX_JSON_DEPTH} deep`);
  }
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (cause) {
    const poisoned = cause instanceof Error && /prototype property/.test(cause.message);
    return poisoned
      ? fail('WL_INGEST_JSON_POISONED', 'the record carries a forbidden prototype key')
      : fail('WL_INGEST_JSON_MALFORMED', 'the record is not well-formed JSON');
  }
  return checkJsonObject(value, place);
}

/** A parsed value as an event's data: an object, within the value count. */
export function checkJsonObject(value: unknown, place: RecordPlace): JsonRecordResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      diagnostic: ingestDiagnostic(
        place,
        'WL_INGEST_JSON_NOT_OBJECT',
        'the record is not a JSON object',
      ),
    };
  }
  if (countValues(value) > MAX_JSON_VALUES) {
    return {
      ok: false,
      diagnostic: ingestDiagnostic(
        place,
        'WL_INGEST_RECORD_TOO_LARGE',
        `record holds more than ${MAX_JSON_VALUES} values`,
      ),
    };
  }
  return { ok: true, data: value as EventData };
}

/** Deepest bracket nesting outside strings; linear, no recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i += 1;
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) {
      depth -= 1;
    }
  }
  return max;
}

/** Values in a tree, counted iteratively, stopping once past the cap. */
function countValues(root: object): number {
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0 && count <= MAX_JSON_VALUES) {
    const value = stack.pop();
    count += 1;
    if (value !== null && typeof value === 'object') {
      for (const child of Object.values(value)) stack.push(child);
    }
  }
  return count;
}

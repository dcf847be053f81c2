import type { LogReadItem } from '../../domain/detection.js';
import type { LogLine } from './lines.js';
import { cutRaw } from './lines.js';

/** Faults of the line layer, shared by every line-oriented reader. */
export type LineFault = 'LINE_TOO_LONG' | 'ENCODING_INVALID';

/** Where a record sits: byte offset and one-based line. */
export interface RecordPlace {
  readonly offset: number;
  readonly line: number;
}

/** A rejected record: its diagnostic (always an error) and its text cut for the dead-letter store. */
export function rejectRecord(
  source: string,
  code: string,
  place: RecordPlace,
  message: string,
  raw: string,
): LogReadItem {
  return {
    kind: 'rejected',
    diagnostic: {
      source,
      offset: place.offset,
      line: place.line,
      code,
      severity: 'error',
      message,
    },
    raw: cutRaw(raw),
  };
}

/** A line that could not be read as text, rejected under `WL_<area>_…`. */
export function rejectLine(
  source: string,
  area: string,
  line: Exclude<LogLine, { kind: 'text' }>,
): LogReadItem {
  return line.kind === 'too-long'
    ? rejectRecord(
        source,
        `WL_${area}_LINE_TOO_LONG`,
        line,
        `line of ${String(line.bytes)} bytes is over the cap; skipped`,
        line.head,
      )
    : rejectRecord(
        source,
        `WL_${area}_ENCODING_INVALID`,
        line,
        'line is not valid UTF-8; skipped',
        line.head,
      );
}

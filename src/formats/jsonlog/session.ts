import type { LogReadItem } from '../../domain/detection.js';
import type { ArrayOutput } from './array-items.js';
import { ArrayItemScanner } from './array-items.js';
import { jsonLogEvent } from './event.js';
import { parseJsonRecord } from './json-record.js';
import { MAX_SNIFF_BYTES } from './limits.js';
import type { LogSession } from './line-session.js';
import { LineLogSession } from './line-session.js';
import type { LogLine } from './lines.js';
import { chunkBytes, decodeStrict, rawHead } from './lines.js';
import type { RecordPlace } from './reject.js';
import { rejectLine, rejectRecord } from './reject.js';

const AREA = 'JSONLOG';

/** One record's text as an event, or rejected with `WL_JSONLOG_<fault>`. */
function jsonLogItem(
  source: string,
  text: string,
  place: RecordPlace,
  position: string,
): LogReadItem {
  const parsed = parseJsonRecord(text);
  if (parsed.ok) return { kind: 'event', event: jsonLogEvent(parsed.data, source, position) };
  return rejectRecord(source, `WL_${AREA}_${parsed.fault}`, place, parsed.message, text);
}

function lineHandler(source: string): (line: LogLine) => LogReadItem | null {
  return (line) => {
    if (line.kind !== 'text') return rejectLine(source, AREA, line);
    if (line.text.trim() === '') return null;
    return jsonLogItem(source, line.text, line, `line ${String(line.line)}`);
  };
}

function arrayOutputItem(source: string, output: ArrayOutput): LogReadItem {
  if ('problem' in output) {
    return output.problem === 'TRUNCATED'
      ? rejectRecord(
          source,
          'WL_JSONLOG_TRUNCATED',
          output,
          'the input ends inside the JSON array',
          '',
        )
      : rejectRecord(
          source,
          'WL_JSONLOG_TRAILING_DATA',
          output,
          'data after the end of the JSON array is ignored',
          '',
        );
  }
  if (output.tooLong) {
    return rejectRecord(
      source,
      'WL_JSONLOG_LINE_TOO_LONG',
      output,
      `array item ${String(output.index)} of ${String(output.length)} bytes is over the cap; skipped`,
      rawHead(output.bytes),
    );
  }
  const text = decodeStrict(output.bytes);
  if (text === null) {
    return rejectRecord(
      source,
      'WL_JSONLOG_ENCODING_INVALID',
      output,
      `array item ${String(output.index)} is not valid UTF-8; skipped`,
      rawHead(output.bytes),
    );
  }
  return jsonLogItem(source, text, output, `item ${String(output.index)}`);
}

class ArraySession implements LogSession {
  private readonly scanner = new ArrayItemScanner();

  constructor(private readonly source: string) {}

  push(chunk: Uint8Array | string): LogReadItem[] {
    return this.scanner.push(chunkBytes(chunk)).map((o) => arrayOutputItem(this.source, o));
  }

  finish(): LogReadItem[] {
    return this.scanner.finish().map((o) => arrayOutputItem(this.source, o));
  }
}

const BOM = [0xef, 0xbb, 0xbf];
const isSpace = (b: number): boolean => b === 32 || b === 9 || b === 10 || b === 13;

/**
 * A JSON log of either layout, told apart by its first byte other than whitespace or a BOM: `[`
 * is one top-level array of records, anything else is JSON lines. Until that byte arrives the
 * chunks are held (at most `MAX_SNIFF_BYTES` of whitespace; past it, lines are assumed).
 */
export class JsonLogSession implements LogSession {
  private inner: LogSession | null = null;
  private held: Uint8Array[] = [];
  private seen = 0;

  constructor(private readonly source: string) {}

  push(chunk: Uint8Array | string): LogReadItem[] {
    if (this.inner !== null) return this.inner.push(chunk);
    const bytes = chunkBytes(chunk);
    const first = this.firstSignificant(bytes);
    this.held.push(typeof chunk === 'string' ? bytes : bytes.slice());
    this.seen += bytes.length;
    if (first === undefined && this.seen <= MAX_SNIFF_BYTES) return [];
    return this.start(first === '[' ? new ArraySession(this.source) : this.linesSession());
  }

  finish(): LogReadItem[] {
    const items = this.inner === null ? this.start(this.linesSession()) : [];
    return [...items, ...(this.inner ?? this.linesSession()).finish()];
  }

  private linesSession(): LogSession {
    return new LineLogSession(lineHandler(this.source));
  }

  private start(inner: LogSession): LogReadItem[] {
    this.inner = inner;
    const held = this.held;
    this.held = [];
    return held.flatMap((bytes) => inner.push(bytes));
  }

  private firstSignificant(bytes: Uint8Array): string | undefined {
    for (let i = 0; i < bytes.length; i += 1) {
      const b = bytes[i] ?? 0;
      const at = this.seen + i;
      if (!isSpace(b) && !(at < 3 && b === BOM[at])) return String.fromCharCode(b);
    }
    return undefined;
  }
}

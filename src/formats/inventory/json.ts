/**
 * JSON exports: an array of device objects (`[{…}, …]`), a ServiceNow-style wrapper
 * (`{"result": [...]}` from the Table API, `{"records": [...]}` from the JSONv2 export), or NDJSON
 * (one object per line). Arrays stream through @streamparser/json, one element in memory at a
 * time; NDJSON goes line by line through secure-json-parse, so a bad line costs only itself.
 * Objects with a `__proto__`, `constructor` or `prototype` key are refused.
 */
import { JSONParser, TokenType } from '@streamparser/json';
import secureJson from 'secure-json-parse';
import { WardlineError } from '../../domain/errors.js';
import { LineSplitter, type PhysicalLine } from './lines.js';
import { MAX_COLUMNS, MAX_RECORD_CHARS } from './limits.js';
import type { InputPosition, RowSink } from './sink.js';

/** Nesting inside one JSON element; device objects need two (ServiceNow reference fields). */
const MAX_JSON_DEPTH = 32;
const REFUSED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first refused key anywhere in the value, or null. */
function refusedKey(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null) continue;
    for (const key of Object.keys(next)) {
      if (REFUSED_KEYS.has(key)) return key;
      stack.push((next as JsonObject)[key]);
    }
  }
  return null;
}

/**
 * A JSON value as cell text: strings as they are, numbers and booleans printed, a ServiceNow
 * reference `{display_value, value}` by its display value, an array of scalars joined with `, `
 * (several IPs). Anything else is empty.
 */
function cellText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const scalars = value.filter((v) => typeof v === 'string' || typeof v === 'number');
    return scalars.length === value.length ? scalars.join(', ') : undefined;
  }
  if (isObject(value)) {
    const shown = value['display_value'] ?? value['value'];
    return typeof shown === 'string' ? shown : undefined;
  }
  return undefined;
}

function cellOf(object: JsonObject): (column: string) => string | undefined {
  return (column) => {
    if (Object.hasOwn(object, column)) return cellText(object[column]);
    const lower = column.toLowerCase();
    const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
    return key === undefined ? undefined : cellText(object[key]);
  };
}

/** Checks one element and hands it to the sink; the first one's keys are the header. */
function element(sink: RowSink, value: unknown, at: InputPosition, first: () => void): void {
  if (!isObject(value)) {
    sink.skipRow(`Line ${at.line}: the element is not a JSON object; it is skipped`, at);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length > MAX_COLUMNS) {
    sink.skipRow(
      `Line ${at.line}: the object has more than ${MAX_COLUMNS} keys; it is skipped`,
      at,
    );
    return;
  }
  const refused = refusedKey(value);
  if (refused !== null) {
    sink.skipRow(
      `Line ${at.line}: the object has a refused key ${JSON.stringify(refused)}; it is skipped`,
      at,
    );
    return;
  }
  first();
  sink.row(cellOf(value), at);
}

/** Tracks lines and characters over the UTF-8 bytes fed to the tokenizer. */
class ByteCounter {
  line = 1;
  chars = 0;
  private scanned = 0;
  private base = 0;
  private bytes: Uint8Array = new Uint8Array(0);

  next(bytes: Uint8Array): void {
    this.finish();
    this.base += this.bytes.length;
    this.bytes = bytes;
    this.scanned = 0;
  }

  /** Advances to the absolute byte offset (which lies in the current buffer). */
  to(offset: number): InputPosition {
    const end = Math.min(offset - this.base, this.bytes.length);
    for (let i = this.scanned; i < end; i += 1) {
      const b = this.bytes[i] ?? 0;
      if (b === 0x0a) this.line += 1;
      if ((b & 0xc0) !== 0x80) this.chars += b >= 0xf0 ? 2 : 1;
    }
    this.scanned = Math.max(this.scanned, end);
    return { line: this.line, offset: this.chars };
  }

  finish(): void {
    this.to(this.base + this.bytes.length);
  }
}

/** Streams the elements of a JSON array or of a `result`/`records` wrapper to the sink. */
export class JsonArrayReader {
  private readonly parser: JSONParser;
  private readonly counter = new ByteCounter();
  private depth = 0;
  private elementStart: InputPosition = { line: 1, offset: 0 };
  private elementStartByte = -1;
  private lastTokenByte = 0;
  private fedBytes = 0;
  private ended = false;
  private failed = false;
  private trailing = false;
  private elements = 0;
  private headerSent = false;

  constructor(
    private readonly sink: RowSink,
    private readonly source: string,
    private readonly root: '[' | '{',
  ) {
    const elementDepth = root === '[' ? 1 : 2;
    this.parser = new JSONParser({
      paths: root === '[' ? ['$.*'] : ['$.result.*', '$.records.*'],
      keepStack: false,
    });
    this.parser.onToken = ({ token, offset }) => {
      this.lastTokenByte = offset;
      if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
        this.depth += 1;
        if (this.depth === elementDepth + 1) {
          this.elementStartByte = offset;
          this.elementStart = this.counter.to(offset);
        }
        if (this.depth > MAX_JSON_DEPTH)
          this.fail('limit', `JSON nests more than ${MAX_JSON_DEPTH} deep`);
      } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
        if (this.depth === elementDepth + 1) this.elementStartByte = -1;
        this.depth -= 1;
      }
    };
    this.parser.onValue = ({ value }) => {
      if (this.failed) return;
      const at =
        typeof value === 'object' && value !== null
          ? this.elementStart
          : this.counter.to(this.lastTokenByte);
      this.elements += 1;
      element(this.sink, value, at, () => {
        this.sendHeader(isObject(value) ? Object.keys(value) : [], at);
      });
    };
    this.parser.onError = (error) => {
      if (this.ended && !this.trailing) {
        this.trailing = true;
        this.sink.diagnose(
          'WL_INVENTORY_ROW_MALFORMED',
          'warning',
          'Text after the end of the JSON document is ignored.',
          this.counter.to(this.lastTokenByte),
        );
        return;
      }
      this.fail('syntax', error.message);
    };
    this.parser.onEnd = () => {
      this.ended = true;
    };
  }

  push(text: string): void {
    if (this.failed || this.sink.stopped || text === '') return;
    if (this.ended) {
      if (text.trim() !== '' && !this.trailing) this.parser.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    this.counter.next(bytes);
    this.fedBytes += bytes.length;
    try {
      this.parser.write(bytes);
    } catch (error) {
      this.fail('syntax', error instanceof Error ? error.message : 'unreadable');
    }
    this.counter.finish();
    const held =
      this.fedBytes - (this.elementStartByte < 0 ? this.lastTokenByte : this.elementStartByte);
    if (held > MAX_RECORD_CHARS) {
      this.fail('limit', `one JSON element or value runs past ${MAX_RECORD_CHARS} bytes`);
    }
  }

  end(): void {
    if (!this.failed && !this.sink.stopped && !this.ended) {
      this.failed = true;
      this.sink.diagnose(
        'WL_INVENTORY_TRUNCATED',
        'error',
        `The JSON ends before its closing ${this.root === '[' ? ']' : '}'}; the ${this.elements} complete elements before the cut are kept.`,
        { line: this.counter.line, offset: this.counter.chars },
      );
    }
    if (this.root === '{' && this.elements === 0 && !this.sink.stopped) {
      throw new WardlineError(
        'WL_INVENTORY_UNREADABLE',
        'The JSON object holds no "result" or "records" array of devices.',
        { details: { source: this.source } },
      );
    }
    if (!this.sink.stopped) this.sendHeader([], { line: 1, offset: 0 });
  }

  private sendHeader(columns: readonly string[], at: InputPosition): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.sink.header('json', null, columns, at);
  }

  private fail(kind: 'syntax' | 'limit', reason: string): void {
    if (this.failed) return;
    this.failed = true;
    const at = this.counter.to(this.lastTokenByte);
    if (kind === 'limit') {
      this.sink.stop(reason, at);
      return;
    }
    this.sink.diagnose(
      'WL_INVENTORY_ROW_MALFORMED',
      'error',
      `The JSON is malformed near line ${at.line} (${reason}); the ${this.elements} elements before are kept and the rest is not read.`,
      at,
    );
  }
}

/** Reads NDJSON line by line; a bad line is one skipped row. */
export class NdjsonReader {
  private readonly lines = new LineSplitter();
  private headerSent = false;

  constructor(private readonly sink: RowSink) {}

  push(text: string): void {
    for (const line of this.lines.push(text)) this.line(line);
  }

  end(): void {
    for (const line of this.lines.end()) this.line(line);
    if (!this.headerSent && !this.sink.stopped) {
      this.headerSent = true;
      this.sink.header('ndjson', null, [], { line: 1, offset: 0 });
    }
  }

  private line(line: PhysicalLine): void {
    if (this.sink.stopped) return;
    if (line.tooLong) {
      this.sink.skipRow(`Line ${line.line} is longer than the line limit; it is skipped`, line);
      return;
    }
    if (line.text.trim() === '') return;
    let value: unknown;
    try {
      value = secureJson.parse(line.text, null, {
        protoAction: 'error',
        constructorAction: 'error',
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unreadable';
      this.sink.skipRow(`Line ${line.line} is not JSON (${reason}); it is skipped`, line);
      return;
    }
    element(this.sink, value, line, () => {
      if (this.headerSent) return;
      this.headerSent = true;
      this.sink.header('ndjson', null, isObject(value) ? Object.keys(value) : [], line);
    });
  }
}

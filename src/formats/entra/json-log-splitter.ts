/**
 * Cuts a JSON audit log into record texts without building the document: a root array's
 * elements, the elements of a wrapper array (`{"value": […]}`, `{"records": […]}`,
 * `{"entry": […]}`), a root object that is itself one record, or any run of these (NDJSON, or
 * documents written one after another). Each record's text is handed on whole and parsed by
 * itself, so a malformed or hostile record costs only itself.
 *
 * Why a splitter and not a streaming parser's value builder: a record must reach the dead-letter
 * store as the text it arrived as, one bad element must not end the read, and the builder must
 * never create what a cap refuses. The splitter only tracks strings, escapes and nesting depth;
 * the JSON grammar of each record is checked by `secure-json-parse` afterwards.
 *
 * Line mode: when the first line of the input is a whole object (`{…}`), the input is read as
 * NDJSON, and a line that ends before its record closes is rejected at the line break instead of
 * swallowing the lines after it.
 */
import {
  MAX_JSON_LOG_DEPTH,
  MAX_JSON_LOG_KEY_CHARS,
  MAX_JSON_LOG_RECORD_CHARS,
} from './json-log-limits.js';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';

/** Why a piece of the input could not become a record; each format maps these onto its codes. */
export type JsonLogCondition = 'JSON_MALFORMED' | 'TRUNCATED' | 'POISONED_KEY' | 'LIMIT_EXCEEDED';

/** Where a record or problem starts: character offset (zero-based) and line (one-based). */
export interface JsonLogPosition {
  readonly offset: number;
  readonly line: number;
}

/** A run of input the splitter could not use, with its text cut to the dead-letter bound. */
export interface JsonLogProblem extends JsonLogPosition {
  readonly kind: 'problem';
  readonly condition: JsonLogCondition;
  readonly message: string;
  readonly raw: string;
}

/** What the splitter hands on: one record's text, or a problem. */
export type JsonLogPiece =
  (JsonLogPosition & { readonly kind: 'text'; readonly text: string }) | JsonLogProblem;

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === NEWLINE;
}

interface Capture extends JsonLogPosition {
  parts: string[];
  chars: number;
  /** Depth of the container the record sits in (0 for a root object). */
  readonly baseDepth: number;
  /** The root object itself, ended when depth returns to 0, rather than an array element. */
  readonly root: boolean;
  oversized: boolean;
  tooDeep: boolean;
}

/** What the root value currently open is: an array of records, one record, or a wrapper. */
type Root = 'none' | 'array' | 'object' | 'wrapper';

/** One input's scanning state. Feed text with `push`, then call `end`. */
export class JsonLogSplitter {
  private chunkStart = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  private root: Root = 'none';
  /** The depth whose comma-separated items are records; 0 when none is open. */
  private itemLevel = 0;
  private capture: Capture | null = null;
  private garbage: Capture | null = null;
  /** Index in the current text from which the open capture continues. */
  private segmentStart = 0;
  private text = '';
  private expectKey = false;
  private keyOpen = false;
  private key = '';
  private afterColon = false;
  private out: JsonLogPiece[] = [];

  constructor(
    /** Root members whose array holds the records (`value`, `records`, `entry`). */
    private readonly wrapperKeys: ReadonlySet<string>,
    /** NDJSON: a record never spans a line break. */
    private readonly lineMode: boolean,
  ) {}

  /** Scans more text; returns the pieces it completed. */
  push(text: string): JsonLogPiece[] {
    this.text = text;
    this.segmentStart = 0;
    for (let i = 0; i < text.length; i += 1) this.step(text.charCodeAt(i), i);
    this.saveSegment(text.length);
    this.chunkStart += text.length;
    this.text = '';
    this.segmentStart = 0;
    return this.take();
  }

  /** Ends the input: a record or document still open is reported cut short. */
  end(): JsonLogPiece[] {
    if (this.garbage !== null) this.endGarbage(0);
    if (this.depth > 0 || this.inString) {
      const at = this.capture ?? { offset: this.chunkStart, line: this.line };
      const raw = this.capture === null ? '' : this.capture.parts.join('');
      this.problem(
        'TRUNCATED',
        `The input ends before the JSON value opened at line ${at.line} closes; the part read is not used.`,
        raw,
        at,
      );
      this.capture = null;
      this.resetRoot();
    }
    return this.take();
  }

  private take(): JsonLogPiece[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private step(c: number, i: number): void {
    if (c === NEWLINE) {
      this.newline(i);
      return;
    }
    if (this.inString) {
      this.stringChar(c);
      return;
    }
    if (this.garbage !== null) {
      if (c !== LBRACE && c !== LBRACKET) return;
      this.endGarbage(i);
    }
    if (isSpace(c)) return;
    if (this.depth === 0) this.atTop(c, i);
    else this.inRoot(c, i);
  }

  private newline(i: number): void {
    if (this.garbage !== null) this.endGarbage(i);
    if (this.lineMode && (this.depth > 0 || this.inString)) this.cutLine(i);
    this.line += 1;
  }

  private stringChar(c: number): void {
    if (this.escape) {
      this.escape = false;
    } else if (c === BACKSLASH) {
      this.escape = true;
    } else if (c === QUOTE) {
      this.inString = false;
      if (this.keyOpen) {
        this.keyOpen = false;
        this.expectKey = false;
      }
      return;
    }
    if (this.keyOpen && this.key.length < MAX_JSON_LOG_KEY_CHARS) {
      this.key += String.fromCharCode(c);
    }
  }

  private atTop(c: number, i: number): void {
    if (c === LBRACE) {
      this.root = 'object';
      this.depth = 1;
      this.expectKey = true;
      this.startCapture(i, true);
    } else if (c === LBRACKET) {
      this.root = 'array';
      this.depth = 1;
      this.itemLevel = 1;
    } else {
      this.garbage = this.newCapture(i, 0, false);
      this.segmentStart = i;
    }
  }

  private inRoot(c: number, i: number): void {
    if (this.startsItem(c)) this.startCapture(i, false);
    if (c === QUOTE) {
      this.inString = true;
      if (this.depth === 1 && this.expectKey && this.root !== 'array') {
        this.keyOpen = true;
        this.key = '';
      }
    } else if (c === LBRACE || c === LBRACKET) {
      this.open(c);
    } else if (c === RBRACE || c === RBRACKET) {
      this.close(i);
    } else if (c === COMMA) {
      this.comma(i);
    } else if (c === COLON && this.depth === 1) {
      this.afterColon = true;
    }
  }

  /** A character at the records' level, outside any record, that is not a separator. */
  private startsItem(c: number): boolean {
    return (
      this.itemLevel > 0 &&
      this.depth === this.itemLevel &&
      this.capture === null &&
      c !== COMMA &&
      c !== RBRACE &&
      c !== RBRACKET
    );
  }

  private open(c: number): void {
    const wrapper =
      this.depth === 1 &&
      this.afterColon &&
      c === LBRACKET &&
      (this.root === 'object' || this.root === 'wrapper') &&
      this.wrapperKeys.has(this.key);
    if (wrapper) {
      // The root is a wrapper, not a record: its elements are the records.
      this.root = 'wrapper';
      this.capture = null;
      this.itemLevel = 2;
    }
    this.afterColon = false;
    this.depth += 1;
    const capture = this.capture;
    if (capture !== null && this.depth - capture.baseDepth > MAX_JSON_LOG_DEPTH) {
      capture.tooDeep = true;
    }
  }

  private close(i: number): void {
    this.depth -= 1;
    if (this.itemLevel > 0 && this.depth === this.itemLevel - 1) {
      if (this.capture !== null && !this.capture.root) this.finishCapture(i);
      if (this.root === 'wrapper') this.itemLevel = 0;
    }
    if (this.depth === 0) {
      if (this.capture?.root === true) this.finishCapture(i + 1);
      this.resetRoot();
    }
  }

  private comma(i: number): void {
    if (this.itemLevel > 0 && this.depth === this.itemLevel && this.capture !== null) {
      this.finishCapture(i);
    }
    if (this.depth === 1 && this.root !== 'array') {
      this.expectKey = true;
      this.afterColon = false;
    }
  }

  private cutLine(i: number): void {
    const capture = this.capture;
    if (capture !== null) {
      this.saveSegment(i);
      this.problem(
        'JSON_MALFORMED',
        `Line ${capture.line} ends before its JSON value closes; the line is skipped.`,
        capture.parts.join(''),
        capture,
      );
    } else {
      this.problem(
        'JSON_MALFORMED',
        `Line ${this.line} ends inside a JSON value; the line is skipped.`,
        '',
        { offset: this.chunkStart + i, line: this.line },
      );
    }
    this.capture = null;
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.resetRoot();
  }

  private resetRoot(): void {
    this.root = 'none';
    this.itemLevel = 0;
    this.expectKey = false;
    this.keyOpen = false;
    this.afterColon = false;
    this.key = '';
  }

  private newCapture(i: number, baseDepth: number, root: boolean): Capture {
    return {
      parts: [],
      chars: 0,
      offset: this.chunkStart + i,
      line: this.line,
      baseDepth,
      root,
      oversized: false,
      tooDeep: false,
    };
  }

  private startCapture(i: number, root: boolean): void {
    this.capture = this.newCapture(i, root ? 0 : this.depth, root);
    this.segmentStart = i;
  }

  /** Moves the text scanned since the last save into the open capture or garbage run. */
  private saveSegment(end: number): void {
    const target = this.capture ?? this.garbage;
    if (target !== null && end > this.segmentStart) {
      append(target, this.text.slice(this.segmentStart, end));
    }
    this.segmentStart = end;
  }

  private finishCapture(end: number): void {
    const capture = this.capture;
    if (capture === null) return;
    this.saveSegment(end);
    this.capture = null;
    const text = capture.parts.join('');
    if (capture.oversized) {
      this.problem(
        'LIMIT_EXCEEDED',
        `The record at line ${capture.line} is longer than ${MAX_JSON_LOG_RECORD_CHARS} characters; it is skipped.`,
        text,
        capture,
      );
    } else if (capture.tooDeep) {
      this.problem(
        'LIMIT_EXCEEDED',
        `The record at line ${capture.line} nests more than ${MAX_JSON_LOG_DEPTH} deep; it is skipped.`,
        text,
        capture,
      );
    } else {
      this.out.push({
        kind: 'text',
        text: text.trimEnd(),
        offset: capture.offset,
        line: capture.line,
      });
    }
  }

  private endGarbage(end: number): void {
    const garbage = this.garbage;
    if (garbage === null) return;
    this.saveSegment(end);
    this.garbage = null;
    this.problem(
      'JSON_MALFORMED',
      `Text at line ${garbage.line} is not a JSON object or array; it is skipped.`,
      garbage.parts.join(''),
      garbage,
    );
  }

  private problem(
    condition: JsonLogCondition,
    message: string,
    raw: string,
    at: JsonLogPosition,
  ): void {
    this.out.push({
      kind: 'problem',
      condition,
      message,
      raw: raw.slice(0, MAX_DEAD_LETTER_RAW_CHARS),
      offset: at.offset,
      line: at.line,
    });
  }
}

/** Adds text to a capture; past the record cap only the dead-letter head is kept. */
function append(capture: Capture, piece: string): void {
  if (capture.oversized) return;
  capture.chars += piece.length;
  if (capture.chars <= MAX_JSON_LOG_RECORD_CHARS) {
    capture.parts.push(piece);
    return;
  }
  capture.oversized = true;
  capture.parts.push(piece.slice(0, MAX_DEAD_LETTER_RAW_CHARS));
  capture.parts = [capture.parts.join('').slice(0, MAX_DEAD_LETTER_RAW_CHARS)];
}

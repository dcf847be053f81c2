/**
 * Streams the records out of a large JSON feed (an NVD API page, the KEV catalog, a CVE record)
 * without holding the text or the whole tree: the root object's members are routed one by one,
 * the elements of a big array (`vulnerabilities`, or a root array) are built and handed over one
 * at a time, and members the parser does not read are tokenized and dropped.
 *
 * Built on `@streamparser/json`'s tokenizer rather than its `JSONParser` because the builder
 * here refuses `__proto__`/`constructor`/`prototype` keys, counts values and characters per
 * record, caps depth, and never builds what it skips. Objects are created without a prototype.
 */
import { Tokenizer, TokenType } from '@streamparser/json';
import type { ParsedTokenInfo } from '@streamparser/json';
import { WardlineError } from '../../domain/errors.js';

/** A JSON value as the reader builds it (objects without a prototype). */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** A JSON object as the reader builds it. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** What to do with a root member: hand over each array element, build it whole, or drop it. */
export type JsonRoute = 'stream' | 'keep' | 'skip';

/** The conditions the reader reports; each format maps them onto its own codes. */
export type JsonCondition = 'JSON_MALFORMED' | 'TRUNCATED' | 'POISONED_KEY' | 'LIMIT_EXCEEDED';

/** The caps one reader enforces. */
export interface JsonReaderLimits {
  readonly maxDocumentBytes: number;
  /** Bytes one string or number may span while the tokenizer holds it. */
  readonly maxTokenBytes: number;
  readonly maxDepth: number;
  readonly maxNodesPerRecord: number;
  readonly maxCharsPerRecord: number;
}

/** What a format parser tells the reader, and hears back from it. */
export interface JsonRecordHandler {
  /**
   * Where a root member goes. For a root array, called once with `''`: `stream` hands over each
   * element; anything else refuses the document.
   */
  route(key: string): JsonRoute;
  /** A streamed array element (`element` true) or a kept member's whole value. */
  record(key: string, value: JsonValue, offset: number, element: boolean): void;
  report(condition: JsonCondition, message: string, offset: number): void;
}

/** Keys that would reach `Object.prototype` if a consumer ever spread or merged the object. */
export const POISONED_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Size of the slices input is fed in, so the caps are checked often. */
const FEED_SLICE_BYTES = 64 * 1024;

type FrameState = 'key-or-end' | 'key' | 'colon' | 'value' | 'value-or-end' | 'comma-or-end';

interface Frame {
  readonly array: boolean;
  state: FrameState;
  key: string;
  /** `null` when this container is being skipped, not built. */
  readonly container: JsonObject | JsonValue[] | null;
  readonly role: 'root' | 'stream' | 'value';
}

interface RecordInProgress {
  readonly key: string;
  readonly offset: number;
  readonly element: boolean;
  nodes: number;
  chars: number;
  rejected: boolean;
}

/** One document's streaming state. Feed bytes with `write`, then call `end`. */
export class JsonRecordReader {
  stopped = false;
  private readonly tokenizer = new Tokenizer();
  private readonly stack: Frame[] = [];
  private current: RecordInProgress | null = null;
  private fatal: WardlineError | null = null;
  private rootDone = false;
  private sawToken = false;
  private ending = false;
  private fed = 0;
  private tokenEnd = 0;
  private offset = 0;

  constructor(
    /** Names the format in the message of a wholly unreadable input (`NVD API page`). */
    private readonly what: string,
    private readonly limits: JsonReaderLimits,
    private readonly handler: JsonRecordHandler,
  ) {
    this.tokenizer.onToken = (token) => {
      this.onToken(token);
    };
    this.tokenizer.onError = (error) => {
      this.onError(error.message);
    };
  }

  /** True once the root value has closed. */
  get complete(): boolean {
    return this.rootDone;
  }

  /** Feeds bytes. Throws `WardlineError('WL_IMPORT_UNREADABLE')` when the input is not JSON. */
  write(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length && !this.stopped; at += FEED_SLICE_BYTES) {
      const slice = bytes.subarray(at, at + FEED_SLICE_BYTES);
      if (this.fed + slice.length > this.limits.maxDocumentBytes) {
        this.stop(`the document is larger than ${this.limits.maxDocumentBytes} bytes`);
        return;
      }
      // Checked before feeding: the tokenizer holds an unfinished string whole.
      if (this.fed + slice.length - this.tokenEnd > this.limits.maxTokenBytes) {
        this.stop(`a string or number runs past ${this.limits.maxTokenBytes} bytes`);
        return;
      }
      this.fed += slice.length;
      this.tokenizer.write(slice);
      if (this.fatal !== null) throw this.fatal;
    }
  }

  /** Ends the input: reports a document cut short. Throws when no JSON was found at all. */
  end(): void {
    if (!this.stopped) {
      this.ending = true;
      this.tokenizer.end();
    }
    if (!this.sawToken && !this.stopped) this.fail('The input holds no JSON value.');
    if (this.fatal !== null) throw this.fatal;
    if (!this.rootDone && !this.stopped) {
      this.handler.report(
        'TRUNCATED',
        `The document ends before its root value closes, at byte ${this.fed}.`,
        this.fed,
      );
    }
  }

  private onToken(info: ParsedTokenInfo): void {
    if (this.stopped) return;
    this.sawToken = true;
    this.offset = info.offset;
    this.tokenEnd = info.offset + (typeof info.value === 'string' ? info.value.length : 1);
    const top = this.stack.at(-1);
    if (top === undefined) {
      this.onRootToken(info.token);
    } else if (
      typeof info.value === 'string' &&
      info.token === TokenType.STRING &&
      isKeyState(top)
    ) {
      this.onKey(top, info.value);
    } else if (!this.onPunctuation(top, info.token) && this.expectValue(top)) {
      this.onValue(top, info.token, info.value);
    }
  }

  /** `:` `,` `}` `]`; false for any other token. */
  private onPunctuation(top: Frame, token: TokenType): boolean {
    if (token === TokenType.COLON) {
      if (this.expect(top, top.state === 'colon', 'a colon')) top.state = 'value';
    } else if (token === TokenType.COMMA) {
      if (this.expect(top, top.state === 'comma-or-end', 'a comma')) {
        top.state = top.array ? 'value' : 'key';
      }
    } else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) {
      this.close(top, token === TokenType.RIGHT_BRACKET);
    } else {
      return false;
    }
    return true;
  }

  private onValue(top: Frame, token: TokenType, value: ParsedTokenInfo['value']): void {
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) {
      this.open(top, token === TokenType.LEFT_BRACKET);
    } else if (token !== TokenType.SEPARATOR) {
      this.place(top, value);
    }
  }

  private onRootToken(token: TokenType): void {
    if (this.rootDone) {
      this.handler.report(
        'JSON_MALFORMED',
        `Data after the end of the document at byte ${this.offset}.`,
        this.offset,
      );
      this.stopped = true;
      return;
    }
    if (token === TokenType.LEFT_BRACE) {
      this.stack.push({
        array: false,
        state: 'key-or-end',
        key: '',
        container: null,
        role: 'root',
      });
    } else if (token === TokenType.LEFT_BRACKET && this.handler.route('') === 'stream') {
      this.stack.push({
        array: true,
        state: 'value-or-end',
        key: '',
        container: null,
        role: 'stream',
      });
    } else {
      this.fail(`The ${this.what} is not a JSON object.`);
    }
  }

  private onKey(top: Frame, key: string): void {
    top.key = key;
    top.state = 'colon';
    if (!POISONED_KEYS.has(key)) return;
    const inRecord =
      this.current === null ? '' : ` The \`${this.current.key}\` record holding it is skipped.`;
    if (this.current !== null) this.current.rejected = true;
    this.handler.report(
      'POISONED_KEY',
      `A \`${key}\` key at byte ${this.offset} is refused.${inRecord}`,
      this.offset,
    );
  }

  private open(parent: Frame, array: boolean): void {
    if (this.stack.length > this.limits.maxDepth) {
      this.stop(`values nest more than ${this.limits.maxDepth} deep`);
      return;
    }
    let role: Frame['role'] = 'value';
    let build = false;
    if (parent.role === 'root') {
      const route = POISONED_KEYS.has(parent.key) ? 'skip' : this.handler.route(parent.key);
      if (route === 'stream' && array) role = 'stream';
      else if (route !== 'skip') build = this.begin(parent.key, false);
    } else if (parent.role === 'stream') {
      build = this.begin(parent.key, true);
    } else {
      build = parent.container !== null && this.count(0);
    }
    const container = build ? (array ? [] : (Object.create(null) as JsonObject)) : null;
    const state = array ? 'value-or-end' : 'key-or-end';
    // A streamed array keeps its member name: its elements are records under that key.
    const key = role === 'stream' ? parent.key : '';
    this.stack.push({ array, state, key, container, role });
  }

  private close(top: Frame, array: boolean): void {
    const canEnd = array
      ? top.state === 'value-or-end' || top.state === 'comma-or-end'
      : top.state === 'key-or-end' || top.state === 'comma-or-end';
    if (!this.expect(top, top.array === array && canEnd, array ? '`]`' : '`}`')) return;
    this.stack.pop();
    const parent = this.stack.at(-1);
    if (parent === undefined) {
      this.rootDone = true;
    } else if (top.role === 'stream') {
      parent.state = 'comma-or-end';
    } else {
      this.place(parent, top.container);
    }
  }

  /** A complete value (primitive, or a container just closed; `null` container when skipped). */
  private place(parent: Frame, value: JsonValue): void {
    parent.state = 'comma-or-end';
    if (isPrimitive(value) && !this.count(typeof value === 'string' ? value.length : 0)) return;
    if (parent.role === 'value') {
      this.attach(parent, value);
      return;
    }
    const element = parent.role === 'stream';
    if (this.current !== null) {
      this.finish(value);
    } else if (isPrimitive(value) && !POISONED_KEYS.has(parent.key)) {
      // A primitive root member (`"totalResults": 38`) or array element: no record was begun.
      if (element || this.handler.route(parent.key) !== 'skip') {
        this.handler.record(parent.key, value, this.offset, element);
      }
    }
  }

  /** Adds a value to the container being built, unless this part is skipped. */
  private attach(parent: Frame, value: JsonValue): void {
    if (parent.container === null || this.current?.rejected !== false) return;
    if (Array.isArray(parent.container)) parent.container.push(value);
    else parent.container[parent.key] = value;
  }

  private begin(key: string, element: boolean): boolean {
    this.current = { key, offset: this.offset, element, nodes: 0, chars: 0, rejected: false };
    return true;
  }

  private finish(value: JsonValue): void {
    const record = this.current;
    this.current = null;
    if (record === null || record.rejected) return;
    this.handler.record(record.key, value, record.offset, record.element);
  }

  /** Counts one value into the record being built; false once the record is rejected. */
  private count(chars: number): boolean {
    const record = this.current;
    if (record === null) return true;
    if (record.rejected) return false;
    record.nodes += 1;
    record.chars += chars;
    const { maxNodesPerRecord, maxCharsPerRecord } = this.limits;
    if (record.nodes <= maxNodesPerRecord && record.chars <= maxCharsPerRecord) return true;
    record.rejected = true;
    this.handler.report(
      'LIMIT_EXCEEDED',
      `The \`${record.key}\` record from byte ${record.offset} has more than ${maxNodesPerRecord} values or ${maxCharsPerRecord} characters; it is skipped.`,
      record.offset,
    );
    return false;
  }

  private expectValue(top: Frame): boolean {
    return this.expect(top, top.state === 'value' || top.state === 'value-or-end', 'a value');
  }

  /** Reports a grammar error and stops when `ok` is false; returns `ok`. */
  private expect(top: Frame, ok: boolean, what: string): boolean {
    if (ok) return true;
    const where = top.array ? 'an array' : 'an object';
    this.handler.report(
      'JSON_MALFORMED',
      `Unexpected ${what} in ${where} at byte ${this.offset}.`,
      this.offset,
    );
    this.stopped = true;
    return false;
  }

  private onError(message: string): void {
    if (this.stopped) return;
    if (!this.sawToken) {
      this.fail(`The ${this.what} is not JSON: ${message.replace(/ in state \w+$/, '')}`);
      return;
    }
    if (this.ending) {
      this.handler.report(
        'TRUNCATED',
        `The document ends inside a value at byte ${this.fed}.`,
        this.fed,
      );
    } else {
      this.handler.report(
        'JSON_MALFORMED',
        `Malformed JSON near byte ${this.offset}; reading stopped.`,
        this.offset,
      );
    }
    this.stopped = true;
  }

  private fail(message: string): void {
    this.fatal ??= new WardlineError('WL_IMPORT_UNREADABLE', message);
    this.stopped = true;
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.handler.report(
      'LIMIT_EXCEEDED',
      `Parsing stopped: ${reason}. Records before this point are kept.`,
      this.offset,
    );
    this.stopped = true;
  }
}

/** An object waiting for a member name (a string token here is a key, not a value). */
function isKeyState(frame: Frame): boolean {
  return !frame.array && (frame.state === 'key-or-end' || frame.state === 'key');
}

function isPrimitive(value: JsonValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** Runs `reader` over `bytes`, stopping early when it stops; then ends it. */
export async function readJsonRecords(
  reader: JsonRecordReader,
  bytes: AsyncIterable<Uint8Array>,
): Promise<void> {
  for await (const chunk of bytes) {
    reader.write(chunk);
    if (reader.stopped) break;
  }
  reader.end();
}

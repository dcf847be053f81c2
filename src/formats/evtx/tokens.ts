/**
 * BinXml tokens (MS-EVEN6 §2.2.12–2.2.17; libevtx "Binary XML"): a fragment is read into a flat
 * list of tokens. Template definitions are read once per chunk; template instances keep only
 * pointers to their substitution values, which are decoded when the record is rendered.
 */
import type { EventValue } from '../../domain/detection.js';
import { readUtf16, trimEndSpace } from './bytes.js';
import { inlineNameBytes, nameAt, type ChunkContext } from './chunk-context.js';
import { EvtxFormatError } from './errors.js';
import { CHUNK_BYTES, MAX_STRING_UNITS, MAX_SUBSTITUTIONS } from './limits.js';
import { decodeValue, VALUE_TYPE } from './values.js';

/** Where one substitution value lies in the chunk. */
export interface ValueSlot {
  readonly type: number;
  readonly at: number;
  readonly size: number;
}

export type Token =
  | { readonly op: 'open'; readonly name: string }
  | { readonly op: 'closeStart' }
  | { readonly op: 'closeEmpty' }
  | { readonly op: 'end' }
  | { readonly op: 'attr'; readonly name: string }
  | { readonly op: 'value'; readonly value: EventValue }
  | {
      readonly op: 'sub';
      readonly index: number;
      readonly optional: boolean;
      readonly type: number;
    }
  | { readonly op: 'instance'; readonly definition: number; readonly slots: readonly ValueSlot[] };

const CLOSE_START: Token = { op: 'closeStart' };
const CLOSE_EMPTY: Token = { op: 'closeEmpty' };
const END: Token = { op: 'end' };

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Reads a fragment's tokens in `[start, end)` of the chunk, up to its end-of-stream token. */
export class TokenReader {
  private pos: number;
  readonly tokens: Token[] = [];

  constructor(
    private readonly ctx: ChunkContext,
    start: number,
    private readonly end: number,
    /** Inside a BinXml substitution value, elements have no dependency identifier. */
    private readonly insideValue: boolean,
  ) {
    this.pos = start;
  }

  read(): Token[] {
    while (this.pos < this.end) {
      const byte = this.u8(this.pos);
      this.pos++;
      if (byte === 0x00) break;
      this.readToken(byte & 0xbf, (byte & 0x40) !== 0, this.pos - 1);
    }
    return this.tokens;
  }

  private need(bytes: number): void {
    if (this.pos + bytes > this.end) throw new EvtxFormatError('BinXml token cut short', this.pos);
  }

  private u8(at: number): number {
    return this.ctx.view.u8(at);
  }

  // eslint-disable-next-line complexity -- one case per BinXml token type
  private readToken(token: number, more: boolean, at: number): void {
    switch (token) {
      case 0x01:
        this.readOpen(more);
        return;
      case 0x02:
        this.tokens.push(CLOSE_START);
        return;
      case 0x03:
        this.tokens.push(CLOSE_EMPTY);
        return;
      case 0x04:
        this.tokens.push(END);
        return;
      case 0x05:
        this.tokens.push({ op: 'value', value: this.readValue() });
        return;
      case 0x06:
        this.tokens.push({ op: 'attr', name: this.readName() });
        return;
      case 0x07:
        this.tokens.push({ op: 'value', value: this.readCountedString() });
        return;
      case 0x08:
        this.need(2);
        this.tokens.push({ op: 'value', value: String.fromCharCode(this.ctx.view.u16(this.pos)) });
        this.pos += 2;
        return;
      case 0x09:
        this.tokens.push({ op: 'value', value: entityText(this.readName()) });
        return;
      case 0x0a:
        this.readName();
        return;
      case 0x0b:
        this.readCountedString();
        return;
      case 0x0c:
        this.readInstance();
        return;
      case 0x0d:
      case 0x0e:
        this.need(3);
        this.tokens.push({
          op: 'sub',
          index: this.ctx.view.u16(this.pos),
          type: this.u8(this.pos + 2),
          optional: token === 0x0e,
        });
        this.pos += 3;
        return;
      case 0x0f:
        this.need(3);
        this.pos += 3;
        return;
      default:
        throw new EvtxFormatError(`unknown BinXml token 0x${token.toString(16)}`, at);
    }
  }

  private readOpen(hasAttributes: boolean): void {
    const start = this.pos;
    let skipDependency = !this.insideValue;
    if (skipDependency) {
      this.need(6);
      // Some writers leave out the dependency identifier: a data size past the chunk shows it.
      if (this.ctx.view.u32(this.pos + 2) >= CHUNK_BYTES) skipDependency = false;
    }
    this.pos = start + (skipDependency ? 2 : 0) + 4;
    const name = this.readName();
    if (hasAttributes) {
      this.need(4);
      this.pos += 4;
    }
    this.tokens.push({ op: 'open', name });
  }

  /** A name reference: its chunk offset, and the structure itself when it is written inline. */
  private readName(): string {
    this.need(4);
    const offset = this.ctx.view.u32(this.pos);
    this.pos += 4;
    if (offset === this.pos) {
      const bytes = inlineNameBytes(this.ctx.view, offset);
      this.need(bytes);
      this.pos += bytes;
    }
    return nameAt(this.ctx, offset);
  }

  private readCountedString(): string {
    this.need(2);
    const units = this.ctx.view.u16(this.pos);
    this.pos += 2;
    this.need(2 * units);
    const text = readUtf16(this.ctx.view.bytes, this.pos, Math.min(units, MAX_STRING_UNITS));
    this.pos += 2 * units;
    return trimEndSpace(text);
  }

  /** A value token's value: a counted string, or a fixed-size scalar. */
  private readValue(): EventValue {
    this.need(1);
    const type = this.u8(this.pos);
    this.pos++;
    if (type === VALUE_TYPE.string) return this.readCountedString();
    const size = FIXED_VALUE_SIZE[type];
    if (size === undefined) {
      throw new EvtxFormatError(`value token of type 0x${type.toString(16)}`, this.pos - 1);
    }
    this.need(size);
    const value = decodeValue(this.ctx.view, type, this.pos, size);
    this.pos += size;
    return value;
  }

  /** A template instance: definition (inline the first time), value descriptors, values. */
  private readInstance(): void {
    this.need(9);
    const definition = this.ctx.view.u32(this.pos + 5);
    this.pos += 9;
    if (definition === this.pos) {
      this.need(24);
      const size = this.ctx.view.u32(this.pos + 20);
      this.need(24 + size);
      this.pos += 24 + size;
    }
    this.need(4);
    const count = this.ctx.view.u32(this.pos);
    this.pos += 4;
    if (count > MAX_SUBSTITUTIONS) {
      throw new EvtxFormatError(`${String(count)} substitution values`, this.pos - 4);
    }
    this.need(4 * count);
    const slots: ValueSlot[] = [];
    let at = this.pos + 4 * count;
    for (let i = 0; i < count; i++) {
      const size = this.ctx.view.u16(this.pos + 4 * i);
      slots.push({ size, type: this.u8(this.pos + 4 * i + 2), at });
      at += size;
    }
    if (at > this.end) throw new EvtxFormatError('substitution values run past the record', at);
    this.pos = at;
    this.tokens.push({ op: 'instance', definition, slots });
  }
}

const FIXED_VALUE_SIZE: Readonly<Record<number, number>> = {
  0x00: 0,
  0x03: 1,
  0x04: 1,
  0x05: 2,
  0x06: 2,
  0x07: 4,
  0x08: 4,
  0x09: 8,
  0x0a: 8,
  0x0b: 4,
  0x0c: 8,
  0x0d: 4,
  0x0f: 16,
  0x11: 8,
  0x12: 16,
  0x14: 4,
  0x15: 8,
};

function entityText(name: string): string {
  return ENTITIES[name] ?? `&${name};`;
}

/**
 * Renders a record's tokens into evtx_dump JSON: template instances are expanded with their
 * substitution values, BinXml values are read and rendered in place, and the resulting XML events
 * feed the JSON builder. Depth, element nesting and the work per record are capped.
 */
import type { EventValue } from '../../domain/detection.js';
import type { ChunkContext, TemplateDefinition } from './chunk-context.js';
import { EvtxFormatError } from './errors.js';
import { EvtxJsonBuilder, valueText } from './json-builder.js';
import {
  MAX_BINXML_DEPTH,
  MAX_ELEMENT_DEPTH,
  MAX_TEMPLATES_PER_CHUNK,
  MAX_TOKENS_PER_RECORD,
} from './limits.js';
import { TokenReader, type Token, type ValueSlot } from './tokens.js';
import { decodeValue, VALUE_TYPE } from './values.js';

interface PendingElement {
  readonly name: string;
  readonly attributes: [string, EventValue][];
  /** The attribute waiting for its value. */
  attribute: string | null;
  /** A value was just given to the last attribute: more pieces are appended to it. */
  inValue: boolean;
}

/** The template definition at `offset` in the chunk, read once and cached. */
export function templateAt(ctx: ChunkContext, offset: number): TemplateDefinition {
  const cached = ctx.templates.get(offset);
  if (cached !== undefined) return cached;
  const view = ctx.view;
  if (offset < 0 || offset + 24 > view.length) {
    throw new EvtxFormatError('template definition outside the chunk', offset);
  }
  const end = Math.min(offset + 24 + view.u32(offset + 20), view.length);
  const definition = { tokens: new TokenReader(ctx, offset + 24, end, false).read() };
  if (ctx.templates.size < MAX_TEMPLATES_PER_CHUNK) ctx.templates.set(offset, definition);
  return definition;
}

export class RecordRenderer {
  readonly builder = new EvtxJsonBuilder();
  private pending: PendingElement | null = null;
  private work = 0;

  constructor(private readonly ctx: ChunkContext) {}

  render(tokens: readonly Token[], slots: readonly ValueSlot[] | null, depth: number): void {
    if (depth > MAX_BINXML_DEPTH) {
      throw new EvtxFormatError('templates nested too deep', 0);
    }
    this.work += tokens.length;
    if (this.work > MAX_TOKENS_PER_RECORD) {
      throw new EvtxFormatError('record expands to too many tokens', 0);
    }
    for (const token of tokens) this.renderToken(token, slots, depth);
  }

  private renderToken(token: Token, slots: readonly ValueSlot[] | null, depth: number): void {
    switch (token.op) {
      case 'open':
        this.pending = { name: token.name, attributes: [], attribute: null, inValue: false };
        return;
      case 'attr':
        if (this.pending) {
          this.pending.attribute = token.name;
          this.pending.inValue = false;
        }
        return;
      case 'closeStart':
        this.openPending();
        return;
      case 'closeEmpty':
        if (this.openPending()) this.builder.close();
        return;
      case 'end':
        this.builder.close();
        return;
      case 'value':
        this.emit(token.value);
        return;
      case 'sub':
        this.substitute(token.index, token.optional, token.type, slots, depth);
        return;
      case 'instance':
        this.render(templateAt(this.ctx, token.definition).tokens, token.slots, depth + 1);
        return;
    }
  }

  private openPending(): boolean {
    const element = this.pending;
    this.pending = null;
    if (element === null) return false;
    if (this.builder.depth >= MAX_ELEMENT_DEPTH) {
      throw new EvtxFormatError('elements nested too deep', 0);
    }
    this.builder.open(element.name, element.attributes);
    return true;
  }

  private emit(value: EventValue): void {
    const element = this.pending;
    if (element === null) {
      this.builder.text(value);
      return;
    }
    if (element.attribute !== null) {
      element.attributes.push([element.attribute, value]);
      element.attribute = null;
      element.inValue = true;
      return;
    }
    const last = element.attributes[element.attributes.length - 1];
    if (element.inValue && last !== undefined && value !== null) {
      last[1] = last[1] === null ? value : valueText(last[1]) + valueText(value);
    }
  }

  private substitute(
    index: number,
    optional: boolean,
    type: number,
    slots: readonly ValueSlot[] | null,
    depth: number,
  ): void {
    if (optional && type === VALUE_TYPE.null) return;
    const slot = slots?.[index];
    if (slot === undefined) {
      this.emit(null);
      return;
    }
    if (slot.type === VALUE_TYPE.binXml) {
      if (slot.size === 0) {
        this.emit(null);
        return;
      }
      const tokens = new TokenReader(this.ctx, slot.at, slot.at + slot.size, true).read();
      this.render(tokens, null, depth + 1);
      return;
    }
    this.emit(decodeValue(this.ctx.view, slot.type, slot.at, slot.size));
  }
}

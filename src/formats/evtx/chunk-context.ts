/** What one chunk shares among its records: its bytes, and its name and template caches. */
import type { ByteView } from './bytes.js';
import { readUtf16, trimEndSpace } from './bytes.js';
import { EvtxFormatError } from './errors.js';
import { MAX_NAME_UNITS, MAX_NAMES_PER_CHUNK } from './limits.js';
import type { Token } from './tokens.js';

/** A template definition's body, parsed once per chunk. */
export interface TemplateDefinition {
  readonly tokens: readonly Token[];
}

export interface ChunkContext {
  readonly view: ByteView;
  readonly names: Map<number, string>;
  readonly templates: Map<number, TemplateDefinition>;
}

export function createChunkContext(view: ByteView): ChunkContext {
  return { view, names: new Map(), templates: new Map() };
}

/**
 * The name (element, attribute or entity) whose string structure starts at `offset` in the
 * chunk: next-string offset (4), hash (2), character count (2), UTF-16LE characters, NUL.
 */
export function nameAt(ctx: ChunkContext, offset: number): string {
  const cached = ctx.names.get(offset);
  if (cached !== undefined) return cached;
  const view = ctx.view;
  if (offset < 0 || offset + 8 > view.length) {
    throw new EvtxFormatError('name offset outside the chunk', offset);
  }
  const units = view.u16(offset + 6);
  if (offset + 8 + 2 * units > view.length) {
    throw new EvtxFormatError('name runs past the chunk', offset);
  }
  const name = trimEndSpace(readUtf16(view.bytes, offset + 8, Math.min(units, MAX_NAME_UNITS)));
  if (ctx.names.size < MAX_NAMES_PER_CHUNK) ctx.names.set(offset, name);
  return name;
}

/** Bytes an inline name structure takes (header, characters and NUL). */
export function inlineNameBytes(view: ByteView, offset: number): number {
  if (offset + 8 > view.length) throw new EvtxFormatError('inline name cut short', offset);
  return 10 + 2 * view.u16(offset + 6);
}

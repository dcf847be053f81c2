/**
 * Targets' purls and CPE names, parsed once and kept for the next component that carries the same
 * text (fleets repeat popular packages). Bounded: each cache is emptied past `MAX_CACHED_TARGETS`.
 */
import { CpeParseError, parseCpe, type CpeName } from '../cpe/index.js';
import { MAX_CACHED_TARGETS } from './limits.js';
import { purlParts, type PurlParts } from './normalize.js';

const purls = new Map<string, PurlParts | null>();
const cpes = new Map<string, CpeName | null>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= MAX_CACHED_TARGETS) cache.clear();
  cache.set(key, value);
  return value;
}

/** `purlParts`, cached. */
export function targetPurl(purl: string): PurlParts | null {
  const cached = purls.get(purl);
  return cached !== undefined ? cached : remember(purls, purl, purlParts(purl));
}

/** `parseCpe`, cached; null when the text is not a CPE name. */
export function targetCpe(text: string): CpeName | null {
  const cached = cpes.get(text);
  if (cached !== undefined) return cached;
  const name = parseCpe(text);
  return remember(cpes, text, name instanceof CpeParseError ? null : name);
}

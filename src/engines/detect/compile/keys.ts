/**
 * Literal keys a rule can be looked up by: a set of (field, kind, key) such that whenever the
 * rule's detection holds, the event yields at least one of them. `eq` keys are a field's whole
 * value (lowercase; numbers written as JavaScript writes them); `base` keys are the last path
 * part of a value (`…\\cmd.exe` → `cmd.exe`); `sub` keys are a literal the (lowercase) value must
 * contain — the longest literal run of a pattern, after the value's modifiers (`windash`,
 * `base64offset`, `wide`… each variant gives its own key). A rule without such a set (its
 * condition needs a `not`, a regex, a comparison…) is tested on every event of its log source.
 */
import type {
  ConditionNode,
  FieldCondition,
  SearchNode,
  SigmaDetection,
  SigmaModifier,
  SigmaValue,
} from '../sigma/index.js';
import type { FieldView } from './context.js';
import { numberOf, patternsOf } from './field.js';
import { MAX_INDEX_KEYS, MAX_KEY_LITERAL_CHARS } from './limits.js';
import { ANY, normalizeTokens, type Token } from './sigma-string.js';
import type { CompileOptions } from './types.js';

export type KeyKind = 'eq' | 'base' | 'sub';

export interface IndexKey {
  readonly field: string;
  readonly kind: KeyKind;
  readonly key: string;
}

type Keys = readonly IndexKey[] | null;

/** Modifiers whose values are plain patterns (after rewriting), so a literal can be read off them. */
const KEYABLE: ReadonlySet<SigmaModifier> = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  'cased',
  'windash',
  'expand',
  'base64',
  'base64offset',
  'wide',
  'utf16',
  'utf16le',
  'utf16be',
]);

/** Fields whose values few rules tell apart (an event ID is shared by every rule of its log source). */
const WEAK_FIELDS: ReadonlySet<string> = new Set(['EventID', 'Channel', 'Provider_Name']);

// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/** A `cased` literal is compared lowercase only when lowercasing cannot depend on context (ASCII). */
function lowered(text: string, cased: boolean): string | null {
  if (!cased) return text;
  return ASCII.test(text) ? text.toLowerCase() : null;
}

/** `*\\name` (a file name, no further separator): a `base` key, or null. */
function baseKey(field: string, tokens: readonly Token[], cased: boolean): IndexKey | null {
  const [head, tail] = tokens;
  if (tokens.length !== 2 || head !== ANY || typeof tail !== 'string') return null;
  const rest = tail.slice(1);
  if (!(tail.startsWith('\\') || tail.startsWith('/')) || rest === '' || /[\\/]/.test(rest)) {
    return null;
  }
  const key = lowered(rest, cased);
  return key === null ? null : { field, kind: 'base', key };
}

/** The key of one pattern (tokens already shaped by the modifiers), or null when it gives none. */
function patternKey(field: string, raw: readonly Token[], cased: boolean): IndexKey | null {
  const tokens = normalizeTokens(raw);
  const [head] = tokens;
  if (tokens.length === 0) return { field, kind: 'eq', key: '' };
  if (tokens.length === 1 && typeof head === 'string') {
    return { field, kind: 'eq', key: cased ? head.toLowerCase() : head };
  }
  const base = baseKey(field, tokens, cased);
  if (base !== null) return base;
  let longest = '';
  for (const token of tokens) {
    if (typeof token === 'string' && token.length > longest.length) longest = token;
  }
  const key = longest === '' ? null : lowered(longest.slice(0, MAX_KEY_LITERAL_CHARS), cased);
  return key === null ? null : { field, kind: 'sub', key };
}

function valueKeys(
  field: string,
  value: SigmaValue,
  modifiers: readonly SigmaModifier[],
  options: CompileOptions,
): Keys {
  if (value === null) return null;
  if (typeof value === 'boolean') return [{ field, kind: 'eq', key: String(value) }];
  const shaping = modifiers.some((modifier) => modifier !== 'cased' && modifier !== 'all');
  if (typeof value === 'number' && !shaping) return [{ field, kind: 'eq', key: String(value) }];
  const cased = modifiers.includes('cased');
  const keys: IndexKey[] = [];
  for (const tokens of patternsOf(String(value), modifiers, options)) {
    const key = patternKey(field, tokens, cased);
    if (key === null) return null;
    keys.push(key);
    if (keys.length > MAX_INDEX_KEYS) return null;
  }
  return keys;
}

/** Keys of one field condition (`field` '' for keywords: any value of the event), or null. */
export function conditionKeys(condition: FieldCondition, options: CompileOptions = {}): Keys {
  const { field, modifiers, values } = condition;
  if (values.length === 0 || modifiers.some((modifier) => !KEYABLE.has(modifier))) return null;
  const each = values.map((value) => valueKeys(field, value, modifiers, options));
  return modifiers.includes('all') ? best(each) : union(each);
}

/** How much a key narrows: a whole value or file name most, a short literal or a weak field least. */
function weight(key: IndexKey): number {
  switch (key.kind) {
    case 'eq':
      return WEAK_FIELDS.has(key.field) ? 8 : 1;
    case 'base':
      return 1;
    case 'sub':
      return 1 + 12 / Math.max(key.key.length, 1) + (key.field === '' ? 2 : 0);
  }
}

function cost(keys: readonly IndexKey[]): number {
  let total = 0;
  for (const key of keys) total += weight(key);
  return total;
}

function best(options: readonly Keys[]): Keys {
  let chosen: Keys = null;
  for (const keys of options) {
    if (keys !== null && (chosen === null || cost(keys) < cost(chosen))) chosen = keys;
  }
  return chosen;
}

function union(options: readonly Keys[]): Keys {
  const out: IndexKey[] = [];
  for (const keys of options) {
    if (keys === null) return null;
    out.push(...keys);
    if (out.length > MAX_INDEX_KEYS) return null;
  }
  return out;
}

function searchKeys(node: SearchNode, options: CompileOptions): Keys {
  switch (node.kind) {
    case 'fields':
      return best(node.conditions.map((condition) => conditionKeys(condition, options)));
    case 'anyOf':
      return union(node.alternatives.map((alternative) => searchKeys(alternative, options)));
    case 'keywords':
      return conditionKeys({ field: '', modifiers: ['contains'], values: node.values }, options);
  }
}

function treeKeys(node: ConditionNode, searches: ReadonlyMap<string, Keys>): Keys {
  switch (node.kind) {
    case 'and':
      return best(node.children.map((child) => treeKeys(child, searches)));
    case 'or':
      return union(node.children.map((child) => treeKeys(child, searches)));
    case 'not':
      return null;
    case 'ref':
      return searches.get(node.name) ?? null;
    case 'of': {
      const keys = node.names.map((name) => searches.get(name) ?? null);
      return node.quantifier === 'all' ? best(keys) : union(keys);
    }
  }
}

/**
 * The keys a rule is indexed by, or null for a rule tested on every event of its log source.
 *
 * @example
 * detectionKeys(parsed `sel: { EventID: 4688, NewProcessName|endswith: '\\cmd.exe' }`)
 * // → [{ field: 'NewProcessName', kind: 'base', key: 'cmd.exe' }]
 */
export function detectionKeys(detection: SigmaDetection, options: CompileOptions = {}): Keys {
  const searches = new Map<string, Keys>();
  for (const [name, node] of detection.searches) searches.set(name, searchKeys(node, options));
  return treeKeys(detection.condition, searches);
}

/** The last part of a path: after the last `\` or `/`. */
export function baseName(text: string): string {
  const cut = Math.max(text.lastIndexOf('\\'), text.lastIndexOf('/'));
  return cut < 0 ? text : text.slice(cut + 1);
}

/** The keys an event's field yields for an `eq` or `base` index (`sub` keys are scanned for). */
export function eventKeys(view: FieldView, kind: 'eq' | 'base'): string[] {
  if (kind === 'base') return view.lower.map(baseName);
  const keys = [...view.lower];
  for (const scalar of view.scalars) {
    const number = numberOf(scalar);
    if (number !== undefined) keys.push(String(number));
  }
  return keys;
}

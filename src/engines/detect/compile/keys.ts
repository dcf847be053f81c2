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
import { patternsOf } from './field.js';
import { MAX_INDEX_KEYS, MAX_KEY_LITERAL_CHARS } from './limits.js';
import { regexLiterals } from './regex.js';
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

/** Values half the events may hold (`Initiated: 'true'`). */
const WEAK_VALUES: ReadonlySet<string> = new Set(['true', 'false', '0', '1', '-', '']);

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
  const key = longest === '' ? null : lowered(longest.slice(-MAX_KEY_LITERAL_CHARS), cased);
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

const REGEX_MODIFIERS: ReadonlySet<SigmaModifier> = new Set(['re', 'i', 'm', 's']);

/** `re` values: a literal each match contains (regex.ts), as a `sub` key. */
function regexKeys(field: string, values: readonly SigmaValue[], folded: boolean): Keys {
  const keys: IndexKey[] = [];
  for (const value of values) {
    if (typeof value !== 'string') return null;
    const literals = regexLiterals(value, { i: folded, m: false, s: false });
    if (literals === null) return null;
    for (const literal of literals) {
      keys.push({ field, kind: 'sub', key: literal.slice(-MAX_KEY_LITERAL_CHARS) });
    }
  }
  return keys.length > MAX_INDEX_KEYS ? null : keys;
}

/** Keys of one field condition (`field` '' for keywords: any value of the event), or null. */
export function conditionKeys(condition: FieldCondition, options: CompileOptions = {}): Keys {
  const { field, modifiers, values } = condition;
  if (values.length === 0) return null;
  if (modifiers.includes('re') && modifiers.every((modifier) => REGEX_MODIFIERS.has(modifier))) {
    return regexKeys(field, values, modifiers.includes('i'));
  }
  if (modifiers.some((modifier) => !KEYABLE.has(modifier))) return null;
  const each = values.map((value) => valueKeys(field, value, modifiers, options));
  return modifiers.includes('all') ? best(each, staticWeight) : union(each);
}

/** The estimated share of events yielding a key (lower narrows more); `sharedWeight` refines it. */
export type Weigh = (key: IndexKey) => number;

/**
 * A whole value or file name narrows most, a literal the more the longer it is; a field that
 * tells few events apart (an event ID, shared by every rule of its log source) narrows little.
 */
function baseWeight(key: IndexKey): number {
  switch (key.kind) {
    case 'eq':
      return WEAK_FIELDS.has(key.field) || WEAK_VALUES.has(key.key) ? 0.3 : 0.02;
    case 'base':
      return 0.02;
    case 'sub':
      return Math.min(1, 8 * 0.6 ** key.key.length) * (key.field === '' ? 2 : 1);
  }
}

export const staticWeight: Weigh = baseWeight;

/** A key's identity across rules. */
export function keyName(key: IndexKey): string {
  return `${key.kind}\u0000${key.field}\u0000${key.key}`;
}

/**
 * Weights that also count how many rules could be keyed by the same key: a value many rules
 * test (`Initiated: 'true'`, `Image|endswith: '\\cmd.exe'`, `.exe`) is a common one in events too.
 */
export function sharedWeight(counts: ReadonlyMap<string, number>): Weigh {
  return (key) => baseWeight(key) * (1 + (counts.get(keyName(key)) ?? 0) / 8);
}

function cost(keys: readonly IndexKey[], weigh: Weigh): number {
  let total = 0;
  for (const key of keys) total += weigh(key);
  return total;
}

function best(options: readonly Keys[], weigh: Weigh): Keys {
  let chosen: Keys = null;
  let chosenCost = Infinity;
  for (const keys of options) {
    if (keys === null) continue;
    const current = cost(keys, weigh);
    if (current < chosenCost) {
      chosen = keys;
      chosenCost = current;
    }
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

function searchKeys(node: SearchNode, options: CompileOptions, weigh: Weigh): Keys {
  switch (node.kind) {
    case 'fields':
      return best(
        node.conditions.map((condition) => conditionKeys(condition, options)),
        weigh,
      );
    case 'anyOf':
      return union(node.alternatives.map((alternative) => searchKeys(alternative, options, weigh)));
    case 'keywords':
      return conditionKeys({ field: '', modifiers: ['contains'], values: node.values }, options);
  }
}

function treeKeys(node: ConditionNode, searches: ReadonlyMap<string, Keys>, weigh: Weigh): Keys {
  switch (node.kind) {
    case 'and':
      return best(
        node.children.map((child) => treeKeys(child, searches, weigh)),
        weigh,
      );
    case 'or':
      return union(node.children.map((child) => treeKeys(child, searches, weigh)));
    case 'not':
      return null;
    case 'ref':
      return searches.get(node.name) ?? null;
    case 'of': {
      const keys = node.names.map((name) => searches.get(name) ?? null);
      return node.quantifier === 'all' ? best(keys, weigh) : union(keys);
    }
  }
}

/**
 * The keys a rule is indexed by, or null for a rule tested on every event of its log source.
 * Where a condition offers several key sets (AND), the one `weigh` rates least likely is taken.
 *
 * @example
 * detectionKeys(parsed `sel: { EventID: 4688, NewProcessName|endswith: '\\cmd.exe' }`)
 * // → [{ field: 'NewProcessName', kind: 'base', key: 'cmd.exe' }]
 */
export function detectionKeys(
  detection: SigmaDetection,
  options: CompileOptions = {},
  weigh: Weigh = staticWeight,
): Keys {
  const searches = new Map<string, Keys>();
  for (const [name, node] of detection.searches) {
    searches.set(name, searchKeys(node, options, weigh));
  }
  return treeKeys(detection.condition, searches, weigh);
}

function conditionsOf(node: SearchNode): FieldCondition[] {
  switch (node.kind) {
    case 'fields':
      return [...node.conditions];
    case 'anyOf':
      return node.alternatives.flatMap(conditionsOf);
    case 'keywords':
      return [];
  }
}

/** Every key any field condition of the rule offers (for counting how common a key is). */
export function offeredKeys(detection: SigmaDetection, options: CompileOptions = {}): Set<string> {
  const names = new Set<string>();
  for (const node of detection.searches.values()) {
    for (const condition of conditionsOf(node)) {
      for (const key of conditionKeys(condition, options) ?? []) names.add(keyName(key));
    }
  }
  return names;
}

/** The last part of a path: after the last `\` or `/`. */
export function baseName(text: string): string {
  const cut = Math.max(text.lastIndexOf('\\'), text.lastIndexOf('/'));
  return cut < 0 ? text : text.slice(cut + 1);
}

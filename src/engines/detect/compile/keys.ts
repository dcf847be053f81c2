/**
 * Literal keys a rule can be looked up by: a set of (field, kind, key) such that whenever the
 * rule's detection holds, the event yields at least one of them. `eq` keys are a field's whole
 * value (lowercase; numbers written as JavaScript writes them); `base` keys are the last path
 * part of a value (`…\cmd.exe` → `cmd.exe`); `gram` keys are four lowercase characters the value
 * must contain (from the longest literal run of a `contains`/`startswith`/`endswith`/wildcard
 * value), hashed to a number. A rule without such a set (its condition needs a
 * `not`, a keyword, a substring…) is tested on every event of its log source.
 */
import type { ConditionNode, FieldCondition, SearchNode, SigmaDetection } from '../sigma/index.js';
import type { FieldView } from './context.js';
import { numberOf } from './field.js';
import { MAX_INDEX_KEYS } from './limits.js';
import { ANY, normalizeTokens, parseSigmaString } from './sigma-string.js';

export type KeyKind = 'eq' | 'base' | 'gram';

export interface IndexKey {
  readonly field: string;
  readonly kind: KeyKind;
  readonly key: string;
}

type Keys = readonly IndexKey[] | null;

const INDEXABLE = new Set(['endswith', 'cased', 'all']);
const GRAMMABLE = new Set(['contains', 'startswith', 'endswith', 'cased', 'all']);
export const GRAM = 4;

/** The hash of four characters from `at` (collisions only add candidates). */
export function gramHash(text: string, at: number): number {
  return (
    (((text.charCodeAt(at) * 31 + text.charCodeAt(at + 1)) * 31 + text.charCodeAt(at + 2)) * 31 +
      text.charCodeAt(at + 3)) |
    0
  );
}

/** A gram key from the longest literal run of a value, or null when none is long enough. */
function gramKey(field: string, value: string): IndexKey | null {
  let longest = '';
  for (const token of parseSigmaString(value)) {
    if (typeof token === 'string' && token.length > longest.length) longest = token;
  }
  if (longest.length < GRAM) return null;
  return { field, kind: 'gram', key: String(gramHash(longest.toLowerCase(), 0)) };
}

function gramKeys(condition: FieldCondition): Keys {
  const { field, modifiers } = condition;
  if (field === '' || !modifiers.every((modifier) => GRAMMABLE.has(modifier))) return null;
  const values = modifiers.includes('all') ? condition.values.slice(0, 1) : condition.values;
  if (values.length === 0 || values.length > MAX_INDEX_KEYS) return null;
  const keys: IndexKey[] = [];
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    const key = gramKey(field, String(value));
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

function stringKey(field: string, value: string, endswith: boolean): IndexKey | null {
  const tokens = normalizeTokens(
    endswith ? [ANY, ...parseSigmaString(value)] : parseSigmaString(value),
  );
  const [head, tail] = tokens;
  if (tokens.length === 1 && typeof head === 'string') {
    return { field, kind: 'eq', key: head.toLowerCase() };
  }
  if (tokens.length === 2 && head === ANY && typeof tail === 'string') {
    const rest = tail.slice(1);
    if ((tail.startsWith('\\') || tail.startsWith('/')) && rest !== '' && !/[\\/]/.test(rest)) {
      return { field, kind: 'base', key: rest.toLowerCase() };
    }
  }
  return null;
}

/** Keys of one field condition, or null when it cannot be indexed. */
export function conditionKeys(condition: FieldCondition): Keys {
  return exactKeys(condition) ?? gramKeys(condition);
}

function exactKeys(condition: FieldCondition): Keys {
  const { field, modifiers } = condition;
  if (field === '' || !modifiers.every((modifier) => INDEXABLE.has(modifier))) return null;
  const values = modifiers.includes('all') ? condition.values.slice(0, 1) : condition.values;
  if (values.length === 0 || values.length > MAX_INDEX_KEYS) return null;
  const endswith = modifiers.includes('endswith');
  const keys: IndexKey[] = [];
  for (const value of values) {
    let key: IndexKey | null = null;
    if (typeof value === 'number' && !endswith) key = { field, kind: 'eq', key: String(value) };
    else if (typeof value === 'string') key = stringKey(field, value, endswith);
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

/** How much a key set narrows: fewer keys is better; EventID keys are shared by many rules. */
function cost(keys: readonly IndexKey[]): number {
  const grams = keys.some((key) => key.kind === 'gram') ? 4 : 1;
  return keys.length * grams + (keys.some((key) => key.field === 'EventID') ? 0.5 : 0);
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

function searchKeys(node: SearchNode): Keys {
  switch (node.kind) {
    case 'fields':
      return best(node.conditions.map(conditionKeys));
    case 'anyOf':
      return union(node.alternatives.map(searchKeys));
    case 'keywords':
      return null;
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
export function detectionKeys(detection: SigmaDetection): Keys {
  const searches = new Map<string, Keys>();
  for (const [name, node] of detection.searches) searches.set(name, searchKeys(node));
  return treeKeys(detection.condition, searches);
}

/** The last part of a path: after the last `\` or `/`. */
export function baseName(text: string): string {
  const cut = Math.max(text.lastIndexOf('\\'), text.lastIndexOf('/'));
  return cut < 0 ? text : text.slice(cut + 1);
}

/** The keys an event's field yields for one kind of index. */
export function eventKeys(view: FieldView, kind: KeyKind): string[] {
  if (kind === 'base') return view.lower.map(baseName);
  if (kind === 'gram') {
    const keys: string[] = [];
    for (const text of view.lower) {
      for (let at = 0; at + GRAM <= text.length; at += 1) keys.push(String(gramHash(text, at)));
    }
    return keys;
  }
  const keys = [...view.lower];
  for (const scalar of view.scalars) {
    const number = numberOf(scalar);
    if (number !== undefined) keys.push(String(number));
  }
  return keys;
}

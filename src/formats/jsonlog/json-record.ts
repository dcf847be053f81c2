import type { EventData, EventValue } from '../../domain/detection.js';
import { MAX_JSON_DEPTH, MAX_JSON_NODES } from './limits.js';

/** Why a JSON record was refused; each reader prefixes its own area (`WL_EVE_JSON_INVALID`). */
export type JsonFault =
  'JSON_INVALID' | 'KEY_REFUSED' | 'TOO_DEEP' | 'TOO_MANY_KEYS' | 'NOT_OBJECT';

export type JsonRecordResult =
  | { readonly ok: true; readonly data: EventData }
  | { readonly ok: false; readonly fault: JsonFault; readonly message: string };

/** Keys that reach `Object.prototype` when a consumer spreads or merges the object. */
const REFUSED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;

/** The deepest nesting in JSON text, counted before parsing; stops once past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return deepest;
}

type WalkFault = { fault: JsonFault; message: string } | null;

/** Counts nodes and looks for refused keys; depth is already known to be within the cap. */
function walk(value: unknown, budget: { nodes: number }): WalkFault {
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    budget.nodes -= value.length;
    if (budget.nodes < 0) return tooMany();
    for (const item of value) {
      const fault = walk(item, budget);
      if (fault !== null) return fault;
    }
    return null;
  }
  const keys = Object.keys(value);
  budget.nodes -= keys.length;
  if (budget.nodes < 0) return tooMany();
  for (const key of keys) {
    if (REFUSED_KEYS.has(key)) {
      return { fault: 'KEY_REFUSED', message: `a \`${key}\` key is refused (prototype pollution)` };
    }
    const fault = walk((value as Record<string, unknown>)[key], budget);
    if (fault !== null) return fault;
  }
  return null;
}

function tooMany(): WalkFault {
  return {
    fault: 'TOO_MANY_KEYS',
    message: `more than ${String(MAX_JSON_NODES)} members and elements in one record`,
  };
}

/**
 * One JSON record that must be an object, read with bounded depth and size. `__proto__` and
 * `constructor` keys are refused at any depth (`JSON.parse` keeps them as own properties, so they
 * are found by listing keys; nothing is ever merged before the check). Never throws.
 */
export function parseJsonRecord(text: string): JsonRecordResult {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return {
      ok: false,
      fault: 'TOO_DEEP',
      message: `values nest more than ${String(MAX_JSON_DEPTH)} deep`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return { ok: false, fault: 'JSON_INVALID', message: `not valid JSON: ${reason.slice(0, 200)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    return { ok: false, fault: 'NOT_OBJECT', message: `the record is ${kind}, not an object` };
  }
  const fault = walk(value, { nodes: MAX_JSON_NODES });
  if (fault !== null) return { ok: false, ...fault };
  return { ok: true, data: value as EventData };
}

/** A member of an object by path, or undefined. */
export function valueAt(data: EventData, path: readonly string[]): EventValue | undefined {
  let current: EventValue | undefined = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = Object.hasOwn(current, key) ? (current as EventData)[key] : undefined;
  }
  return current;
}

/**
 * Typed looks into parsed JSON: each returns `null` (or an empty list) for a value of the wrong
 * shape, so the mapping code reads untrusted trees without casts. Strings are cut to a cap.
 */
import { MAX_LIST_ITEMS, MAX_STRING_CHARS } from './limits.js';

/** A JSON object as `JSON.parse` builds it. */
export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member when it is an object. */
export function record(parent: JsonRecord | null, key: string): JsonRecord | null {
  const value = parent === null ? undefined : parent[key];
  return isRecord(value) ? value : null;
}

/** The member when it is an array, at most `MAX_LIST_ITEMS` of it. */
export function list(parent: JsonRecord | null, key: string): readonly unknown[] {
  const value = parent === null ? undefined : parent[key];
  if (!Array.isArray(value)) return [];
  return value.length > MAX_LIST_ITEMS ? value.slice(0, MAX_LIST_ITEMS) : (value as unknown[]);
}

/** The object members of an array member. */
export function records(parent: JsonRecord | null, key: string): readonly JsonRecord[] {
  return list(parent, key).filter(isRecord);
}

/** A non-empty trimmed string member, cut to `max` characters. */
export function text(
  parent: JsonRecord | null,
  key: string,
  max: number = MAX_STRING_CHARS,
): string | null {
  const value = parent === null ? undefined : parent[key];
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}

/** The non-empty string items of an array member, each cut to `MAX_STRING_CHARS`. */
export function texts(parent: JsonRecord | null, key: string): string[] {
  const out: string[] = [];
  for (const item of list(parent, key)) {
    if (typeof item !== 'string') continue;
    const trimmed = item.trim();
    if (trimmed !== '') out.push(trimmed.slice(0, MAX_STRING_CHARS));
  }
  return out;
}

/** A finite number member. */
export function numeric(parent: JsonRecord | null, key: string): number | null {
  const value = parent === null ? undefined : parent[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Items in first-seen order without repeats. */
export function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

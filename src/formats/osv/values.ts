/** Type-checked reads from untrusted plain values (parsed JSON or YAML). */
import { MAX_OSV_SHORT_TEXT } from './limits.js';

export type PlainObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The member `key` of an object, undefined when absent. */
export function member(object: PlainObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A string of at most `max` characters (short text by default), or null. */
export function shortText(value: unknown, max = MAX_OSV_SHORT_TEXT): string | null {
  return typeof value === 'string' && value.length <= max ? value : null;
}

/** The array at `key`, or empty. */
export function arrayAt(object: PlainObject, key: string): readonly unknown[] {
  const value = member(object, key);
  return Array.isArray(value) ? (value as unknown[]) : [];
}

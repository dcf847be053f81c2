/**
 * Reading values out of untrusted JSON built by `json-records.ts`: every accessor checks the type
 * and answers `null` or an empty list otherwise, so a mapper never trusts a field's shape.
 */
import type { JsonObject, JsonValue } from './json-records.js';

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object member `key` when `value` is an object and holds it. */
export function memberOf(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return isJsonObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The string at `key`, or null when absent or not a string. */
export function stringAt(value: JsonValue | undefined, key: string): string | null {
  const found = memberOf(value, key);
  return typeof found === 'string' ? found : null;
}

/** The number at `key`, or null when absent or not a finite number. */
export function numberAt(value: JsonValue | undefined, key: string): number | null {
  const found = memberOf(value, key);
  return typeof found === 'number' && Number.isFinite(found) ? found : null;
}

/** The boolean at `key`, or null. */
export function booleanAt(value: JsonValue | undefined, key: string): boolean | null {
  const found = memberOf(value, key);
  return typeof found === 'boolean' ? found : null;
}

/** The objects in the array at `key` (other elements dropped); empty when not an array. */
export function objectsAt(value: JsonValue | undefined, key: string): JsonObject[] {
  const found = memberOf(value, key);
  return Array.isArray(found) ? found.filter(isJsonObject) : [];
}

/** The strings in the array at `key` (other elements dropped). */
export function stringsAt(value: JsonValue | undefined, key: string): string[] {
  const found = memberOf(value, key);
  return Array.isArray(found)
    ? found.filter((item): item is string => typeof item === 'string')
    : [];
}

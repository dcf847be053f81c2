/** Plain lookups in JSON events: a direct key, then a dotted path into nested objects. */
import type { EventData, EventValue } from '../../../domain/detection.js';
import { MAX_PATH_PARTS } from './limits.js';

/** Reads one key of a JSON object only (never the prototype). */
export function own(value: EventValue | undefined, key: string): EventValue | undefined {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const record = value as { readonly [key: string]: EventValue };
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Follows `a.b.c` through objects; an array on the way yields the values of every element
 * (flattened), so `answers.name` finds each answer's name.
 */
export function dotted(
  data: EventValue | undefined,
  parts: readonly string[],
): EventValue | undefined {
  let current: EventValue | undefined = data;
  for (const [index, part] of parts.entries()) {
    if (Array.isArray(current)) {
      const rest = parts.slice(index);
      const found: EventValue[] = [];
      for (const item of current as readonly EventValue[]) {
        const value = dotted(item, rest);
        if (value !== undefined) found.push(value);
      }
      return found.length === 0 ? undefined : found;
    }
    current = own(current, part);
    if (current === undefined) return undefined;
  }
  return current;
}

/** A lookup function for one field name: a direct key, else the dotted path. */
export type Accessor = (data: EventData) => EventValue | undefined;

/**
 * The direct-then-dotted accessor.
 *
 * @example
 * directOrDotted('id.orig_h')({ 'id.orig_h': '10.0.0.1' }) // → '10.0.0.1'
 * directOrDotted('src.ip')({ src: { ip: '10.0.0.1' } })     // → '10.0.0.1'
 */
export function directOrDotted(field: string): Accessor {
  const parts = field.split('.');
  if (parts.length === 1 || parts.length > MAX_PATH_PARTS) {
    return (data) => own(data, field);
  }
  return (data) => {
    const direct = own(data, field);
    return direct !== undefined ? direct : dotted(data, parts);
  };
}

import type { EventData, EventValue } from '../api/detect-types';

/** One field of an event as the key/value view lists it: a dotted path and its text. */
export interface EventField {
  readonly path: string;
  readonly value: string;
}

/** An event may carry anything a source sent; the view shows a bounded part of it. */
export const EVENT_VIEW_LIMITS = {
  fields: 400,
  depth: 12,
  valueChars: 2_000,
} as const;

export interface FlattenedEvent {
  readonly fields: readonly EventField[];
  /** True when fields, depth or values were cut to the limits. */
  readonly truncated: boolean;
}

function scalarText(value: string | number | boolean | null): string {
  return value === null ? 'null' : String(value);
}

function isList(value: EventValue): value is readonly EventValue[] {
  return Array.isArray(value);
}

/**
 * The leaves of an event as `Event.EventData.CommandLine`-style paths (array items as `[i]`), in
 * the order the event lists them, cut to `EVENT_VIEW_LIMITS`.
 */
export function flattenEvent(data: EventData): FlattenedEvent {
  const fields: EventField[] = [];
  let truncated = false;
  const visit = (value: EventValue, path: string, depth: number): void => {
    if (fields.length >= EVENT_VIEW_LIMITS.fields) {
      truncated = true;
      return;
    }
    if (value === null || typeof value !== 'object') {
      const text = scalarText(value);
      if (text.length > EVENT_VIEW_LIMITS.valueChars) truncated = true;
      fields.push({ path, value: text.slice(0, EVENT_VIEW_LIMITS.valueChars) });
      return;
    }
    if (depth >= EVENT_VIEW_LIMITS.depth) {
      truncated = true;
      fields.push({ path, value: '…' });
      return;
    }
    const entries = isList(value)
      ? value.map((item, index): [string, EventValue] => [`[${String(index)}]`, item])
      : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = key.startsWith('[') || path === '' ? `${path}${key}` : `${path}.${key}`;
      visit(child, childPath, depth + 1);
    }
  };
  for (const [key, value] of Object.entries(data)) visit(value, key, 1);
  return { fields, truncated };
}

/** Reading values out of an event without trusting its shape. */
import type { EventData, EventValue } from '../../../domain/detection.js';

export type EventRecord = { readonly [key: string]: EventValue };

export function isRecord(value: EventValue | undefined): value is EventRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path of own keys; undefined as soon as a step is not a record. */
export function at(data: EventData, ...path: readonly string[]): EventValue | undefined {
  let current: EventValue | undefined = data;
  for (const key of path) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** One own key of a record; undefined when the value is not a record or lacks the key. */
export function child(value: EventValue | undefined, key: string): EventValue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as EventRecord;
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A non-empty string, or a finite number written as text; undefined otherwise. */
export function text(value: EventValue | undefined): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A whole number given as a number or as decimal text (`"4688"`). */
export function integer(value: EventValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/** The first of several values that reads as text. */
export function firstText(values: readonly (EventValue | undefined)[]): string | undefined {
  for (const value of values) {
    const found = text(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether the record has every one of these own keys. */
export function hasAll(data: EventData, keys: readonly string[]): boolean {
  return keys.every((key) => Object.hasOwn(data, key));
}

/** Only the members that are set, so optional properties stay absent rather than undefined. */
export function optional<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

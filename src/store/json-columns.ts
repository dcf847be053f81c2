/**
 * Reading and writing the portable column encodings: JSON text, 0/1 flags. Stored JSON is read
 * as `unknown` and narrowed, so a hand-edited or older row cannot smuggle a wrong shape upward.
 */
import { WardlineError } from '../domain/errors.js';

/** Parses a JSON text column; malformed text is a store fault, reported with the column name. */
export function readJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new WardlineError('WL_INTERNAL', `Stored value of ${column} is not valid JSON.`, {
      cause,
      details: { column },
    });
  }
}

function malformed(column: string, expected: string): WardlineError {
  return new WardlineError('WL_INTERNAL', `Stored value of ${column} is not ${expected}.`, {
    details: { column },
  });
}

/** A JSON array of strings. */
export function readStringArray(text: string, column: string): string[] {
  const value = readJson(text, column);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw malformed(column, 'a JSON array of strings');
  }
  return value;
}

/** A JSON object (not an array, not null). */
export function readJsonObject(text: string, column: string): Record<string, unknown> {
  const value = readJson(text, column);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw malformed(column, 'a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Serializes a value for a JSON text column. */
export function writeJson(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError('Cannot store a value JSON has no form for.');
  return text;
}

/** A boolean as the 0/1 integer both dialects store. */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

/** A 0/1 integer column as a boolean. */
export function fromFlag(value: number): boolean {
  return value !== 0;
}

/** Narrows a text column to one of a closed set of values. */
export function readEnum<T extends string>(
  value: string,
  allowed: readonly T[],
  column: string,
): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw malformed(column, `one of ${allowed.join(', ')}`);
}

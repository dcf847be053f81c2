/**
 * The seeded randomness and clock of the demo's day of logs: the same seed writes the same bytes.
 */
import { DEMO_LOG_DAY } from '../../src/services/demo/demo-story.js';

/** A small seeded generator (mulberry32): deterministic, good enough for background noise. */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** A whole number in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
  /** A GUID in braces, as Windows writes them. */
  guid(): string;
  /** A UUID without braces. */
  uuid(): string;
}

export function random(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const hex = (n: number): string =>
    Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
  const uuid = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    hex,
    uuid,
    guid: () => `{${uuid()}}`,
  };
}

/** Seconds since midnight of the demo day, as `hh:mm:ss` → seconds. */
export function clock(hms: string): number {
  const [h = 0, m = 0, s = 0] = hms.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

/** An instant of the demo day (seconds since midnight, fractions kept to the millisecond), ISO. */
export function iso(seconds: number): string {
  return new Date(
    Date.parse(`${DEMO_LOG_DAY}T00:00:00.000Z`) + Math.round(seconds * 1000),
  ).toISOString();
}

/** Unix epoch seconds of an instant of the demo day. */
export function epoch(seconds: number): number {
  return Date.parse(`${DEMO_LOG_DAY}T00:00:00.000Z`) / 1000 + seconds;
}

/** Something that happened at a time of the day; files sort their records by it. */
export interface Timed {
  readonly t: number;
}

export function byTime<T extends Timed>(items: T[]): T[] {
  return items.sort((a, b) => a.t - b.t);
}

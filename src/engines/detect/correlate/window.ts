/**
 * One group's window: its hits ordered by event time (arrival order among equal times), with the
 * counts each correlation type needs kept as hits come and go.
 */
import type { LogEvent } from '../../../domain/detection.js';
import {
  MAX_DISTINCT_VALUES_PER_GROUP,
  MAX_ENTRIES_PER_GROUP,
  MAX_EVENTS_PER_DETECTION,
} from './limits.js';

export interface WindowEntry {
  readonly time: number;
  /** Kept only while the group holds fewer than `MAX_EVENTS_PER_DETECTION` events. */
  event: LogEvent | undefined;
  /** Indexes of the correlation's rule references this hit answers. */
  readonly refs: readonly number[];
  /** The counted field's value, for `value_count`. */
  readonly value: string | undefined;
}

export class GroupWindow {
  /** Live entries are `entries[head…]`, in time order. */
  private entries: (WindowEntry | undefined)[] = [];
  private head = 0;
  private storedEvents = 0;
  private readonly refCounts: number[];
  private readonly values = new Map<string, number>();
  /** Every hit the window took, dropped ones included (counts for closing conditions). */
  total = 0;

  constructor(
    readonly key: string,
    readonly groupKey: string,
    readonly groupValues: ReadonlyMap<string, string>,
    readonly start: number,
    refCount: number,
  ) {
    this.refCounts = new Array<number>(refCount).fill(0);
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  get newest(): number {
    return this.entries.at(-1)?.time ?? this.start;
  }

  get oldest(): number {
    return this.entries[this.head]?.time ?? this.start;
  }

  /** Adds a hit in time order; returns how many entries the group cap dropped (0 or 1). */
  add(time: number, event: LogEvent, refs: readonly number[], value: string | undefined): number {
    const keep = this.storedEvents < MAX_EVENTS_PER_DETECTION;
    if (keep) this.storedEvents += 1;
    const entry: WindowEntry = { time, event: keep ? event : undefined, refs, value };
    this.insert(entry);
    for (const ref of refs) this.refCounts[ref] = (this.refCounts[ref] ?? 0) + 1;
    if (value !== undefined) this.countValue(value);
    this.total += 1;
    if (this.size <= MAX_ENTRIES_PER_GROUP) return 0;
    this.removeOldest();
    return 1;
  }

  private countValue(value: string): void {
    const seen = this.values.get(value);
    if (seen !== undefined) this.values.set(value, seen + 1);
    else if (this.values.size < MAX_DISTINCT_VALUES_PER_GROUP) this.values.set(value, 1);
  }

  private insert(entry: WindowEntry): void {
    const last = this.entries.at(-1);
    if (this.size === 0 || last === undefined || last.time <= entry.time) {
      this.entries.push(entry);
      return;
    }
    let low = this.head;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.entries[middle]?.time ?? 0) <= entry.time) low = middle + 1;
      else high = middle;
    }
    this.entries.splice(low, 0, entry);
  }

  private removeOldest(): void {
    const entry = this.entries[this.head];
    if (entry === undefined) return;
    this.entries[this.head] = undefined;
    this.head += 1;
    if (entry.event !== undefined) this.storedEvents -= 1;
    for (const ref of entry.refs) this.refCounts[ref] = (this.refCounts[ref] ?? 1) - 1;
    if (entry.value !== undefined) {
      const seen = this.values.get(entry.value);
      if (seen === 1) this.values.delete(entry.value);
      else if (seen !== undefined) this.values.set(entry.value, seen - 1);
    }
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Drops entries older than `time`; returns how many went. */
  dropBefore(time: number): number {
    let dropped = 0;
    while (this.size > 0 && this.oldest < time) {
      this.removeOldest();
      dropped += 1;
    }
    return dropped;
  }

  /** Hits in the window (sliding) — the number of entries held. */
  get count(): number {
    return this.size;
  }

  get distinctValues(): number {
    return this.values.size;
  }

  /** How many of the rule references have a hit in the window. */
  get distinctRefs(): number {
    return this.refCounts.filter((count) => count > 0).length;
  }

  /**
   * The longest prefix of the rule references found in order: a hit for the first, a later (or
   * equal-time, later-arrived) hit for the second, and so on. Greedy earliest matching finds it.
   */
  orderedRefs(refTotal: number): number {
    let next = 0;
    for (let i = this.head; i < this.entries.length && next < refTotal; i += 1) {
      if (this.entries[i]?.refs.includes(next) === true) next += 1;
    }
    return next;
  }

  /** The events kept, oldest first. */
  events(): LogEvent[] {
    const out: LogEvent[] = [];
    for (let i = this.head; i < this.entries.length; i += 1) {
      const event = this.entries[i]?.event;
      if (event !== undefined) out.push(event);
    }
    return out;
  }
}

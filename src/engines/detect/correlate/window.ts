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
  /** Hits per rule reference; made on the first hit that answers one. */
  private refCounts: number[] | undefined;
  /** Hits per counted value (`value_count` only); made on the first value. */
  private values: Map<string, number> | undefined;
  /** Every hit the window took, dropped ones included (counts for closing conditions). */
  total = 0;

  constructor(
    readonly key: string,
    readonly groupKey: string,
    readonly groupValues: ReadonlyMap<string, string>,
    readonly start: number,
    private readonly refCount: number,
  ) {}

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
    if (refs.length > 0) {
      const counts = (this.refCounts ??= new Array<number>(this.refCount).fill(0));
      for (const ref of refs) counts[ref] = (counts[ref] ?? 0) + 1;
    }
    if (value !== undefined) this.countValue(value);
    this.total += 1;
    if (this.size <= MAX_ENTRIES_PER_GROUP) return 0;
    this.removeOldest();
    return 1;
  }

  private countValue(value: string): void {
    const values = (this.values ??= new Map<string, number>());
    const seen = values.get(value);
    if (seen !== undefined) values.set(value, seen + 1);
    else if (values.size < MAX_DISTINCT_VALUES_PER_GROUP) values.set(value, 1);
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
    const counts = this.refCounts;
    if (counts !== undefined) for (const ref of entry.refs) counts[ref] = (counts[ref] ?? 1) - 1;
    if (entry.value !== undefined) this.uncountValue(entry.value);
    if (this.head > 64 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  private uncountValue(value: string): void {
    const seen = this.values?.get(value);
    if (seen === 1) this.values?.delete(value);
    else if (seen !== undefined) this.values?.set(value, seen - 1);
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
    return this.values?.size ?? 0;
  }

  /** How many of the rule references have a hit in the window. */
  get distinctRefs(): number {
    return this.refCounts?.filter((count) => count > 0).length ?? 0;
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

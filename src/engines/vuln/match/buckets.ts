/** A map from key to entries, with removal of one advisory's entries by slot. */
import { EndOrder } from './ends.js';
import type { CpeEntry } from './types.js';

export class Buckets<E extends { readonly slot: number }> {
  private readonly map = new Map<string, E[]>();

  add(key: string, entry: E): void {
    const list = this.map.get(key);
    if (list === undefined) this.map.set(key, [entry]);
    else list.push(entry);
  }

  get(key: string): readonly E[] | undefined {
    return this.map.get(key);
  }

  /** Drops the entries of one advisory under one key. */
  remove(key: string, slot: number): void {
    const list = this.map.get(key);
    if (list === undefined) return;
    const kept = list.filter((entry) => entry.slot !== slot);
    if (kept.length === 0) this.map.delete(key);
    else this.map.set(key, kept);
  }

  get keyCount(): number {
    return this.map.size;
  }
}

/** CPE buckets, each with its entries' end order built on first use and dropped on change. */
export class CpeBuckets extends Buckets<CpeEntry> {
  private readonly orders = new Map<string, EndOrder>();
  private buffer = new Int32Array(64);

  /** The end order of the entries under a key (the list `get` returns for it). */
  endOrder(key: string, entries: readonly CpeEntry[]): EndOrder {
    let order = this.orders.get(key);
    if (order === undefined) {
      order = new EndOrder(entries);
      this.orders.set(key, order);
    }
    return order;
  }

  /** A scratch array of at least `size` positions (reused; one lookup at a time). */
  scratch(size: number): Int32Array {
    if (this.buffer.length < size)
      this.buffer = new Int32Array(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }

  override add(key: string, entry: CpeEntry): void {
    super.add(key, entry);
    this.orders.delete(key);
  }

  override remove(key: string, slot: number): void {
    super.remove(key, slot);
    this.orders.delete(key);
  }
}

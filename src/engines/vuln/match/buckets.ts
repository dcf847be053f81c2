/** A map from key to entries, with removal of one advisory's entries by slot. */
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

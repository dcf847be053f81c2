/** A seeded pseudo-random generator (mulberry32) and a Zipf sampler, so every run is the same. */

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [low, high]. */
  between(low: number, high: number): number {
    return low + this.int(high - low + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

/**
 * Ranks 0..n-1 drawn with probability proportional to 1 / (rank + 1)^s: a few names are
 * everywhere, most are rare.
 */
export class Zipf {
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    readonly s: number,
  ) {
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += 1 / Math.pow(k + 1, s);
      this.cdf[k] = total;
    }
    for (let k = 0; k < n; k++) this.cdf[k] = (this.cdf[k] ?? 0) / total;
  }

  sample(random: Random): number {
    const u = random.next();
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.cdf[mid] ?? 1) < u) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** `count` distinct ranks (fewer if n is smaller), by rejection, then the next unused ones. */
  distinct(random: Random, count: number): number[] {
    const wanted = Math.min(count, this.n);
    const seen = new Set<number>();
    for (let attempts = 0; seen.size < wanted && attempts < wanted * 20; attempts++) {
      seen.add(this.sample(random));
    }
    for (let k = 0; seen.size < wanted; k++) seen.add(k);
    return [...seen];
  }
}

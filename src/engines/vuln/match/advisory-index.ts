/**
 * `AdvisoryIndex`: advisories compiled once into hash maps by purl key, CPE
 * `part:vendor:product`, product name and model number, so that matching one component is a few
 * lookups plus version comparisons.
 */
import type { Advisory } from '../../../domain/vulnerability.js';
import { Buckets, CpeBuckets } from './buckets.js';
import { compileAdvisory, type EntrySink } from './compile.js';
import { matchDeviceTarget } from './device.js';
import { MatchCollector } from './select.js';
import { matchByName, matchCpes, matchPackages } from './software.js';
import type {
  CpeEntry,
  DeviceTarget,
  Match,
  MatchTarget,
  PackageEntry,
  ProductEntry,
} from './types.js';
import type { IndexView } from './view.js';

interface Held {
  readonly id: string;
  readonly key: string;
  /** The bucket and key of every entry (parallel lists), to drop them on removal. */
  readonly buckets: Buckets<{ readonly slot: number }>[];
  readonly keys: string[];
  /** Whether any entry went to the fallback list. */
  fallback: boolean;
}

/** The identity under which an advisory replaces an earlier copy of itself. */
function identity(advisory: Advisory): string {
  return `${advisory.source}\u0000${advisory.document ?? ''}\u0000${advisory.id}`;
}

/**
 * The matcher's index. Build it once from every advisory, keep it current with `add` and
 * `remove`, and ask it per component or device. Withdrawn advisories are never indexed.
 *
 * @example
 * const index = AdvisoryIndex.build(advisories);
 * index.matchSoftware({ ref: 'c1', name: 'log4j-core', version: '2.14.1', supplier: null,
 *   purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', cpe: null });
 * // → [{ advisoryId: 'GHSA-jfh8-c2jp-5v3q', kind: 'purl', confidence: 1, range: '>= 2.0.0, < 2.15.0', … }]
 */
export class AdvisoryIndex implements IndexView {
  readonly packages = new Buckets<PackageEntry>();
  readonly cpes = new CpeBuckets();
  readonly cpeFallback: CpeEntry[] = [];
  readonly fuzzy = new Buckets<CpeEntry>();
  readonly models = new Buckets<ProductEntry>();
  readonly productNames = new Buckets<ProductEntry>();

  private readonly slots: (Held | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly slotByKey = new Map<string, number>();
  private readonly collector = new MatchCollector();

  static build(advisories: Iterable<Advisory>): AdvisoryIndex {
    const index = new AdvisoryIndex();
    for (const advisory of advisories) index.add(advisory);
    return index;
  }

  /** Advisories held (withdrawn ones are not). */
  get size(): number {
    return this.slotByKey.size;
  }

  advisoryId(slot: number): string {
    return this.slots[slot]?.id ?? '';
  }

  /** Adds an advisory, replacing an earlier copy (same source, document and id); a withdrawn one only removes. */
  add(advisory: Advisory): void {
    const key = identity(advisory);
    const previous = this.slotByKey.get(key);
    if (previous !== undefined) this.dropSlot(previous);
    if (advisory.withdrawn !== null) return;
    const slot = this.freeSlots.pop() ?? this.slots.length;
    const held: Held = { id: advisory.id, key, buckets: [], keys: [], fallback: false };
    this.slots[slot] = held;
    this.slotByKey.set(key, slot);
    this.held = held;
    try {
      compileAdvisory(advisory, slot, this.sink);
    } finally {
      this.held = null;
    }
  }

  /** Removes every advisory with this id (from any source); returns how many. */
  remove(id: string): number {
    let removed = 0;
    this.slots.forEach((held, slot) => {
      if (held?.id === id) {
        this.dropSlot(slot);
        removed++;
      }
    });
    return removed;
  }

  /** Matches of one piece of software, at most one per advisory (the most precise). */
  matchSoftware(target: MatchTarget): Match[] {
    matchPackages(this, target, this.collector);
    matchCpes(this, target, this.collector);
    matchByName(this, target, this.collector);
    return this.collector.drain();
  }

  /** Matches of one device against CSAF products, at most one per advisory. */
  matchDevice(target: DeviceTarget): Match[] {
    matchDeviceTarget(this, target, this.collector);
    return this.collector.drain();
  }

  private dropSlot(slot: number): void {
    const held = this.slots[slot];
    if (held === undefined) return;
    held.buckets.forEach((buckets, i) => {
      buckets.remove(held.keys[i] ?? '', slot);
    });
    if (held.fallback) this.removeFallback(slot);
    this.slots[slot] = undefined;
    this.slotByKey.delete(held.key);
    this.freeSlots.push(slot);
  }

  /** Where `compileAdvisory` sends the entries of the advisory being added (`held`). */
  private readonly sink: EntrySink = {
    package: (key, entry) => {
      this.track(this.packages, key, entry);
    },
    cpe: (key, entry) => {
      if (key !== null) this.track(this.cpes, key, entry);
      else {
        this.cpeFallback.push(entry);
        if (this.held !== null) this.held.fallback = true;
      }
    },
    fuzzy: (key, entry) => {
      this.track(this.fuzzy, key, entry);
    },
    model: (key, entry) => {
      this.track(this.models, key, entry);
    },
    productName: (key, entry) => {
      this.track(this.productNames, key, entry);
    },
  };

  private held: Held | null = null;

  private track<E extends { readonly slot: number }>(
    buckets: Buckets<E>,
    key: string,
    entry: E,
  ): void {
    buckets.add(key, entry);
    this.held?.buckets.push(buckets);
    this.held?.keys.push(key);
  }

  private removeFallback(slot: number): void {
    let write = 0;
    for (const entry of this.cpeFallback)
      if (entry.slot !== slot) this.cpeFallback[write++] = entry;
    this.cpeFallback.length = write;
  }
}

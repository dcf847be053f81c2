/** The parts of the index the software and device matchers read. */
import type { Buckets, CpeBuckets } from './buckets.js';
import type { CpeEntry, PackageEntry, ProductEntry } from './types.js';

export interface IndexView {
  readonly packages: Buckets<PackageEntry>;
  readonly cpes: CpeBuckets;
  /** Criteria whose part, vendor or product is not a plain value: tried against every CPE target. */
  readonly cpeFallback: readonly CpeEntry[];
  readonly fuzzy: Buckets<CpeEntry>;
  readonly models: Buckets<ProductEntry>;
  readonly productNames: Buckets<ProductEntry>;
  advisoryId(slot: number): string;
}

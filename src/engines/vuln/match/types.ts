/**
 * What the matcher takes (software and devices) and gives (matches), and the entries its index
 * holds.
 */
import type {
  CpeConfiguration,
  MatchKind,
  ProductStatus,
  VexJustification,
} from '../../../domain/vulnerability.js';
import type { CpeName, CpePattern } from '../cpe/index.js';
import type { VersionRule } from './rule.js';

/** One piece of software on an asset, an SBOM component, or a device's software. */
export interface MatchTarget {
  /** The caller's id (software row id, component bom-ref). */
  readonly ref: string;
  readonly name: string;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  /**
   * Other CPE names of the same asset (its OS, its hardware), against which the platform criteria
   * of NVD configurations are checked. Absent: such configurations match with lower confidence.
   */
  readonly platformCpes?: readonly string[];
}

/** A device as its inventory record describes it. */
export interface DeviceTarget {
  readonly ref: string;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmware: string | null;
  readonly serial: string | null;
}

export type MatchStatus = 'affected' | 'not_affected' | 'fixed' | 'under_investigation';

export interface Match {
  readonly advisoryId: string;
  readonly targetRef: string;
  readonly kind: MatchKind;
  /** 0..1 */
  readonly confidence: number;
  /** The purl, CPE criterion or product name that matched. */
  readonly criterion: string;
  /** Human text: `>= 2.0.0, < 2.17.1` or `= 4.2`; null when every version is covered. */
  readonly range: string | null;
  readonly fixedVersion: string | null;
  readonly status: MatchStatus;
  readonly justification: VexJustification | null;
  readonly impactStatement: string | null;
  /** One plain sentence: which component, which rule, which range. */
  readonly explanation: string;
}

/** What a CSAF product status says about the products it lists. */
export function statusOfProduct(status: ProductStatus): MatchStatus {
  switch (status) {
    case 'known_affected':
      return 'affected';
    case 'known_not_affected':
      return 'not_affected';
    case 'fixed':
    case 'recommended':
      return 'fixed';
    case 'under_investigation':
      return 'under_investigation';
  }
}

/** The vendor's statement an entry carries (NVD and OSV entries: affected, no justification). */
export interface Statement {
  readonly status: MatchStatus;
  readonly justification: VexJustification | null;
  readonly impactStatement: string | null;
}

export const AFFECTED: Statement = {
  status: 'affected',
  justification: null,
  impactStatement: null,
};

interface EntryBase {
  /** The advisory's slot in the index. */
  readonly slot: number;
  /** The purl, CPE or product name as the advisory writes it. */
  readonly criterion: string;
  readonly statement: Statement;
}

export interface PackageEntry extends EntryBase {
  readonly rule: VersionRule;
  readonly fixedVersions: readonly string[];
}

export interface CpeEntry extends EntryBase {
  readonly name: CpeName;
  /** `name` compiled for `patternCovers`. */
  readonly pattern: CpePattern;
  readonly rule: VersionRule;
  /** The criterion's own version when it names one exactly (kind `cpe-exact`). */
  readonly exactVersion: string | null;
  /** Set when other nodes or criteria of the configuration must also hold. */
  readonly configuration: CpeConfiguration | null;
}

export interface ProductEntry extends EntryBase {
  /** Null when the advisory's range text could not be read. */
  readonly rule: VersionRule | null;
  readonly vendor: string | null;
  readonly serialNumbers: readonly string[];
}

/** Advisory and target builders for the matcher's tests. */
import type {
  Advisory,
  CpeConfiguration,
  PackageCriterion,
  ProductCriterion,
  VersionBounds,
} from '../../../domain/vulnerability.js';
import type { MatchTarget } from './types.js';

export const OPEN: VersionBounds = {
  startIncluding: null,
  startExcluding: null,
  endIncluding: null,
  endExcluding: null,
};

export function bounds(partial: Partial<VersionBounds>): VersionBounds {
  return { ...OPEN, ...partial };
}

export function advisory(id: string, rest: Partial<Advisory> = {}): Advisory {
  return {
    id,
    source: 'nvd',
    aliases: [],
    document: null,
    title: null,
    summary: null,
    published: null,
    modified: null,
    withdrawn: null,
    cvss: [],
    cwes: [],
    references: [],
    cpeConfigurations: [],
    packages: [],
    products: [],
    remediations: [],
    ssvc: null,
    ...rest,
  };
}

export function pkg(purl: string, rest: Partial<PackageCriterion> = {}): PackageCriterion {
  return {
    purl,
    ecosystem: null,
    scheme: 'semver',
    bounds: [],
    versions: [],
    fixedVersions: [],
    gitOnly: false,
    ...rest,
  };
}

/** One configuration: an OR node of vulnerable criteria, optionally ANDed with platform criteria. */
export function config(
  vulnerable: readonly [string, Partial<VersionBounds>?][],
  platform: readonly string[] = [],
): CpeConfiguration {
  const vulnerableNode = {
    operator: 'OR' as const,
    negate: false,
    matches: vulnerable.map(([cpe, b]) => ({ cpe, vulnerable: true, bounds: bounds(b ?? {}) })),
  };
  if (platform.length === 0) return { operator: 'OR', nodes: [vulnerableNode] };
  const platformNode = {
    operator: 'OR' as const,
    negate: false,
    matches: platform.map((cpe) => ({ cpe, vulnerable: false, bounds: OPEN })),
  };
  return { operator: 'AND', nodes: [vulnerableNode, platformNode] };
}

export function product(name: string, rest: Partial<ProductCriterion> = {}): ProductCriterion {
  return {
    productId: name,
    name,
    vendor: null,
    product: null,
    version: null,
    versionRange: null,
    cpe: null,
    purl: null,
    modelNumbers: [],
    serialNumbers: [],
    status: 'known_affected',
    justification: null,
    impactStatement: null,
    ...rest,
  };
}

export function software(ref: string, rest: Partial<MatchTarget> = {}): MatchTarget {
  return { ref, name: ref, version: null, supplier: null, purl: null, cpe: null, ...rest };
}

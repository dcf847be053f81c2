/**
 * Which versions an index entry covers: every version, a list, or intervals under one scheme, and
 * the test of one version against it.
 */
import type { VersionBounds, VersionScheme } from '../../../domain/vulnerability.js';
import { tryCompareVersions } from '../versions/index.js';

export interface VersionRule {
  readonly scheme: VersionScheme;
  /** True when the entry covers every version (no list, no bounds). */
  readonly all: boolean;
  readonly versions: ReadonlySet<string>;
  readonly bounds: readonly VersionBounds[];
  /** Listed versions also match versions equal in the scheme's order (`V2.3` = `2.3.0`), for vendor texts. */
  readonly loose: boolean;
}

/** `ruleHit` results besides a bounds index. */
export const NO_HIT = -3;
export const ALL_VERSIONS = -2;
export const LISTED = -1;

const NO_VERSIONS: ReadonlySet<string> = new Set();

export const EVERY_VERSION: VersionRule = {
  scheme: 'generic',
  all: true,
  versions: NO_VERSIONS,
  bounds: [],
  loose: false,
};

export function makeRule(
  scheme: VersionScheme,
  versions: readonly string[],
  bounds: readonly VersionBounds[],
  loose = false,
): VersionRule {
  const all = versions.length === 0 && bounds.length === 0;
  return all
    ? { ...EVERY_VERSION, scheme }
    : {
        scheme,
        all,
        versions: versions.length === 0 ? NO_VERSIONS : new Set(versions),
        bounds,
        loose,
      };
}

function looselyListed(rule: VersionRule, version: string): boolean {
  for (const listed of rule.versions) {
    if (tryCompareVersions(rule.scheme, version, listed) === 0) return true;
  }
  return false;
}

/** One bound: the version's order against it must pass `holds`; an unreadable pair fails. */
function boundHolds(
  scheme: VersionScheme,
  version: string,
  bound: string | null,
  sign: number,
  inclusive: boolean,
): boolean {
  if (bound === null) return true;
  const order = tryCompareVersions(scheme, version, bound);
  return order !== null && (order === sign || (inclusive && order === 0));
}

/** `inBounds` without its per-call allocations; ends first, since most versions fail there. */
function within(scheme: VersionScheme, version: string, bounds: VersionBounds): boolean {
  return (
    boundHolds(scheme, version, bounds.endExcluding, -1, false) &&
    boundHolds(scheme, version, bounds.endIncluding, -1, true) &&
    boundHolds(scheme, version, bounds.startIncluding, 1, true) &&
    boundHolds(scheme, version, bounds.startExcluding, 1, false)
  );
}

/**
 * Whether a version is covered: `ALL_VERSIONS`, `LISTED`, the index of the bounds that hold, or
 * `NO_HIT` (including when the version is unknown or cannot be ordered).
 */
export function ruleHit(rule: VersionRule, version: string | null): number {
  if (rule.all) return ALL_VERSIONS;
  if (version === null) return NO_HIT;
  if (rule.versions.has(version) || (rule.loose && looselyListed(rule, version))) return LISTED;
  for (let i = 0; i < rule.bounds.length; i++) {
    const bounds = rule.bounds[i];
    if (bounds !== undefined && within(rule.scheme, version, bounds)) return i;
  }
  return NO_HIT;
}

/** `>= 2.0.0, < 2.17.1`; `all versions` when no bound is set. */
export function boundsText(bounds: VersionBounds): string {
  const parts: string[] = [];
  if (bounds.startIncluding !== null) parts.push(`>= ${bounds.startIncluding}`);
  if (bounds.startExcluding !== null) parts.push(`> ${bounds.startExcluding}`);
  if (bounds.endIncluding !== null) parts.push(`<= ${bounds.endIncluding}`);
  if (bounds.endExcluding !== null) parts.push(`< ${bounds.endExcluding}`);
  return parts.length === 0 ? 'all versions' : parts.join(', ');
}

/** The human range text of a hit: the bounds, `= version` for a listed one, null for every version. */
export function hitRangeText(
  rule: VersionRule,
  hit: number,
  version: string | null,
): string | null {
  if (hit === LISTED) return `= ${version ?? ''}`;
  const bounds = hit >= 0 ? rule.bounds[hit] : undefined;
  return bounds === undefined ? null : boundsText(bounds);
}

/** The fixing version a hit points to: the bound's exclusive end. */
export function hitFixedVersion(rule: VersionRule, hit: number): string | null {
  const bounds = hit >= 0 ? rule.bounds[hit] : undefined;
  return bounds?.endExcluding ?? null;
}

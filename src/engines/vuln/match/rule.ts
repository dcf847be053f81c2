/**
 * Which versions an index entry covers: every version, a list, or intervals under one scheme, and
 * the test of one version against it.
 */
import type { VersionBounds, VersionScheme } from '../../../domain/vulnerability.js';
import { compareParsed, parseVersion, type ParsedVersion } from '../versions/index.js';

/** One limit of a bounds, parsed at build: null when not set, false when set but unreadable. */
export type Limit = ParsedVersion | null | false;

export interface VersionRule {
  readonly scheme: VersionScheme;
  /** True when the entry covers every version (no list, no bounds). */
  readonly all: boolean;
  readonly versions: ReadonlySet<string>;
  readonly bounds: readonly VersionBounds[];
  /** Listed versions also match versions equal in the scheme's order (`V2.3` = `2.3.0`), for vendor texts. */
  readonly loose: boolean;
  /** Four per bounds, in test order: end excluding, end including, start including, start excluding. */
  readonly limits: readonly Limit[];
  /** The listed versions parsed (unreadable ones left out), for `loose` rules. */
  readonly listed: readonly ParsedVersion[];
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
  limits: [],
  listed: [],
};

function limitOf(scheme: VersionScheme, bound: string | null): Limit {
  return bound === null ? null : (parseVersion(scheme, bound) ?? false);
}

function limitsOf(scheme: VersionScheme, bounds: readonly VersionBounds[]): Limit[] {
  const limits: Limit[] = [];
  for (const b of bounds) {
    limits.push(
      limitOf(scheme, b.endExcluding),
      limitOf(scheme, b.endIncluding),
      limitOf(scheme, b.startIncluding),
      limitOf(scheme, b.startExcluding),
    );
  }
  return limits;
}

function parsedList(scheme: VersionScheme, versions: readonly string[]): ParsedVersion[] {
  const out: ParsedVersion[] = [];
  for (const v of versions) {
    const parsed = parseVersion(scheme, v);
    if (parsed !== null) out.push(parsed);
  }
  return out;
}

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
        limits: limitsOf(scheme, bounds),
        listed: loose ? parsedList(scheme, versions) : [],
      };
}

/**
 * A target's version, read at most once per scheme however many rules it is tested against.
 * Make one per target (and per version text).
 */
export class VersionProbe {
  private scheme: VersionScheme | null = null;
  private parsed: ParsedVersion | null = null;

  constructor(readonly text: string | null) {}

  /** The version parsed under a scheme; null when unknown or unreadable. */
  as(scheme: VersionScheme): ParsedVersion | null {
    if (this.text === null) return null;
    if (scheme !== this.scheme) {
      this.scheme = scheme;
      this.parsed = parseVersion(scheme, this.text);
    }
    return this.parsed;
  }
}

function looselyListed(rule: VersionRule, version: ParsedVersion | null): boolean {
  if (version === null) return false;
  for (const listed of rule.listed) {
    if (compareParsed(rule.scheme, version, listed) === 0) return true;
  }
  return false;
}

/** One limit: the version's order against it must be `sign` (or 0 when inclusive); unreadable fails. */
function limitHolds(
  scheme: VersionScheme,
  version: ParsedVersion | null,
  limit: Limit,
  sign: number,
  inclusive: boolean,
): boolean {
  if (limit === null) return true;
  if (limit === false || version === null) return false;
  const order = compareParsed(scheme, version, limit);
  return order === sign || (inclusive && order === 0);
}

/** Whether the bounds at limits `[at, at + 4)` hold; ends first, since most versions fail there. */
function within(rule: VersionRule, version: ParsedVersion | null, at: number): boolean {
  const { scheme, limits } = rule;
  return (
    limitHolds(scheme, version, limits[at] ?? null, -1, false) &&
    limitHolds(scheme, version, limits[at + 1] ?? null, -1, true) &&
    limitHolds(scheme, version, limits[at + 2] ?? null, 1, true) &&
    limitHolds(scheme, version, limits[at + 3] ?? null, 1, false)
  );
}

/**
 * Whether a version is covered: `ALL_VERSIONS`, `LISTED`, the index of the bounds that hold, or
 * `NO_HIT` (including when the version is unknown or cannot be ordered).
 */
export function probeHit(rule: VersionRule, probe: VersionProbe): number {
  if (rule.all) return ALL_VERSIONS;
  const text = probe.text;
  if (text === null) return NO_HIT;
  if (rule.versions.has(text)) return LISTED;
  const bounds = rule.bounds.length;
  if (!rule.loose && bounds === 0) return NO_HIT;
  const version = probe.as(rule.scheme);
  if (rule.loose && looselyListed(rule, version)) return LISTED;
  for (let i = 0; i < bounds; i++) if (within(rule, version, i * 4)) return i;
  return NO_HIT;
}

/** `probeHit` for a version text read on the spot. */
export function ruleHit(rule: VersionRule, version: string | null): number {
  return probeHit(rule, new VersionProbe(version));
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

/**
 * NVD `cpeMatch` semantics: a criterion's CPE must cover the target name (NISTIR 7696
 * CPE_SUPERSET), and when it carries version bounds the target's version must lie within them.
 */
import type { CpeCriterion, VersionBounds, VersionScheme } from '../../../domain/vulnerability.js';
import { inBounds } from '../versions/index.js';
import { cpeCovers } from './compare.js';
import { parseCpe } from './parse.js';
import { CPE_ANY, CPE_NA, CpeParseError, type CpeName } from './types.js';
import { hasWildcards, unquoteValue } from './value.js';

/** True when any of the four bounds is set. */
export function hasBounds(bounds: VersionBounds): boolean {
  return (
    bounds.startIncluding !== null ||
    bounds.startExcluding !== null ||
    bounds.endIncluding !== null ||
    bounds.endExcluding !== null
  );
}

/**
 * The target's version as plain text when it can be compared: a string value without wild cards
 * (ANY, NA and wild-carded versions cannot satisfy bounds).
 */
export function comparableVersion(name: CpeName): string | null {
  const version = name.version;
  if (version === CPE_ANY || version === CPE_NA || hasWildcards(version)) return null;
  return unquoteValue(version);
}

/** Whether a target version satisfies bounds; false when it cannot be decided. */
export function versionWithin(
  scheme: VersionScheme,
  name: CpeName,
  bounds: VersionBounds,
): boolean {
  const version = comparableVersion(name);
  return version !== null && inBounds(scheme, version, bounds) === true;
}

/**
 * Whether one NVD criterion matches a target name. A criterion whose CPE does not parse matches
 * nothing. Versions are ordered by `scheme` (`generic` unless told otherwise).
 *
 * @example cpeMatches({ cpe: 'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*', vulnerable: true,
 *   bounds: { startIncluding: '2.0.0', startExcluding: null, endIncluding: null, endExcluding: '2.17.1' } },
 *   parseCpe('cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*')) → true
 */
export function cpeMatches(
  criterion: CpeCriterion,
  target: CpeName,
  scheme: VersionScheme = 'generic',
): boolean {
  const source = parseCpe(criterion.cpe);
  if (source instanceof CpeParseError) return false;
  return compiledCriterionMatches(
    source,
    hasBounds(criterion.bounds) ? criterion.bounds : null,
    target,
    scheme,
  );
}

/** `cpeMatches` on an already parsed criterion; `bounds` null when it has none. */
export function compiledCriterionMatches(
  source: CpeName,
  bounds: VersionBounds | null,
  target: CpeName,
  scheme: VersionScheme,
): boolean {
  if (!cpeCovers(source, target)) return false;
  return bounds === null || versionWithin(scheme, target, bounds);
}

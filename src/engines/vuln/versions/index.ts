/**
 * Version ordering per scheme: compare two versions, test a version against OSV/NVD bounds, and
 * pick the scheme for a purl type or an OSV ecosystem. Pure; every input is bounded
 * (`limits.ts`) and read without backtracking-prone patterns.
 *
 * @example
 * ```ts
 * compareVersions('deb', '1.0~rc1', '1.0'); // → -1
 * inBounds('pep440', '2.0.1', { startIncluding: null, startExcluding: null,
 *   endIncluding: null, endExcluding: '2.0.2' }); // → true
 * tryCompareVersions('semver', 'not a version!', '1.0.0'); // → null
 * ```
 */
import type { VersionBounds, VersionScheme } from '../../../domain/vulnerability.js';
import { compareParsed, parseVersion } from './parsed.js';
import { VersionError } from './version-error.js';

export { VersionError } from './version-error.js';
export { schemeOfOsvEcosystem, schemeOfPurlType } from './schemes.js';
export { MAX_CACHED_VERSIONS, MAX_VERSION_LENGTH, MAX_VERSION_SEGMENTS } from './limits.js';
export { compareParsed, parseVersion, type ParsedVersion } from './parsed.js';

/**
 * Orders two versions under a scheme: negative, zero or positive. Throws `VersionError` when
 * either is not a version of that scheme.
 *
 * @example compareVersions('rpm', '1.0^git1', '1.0') // → 1
 */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number {
  const result = tryCompareVersions(scheme, a, b);
  if (result === null) {
    throw new VersionError(`Cannot order ${quote(a)} and ${quote(b)} as ${scheme} versions.`);
  }
  return result;
}

/**
 * `compareVersions` that returns null instead of throwing when either version is unreadable.
 *
 * @example tryCompareVersions('maven', '1.0-SNAPSHOT', '1.0') // → -1
 */
export function tryCompareVersions(scheme: VersionScheme, a: string, b: string): number | null {
  const x = parseVersion(scheme, a);
  if (x === null) return null;
  const y = parseVersion(scheme, b);
  if (y === null) return null;
  return compareParsed(scheme, x, y);
}

/**
 * Whether the scheme can read the version.
 *
 * @example isValidVersion('golang', 'v0.0.0-20191109021931-daa7c04131f5') // → true
 */
export function isValidVersion(scheme: VersionScheme, v: string): boolean {
  return parseVersion(scheme, v) !== null;
}

/**
 * Whether a version lies inside bounds (every non-null bound must hold; no bounds at all holds
 * for every version). Null when the version or a bound that is set cannot be read.
 *
 * @example
 * inBounds('semver', '1.5.0', { startIncluding: '1.0.0', startExcluding: null,
 *   endIncluding: null, endExcluding: '1.6.0' }) // → true
 */
export function inBounds(
  scheme: VersionScheme,
  version: string,
  bounds: VersionBounds,
): boolean | null {
  const checks: readonly [string | null, (c: number) => boolean][] = [
    [bounds.startIncluding, (c) => c >= 0],
    [bounds.startExcluding, (c) => c > 0],
    [bounds.endIncluding, (c) => c <= 0],
    [bounds.endExcluding, (c) => c < 0],
  ];
  if (!isValidVersion(scheme, version)) return null;
  let inside = true;
  for (const [bound, holds] of checks) {
    if (bound === null) continue;
    const c = tryCompareVersions(scheme, version, bound);
    if (c === null) return null;
    inside &&= holds(c);
  }
  return inside;
}

function quote(v: string): string {
  return JSON.stringify(typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

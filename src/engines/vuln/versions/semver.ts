/**
 * Semantic Versioning 2.0.0 (npm, crates.io, Pub, Hex), read by the `semver` library in loose
 * mode (`v1.2.3`, `=1.2.3`). `1` and `1.2` (optionally `v`-prefixed) are padded to `1.0.0` and
 * `1.2.0`: that is safe because nothing else follows. Anything else that is not semver
 * (`1.2.3.4`, `1.2b`, `01.2.3`) is not coerced (guessing where the pre-release starts would
 * misorder it); such a pair is ordered by the generic rules instead (see `generic.ts`), which agree
 * with semver on release numbers and on the usual pre-release words.
 */
import { SemVer } from 'semver';
import { genericOrder, type GenericKey } from './generic.js';
import { MAX_VERSION_LENGTH } from './limits.js';
import type { VersionOrder } from './order.js';

export interface SemverKey {
  /** Null when the string is not semver even loosely; the pair then falls back to generic. */
  readonly semver: SemVer | null;
  readonly generic: GenericKey;
}

const SHORT_RELEASE = /^[vV]?\d{1,16}(?:\.\d{1,16})?$/;

/** Reads a semver string (loosely) or returns null; never throws. */
export function readSemver(version: string, loose: boolean): SemVer | null {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH) return null;
  try {
    return new SemVer(version, { loose });
  } catch {
    return null;
  }
}

function parseSemver(version: string): SemverKey | null {
  if (version.length > MAX_VERSION_LENGTH) return null;
  const parsed = readSemver(version, true) ?? coerceShort(version);
  const generic = genericOrder.parse(parsed === null ? version : parsed.version);
  if (generic === null) return null;
  return { semver: parsed, generic };
}

function coerceShort(version: string): SemVer | null {
  if (!SHORT_RELEASE.test(version)) return null;
  const release = version.replace(/^[vV]/, '');
  const padded = release.includes('.') ? `${release}.0` : `${release}.0.0`;
  return readSemver(padded, false);
}

export const semverOrder: VersionOrder<SemverKey> = {
  parse: parseSemver,
  compare: (a, b) =>
    a.semver !== null && b.semver !== null
      ? a.semver.compare(b.semver)
      : genericOrder.compare(a.generic, b.generic),
};

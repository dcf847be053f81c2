/**
 * Which version scheme a package's versions follow, from its purl type or its OSV ecosystem
 * (https://ossf.github.io/osv-schema/#affectedpackage-field).
 */
import type { VersionScheme } from '../../../domain/vulnerability.js';

const PURL_TYPES: Readonly<Record<string, VersionScheme>> = {
  npm: 'semver',
  // crates.io versions are semver by rule (Cargo refuses anything else).
  cargo: 'semver',
  pypi: 'pep440',
  maven: 'maven',
  golang: 'golang',
  deb: 'deb',
  rpm: 'rpm',
  // Alpine's apk order has its own rules (`_rc`, `-r1`); generic until it gets an order of its own.
  apk: 'generic',
};

/**
 * The scheme for a purl type (`npm`, `pypi`…, case-insensitive); `generic` for any other.
 *
 * @example schemeOfPurlType('pypi') // → 'pep440'
 */
export function schemeOfPurlType(purlType: string): VersionScheme {
  const type = purlType.toLowerCase();
  return Object.hasOwn(PURL_TYPES, type) ? (PURL_TYPES[type] ?? 'generic') : 'generic';
}

const ECOSYSTEMS: Readonly<Record<string, VersionScheme>> = {
  pypi: 'pep440',
  npm: 'semver',
  'crates.io': 'semver',
  pub: 'semver',
  hex: 'semver',
  bitnami: 'semver',
  swifturl: 'semver',
  maven: 'maven',
  go: 'golang',
  debian: 'deb',
  ubuntu: 'deb',
  'red hat': 'rpm',
  almalinux: 'rpm',
  'rocky linux': 'rpm',
  opensuse: 'rpm',
  suse: 'rpm',
  mageia: 'rpm',
  'photon os': 'rpm',
  openeuler: 'rpm',
  'azure linux': 'rpm',
  // NuGet is semver-like but allows four numbers (`1.2.3.4`); generic orders both.
  nuget: 'generic',
};

/**
 * The scheme for an OSV ecosystem; a release suffix (`Debian:12`, `Ubuntu:22.04:LTS`,
 * `Red Hat:enterprise_linux:9::appstream`) is ignored, case does not count; `generic` for the rest
 * (Alpine, RubyGems, Packagist, NuGet…).
 *
 * @example schemeOfOsvEcosystem('Debian:12') // → 'deb'
 */
export function schemeOfOsvEcosystem(ecosystem: string): VersionScheme {
  const colon = ecosystem.indexOf(':');
  const name = (colon === -1 ? ecosystem : ecosystem.slice(0, colon)).trim().toLowerCase();
  return Object.hasOwn(ECOSYSTEMS, name) ? (ECOSYSTEMS[name] ?? 'generic') : 'generic';
}

/**
 * The purl (without version, qualifiers or subpath) for an OSV `affected[].package`: its own
 * `purl` when readable, else built from ecosystem and name following the purl types spec
 * (https://github.com/package-url/purl-spec/blob/main/PURL-TYPES.rst).
 */
import packageUrl from 'packageurl-js';

const { PackageURL } = packageUrl;

/** purl type and, for distributions, namespace, per OSV ecosystem (the part before `:`). */
const ECOSYSTEM_PURLS: Readonly<Record<string, readonly [string, string | null]>> = {
  pypi: ['pypi', null],
  go: ['golang', null],
  npm: ['npm', null],
  maven: ['maven', null],
  'crates.io': ['cargo', null],
  nuget: ['nuget', null],
  rubygems: ['gem', null],
  packagist: ['composer', null],
  hex: ['hex', null],
  pub: ['pub', null],
  hackage: ['hackage', null],
  cran: ['cran', null],
  debian: ['deb', 'debian'],
  ubuntu: ['deb', 'ubuntu'],
  alpine: ['apk', 'alpine'],
  'red hat': ['rpm', 'redhat'],
  almalinux: ['rpm', 'almalinux'],
  'rocky linux': ['rpm', 'rocky-linux'],
  suse: ['rpm', 'suse'],
  opensuse: ['rpm', 'opensuse'],
  mageia: ['rpm', 'mageia'],
  openeuler: ['rpm', 'openeuler'],
};

/** `pkg:type/namespace/name` from a purl string; null when unreadable. */
export function basePurl(purl: string): string | null {
  try {
    const parsed = PackageURL.fromString(purl);
    return new PackageURL(parsed.type, parsed.namespace, parsed.name, null, null, null).toString();
  } catch {
    return null;
  }
}

/** The purl type of a purl string (`pkg:pypi/x` → `pypi`), lowercase. */
export function purlType(purl: string): string {
  const slash = purl.indexOf('/');
  return purl.slice(4, slash === -1 ? undefined : slash).toLowerCase();
}

/** PEP 503 normalization: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The purl for an ecosystem and package name; null for ecosystems without a purl type. */
export function purlFromEcosystem(ecosystem: string, name: string): string | null {
  const colon = ecosystem.indexOf(':');
  const key = (colon === -1 ? ecosystem : ecosystem.slice(0, colon)).trim().toLowerCase();
  const entry = Object.hasOwn(ECOSYSTEM_PURLS, key) ? ECOSYSTEM_PURLS[key] : undefined;
  if (entry === undefined || name.trim() === '') return null;
  const [type, distro] = entry;
  const [namespace, simple] = distro === null ? splitName(type, name) : [distro, name];
  if (simple === '') return null;
  try {
    return new PackageURL(type, namespace, simple, null, null, null).toString();
  } catch {
    return null;
  }
}

function splitName(type: string, name: string): [string | null, string] {
  switch (type) {
    case 'pypi':
      return [null, normalizePypiName(name)];
    case 'maven': {
      const colon = name.indexOf(':');
      return colon === -1 ? [null, name] : [name.slice(0, colon), name.slice(colon + 1)];
    }
    case 'golang':
    case 'npm':
    case 'composer': {
      const slash = name.lastIndexOf('/');
      return slash === -1 ? [null, name] : [name.slice(0, slash), name.slice(slash + 1)];
    }
    default:
      return [null, name];
  }
}

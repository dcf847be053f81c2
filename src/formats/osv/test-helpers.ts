/**
 * Version rules for the OSV tests. Formats may not import the versions engine, so the tests use
 * this small stand-in: dotted parts compared as numbers when both are digits, as text otherwise;
 * anything with other characters is unreadable.
 */
import type { VersionScheme } from '../../domain/vulnerability.js';
import type { OsvVersionRules } from './types.js';

const SCHEMES: Readonly<Record<string, VersionScheme>> = {
  PyPI: 'pep440',
  Go: 'golang',
  npm: 'semver',
  Maven: 'maven',
  Debian: 'deb',
  'crates.io': 'semver',
};

function compare(a: string, b: string): number | null {
  if (!/^[\w.+~-]+$/.test(a) || !/^[\w.+~-]+$/.test(b)) return null;
  const x = a.split(/[.+~-]/);
  const y = b.split(/[.+~-]/);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? '0';
    const q = y[i] ?? '0';
    const numeric = /^\d+$/.test(p) && /^\d+$/.test(q);
    const c = numeric ? Number(p) - Number(q) : p < q ? -1 : p > q ? 1 : 0;
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

export const testVersionRules: OsvVersionRules = {
  schemeOfOsvEcosystem: (ecosystem) => SCHEMES[ecosystem.split(':')[0] ?? ''] ?? 'generic',
  schemeOfPurlType: (type) => (type === 'pypi' ? 'pep440' : 'generic'),
  tryCompareVersions: (_scheme, a, b) => compare(a, b),
};

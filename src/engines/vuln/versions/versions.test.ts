import { describe, expect, it } from 'vitest';
import type { VersionBounds, VersionScheme } from '../../../domain/vulnerability.js';
import {
  compareVersions,
  inBounds,
  isValidVersion,
  schemeOfOsvEcosystem,
  schemeOfPurlType,
  tryCompareVersions,
  VersionError,
} from './index.js';

/** Each row: a < b under the scheme (and so b > a). */
function expectAscending(scheme: VersionScheme, rows: readonly (readonly [string, string])[]) {
  for (const [a, b] of rows) {
    expect(compareVersions(scheme, a, b), `${a} < ${b}`).toBe(-1);
    expect(compareVersions(scheme, b, a), `${b} > ${a}`).toBe(1);
  }
}

function expectEqual(scheme: VersionScheme, rows: readonly (readonly [string, string])[]) {
  for (const [a, b] of rows) expect(compareVersions(scheme, a, b), `${a} = ${b}`).toBe(0);
}

describe('semver', () => {
  it('orders pre-releases before the release, numerically within identifiers', () => {
    expectAscending('semver', [
      ['1.0.0-alpha', '1.0.0-alpha.1'],
      ['1.0.0-alpha.1', '1.0.0-alpha.beta'],
      ['1.0.0-beta.2', '1.0.0-beta.11'],
      ['1.0.0-rc.1', '1.0.0'],
      ['1.9.0', '1.10.0'],
      ['0.9.9', '1.0.0'],
    ]);
  });

  it('ignores build metadata and reads v-prefixed and short versions', () => {
    expectEqual('semver', [
      ['1.0.0+build.5', '1.0.0'],
      ['v1.2.3', '1.2.3'],
      ['1.2', '1.2.0'],
      ['v2', '2.0.0'],
    ]);
  });

  it('falls back to generic order for versions semver cannot read', () => {
    expect(isValidVersion('semver', '1.2.3.4')).toBe(true);
    expectAscending('semver', [
      ['1.2.3', '1.2.3.4'],
      ['1.2.3.4', '1.2.4'],
    ]);
    expect(isValidVersion('semver', 'not/a/version')).toBe(false);
  });
});

describe('pep440', () => {
  it('orders dev < pre < release < post and epochs first', () => {
    expectAscending('pep440', [
      ['1.0.dev1', '1.0a1'],
      ['1.0a1', '1.0a2'],
      ['1.0a2', '1.0b1'],
      ['1.0b1', '1.0rc1'],
      ['1.0rc1', '1.0'],
      ['1.0', '1.0.post1'],
      ['1.0.post1', '1.0.1'],
      ['9.0', '1!0.1'],
      ['1.0', '1.0+local.1'],
    ]);
  });

  it('applies PEP 440 normalization', () => {
    expectEqual('pep440', [
      ['1.0', '1.0.0'],
      ['1.0-1', '1.0.post1'],
      ['1.0alpha1', '1.0a1'],
      ['v1.0', '1.0'],
      ['1.0.RC1', '1.0rc1'],
    ]);
  });

  it('rejects what PEP 440 does not define', () => {
    expect(isValidVersion('pep440', '1.0-foo-bar')).toBe(false);
    expect(tryCompareVersions('pep440', 'garbage', '1.0')).toBeNull();
  });
});

describe('maven', () => {
  it('orders qualifiers alpha < beta < milestone < rc < snapshot < release < sp', () => {
    expectAscending('maven', [
      ['1.0-alpha-1', '1.0-beta-1'],
      ['1.0-beta-1', '1.0-milestone-1'],
      ['1.0-milestone-1', '1.0-rc-1'],
      ['1.0-rc-1', '1.0-SNAPSHOT'],
      ['1.0-SNAPSHOT', '1.0'],
      ['1.0', '1.0-sp-1'],
      ['1.0-sp-1', '1.0-foo'],
      ['1.0-foo', '1.0.1'],
      ['1.0-alpha-1', '1.0-alpha-2'],
      ['1.0-alpha-2', '1.0-alpha-10'],
      ['2.0.9', '2.0.10'],
    ]);
  });

  it('treats aliases, short qualifiers, case and trailing zeros as Maven does', () => {
    expectEqual('maven', [
      ['1.0-ga', '1.0'],
      ['1.0.FINAL', '1'],
      ['1.0-RELEASE', '1.0.0'],
      ['1.0-cr1', '1.0-rc1'],
      ['1.0a1', '1.0-alpha-1'],
      ['1.0-b2', '1.0-beta-2'],
      ['1.0-M3', '1.0-milestone-3'],
      ['1-0', '1'],
    ]);
  });

  it('orders a number after a word and a word qualifier before a numeric one', () => {
    expectAscending('maven', [
      ['1-rc', '1-1'],
      ['1.0.RC1', '1.0'],
      ['2.17.0', '2.17.1'],
      ['2.0.0-beta9', '2.0.0-rc1'],
    ]);
  });
});

describe('golang', () => {
  it('orders pseudo-versions by base version then commit time', () => {
    expectAscending('golang', [
      ['v0.0.0-20190101000000-aaaaaaaaaaaa', 'v0.0.0-20191109021931-daa7c04131f5'],
      ['v0.0.0-20191109021931-daa7c04131f5', 'v0.1.0'],
      ['v1.2.3', 'v1.2.4-0.20191109021931-daa7c04131f5'],
      ['v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.4'],
      ['v1.2.4-pre', 'v1.2.4-pre.0.20191109021931-daa7c04131f5'],
    ]);
  });

  it('reads OSV versions without v, ignores +incompatible, expands v1 and v1.2', () => {
    expectEqual('golang', [
      ['1.6.0', 'v1.6.0'],
      ['v2.0.0+incompatible', 'v2.0.0'],
      ['v1', 'v1.0.0'],
      ['v1.2', 'v1.2.0'],
    ]);
    expect(isValidVersion('golang', 'v1.02.3')).toBe(false);
    expect(isValidVersion('golang', 'v1.2.3.4')).toBe(false);
  });
});

describe('deb', () => {
  it('sorts ~ before the end and letters before other characters', () => {
    expectAscending('deb', [
      ['1.0~rc1', '1.0'],
      ['1.0~~', '1.0~'],
      ['1.0~', '1.0'],
      ['1.0', '1.0a'],
      ['1.0a', '1.0+'],
      ['1.0+', '1.0.1'],
      ['1.0', '1.0-1'],
      ['2.30-1', '2.30-1ubuntu1'],
      ['1.2.3-1', '1.2.10-1'],
      ['9.9', '1:0.1'],
      ['1:1.2-3', '1:1.2-3+deb12u1'],
    ]);
  });

  it('treats a missing epoch as 0 and compares digits by value', () => {
    expectEqual('deb', [
      ['0:1.0', '1.0'],
      ['1.01', '1.1'],
      ['1.0-0', '1.0'],
    ]);
  });

  it('rejects hyphens without a revision part and colons without an epoch', () => {
    expect(isValidVersion('deb', 'a:1.0')).toBe(false);
    expect(isValidVersion('deb', '1.0-')).toBe(false);
    expect(isValidVersion('deb', '-1')).toBe(false);
    expect(isValidVersion('deb', '1:2:3-4')).toBe(true);
  });
});

describe('rpm', () => {
  it('follows rpmvercmp for ~, ^, letters and numbers', () => {
    expectAscending('rpm', [
      ['1.0~rc1', '1.0'],
      ['1.0', '1.0^git1'],
      ['1.0^git1', '1.0.1'],
      ['1.0^git1', '1.0^git2'],
      ['1.0~rc1^git1', '1.0~rc1'.replace('rc1', 'rc2')],
      ['1.0a', '1.0.1'],
      ['1.0', '1.0a'],
      ['2.0', '10.0'],
      ['1.0-1.el9', '1.0-2.el9'],
      ['1.0-1.el9', '1.0-1.el9_1'],
      ['5:1.0-1', '6:0.1-1'],
      ['1.0', '1.0-1'],
    ]);
  });

  it('ignores separator differences and leading zeros', () => {
    expectEqual('rpm', [
      ['1.0', '1_0'],
      ['1.01', '1.1'],
      ['0:1.0-1', '1.0-1'],
    ]);
  });
});

describe('generic', () => {
  it('orders firmware-style versions', () => {
    expectAscending('generic', [
      ['4.2.1', '4.2.1a'],
      ['4.2.1a', '4.2.1b'],
      ['4.2.1b', '4.2.2'],
      ['V2.04.03', 'V2.4.10'],
      ['R2021a', 'R2021b'],
      ['R2021b', 'R2022a'],
      ['1.0-rc1', '1.0'],
      ['1.0-beta', '1.0-rc1'],
      ['1.0~anything', '1.0'],
      ['9.9', '10.0'],
    ]);
  });

  it('is case-insensitive, drops a leading v and trailing zeros', () => {
    expectEqual('generic', [
      ['V2.04.03', 'v2.4.3'],
      ['1.0', '1.0.0'],
      ['1.0.0', '1'],
      ['4.2.1A', '4.2.1a'],
      ['1_2-3', '1.2.3'],
    ]);
  });

  it('rejects characters no version uses', () => {
    expect(isValidVersion('generic', '1.0; rm -rf')).toBe(false);
    expect(isValidVersion('generic', '...')).toBe(false);
    expect(isValidVersion('generic', '')).toBe(false);
  });
});

describe('errors and limits', () => {
  it('throws VersionError only from compareVersions; the try form returns null', () => {
    expect(() => compareVersions('deb', 'x:1', '1.0')).toThrow(VersionError);
    expect(tryCompareVersions('deb', 'x:1', '1.0')).toBeNull();
    expect(tryCompareVersions('deb', '1.0', 'x:1')).toBeNull();
  });

  it('rejects versions over 256 characters fast in every scheme', () => {
    const long = `1.${'0.'.repeat(200)}1`;
    const start = performance.now();
    for (const scheme of [
      'semver',
      'pep440',
      'maven',
      'golang',
      'deb',
      'rpm',
      'generic',
    ] as const) {
      expect(isValidVersion(scheme, long), scheme).toBe(false);
      expect(isValidVersion(scheme, '1'.repeat(100_000)), scheme).toBe(false);
    }
    expect(performance.now() - start).toBeLessThan(200);
  });

  it('rejects versions with more than 64 segments in the segment-splitting schemes', () => {
    const many = Array.from({ length: 70 }, () => '1').join('.');
    for (const scheme of ['maven', 'generic'] as const) {
      expect(isValidVersion(scheme, many), scheme).toBe(false);
    }
  });
});

describe('inBounds', () => {
  const bounds = (b: Partial<VersionBounds>): VersionBounds => ({
    startIncluding: null,
    startExcluding: null,
    endIncluding: null,
    endExcluding: null,
    ...b,
  });

  it('holds every bound that is set', () => {
    const range = bounds({ startIncluding: '1.0.0', endExcluding: '1.6.0' });
    expect(inBounds('semver', '1.0.0', range)).toBe(true);
    expect(inBounds('semver', '1.5.9', range)).toBe(true);
    expect(inBounds('semver', '1.6.0', range)).toBe(false);
    expect(inBounds('semver', '0.9.0', range)).toBe(false);
    expect(inBounds('semver', '1.6.0-rc.1', range)).toBe(true);
    const closed = bounds({ startExcluding: '1.0', endIncluding: '2.0' });
    expect(inBounds('pep440', '1.0', closed)).toBe(false);
    expect(inBounds('pep440', '1.0.post1', closed)).toBe(true);
    expect(inBounds('pep440', '2.0', closed)).toBe(true);
    expect(inBounds('pep440', '2.0.post1', closed)).toBe(false);
  });

  it('holds for any version when no bound is set, and is null when unreadable', () => {
    expect(inBounds('deb', '1.0-1', bounds({}))).toBe(true);
    expect(inBounds('deb', '@@', bounds({}))).toBeNull();
    expect(inBounds('deb', '1.0', bounds({ endExcluding: '@@' }))).toBeNull();
  });
});

describe('schemes', () => {
  it('maps purl types', () => {
    expect(schemeOfPurlType('npm')).toBe('semver');
    expect(schemeOfPurlType('PyPI')).toBe('pep440');
    expect(schemeOfPurlType('maven')).toBe('maven');
    expect(schemeOfPurlType('golang')).toBe('golang');
    expect(schemeOfPurlType('deb')).toBe('deb');
    expect(schemeOfPurlType('rpm')).toBe('rpm');
    expect(schemeOfPurlType('apk')).toBe('generic');
    expect(schemeOfPurlType('nuget')).toBe('generic');
    expect(schemeOfPurlType('__proto__')).toBe('generic');
  });

  it('maps OSV ecosystems, ignoring release suffixes', () => {
    expect(schemeOfOsvEcosystem('PyPI')).toBe('pep440');
    expect(schemeOfOsvEcosystem('npm')).toBe('semver');
    expect(schemeOfOsvEcosystem('Maven')).toBe('maven');
    expect(schemeOfOsvEcosystem('Go')).toBe('golang');
    expect(schemeOfOsvEcosystem('Debian:12')).toBe('deb');
    expect(schemeOfOsvEcosystem('Ubuntu:22.04:LTS')).toBe('deb');
    expect(schemeOfOsvEcosystem('Red Hat:enterprise_linux:9::appstream')).toBe('rpm');
    expect(schemeOfOsvEcosystem('AlmaLinux:9')).toBe('rpm');
    expect(schemeOfOsvEcosystem('Rocky Linux:8')).toBe('rpm');
    expect(schemeOfOsvEcosystem('crates.io')).toBe('semver');
    expect(schemeOfOsvEcosystem('NuGet')).toBe('generic');
    expect(schemeOfOsvEcosystem('Alpine:v3.18')).toBe('generic');
    expect(schemeOfOsvEcosystem('constructor')).toBe('generic');
  });
});

import { describe, expect, it } from 'vitest';
import { parseOsv } from './index.js';
import { testVersionRules as versions } from './test-helpers.js';

const parse = (text: string) => parseOsv(text, { source: 'test', versions });
const json = (record: object) => JSON.stringify(record, null, 2);
const codes = (text: string) => parse(text).diagnostics.map((d) => d.code);

function withAffected(affected: unknown[], extra: object = {}) {
  return json({
    schema_version: '1.6.0',
    id: 'OSV-1',
    modified: '2024-01-01T00:00:00Z',
    affected,
    ...extra,
  });
}

const goRecord = {
  schema_version: '1.3.1',
  id: 'GO-2020-0001',
  modified: '0001-01-01T00:00:00Z',
  published: '2021-04-14T20:04:52Z',
  aliases: ['GHSA-6vm3-jj99-7229', 'CVE-2020-36567'],
  summary: 'Arbitrary log line injection',
  details: 'The default Formatter…',
  affected: [
    {
      package: { name: 'github.com/gin-gonic/gin', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.6.0' }] }],
      ecosystem_specific: { imports: [{ path: 'github.com/gin-gonic/gin' }] },
    },
  ],
  references: [{ type: 'FIX', url: 'https://github.com/gin-gonic/gin/pull/2237' }],
  database_specific: { url: 'https://pkg.go.dev/vuln/GO-2020-0001' },
};

describe('parseOsv: record fields', () => {
  it('maps a Go record', () => {
    const { advisories, diagnostics } = parse(json(goRecord));
    expect(diagnostics).toEqual([]);
    expect(advisories).toHaveLength(1);
    const advisory = advisories[0]!;
    expect(advisory).toMatchObject({
      id: 'GO-2020-0001',
      source: 'osv',
      aliases: ['CVE-2020-36567', 'GHSA-6vm3-jj99-7229'],
      title: 'Arbitrary log line injection',
      summary: 'The default Formatter…',
      published: '2021-04-14T20:04:52Z',
      modified: '0001-01-01T00:00:00Z',
      withdrawn: null,
      cvss: [],
      references: [{ url: 'https://github.com/gin-gonic/gin/pull/2237', tags: ['FIX'] }],
    });
    expect(advisory.packages).toEqual([
      {
        purl: 'pkg:golang/github.com/gin-gonic/gin',
        ecosystem: 'Go',
        scheme: 'golang',
        bounds: [
          { startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: '1.6.0' },
        ],
        versions: [],
        fixedVersions: ['1.6.0'],
        gitOnly: false,
      },
    ]);
  });

  it('reports and drops a date that is not RFC 3339, keeps withdrawn', () => {
    const { advisories, diagnostics } = parse(
      json({ id: 'X-1', published: 'yesterday', withdrawn: '2024-01-23T12:50:39Z' }),
    );
    expect(advisories[0]).toMatchObject({ published: null, withdrawn: '2024-01-23T12:50:39Z' });
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OSV_VALUE_INVALID']);
  });

  it('reads YAML and keeps number-like versions as written', () => {
    const yaml = [
      'id: PYSEC-0000-1',
      'affected:',
      '- package:',
      '    name: Some_Package.Name',
      '    ecosystem: PyPI',
      '  ranges:',
      '  - type: ECOSYSTEM',
      '    events:',
      '    - introduced: 0.10',
      '    - fixed: 1.0',
      '  versions:',
      '  - 0.10',
      '  - "0.11"',
      '  - 0.20.1',
      '',
    ].join('\n');
    const { advisories, diagnostics } = parse(yaml);
    expect(diagnostics).toEqual([]);
    expect(advisories[0]!.packages[0]).toEqual({
      purl: 'pkg:pypi/some-package-name',
      ecosystem: 'PyPI',
      scheme: 'pep440',
      bounds: [
        { startIncluding: '0.10', startExcluding: null, endIncluding: null, endExcluding: '1.0' },
      ],
      versions: ['0.10', '0.11', '0.20.1'],
      fixedVersions: ['1.0'],
      gitOnly: false,
    });
  });
});

describe('parseOsv: ranges', () => {
  const pkg = { name: 'lib', ecosystem: 'npm' };

  it('sorts events before pairing them', () => {
    const events = [
      { fixed: '2.0.0' },
      { introduced: '1.5.0' },
      { fixed: '1.0.0' },
      { introduced: '0' },
    ];
    const { advisories } = parse(
      withAffected([{ package: pkg, ranges: [{ type: 'SEMVER', events }] }]),
    );
    expect(advisories[0]!.packages[0]!.bounds).toEqual([
      { startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: '1.0.0' },
      { startIncluding: '1.5.0', startExcluding: null, endIncluding: null, endExcluding: '2.0.0' },
    ]);
    expect(advisories[0]!.packages[0]!.fixedVersions).toEqual(['2.0.0', '1.0.0']);
  });

  it('maps last_affected to endIncluding, leaves a range open, applies limit to an open range', () => {
    const ranges = [
      { type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { last_affected: '1.4' }] },
      { type: 'ECOSYSTEM', events: [{ introduced: '3.0' }] },
      { type: 'ECOSYSTEM', events: [{ limit: '6.0' }, { introduced: '5.0' }] },
    ];
    const { advisories } = parse(withAffected([{ package: pkg, ranges }]));
    expect(advisories[0]!.packages[0]!.bounds).toEqual([
      { startIncluding: '1.0', startExcluding: null, endIncluding: '1.4', endExcluding: null },
      { startIncluding: '3.0', startExcluding: null, endIncluding: null, endExcluding: null },
      { startIncluding: '5.0', startExcluding: null, endIncluding: null, endExcluding: '6.0' },
    ]);
  });

  it('ignores a second introduced inside an open interval and a fixed with none open', () => {
    const events = [
      { introduced: '1.0' },
      { introduced: '1.2' },
      { fixed: '2.0' },
      { fixed: '3.0' },
    ];
    const { advisories } = parse(
      withAffected([{ package: pkg, ranges: [{ type: 'SEMVER', events }] }]),
    );
    expect(advisories[0]!.packages[0]!.bounds).toEqual([
      { startIncluding: '1.0', startExcluding: null, endIncluding: null, endExcluding: '2.0' },
    ]);
  });

  it('keeps the given order and warns when a version cannot be ordered', () => {
    const events = [{ introduced: '0' }, { fixed: 'weird version!' }];
    const text = withAffected([{ package: pkg, ranges: [{ type: 'SEMVER', events }] }]);
    const { advisories, diagnostics } = parse(text);
    expect(advisories[0]!.packages[0]!.bounds[0]!.endExcluding).toBe('weird version!');
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OSV_RANGE_UNORDERED']);
  });

  it('reports events with no kind or two kinds', () => {
    const events = [{ introduced: '0' }, { fixed: '1.0', introduced: '0.5' }, {}, { fixed: 7 }];
    const text = withAffected([{ package: pkg, ranges: [{ type: 'SEMVER', events }] }]);
    expect(codes(text)).toEqual([
      'WL_OSV_EVENT_INVALID',
      'WL_OSV_EVENT_INVALID',
      'WL_OSV_EVENT_INVALID',
    ]);
  });

  it('marks git-only ranges, but not when versions or an ecosystem range are given', () => {
    const git = {
      type: 'GIT',
      repo: 'https://x',
      events: [{ introduced: '0' }, { fixed: 'abc123' }],
    };
    const only = parse(withAffected([{ package: pkg, ranges: [git] }])).advisories[0]!.packages[0]!;
    expect(only).toMatchObject({ gitOnly: true, bounds: [], fixedVersions: [] });
    const listed = parse(withAffected([{ package: pkg, ranges: [git], versions: ['1.0.0'] }]));
    expect(listed.advisories[0]!.packages[0]!.gitOnly).toBe(false);
  });

  it('uses semver for a SEMVER range in an ecosystem without its own scheme', () => {
    const text = withAffected([
      {
        package: { name: 'x', ecosystem: 'Hackage' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
      },
    ]);
    expect(parse(text).advisories[0]!.packages[0]!.scheme).toBe('semver');
  });
});

describe('parseOsv: packages', () => {
  const purlOf = (pkg: object) =>
    parse(withAffected([{ package: pkg }])).advisories[0]!.packages[0]?.purl ?? null;

  it('builds purls from ecosystem and name', () => {
    expect(purlOf({ ecosystem: 'PyPI', name: 'Django_REST.framework' })).toBe(
      'pkg:pypi/django-rest-framework',
    );
    expect(purlOf({ ecosystem: 'Maven', name: 'org.apache.logging.log4j:log4j-core' })).toBe(
      'pkg:maven/org.apache.logging.log4j/log4j-core',
    );
    expect(purlOf({ ecosystem: 'npm', name: '@babel/core' })).toBe('pkg:npm/%40babel/core');
    expect(purlOf({ ecosystem: 'crates.io', name: 'tokio' })).toBe('pkg:cargo/tokio');
    expect(purlOf({ ecosystem: 'Debian:12', name: 'openssl' })).toBe('pkg:deb/debian/openssl');
    expect(purlOf({ ecosystem: 'Ubuntu:22.04:LTS', name: 'curl' })).toBe('pkg:deb/ubuntu/curl');
    expect(purlOf({ ecosystem: 'Go', name: 'stdlib' })).toBe('pkg:golang/stdlib');
  });

  it('prefers the given purl without version, qualifiers or subpath', () => {
    expect(purlOf({ ecosystem: 'PyPI', name: 'x', purl: 'pkg:pypi/aiohttp@3.7.4?a=b#sub' })).toBe(
      'pkg:pypi/aiohttp',
    );
  });

  it('reports an unreadable purl and an unknown ecosystem', () => {
    const bad = parse(withAffected([{ package: { ecosystem: 'PyPI', name: 'ok', purl: 'nope' } }]));
    expect(bad.advisories[0]!.packages[0]!.purl).toBe('pkg:pypi/ok');
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['WL_OSV_PURL_INVALID']);
    const unknown = parse(
      withAffected([{ package: { ecosystem: 'Nowhere', name: 'x' } }, { ranges: [] }]),
    );
    expect(unknown.advisories[0]!.packages).toEqual([]);
    expect(unknown.diagnostics.map((d) => d.code)).toEqual([
      'WL_OSV_PACKAGE_UNKNOWN',
      'WL_OSV_PACKAGE_UNKNOWN',
    ]);
  });
});

describe('parseOsv: severity', () => {
  const scored = (severity: unknown[]) => parse(json({ id: 'S-1', severity }));

  it('recomputes CVSS 2, 3.x and 4.0 base scores from the vector', () => {
    const { advisories, diagnostics } = scored([
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
      { type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
      { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
    ]);
    expect(diagnostics).toEqual([]);
    expect(advisories[0]!.cvss.map((c) => [c.version, c.baseScore, c.severity])).toEqual([
      ['3.1', 8.8, 'high'],
      ['2.0', 7.5, 'high'],
      ['4.0', 9.3, 'critical'],
    ]);
  });

  it('reports invalid vectors and non-CVSS types', () => {
    const { advisories, diagnostics } = scored([
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:Q/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L' },
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' },
      { type: 'CVSS_V3', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
      { type: 'Ubuntu', score: 'high' },
    ]);
    expect(advisories[0]!.cvss).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_OSV_CVSS_INVALID',
      'WL_OSV_CVSS_INVALID',
      'WL_OSV_CVSS_INVALID',
      'WL_OSV_CVSS_INVALID',
      'WL_OSV_SEVERITY_UNSUPPORTED',
    ]);
  });
});

describe('parseOsv: hostile and broken input', () => {
  it('keeps the good records of an array and points at the bad one', () => {
    const text = `[\n${json(goRecord)},\n{"summary": "no id"},\n${json({ id: 'X-2' })}\n]`;
    const { advisories, diagnostics } = parse(text);
    expect(advisories.map((a) => a.id)).toEqual(['GO-2020-0001', 'X-2']);
    expect(diagnostics).toHaveLength(1);
    const bad = diagnostics[0]!;
    expect(bad).toMatchObject({ code: 'WL_OSV_RECORD_INVALID', severity: 'error', source: 'test' });
    expect(text.slice(bad.offset, bad.offset + 12)).toBe('{"summary": ');
    expect(text.split('\n')[bad.line! - 1]).toContain('no id');
  });

  it('rejects __proto__ and constructor keys in JSON and YAML', () => {
    expect(codes('{"id": "A", "__proto__": {"polluted": 1}}')).toEqual(['WL_OSV_POISONED_KEY']);
    expect(codes('id: A\naffected:\n- constructor: {prototype: {x: 1}}\n')).toEqual([
      'WL_OSV_POISONED_KEY',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses YAML alias bombs and over-deep nesting', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
    ];
    for (let i = 0; i < 6; i++)
      bomb.push(
        `c${i}: &c${i} [${Array(9)
          .fill(i === 0 ? '*b' : `*c${i - 1}`)
          .join(', ')}]`,
      );
    expect(codes(bomb.join('\n'))).toEqual(['WL_OSV_UNREADABLE']);
    expect(codes(`{"id": "A", "x": ${'['.repeat(100)}${']'.repeat(100)}}`)).toEqual([
      'WL_OSV_TOO_DEEP',
    ]);
  });

  it('reports unreadable input without throwing', () => {
    expect(codes('{"id": ')).toEqual(['WL_OSV_UNREADABLE']);
    expect(codes('   ')).toEqual(['WL_OSV_UNREADABLE']);
    expect(codes('key: [unclosed')).toEqual(['WL_OSV_UNREADABLE']);
    expect(codes('"just a string"')).toEqual(['WL_OSV_RECORD_INVALID']);
  });

  it('takes a custom YAML tag as plain text and says so', () => {
    const { advisories, diagnostics } = parse('id: !!js/function "A-1"\n');
    expect(advisories[0]!.id).toBe('A-1');
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OSV_YAML_WARNING']);
  });

  it('skips a record whose version rules throw, keeping the others', () => {
    const throwing = {
      ...versions,
      schemeOfOsvEcosystem: () => {
        throw new Error('boom');
      },
    };
    const text = `[${json(goRecord)}, ${json({ id: 'X-2' })}]`;
    const result = parseOsv(text, { source: 't', versions: throwing });
    expect(result.advisories.map((a) => a.id)).toEqual(['X-2']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['WL_OSV_RECORD_INVALID']);
  });
});

import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { applicationCpe, isCpe23 } from './cpe.js';
import { scoreCvss } from './cvss.js';
import { parseCveRecord } from './parse-cve.js';
import { parseNvdPage } from './parse-nvd.js';
import { sniffCveFeed } from './sniff.js';
import { inPieces } from './test-helpers.js';

const source = 'test.json';
const OPEN = { startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: null };

const record = (cna: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: {
      cveId: 'CVE-2024-0001',
      state: 'PUBLISHED',
      datePublished: '2024-01-02T03:04:05Z',
    },
    containers: { cna: { providerMetadata: { shortName: 'acme' }, ...cna }, ...extra },
  });

describe('scoreCvss', () => {
  it('rescores every version and refuses bad vectors', () => {
    expect(scoreCvss('2.0', 'AV:N/AC:M/Au:N/C:N/I:P/A:N', null)).toMatchObject({
      ok: true,
      score: { baseScore: 4.3, severity: 'medium' },
    });
    expect(scoreCvss('3.0', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', null)).toMatchObject({
      score: { baseScore: 10, severity: 'critical' },
    });
    expect(scoreCvss('3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', null)).toMatchObject({
      score: { baseScore: 0, severity: 'none' },
    });
    for (const [version, vector] of [
      ['3.1', 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'],
      ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N'],
      ['3.1', 'CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'],
      ['3.1', 'CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'],
      ['3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H/FOO:1'],
      ['2.0', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H'],
      ['4.0', 'garbage'],
    ] as const) {
      expect(scoreCvss(version, vector, null).ok, vector).toBe(false);
    }
  });
});

describe('CPE helpers', () => {
  it('check CPE 2.3 strings and build approximate application CPEs', () => {
    expect(
      isCpe23('cpe:2.3:a:themeisle:wp_maintenance_mode_\\&_coming_soon:*:*:*:*:*:wordpress:*:*'),
    ).toBe(true);
    expect(isCpe23('cpe:/o:redhat:enterprise_linux:9')).toBe(false);
    expect(isCpe23('cpe:2.3:x:a:b:*:*:*:*:*:*:*:*')).toBe(false);
    expect(applicationCpe('Palo Alto Networks', 'PAN-OS (R&D)', '10.2')).toBe(
      'cpe:2.3:a:palo_alto_networks:pan-os_\\(r\\&d\\):10.2:*:*:*:*:*:*:*',
    );
  });
});

describe('parseCveRecord', () => {
  it('turns vendor/product/versions into approximate CPE criteria', async () => {
    const text = record({
      affected: [
        {
          vendor: 'Acme',
          product: 'Widget Server',
          defaultStatus: 'unaffected',
          versions: [
            { version: '0', lessThan: '2.4.1', status: 'affected', versionType: 'semver' },
            { version: '3.0', lessThanOrEqual: '3.2', status: 'affected' },
            { version: '3.5', status: 'affected' },
            {
              version: '4.0',
              status: 'affected',
              changes: [{ at: '4.0.7', status: 'unaffected' }],
            },
            { version: '5.0', lessThan: '*', status: 'affected' },
            { version: '9.9', status: 'unaffected' },
            {
              version: 'abc1234def56',
              lessThan: '0123456789abcdef',
              status: 'affected',
              versionType: 'git',
            },
          ],
        },
        { vendor: 'n/a', product: 'n/a', versions: [{ version: '1.0', status: 'affected' }] },
        { vendor: 'Acme', product: 'Everything', defaultStatus: 'affected' },
      ],
    });
    const { advisory, diagnostics } = await parseCveRecord(inPieces(text, 11), { source });
    const cpe = 'cpe:2.3:a:acme:widget_server:*:*:*:*:*:*:*:*';
    expect(advisory?.cpeConfigurations.map((c) => c.nodes[0]?.matches)).toEqual([
      [
        { cpe, vulnerable: true, bounds: { ...OPEN, endExcluding: '2.4.1' } },
        { cpe, vulnerable: true, bounds: { ...OPEN, startIncluding: '3.0', endIncluding: '3.2' } },
        { cpe: 'cpe:2.3:a:acme:widget_server:3.5:*:*:*:*:*:*:*', vulnerable: true, bounds: OPEN },
        {
          cpe,
          vulnerable: true,
          bounds: { ...OPEN, startIncluding: '4.0', endExcluding: '4.0.7' },
        },
        { cpe, vulnerable: true, bounds: { ...OPEN, startIncluding: '5.0' } },
      ],
      [{ cpe: 'cpe:2.3:a:acme:everything:*:*:*:*:*:*:*:*', vulnerable: true, bounds: OPEN }],
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CVE_VERSION_UNSUPPORTED']);
    expect(advisory?.published).toBe('2024-01-02T03:04:05.000Z');
  });

  it('reads cpeApplicability, ADP CVSS and SSVC, and drops a bad vector with a diagnostic', async () => {
    const text = record(
      {
        metrics: [
          {
            cvssV3_1: { vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', baseScore: 9.8 },
          },
        ],
        cpeApplicability: [
          {
            nodes: [
              {
                operator: 'OR',
                negate: false,
                cpeMatch: [
                  {
                    vulnerable: true,
                    criteria: 'cpe:2.3:o:acme:fw:*:*:*:*:*:*:*:*',
                    versionEndExcluding: '2.0',
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        adp: [
          {
            providerMetadata: { shortName: 'CISA-ADP' },
            metrics: [
              {
                cvssV3_1: {
                  vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
                  baseScore: 9.1,
                },
              },
              {
                other: {
                  type: 'ssvc',
                  content: {
                    options: [
                      { Exploitation: 'active' },
                      { Automatable: 'no' },
                      { 'Technical Impact': 'partial' },
                    ],
                  },
                },
              },
            ],
            problemTypes: [
              { descriptions: [{ type: 'CWE', description: 'CWE-787 Out-of-bounds Write' }] },
            ],
          },
        ],
      },
    );
    const { advisory, diagnostics } = await parseCveRecord(text, { source });
    expect(advisory?.cvss).toEqual([
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        baseScore: 9.8,
        severity: 'critical',
        source: 'CISA-ADP',
      },
    ]);
    expect(advisory?.ssvc).toEqual({
      exploitation: 'active',
      automatable: false,
      technicalImpact: 'partial',
      timestamp: null,
    });
    expect(advisory?.cwes).toEqual(['CWE-787']);
    expect(advisory?.cpeConfigurations[0]?.nodes[0]?.matches[0]?.bounds.endExcluding).toBe('2.0');
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_CVE_CVSS_INVALID',
      'WL_CVE_CVSS_SCORE_MISMATCH',
    ]);
  });

  it('reports a record without a CVE id, and refuses non-JSON', async () => {
    const { advisory, diagnostics } = await parseCveRecord(
      '{"dataType":"CVE_RECORD","cveMetadata":{}}',
      { source },
    );
    expect(advisory).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CVE_RECORD_INVALID']);
    await expect(parseCveRecord('not json', { source })).rejects.toBeInstanceOf(WardlineError);
  });

  it('refuses a __proto__ key without polluting anything', async () => {
    const text = record({ __proto__: { polluted: true }, title: 'x' }).replace(
      '"title"',
      '"__proto__":{"polluted":true},"title"',
    );
    const { advisory, diagnostics } = await parseCveRecord(text, { source });
    expect(diagnostics.map((d) => d.code)).toContain('WL_CVE_POISONED_KEY');
    expect(advisory?.title ?? null).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseNvdPage', () => {
  const cve = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id,
    published: '2024-01-01T00:00:00.000',
    lastModified: '2024-02-01T00:00:00.000',
    vulnStatus: 'Analyzed',
    descriptions: [
      { lang: 'es', value: 'hola' },
      { lang: 'en', value: 'hello' },
    ],
    ...extra,
  });
  const page = (items: unknown[]): string =>
    JSON.stringify({
      resultsPerPage: items.length,
      startIndex: 0,
      totalResults: 99,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2024-03-01T00:00:00.000',
      vulnerabilities: items,
    });

  it('reads a page item by item, keeps good items around bad ones, and marks rejected CVEs', async () => {
    const result = await parseNvdPage(
      inPieces(
        page([
          { cve: cve('CVE-2024-0001') },
          { nope: 1 },
          { cve: { id: 'bad' } },
          { cve: cve('CVE-2024-0001') },
          { cve: cve('CVE-2024-0002', { vulnStatus: 'Rejected' }) },
        ]),
        9,
      ),
      { source },
    );
    expect(result.advisories.map((a) => [a.id, a.summary, a.withdrawn])).toEqual([
      ['CVE-2024-0001', 'hello', null],
      ['CVE-2024-0002', 'hello', '2024-02-01T00:00:00.000Z'],
    ]);
    expect(result).toMatchObject({
      totalResults: 99,
      startIndex: 0,
      resultsPerPage: 5,
      timestamp: '2024-03-01T00:00:00.000Z',
      itemsRead: 5,
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'WL_NVD_ITEM_INVALID',
      'WL_NVD_ITEM_INVALID',
      'WL_NVD_DUPLICATE',
    ]);
  });

  it('reads a root array of cve objects and a single cve object', async () => {
    const array = await parseNvdPage(
      JSON.stringify([cve('CVE-2024-0001'), { cve: cve('CVE-2024-0002') }]),
      { source },
    );
    expect(array.advisories.map((a) => a.id)).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
    expect(array.totalResults).toBeNull();
    const single = await parseNvdPage(JSON.stringify(cve('CVE-2024-0003')), { source });
    expect(single.advisories.map((a) => a.id)).toEqual(['CVE-2024-0003']);
  });

  it('hands advisories to onAdvisory instead of holding them', async () => {
    const seen: string[] = [];
    const result = await parseNvdPage(
      page([{ cve: cve('CVE-2024-0001') }, { cve: cve('CVE-2024-0002') }]),
      {
        source,
        onAdvisory: (advisory) => seen.push(advisory.id),
      },
    );
    expect(seen).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
    expect(result.advisories).toEqual([]);
  });

  it('drops a cpeMatch whose criteria is not CPE 2.3, and warns about a foreign version', async () => {
    const text = JSON.stringify({
      version: '1.1',
      vulnerabilities: [
        {
          cve: cve('CVE-2024-0001', {
            configurations: [
              {
                nodes: [
                  {
                    operator: 'AND',
                    cpeMatch: [
                      { vulnerable: true, criteria: 'cpe:/a:x:y' },
                      { vulnerable: false, criteria: 'cpe:2.3:o:x:y:1:*:*:*:*:*:*:*' },
                    ],
                  },
                ],
              },
            ],
          }),
        },
      ],
    });
    const result = await parseNvdPage(text, { source });
    expect(result.advisories[0]?.cpeConfigurations).toEqual([
      {
        operator: 'OR',
        nodes: [
          {
            operator: 'AND',
            negate: false,
            matches: [{ cpe: 'cpe:2.3:o:x:y:1:*:*:*:*:*:*:*', vulnerable: false, bounds: OPEN }],
          },
        ],
      },
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      'WL_NVD_CPE_INVALID',
      'WL_NVD_PAGE_INVALID',
    ]);
  });

  it('keeps the items before a truncation', async () => {
    const text = page([{ cve: cve('CVE-2024-0001') }, { cve: cve('CVE-2024-0002') }]);
    const result = await parseNvdPage(text.slice(0, text.indexOf('CVE-2024-0002')), { source });
    expect(result.advisories.map((a) => a.id)).toEqual(['CVE-2024-0001']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['WL_NVD_TRUNCATED']);
  });
});

describe('sniffCveFeed', () => {
  it('names each shape', () => {
    expect(sniffCveFeed('\uFEFF {"dataType":"CVE_RECORD"')).toBe('cve-json5');
    expect(sniffCveFeed(new TextEncoder().encode('{"resultsPerPage":1'))).toBe('nvd');
    expect(sniffCveFeed('[{"id":"CVE-1","sourceIdentifier":"x"}]')).toBe('nvd');
    expect(sniffCveFeed('cve,epss,percentile')).toBeNull();
    expect(sniffCveFeed('{"catalogVersion":"1"}')).toBeNull();
  });
});

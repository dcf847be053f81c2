/**
 * Real CVE JSON 5 records (cisagov/vulnrichment), NVD CVE API 2.0 pages (anchore/vunnel test
 * fixtures) and NVD-format override files (anchore/nvd-data-overrides), read where they sit in the
 * shared data folder. Facts asserted here were read from the files by hand.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCveRecord } from './parse-cve.js';
import { parseNvdPage } from './parse-nvd.js';
import { sniffCveFeed } from './sniff.js';
import { fileChunks } from './test-helpers.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/cve/', import.meta.url));
const present = existsSync(DATA);
const title = present
  ? 'real CVE and NVD files from ../shared/data'
  : 'real CVE and NVD files: SKIPPED, ../shared/data/cve is absent in this clone';

function jsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (/^CVE-.*\.json$/.test(name)) out.push(path);
  }
  return out;
}

describe.skipIf(!present)(title, () => {
  it('CVE-2024-9465: CNA CVSS 4.0, CISA SSVC, exact CNA CPEs and the ADP range', async () => {
    const path = join(DATA, 'cve-json5-vulnrichment/2024/9xxx/CVE-2024-9465.json');
    const { advisory, diagnostics } = await parseCveRecord(fileChunks(path), { source: path });
    expect(diagnostics).toEqual([]);
    expect(advisory).toMatchObject({
      id: 'CVE-2024-9465',
      source: 'cve',
      title: 'Expedition: SQL Injection Leads to Firewall Admin Credential Disclosure',
      published: '2024-10-09T17:04:01.720Z',
      modified: '2024-10-18T11:50:43.190Z',
      withdrawn: null,
      cwes: ['CWE-89'],
      ssvc: {
        exploitation: 'none',
        automatable: true,
        technicalImpact: 'total',
        timestamp: '2024-10-10T17:33:12.732Z',
      },
    });
    expect(advisory?.summary).toMatch(/^An SQL injection vulnerability in Palo Alto Networks/);
    expect(advisory?.cvss).toEqual([
      {
        version: '4.0',
        vector:
          'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:H/SI:N/SA:N/AU:N/R:U/V:C/RE:H/U:Amber',
        baseScore: 9.2,
        severity: 'critical',
        source: 'palo_alto',
      },
    ]);
    expect(advisory?.references.map((r) => r.tags)).toEqual([['vendor-advisory'], ['exploit']]);
    const [cna, adp] = advisory?.cpeConfigurations ?? [];
    // 94 listed CPEs name versions 1.2.0 … 1.2.95 (1.2.1 and 1.2.27 are absent): matched exactly.
    expect(cna?.nodes[0]?.matches).toHaveLength(94);
    expect(cna?.nodes[0]?.matches[3]).toEqual({
      cpe: 'cpe:2.3:a:paloaltonetworks:expedition:1.2.4:2:*:*:*:*:*:*',
      vulnerable: true,
      bounds: {
        startIncluding: null,
        startExcluding: null,
        endIncluding: null,
        endExcluding: null,
      },
    });
    // CISA's ADP: `expedition:*` with version 1.2.0, lessThan 1.2.96.
    expect(adp?.nodes[0]?.matches).toEqual([
      {
        cpe: 'cpe:2.3:a:paloaltonetworks:expedition:*:*:*:*:*:*:*:*',
        vulnerable: true,
        bounds: {
          startIncluding: '1.2.0',
          startExcluding: null,
          endIncluding: null,
          endExcluding: '1.2.96',
        },
      },
    ]);
  });

  it('CVE-2024-47722 (REJECTED) is withdrawn, with the rejection reason as summary', async () => {
    const path = join(DATA, 'cve-json5-vulnrichment/2024/47xxx/CVE-2024-47722.json');
    const { advisory } = await parseCveRecord(fileChunks(path), { source: path });
    expect(advisory).toMatchObject({
      id: 'CVE-2024-47722',
      withdrawn: '2024-10-21T12:58:26.199Z',
      summary: 'This CVE ID has been rejected or withdrawn by its CVE Numbering Authority.',
      cvss: [],
      cpeConfigurations: [],
    });
  });

  it('every staged CVE JSON 5 record reads without an error diagnostic', async () => {
    const files = jsonFiles(join(DATA, 'cve-json5-vulnrichment'));
    expect(files).toHaveLength(1334);
    let withSsvc = 0;
    let withdrawn = 0;
    for (const path of files) {
      const { advisory, diagnostics } = await parseCveRecord(fileChunks(path), { source: path });
      expect(advisory?.id).toBe(path.slice(path.lastIndexOf('/') + 1, -'.json'.length));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      if (advisory?.ssvc) withSsvc += 1;
      if (advisory?.withdrawn !== null) withdrawn += 1;
    }
    // 1 330 records carry a CISA-ADP container with an `ssvc` metric; 4 are REJECTED.
    expect(withSsvc).toBe(1330);
    expect(withdrawn).toBe(4);
  });

  it('the full NVD page: 38 CVEs, page fields, CVSS, CWEs and CPE ranges', async () => {
    const path = join(DATA, 'nvd-api2-vunnel-fixtures/full-page.json');
    const page = await parseNvdPage(fileChunks(path), { source: path });
    expect(page.diagnostics).toEqual([]);
    expect(page).toMatchObject({
      totalResults: 38,
      startIndex: 0,
      resultsPerPage: 38,
      timestamp: '2023-10-18T18:04:18.493Z',
    });
    expect(page.advisories).toHaveLength(38);
    expect(page.advisories.filter((a) => a.cpeConfigurations.length > 0)).toHaveLength(25);
    // CVE-2023-43250, -45383 and -46009 have empty `metrics`.
    expect(page.advisories.filter((a) => a.cvss.length === 0).map((a) => a.id)).toEqual([
      'CVE-2023-43250',
      'CVE-2023-45383',
      'CVE-2023-46009',
    ]);
    const first = page.advisories[0];
    expect(first).toMatchObject({
      id: 'CVE-2023-27314',
      source: 'nvd',
      published: '2023-10-12T19:15:11.747Z',
      modified: '2023-10-18T18:00:24.900Z',
      cwes: ['CWE-400'],
    });
    expect(first?.cvss.map((c) => [c.version, c.baseScore, c.severity, c.source])).toEqual([
      ['3.1', 7.5, 'high', 'nvd@nist.gov'],
      ['3.1', 7.5, 'high', 'security-alert@netapp.com'],
    ]);
    expect(first?.cpeConfigurations[0]?.nodes[0]?.matches).toHaveLength(9);
    expect(first?.cpeConfigurations[0]?.nodes[0]?.matches[0]).toEqual({
      cpe: 'cpe:2.3:a:netapp:clustered_data_ontap:*:*:*:*:*:*:*:*',
      vulnerable: true,
      bounds: {
        startIncluding: '9.0',
        startExcluding: null,
        endIncluding: null,
        endExcluding: '9.8',
      },
    });
  });

  it('the single-entry NVD page: v3.1 and v2 scores, merged references, an escaped CPE', async () => {
    const path = join(DATA, 'nvd-api2-vunnel-fixtures/single-entry.json');
    const page = await parseNvdPage(fileChunks(path), { source: path });
    const [advisory] = page.advisories;
    expect(advisory?.cvss.map((c) => [c.version, c.baseScore, c.severity])).toEqual([
      ['3.1', 6.5, 'medium'],
      ['2.0', 4.3, 'medium'],
    ]);
    expect(advisory?.cwes).toEqual(['CWE-352']);
    expect(advisory?.references).toEqual([
      {
        url: 'https://wpscan.com/vulnerability/68deab46-1c16-46ae-a912-a104958ca4cf',
        tags: ['Exploit', 'Third Party Advisory'],
      },
    ]);
    expect(advisory?.cpeConfigurations[0]?.nodes[0]?.matches[0]).toMatchObject({
      cpe: 'cpe:2.3:a:themeisle:wp_maintenance_mode_\\&_coming_soon:*:*:*:*:*:wordpress:*:*',
      bounds: { endExcluding: '2.4.5' },
    });
  });

  it('Anchore override files: the id from `_annotation`, every file read', async () => {
    const path = join(DATA, 'nvd-config-overrides-anchore/data/2023/CVE-2023-3079.json');
    const page = await parseNvdPage(fileChunks(path), { source: path });
    expect(page.diagnostics).toEqual([]);
    const [advisory] = page.advisories;
    expect(advisory?.id).toBe('CVE-2023-3079');
    expect(advisory?.cpeConfigurations).toHaveLength(2);
    expect(advisory?.cpeConfigurations[1]?.nodes[0]?.matches.map((m) => m.bounds)).toEqual([
      { startIncluding: '7.2.0', startExcluding: null, endIncluding: null, endExcluding: '7.2.1' },
      { startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: '7.1.5' },
    ]);
    const files = jsonFiles(join(DATA, 'nvd-config-overrides-anchore/data'));
    expect(files).toHaveLength(1550);
    for (const file of files) {
      const each = await parseNvdPage(fileChunks(file), { source: file });
      expect(each.diagnostics).toEqual([]);
      expect(each.advisories).toHaveLength(1);
    }
  });

  it('sniffCveFeed tells the real files apart', async () => {
    const head = async (path: string): Promise<Uint8Array> => {
      for await (const chunk of fileChunks(path)) return chunk;
      return new Uint8Array();
    };
    expect(
      sniffCveFeed(await head(join(DATA, 'cve-json5-vulnrichment/2024/9xxx/CVE-2024-9465.json'))),
    ).toBe('cve-json5');
    expect(sniffCveFeed(await head(join(DATA, 'nvd-api2-vunnel-fixtures/full-page.json')))).toBe(
      'nvd',
    );
    expect(
      sniffCveFeed(
        await head(join(DATA, 'nvd-config-overrides-anchore/data/2023/CVE-2023-3079.json')),
      ),
    ).toBe('nvd');
    expect(
      sniffCveFeed(await head(join(DATA, '../cisa-kev/known_exploited_vulnerabilities.json'))),
    ).toBeNull();
  });
});

/**
 * `wardline feeds` and `wardline vuln` as an operator and a device maker's pipeline run them: an
 * SBOM matched offline against a bundle folder (one JSON line per match, KEV and SSVC included),
 * the bundle imported into a data folder, the inventory matched, the list and exports written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SbomMatchRow } from '../../src/services/vuln/sbom-match.js';
import { run } from '../support/cli-run.js';
import { FLOWSURE_SBOM, flowsureCmms, writeFlowsureBundle } from '../support/feed-files.js';

let dir: string;
const savedKey = process.env['WARDLINE_MASTER_KEY'];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wardline-vuln-cli-'));
  delete process.env['WARDLINE_MASTER_KEY'];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedKey === undefined) delete process.env['WARDLINE_MASTER_KEY'];
  else process.env['WARDLINE_MASTER_KEY'] = savedKey;
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('wardline vuln match --sbom --feeds', () => {
  it('prints one JSON line per match with component, advisory, kind, range, KEV, EPSS, CVSS and SSVC', async () => {
    const bundle = await writeFlowsureBundle(join(dir, 'bundle'));
    const sbom = file('flowsure.cdx.json', FLOWSURE_SBOM);
    const result = await run(
      'vuln',
      'match',
      '--sbom',
      sbom,
      '--feeds',
      bundle,
      '--patient-safety',
      'high',
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as SbomMatchRow);
    const byVuln = new Map(rows.map((r) => [`${r.vulnId} ${r.component.name}`, r]));
    expect(byVuln.get('CVE-2099-0001 openssl')).toMatchObject({
      kind: 'cpe-range',
      status: 'affected',
      kev: true,
      ransomware: true,
      epss: 0.93,
      cvss: { version: '3.1', baseScore: 9.8 },
      component: { version: '1.0.2u', purl: 'pkg:generic/openssl@1.0.2u' },
    });
    expect(byVuln.get('CVE-2099-0002 lodash')).toMatchObject({
      kind: 'purl',
      advisory: 'GHSA-9x9x-0002-demo',
      fixedVersion: '4.17.21',
    });
    // The device itself (make and model from the SBOM) meets the maker's advisory and VEX.
    expect(byVuln.get('CVE-2099-0004 FlowSure 300')).toMatchObject({ status: 'affected' });
    expect(byVuln.get('CVE-2099-0003 FlowSure 300')).toMatchObject({
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
    });
    // Highest priority first: the exploited, ransomware-used CVE.
    expect(rows[0]!.vulnId).toBe('CVE-2099-0001');
    expect(['act', 'attend']).toContain(rows[0]!.ssvc);
  });

  it('exits non-zero with a code when the SBOM is not one', async () => {
    const bundle = await writeFlowsureBundle(join(dir, 'bundle'));
    const result = await run(
      'vuln',
      'match',
      '--sbom',
      file('x.json', '{"hello":1}'),
      '--feeds',
      bundle,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/WL_SBOM_UNREADABLE/);
  });
});

describe('wardline feeds import, vuln list and vuln export', () => {
  it('imports the bundle, matches the inventory and writes VEX and CSV', async () => {
    const data = join(dir, 'data');
    expect(
      (await run('--data', data, 'ingest', 'inventory', file('cmms.csv', flowsureCmms('1.5'))))
        .code,
    ).toBe(0);
    const sbom = file('flowsure.cdx.json', FLOWSURE_SBOM);
    const attached = await run(
      '--data',
      data,
      'ingest',
      'sbom',
      sbom,
      '--vendor',
      'Tidewell Medical',
      '--model',
      'FlowSure 300',
    );
    expect(attached.code).toBe(0);

    const bundle = await writeFlowsureBundle(join(dir, 'bundle'));
    const imported = await run('--data', data, 'feeds', 'import', bundle, '--json');
    expect(imported.code).toBe(0);
    const summary = JSON.parse(imported.stdout) as {
      files: { status: string }[];
      kevEntries: number;
    };
    expect(summary.files.every((f) => f.status === 'imported')).toBe(true);
    expect(summary.kevEntries).toBe(1);

    const status = await run('--data', data, 'feeds', 'status', '--json');
    const feeds = JSON.parse(status.stdout) as { feed: string; records: number }[];
    expect(feeds.find((f) => f.feed === 'kev')?.records).toBe(1);
    expect(feeds.find((f) => f.feed === 'csaf')?.records).toBe(2);

    const list = await run('--data', data, 'vuln', 'list', '--json');
    const page = JSON.parse(list.stdout) as { items: { vulnId: string; assets: number }[] };
    expect(page.items[0]).toMatchObject({ vulnId: 'CVE-2099-0001', assets: 2 });

    const out = join(dir, 'flowsure.vex.json');
    const exported = await run(
      '--data',
      data,
      'vuln',
      'export',
      '--format',
      'csaf-vex',
      '--vendor',
      'Tidewell Medical',
      '--model',
      'FlowSure 300',
      '--out',
      out,
    );
    expect(exported.code).toBe(0);
    const vex = JSON.parse(readFileSync(out, 'utf8')) as {
      document: { category: string };
      vulnerabilities: { cve: string; product_status: Record<string, string[]> }[];
    };
    expect(vex.document.category).toBe('csaf_vex');
    const zlib = vex.vulnerabilities.find((v) => v.cve === 'CVE-2099-0003');
    expect(Object.keys(zlib!.product_status)).toEqual(['known_not_affected']);
    const openssl = vex.vulnerabilities.find((v) => v.cve === 'CVE-2099-0001');
    expect(Object.keys(openssl!.product_status)).toEqual(['known_affected']);

    const csv = await run('--data', data, 'vuln', 'export', '--format', 'csv');
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^vulnerability,title,asset,/);
    expect(csv.stdout).toContain('CVE-2099-0001');

    const cdx = await run('--data', data, 'vuln', 'export', '--format', 'cyclonedx-vdr');
    const vdr = JSON.parse(cdx.stdout) as { bomFormat: string; vulnerabilities: { id: string }[] };
    expect(vdr.bomFormat).toBe('CycloneDX');
    // A VDR lists what was found; the vulnerability the vendor cleared is not in it.
    expect(vdr.vulnerabilities.map((v) => v.id)).not.toContain('CVE-2099-0003');
    expect(vdr.vulnerabilities.map((v) => v.id)).toContain('CVE-2099-0001');
  });
});

/**
 * Real GVM reports from DefectDojo's parser tests, read where they sit in the shared data folder;
 * they are never copied into the repository. Facts asserted here were read from the files by hand.
 */
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectOpenvasXml } from './parse.js';
import type { OpenvasReport } from './types.js';

const DATA = fileURLToPath(
  new URL('../../../../shared/data/scanner-reports/defectdojo-unittests/openvas/', import.meta.url),
);
const present = existsSync(DATA);
const title = present
  ? 'real GVM reports from ../shared/data'
  : 'real GVM reports: SKIPPED, ../shared/data/scanner-reports/defectdojo-unittests/openvas is absent in this clone';

async function read(name: string): Promise<OpenvasReport> {
  return collectOpenvasXml(createReadStream(DATA + name), { source: name });
}

describe.skipIf(!present)(title, () => {
  it('one_vuln.xml (GVM 9 get_reports envelope): the Firefox finding on 10.0.101.2 with its CVEs', async () => {
    const { hosts, diagnostics, scan } = await read('one_vuln.xml');
    expect(diagnostics).toEqual([]);
    expect(hosts.map((h) => h.ip)).toEqual(['10.0.101.2']);
    expect(hosts[0]).toMatchObject({
      startTime: '2023-09-28T14:48:02.000Z',
      endTime: '2023-09-28T16:12:15.000Z',
      hostnames: [],
      services: [],
    });
    const finding = hosts[0]?.findings[0];
    expect(finding).toMatchObject({
      resultId: 'b87d3a32-8ff8-4010-aada-4b4f578b084d',
      oid: '1.3.6.1.4.1.25623.1.0.832260',
      name: 'Mozilla Firefox Security Update (mfsa_2023-32_2023-36) - Windows',
      severity: 10,
      cvssBase: 10,
      threat: 'High',
      qod: 97,
      qodType: 'registry',
      port: null,
      transport: 'tcp',
      portText: 'general/tcp',
      solutionType: 'VendorFix',
    });
    expect(finding?.cves).toHaveLength(12);
    expect(finding?.cves).toContain('CVE-2023-4573');
    expect(finding?.description).toContain('Installed version: 116.0.3');
    expect(scan).toMatchObject({
      reportId: '27748e67-fa00-462d-8a05-8479a07988a0',
      gmpVersion: '9.0',
      taskName: 'dc01-testlab-scan',
      scanRunStatus: 'Done',
    });
  });

  it('report_detail_v2.xml (GVM 22.6): hostname from the result, port 42/tcp, CVSS 3.1 vector', async () => {
    const { hosts, diagnostics, scan } = await read('report_detail_v2.xml');
    expect(diagnostics).toEqual([]);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({
      ip: '10.99.99.99',
      hostnames: ['server99'],
      services: [{ transport: 'tcp', port: 42, name: null }],
    });
    const finding = hosts[0]?.findings[0];
    expect(finding).toMatchObject({
      oid: '1.3.6.1.4.1.25623.1.0.836484',
      family: 'Windows : Microsoft Bulletins',
      severity: 9.8,
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      qod: 80,
      qodType: null,
      port: 42,
    });
    expect(finding?.cves).toContain('CVE-2025-47981');
    expect(finding?.cves).toHaveLength(93);
    expect(finding?.solution).toMatch(/^The vendor has released updates/);
    // +02:00 in the file, UTC here.
    expect(scan).toMatchObject({ gmpVersion: '22.6', startTime: '2025-08-22T13:01:38.000Z' });
  });

  it('many_vuln.xml: its one host has the anonymised address "192.168.1.1001", so it is skipped by name', async () => {
    const { hosts, diagnostics, scan } = await read('many_vuln.xml');
    expect(hosts).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'WL_OPENVAS_HOST_INVALID', severity: 'error' });
    expect(diagnostics[0]?.message).toContain(
      '"192.168.1.1001" is not an IPv4 or IPv6 address; its 44 results',
    );
    expect(scan.taskName).toBe('metasploitable2-scan');
  });

  it('no_vuln.xml: a finished scan of nothing has no hosts and no diagnostics', async () => {
    const { hosts, diagnostics, scan } = await read('no_vuln.xml');
    expect(hosts).toEqual([]);
    expect(diagnostics).toEqual([]);
    expect(scan.scanRunStatus).toBe('Done');
  });

  it('every XML file parses without an error diagnostic, or the diagnostics name the problem', async () => {
    const named: Readonly<Record<string, RegExp>> = {
      'many_vuln.xml': /is not an IPv4 or IPv6 address/,
    };
    const files = readdirSync(DATA).filter((name) => name.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const { diagnostics } = await read(file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const expected = named[file];
      if (expected === undefined) expect(errors, file).toEqual([]);
      else for (const error of errors) expect(error.message, file).toMatch(expected);
    }
  });
});

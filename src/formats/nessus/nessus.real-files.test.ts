/**
 * Real `.nessus` files from DefectDojo's parser tests, read where they sit in the shared data
 * folder; they are never copied into the repository. Facts asserted here were read from the files
 * by hand.
 */
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectNessusXml } from './parse.js';
import type { NessusReport } from './types.js';

const DATA = fileURLToPath(
  new URL('../../../../shared/data/scanner-reports/defectdojo-unittests/tenable/', import.meta.url),
);
const present = existsSync(DATA);
const title = present
  ? 'real .nessus files from ../shared/data'
  : 'real .nessus files: SKIPPED, ../shared/data/scanner-reports/defectdojo-unittests/tenable is absent in this clone';

async function read(path: string): Promise<NessusReport> {
  return collectNessusXml(createReadStream(DATA + path), { source: path });
}

describe.skipIf(!present)(title, () => {
  it('nessus_with_cvssv3.nessus: the host, its names, OS, CPEs and times (policy of 1.3 MB skipped)', async () => {
    const { hosts, diagnostics, scan } = await read('nessus/nessus_with_cvssv3.nessus');
    expect(diagnostics).toEqual([]);
    expect(scan).toEqual({ reportName: 'dummy scan' });
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({
      name: 'testphp.vulnweb.com',
      addresses: ['44.228.249.3'],
      hostnames: [
        { name: 'testphp.vulnweb.com', source: 'fqdn' },
        { name: 'ec2-44-228-249-3.us-west-2.compute.amazonaws.com', source: 'rdns' },
      ],
      macs: [],
      operatingSystems: ['Linux Kernel 2.6'],
      osFamily: 'linux',
      systemType: 'general-purpose',
      // HOST_START_TIMESTAMP 1648042311, HOST_END_TIMESTAMP 1648044472.
      startTime: '2022-03-23T13:31:51.000Z',
      endTime: '2022-03-23T14:07:52.000Z',
      services: [{ transport: 'tcp', port: 80, name: 'www' }],
    });
    expect(hosts[0]?.cpes).toHaveLength(6);
    expect(hosts[0]?.cpes[0]).toEqual({ cpe: 'cpe:/o:linux:linux_kernel', title: 'Linux Kernel' });
    expect(hosts[0]?.cpes).toContainEqual({ cpe: 'cpe:/a:php:php:5.1.6', title: 'PHP PHP' });
  });

  it('nessus_with_cvssv3.nessus: 49 findings, 138 CVEs, CVSS 2 and 3 scores', async () => {
    const { hosts } = await read('nessus/nessus_with_cvssv3.nessus');
    const findings = hosts[0]?.findings ?? [];
    expect(findings).toHaveLength(49);
    expect(findings.flatMap((f) => f.cves)).toHaveLength(138);
    expect(findings.find((f) => f.pluginId === 58988)).toMatchObject({
      pluginName: 'PHP < 5.3.12 / 5.4.2 CGI Query String Code Execution',
      severity: 3,
      riskFactor: 'High',
      cvss2BaseScore: 7.5,
      cves: ['CVE-2012-1823'],
      port: 80,
      protocol: 'tcp',
      serviceName: 'www',
    });
    expect(findings.find((f) => f.pluginId === 40984)).toMatchObject({
      severity: 2,
      cvss2BaseScore: 5,
      cvss3BaseScore: 5.3,
      cvss3Vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
    });
    expect(findings.filter((f) => f.pluginId === 58987).map((f) => f.severity)).toEqual([4, 4]);
    expect(findings.find((f) => f.pluginId === 106375)?.cpes).toEqual(['cpe:/a:nginx:nginx']);
    expect(findings.find((f) => f.pluginId === 10114)).toMatchObject({ port: 0, protocol: 'icmp' });
  });

  it('nessus_many_vuln.xml (Nessus 5): ctime host times, a firewall, services with uncertain names', async () => {
    const { hosts, diagnostics, scan } = await read('nessus/nessus_many_vuln.xml');
    expect(diagnostics).toEqual([]);
    expect(scan.reportName).toBe('Remote');
    expect(hosts[0]).toMatchObject({
      name: 'preprod.boardvantage.net',
      addresses: ['12.233.108.201'],
      operatingSystems: ['CISCO PIX 7.0'],
      systemType: 'firewall',
      startTime: '2013-06-25T10:32:42.000Z',
      endTime: '2013-06-25T10:39:42.000Z',
      services: [
        { transport: 'tcp', port: 443, name: 'https?' },
        { transport: 'tcp', port: 264, name: 'fw1-topology-download' },
      ],
    });
    expect(hosts[0]?.findings.map((f) => f.pluginId)).toContain(19506);
    expect(hosts[0]?.findings.find((f) => f.pluginId === 19506)?.output).toContain(
      'Scanner IP : 172.16.138.167',
    );
  });

  it('nessus_was_many_vuln.xml (Tenable WAS): a URL-named host, XSS with cvss and cvssv3', async () => {
    const { hosts, diagnostics } = await read('nessus_was/nessus_was_many_vuln.xml');
    expect(diagnostics).toEqual([]);
    expect(hosts[0]).toMatchObject({
      name: 'http://google.com/',
      addresses: [],
      hostnames: [{ name: 'google.com', source: 'fqdn' }],
      systemType: 'web_application',
      startTime: '2021-03-12T12:34:30.120Z',
    });
    expect(hosts[0]?.findings).toHaveLength(5);
    expect(hosts[0]?.findings.find((f) => f.pluginId === 98104)).toMatchObject({
      severity: 3,
      riskFactor: 'High',
      cvss2BaseScore: 7.5,
      cvss3BaseScore: 7.1,
      protocol: 'tcp',
    });
  });

  it('every .nessus and .xml file parses without an error diagnostic', async () => {
    const files = ['nessus', 'nessus_was'].flatMap((dir) =>
      readdirSync(DATA + dir)
        .filter((name) => name.endsWith('.nessus') || name.endsWith('.xml'))
        .map((name) => `${dir}/${name}`),
    );
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const { hosts, diagnostics } = await read(file);
      expect(
        diagnostics.filter((d) => d.severity === 'error'),
        file,
      ).toEqual([]);
      expect(hosts.length, file).toBeGreaterThan(0);
    }
  });
});

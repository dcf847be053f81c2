/**
 * Real Nmap reports from public test suites (python-libnmap, DefectDojo), read where they sit in
 * the shared data folder; they are never copied into the repository. Facts asserted here were read
 * from the files by hand.
 */
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectNmapXml } from './parse.js';
import type { NmapReport } from './types.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/scanner-reports/', import.meta.url));
const present = existsSync(DATA);
const title = present
  ? 'real Nmap reports from ../shared/data'
  : 'real Nmap reports: SKIPPED, ../shared/data/scanner-reports is absent in this clone';

async function read(path: string): Promise<NmapReport> {
  return collectNmapXml(createReadStream(DATA + path), { source: path });
}

describe.skipIf(!present)(title, () => {
  it('dionaea_scan.xml: one host with its addresses, hostnames, start time and the finished run', async () => {
    const { hosts, diagnostics, run } = await read('nmap-python-libnmap/dionaea_scan.xml');
    expect(diagnostics).toEqual([]);
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.addresses).toEqual([
      { kind: 'ipv4', value: '172.28.1.3', vendor: null },
      { kind: 'mac', value: '02:42:AC:1C:01:03', vendor: null },
    ]);
    expect(hosts[0]?.hostnames).toContainEqual({
      name: 'dionaea.libnmap-testing_testing_net',
      kind: 'PTR',
    });
    expect(hosts[0]?.startTime).toBe('2020-11-22T17:09:08.000Z');
    expect(run).toMatchObject({
      version: '7.91',
      xmlOutputVersion: '1.05',
      finishedTime: '2020-11-22T17:14:33.000Z',
      exit: 'success',
    });
  });

  it('dionaea_scan.xml: services with product, version, extrainfo, CPE and the OS match', async () => {
    const { hosts } = await read('nmap-python-libnmap/dionaea_scan.xml');
    const ports = hosts[0]?.ports ?? [];
    const mysql = ports.find((p) => p.port === 3306);
    expect(mysql).toMatchObject({ protocol: 'tcp', state: 'open', reason: 'syn-ack' });
    expect(mysql?.service).toMatchObject({
      name: 'mysql',
      product: 'MySQL',
      version: '5.7.16',
      cpes: ['cpe:/a:mysql:mysql:5.7.16'],
    });
    expect(ports.find((p) => p.port === 11211)?.service?.extraInfo).toBe('uptime 132 seconds');
    expect(hosts[0]?.osMatches[0]).toMatchObject({ name: 'Linux 4.15 - 5.6', accuracy: 100 });
    expect(hosts[0]?.osMatches[0]?.classes[0]?.cpes).toEqual(['cpe:/o:linux:linux_kernel:4']);
  });

  it('dionaea_scan.xml: ssl-cert subject, issuer and validity on 443/tcp (tunnel ssl)', async () => {
    const { hosts } = await read('nmap-python-libnmap/dionaea_scan.xml');
    const https = hosts[0]?.ports.find((p) => p.port === 443);
    expect(https?.service?.tunnel).toBe('ssl');
    const cert = https?.scripts.find((s) => s.id === 'ssl-cert')?.certificate;
    expect(cert).toMatchObject({
      subjectCommonName: 'Nepenthes Development Team',
      issuerCommonName: 'Nepenthes Development Team',
      notBefore: '2020-11-22T17:06:58',
      notAfter: '2021-11-22T17:06:58',
    });
    expect(cert?.issuer).toContain('organizationName=dionaea.carnivore.it');
  });

  it('os_scan5.xml: 256 hosts, 4 up; old-style osclass outside osmatch; MAC vendor', async () => {
    const { hosts, diagnostics } = await read('nmap-python-libnmap/os_scan5.xml');
    expect(diagnostics).toEqual([]);
    expect(hosts).toHaveLength(256);
    expect(hosts.filter((h) => h.status === 'up')).toHaveLength(4);
    const router = hosts.find((h) => h.addresses[0]?.value === '192.168.1.1');
    expect(router?.ports.map((p) => p.port)).toEqual(expect.arrayContaining([23, 80, 443, 992]));
    expect(router?.osClasses[0]).toMatchObject({
      vendor: 'Chumby',
      family: 'embedded',
      accuracy: 100,
    });
    expect(router?.osMatches[0]).toMatchObject({
      name: 'Chumby Internet radio',
      accuracy: 100,
      classes: [],
    });
    const intel = hosts.find((h) => h.addresses[0]?.value === '192.168.1.5');
    expect(intel?.addresses[1]).toEqual({
      kind: 'mac',
      value: '00:1F:3C:87:66:50',
      vendor: 'Intel Corporate',
    });
  });

  it('2_hosts_version.xml: two hosts with user and PTR hostnames', async () => {
    const { hosts, diagnostics } = await read('nmap-python-libnmap/2_hosts_version.xml');
    expect(diagnostics).toEqual([]);
    expect(hosts.map((h) => h.addresses[0]?.value)).toEqual(['127.0.0.1', '74.207.244.221']);
    expect(hosts[1]?.hostnames).toEqual([
      { name: 'scanme.nmap.org', kind: 'user' },
      { name: 'scanme.nmap.org', kind: 'PTR' },
    ]);
  });

  it('test_osclass.xml: its one host has the placeholder address "IP", so it is skipped with a diagnostic', async () => {
    const { hosts, diagnostics } = await read('nmap-python-libnmap/test_osclass.xml');
    expect(hosts).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'WL_NMAP_HOST_INVALID', line: 13 });
  });

  it('nmap_script_vulners.xml (DefectDojo): OpenSSH 7.4 on 5022 with its CPE and vulners output', async () => {
    const { hosts, diagnostics } = await read('defectdojo-unittests/nmap/nmap_script_vulners.xml');
    expect(diagnostics).toEqual([]);
    const port = hosts[0]?.ports[0];
    expect(port).toMatchObject({ protocol: 'tcp', port: 5022, state: 'open' });
    expect(port?.service).toMatchObject({
      product: 'OpenSSH',
      version: '7.4',
      extraInfo: 'protocol 2.0',
      cpes: ['cpe:/a:openbsd:openssh:7.4'],
    });
    expect(port?.scripts[0]?.id).toBe('vulners');
    expect(port?.scripts[0]?.output).toContain('CVE-2018-15919');
  });

  it('issue12411.xml (DefectDojo): a "custom" hostname type keeps the host', async () => {
    const { hosts, diagnostics } = await read('defectdojo-unittests/nmap/issue12411.xml');
    expect(diagnostics).toEqual([]);
    expect(hosts).toHaveLength(2);
    expect(hosts[0]?.hostnames).toContainEqual({ name: 'lalala', kind: null });
    expect(hosts[0]?.ports.map((p) => p.port)).toEqual([80, 443]);
  });

  it.each([
    'nmap-python-libnmap/fullscan.xml',
    'nmap-python-libnmap/full_sudo6.xml',
    'nmap-python-libnmap/1_os_banner_scripts.xml',
    'defectdojo-unittests/nmap/issue4406.xml',
    'defectdojo-unittests/nmap/nmap_multiple_port.xml',
  ])('%s parses with no diagnostics and a finished run', async (path) => {
    const { hosts, diagnostics, run } = await read(path);
    expect(diagnostics).toEqual([]);
    expect(hosts.length).toBeGreaterThan(0);
    expect(run.finishedTime).not.toBeNull();
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { MAX_DESCRIPTION_CHARS, MAX_FIELD_CHARS } from './limits.js';
import { collectOpenvasXml } from './parse.js';
import { hostBlock, inPieces, report, result } from './test-helpers.js';

const source = 'report.xml';

async function parse(text: string) {
  return collectOpenvasXml(inPieces(text), { source });
}

async function unreadable(text: string): Promise<unknown> {
  return parse(text).then(
    () => 'parsed',
    (error: unknown) => error,
  );
}

const HEARTBLEED = {
  resultId: 'r-1',
  oid: '1.3.6.1.4.1.25623.1.0.103936',
  name: 'SSL/TLS: OpenSSL Heartbleed',
  family: 'SSL and TLS',
  severity: 7.5,
  cvssBase: 7.5,
  cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
  threat: 'High',
  qod: 98,
  qodType: 'remote_vul',
  cves: ['CVE-2014-0160', 'CVE-2014-0346'],
  port: 443,
  transport: 'tcp',
  portText: '443/tcp',
  description: 'Leaked 64 kB.\n',
  summary: 'OpenSSL leaks memory.',
  solution: 'Update OpenSSL to 1.0.1g.',
  solutionType: 'VendorFix',
};

describe('parseOpenvasXml: records', () => {
  it('merges a host’s results and its host block: names, MAC, OS, services, applications, findings', async () => {
    const { hosts, diagnostics, scan } = await parse(report(result(), hostBlock()));
    expect(diagnostics).toEqual([]);
    expect(hosts).toEqual([
      {
        ip: '10.20.0.5',
        hostnames: ['pacs01.hospital.example', 'pacs01'],
        mac: '00:1b:63:84:45:e6',
        osName: 'Ubuntu 20.04',
        osCpe: 'cpe:/o:canonical:ubuntu_linux:20.04',
        startTime: '2024-03-01T08:01:00.000Z',
        endTime: '2024-03-01T08:20:00.000Z',
        services: [
          { transport: 'tcp', port: 22, name: null },
          { transport: 'tcp', port: 104, name: 'dicom' },
          { transport: 'tcp', port: 443, name: null },
        ],
        applications: [{ cpe: 'cpe:/a:orthanc:orthanc:1.12.1', locations: ['4242/tcp'] }],
        findings: [HEARTBLEED],
      },
    ]);
    expect(scan).toEqual({
      reportId: 'rep-1',
      gmpVersion: '22.4',
      taskName: 'Radiology VLAN',
      scanRunStatus: 'Done',
      startTime: '2024-03-01T08:00:00.000Z',
      endTime: '2024-03-01T08:30:00.000Z',
    });
  });

  it('reads a bare report (no envelope) and a get_reports_response around one', async () => {
    const bare = `<report id="solo"><results>${result()}</results></report>`;
    const wrapped = `<get_reports_response status="200" status_text="OK">${report(result()).replace(/^<\?xml[^>]*>/, '')}</get_reports_response>`;
    for (const text of [bare, wrapped]) {
      const { hosts, diagnostics } = await parse(text);
      expect(diagnostics).toEqual([]);
      expect(hosts.map((h) => [h.ip, h.findings[0]?.oid])).toEqual([
        ['10.20.0.5', '1.3.6.1.4.1.25623.1.0.103936'],
      ]);
    }
  });

  it('gives each report of a get_reports_response its own hosts, when it closes', async () => {
    const one = report(result('10.0.0.1')).replace(/^<\?xml[^>]*>/, '');
    const two = report(result('10.0.0.2')).replace(/^<\?xml[^>]*>/, '');
    const { hosts } = await parse(`<get_reports_response>${one}${two}</get_reports_response>`);
    expect(hosts.map((h) => h.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('groups results by address in order of first appearance, keeping IPv6', async () => {
    const { hosts } = await parse(
      report(result('10.0.0.9') + result('fe80::1') + result('10.0.0.9').replace('r-1', 'r-2')),
    );
    expect(hosts.map((h) => [h.ip, h.findings.map((f) => f.resultId)])).toEqual([
      ['10.0.0.9', ['r-1', 'r-2']],
      ['fe80::1', ['r-1']],
    ]);
  });

  it('reads GVM 9 shapes: the nvt/cve list, no refs, tags-only solution, and OpenVAS 8 port names', async () => {
    const old =
      '<result><host>10.1.1.1</host><port>https (443/tcp)</port>' +
      '<nvt oid="1.3.6.1.4.1.25623.1.0.1"><name>Old</name><cvss_base>5.0</cvss_base>' +
      '<cve>CVE-2016-2183, CVE-2016-6329</cve><bid>NOBID</bid>' +
      '<tags>summary=s|solution=Disable 3DES.|solution_type=Mitigation</tags></nvt>' +
      '<threat>Medium</threat><severity>5.0</severity></result>';
    const { hosts, diagnostics } = await parse(report(old));
    expect(diagnostics).toEqual([]);
    expect(hosts[0]?.findings[0]).toMatchObject({
      cves: ['CVE-2016-2183', 'CVE-2016-6329'],
      port: 443,
      transport: 'tcp',
      solution: 'Disable 3DES.',
      solutionType: 'Mitigation',
      qod: null,
      description: null,
    });
  });

  it('reads general/… and package ports as no port, and GVM’s negative severities as none', async () => {
    const fp = result()
      .replace('<port>443/tcp</port>', '<port>general/udp</port>')
      .replace('<severity>7.5</severity>', '<severity>-1.0</severity>')
      .replace('<threat>High</threat>', '<threat>False Positive</threat>');
    const pkg = result('10.0.0.8').replace('<port>443/tcp</port>', '<port>package</port>');
    const { hosts } = await parse(report(fp + pkg));
    expect(hosts[0]?.findings[0]).toMatchObject({
      port: null,
      transport: 'udp',
      portText: 'general/udp',
      severity: null,
      threat: 'False Positive',
    });
    expect(hosts[0]?.services).toEqual([]);
    expect(hosts[1]?.findings[0]).toMatchObject({
      port: null,
      transport: null,
      portText: 'package',
    });
  });

  it('keeps a host known only from its host block', async () => {
    const { hosts } = await parse(report('', hostBlock('10.3.3.3')));
    expect(hosts).toHaveLength(1);
    expect(hosts[0]).toMatchObject({ ip: '10.3.3.3', findings: [], osName: 'Ubuntu 20.04' });
  });
});

describe('parseOpenvasXml: a bad result or host block costs only itself', () => {
  it.each([
    ['no NVT OID', result().replace(' oid="1.3.6.1.4.1.25623.1.0.103936"', ''), 'no <nvt oid>'],
    ['no host', result().replace(/<host>.*?<\/host>/, ''), 'no <host>'],
    ['a word for severity', result().replace('<severity>7.5', '<severity>high'), 'severity "high"'],
    ['a severity above 10', result().replace('<severity>7.5', '<severity>11'), 'severity "11"'],
    ['a port past 65535', result().replace('443/tcp</port>', '70000/tcp</port>'), '70000/tcp'],
    ['a QoD above 100', result().replace('<value>98', '<value>101'), 'qod "101"'],
    ['an undefined entity', result().replace('Leaked', 'Leaked &bogus;'), 'XML error'],
  ])(
    'a result with %s is skipped with one diagnostic; the next one is kept',
    async (_, bad, why) => {
      const { hosts, diagnostics } = await parse(report(bad + result('10.20.0.6')));
      expect(hosts.map((h) => h.ip)).toEqual(['10.20.0.6']);
      const invalid = diagnostics.filter((d) => d.code === 'WL_OPENVAS_RESULT_INVALID');
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ source, severity: 'error', line: 7 });
      expect(invalid[0]?.message).toContain(why);
    },
  );

  it('skips a host whose address is not an IP, saying how many results it had', async () => {
    const { hosts, diagnostics } = await parse(
      report(result('192.168.1.1001') + result('192.168.1.1001') + result('10.0.0.1')),
    );
    expect(hosts.map((h) => h.ip)).toEqual(['10.0.0.1']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'WL_OPENVAS_HOST_INVALID', line: 7 });
    expect(diagnostics[0]?.message).toContain(
      '"192.168.1.1001" is not an IPv4 or IPv6 address; its 2 results',
    );
  });

  it('ignores a detail value that does not read, with a warning, and keeps the host', async () => {
    const block = hostBlock()
      .replace('00:1B:63:84:45:E6', 'not-a-mac')
      .replace('22,104,443', '22,1-1024,443')
      .replace('2024-03-01T08:01:00Z', 'yesterday');
    const { hosts, diagnostics } = await parse(report('', block));
    expect(hosts[0]).toMatchObject({ mac: null, startTime: null, osName: 'Ubuntu 20.04' });
    expect(hosts[0]?.services.map((s) => s.port)).toEqual([22, 104, 443]);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OPENVAS_VALUE_IGNORED']);
    expect(diagnostics[0]?.message).toMatch(/MAC "not-a-mac".*"1-1024".*"yesterday"/);
  });

  it('skips a host block with a well-formedness error, keeping the host’s results', async () => {
    const block = hostBlock().replace('Ubuntu 20.04', 'Ubuntu &nope; 20.04');
    const { hosts, diagnostics } = await parse(report(result(), block));
    expect(hosts[0]?.findings).toHaveLength(1);
    expect(hosts[0]?.osName).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_OPENVAS_XML_MALFORMED',
      'WL_OPENVAS_HOST_INVALID',
    ]);
  });

  it(`cuts a description past ${MAX_DESCRIPTION_CHARS} characters, with a warning`, async () => {
    const long = result().replace('Leaked 64 kB.', 'x'.repeat(MAX_DESCRIPTION_CHARS + 5));
    const { hosts, diagnostics } = await parse(report(long));
    expect(hosts[0]?.findings[0]?.description).toHaveLength(MAX_DESCRIPTION_CHARS);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OPENVAS_TEXT_TRUNCATED']);
    expect(diagnostics[0]?.message).toContain('description');
  });

  it('cuts a host detail value past its cap, with a warning', async () => {
    const block = hostBlock().replace('Ubuntu 20.04', 'U'.repeat(MAX_FIELD_CHARS + 1));
    const { hosts, diagnostics } = await parse(report('', block));
    expect(hosts[0]?.osName).toHaveLength(MAX_FIELD_CHARS);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OPENVAS_TEXT_TRUNCATED']);
  });
});

describe('parseOpenvasXml: truncated files', () => {
  it('keeps the hosts of every complete result when the file is cut mid-result', async () => {
    const text = report(result('10.0.0.1') + result('10.0.0.2') + result('10.0.0.3'), '', '');
    const cut = text.slice(0, text.lastIndexOf('<nvt'));
    const { hosts, diagnostics } = await parse(cut);
    expect(hosts.map((h) => h.ip)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_OPENVAS_TRUNCATED']);
    expect(diagnostics[0]?.message).toContain('incomplete');
  });
});

describe('parseOpenvasXml: unreadable input throws WL_OPENVAS_UNREADABLE only', () => {
  it.each([
    ['empty input', ''],
    ['plain text', 'Scan report for 10.0.0.5\nHigh: Heartbleed\n'],
    ['JSON', '{"report": {}}'],
    ['another XML document', '<?xml version="1.0"?><nmaprun scanner="nmap"/>'],
    [
      'a PDF export in the GMP envelope',
      '<report id="x" format_id="c402cc3e" extension="pdf" content_type="application/pdf">JVBERi0xLjQK</report>',
    ],
  ])('%s', async (_, text) => {
    const error = await unreadable(text);
    expect(error).toBeInstanceOf(WardlineError);
    expect((error as WardlineError).code).toBe('WL_OPENVAS_UNREADABLE');
  });

  it('wraps a failing stream in WL_OPENVAS_UNREADABLE', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('EIO: disk read failed'));
      },
    });
    const error = await collectOpenvasXml(failing, { source }).catch((e: unknown) => e);
    expect((error as WardlineError).code).toBe('WL_OPENVAS_UNREADABLE');
  });
});

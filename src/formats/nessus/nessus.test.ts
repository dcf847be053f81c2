import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { MAX_FIELD_CHARS, MAX_PLUGIN_OUTPUT_CHARS } from './limits.js';
import { collectNessusXml } from './parse.js';
import { inPieces, item, nessusFile, pluginSet, reportHost } from './test-helpers.js';

const source = 'scan.nessus';

async function parse(text: string) {
  return collectNessusXml(inPieces(text), { source });
}

async function unreadable(text: string): Promise<unknown> {
  return parse(text).then(
    () => 'parsed',
    (error: unknown) => error,
  );
}

/** One-based line of the first `needle` at or after `from`. */
function lineOf(text: string, needle: string, from = 0): number {
  return text.slice(0, text.indexOf(needle, from)).split('\n').length;
}

const ORTHANC = {
  pluginId: 190000,
  pluginName: 'Orthanc < 1.12.2 Remote Code Execution',
  pluginFamily: 'Misc.',
  severity: 3,
  riskFactor: 'High',
  cvss2BaseScore: 6.5,
  cvss3BaseScore: 8.8,
  cvss2Vector: 'CVSS2#AV:N/AC:L/Au:S/C:P/I:P/A:P',
  cvss3Vector: 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
  cves: ['CVE-2023-33466'],
  cpes: ['cpe:/a:orthanc:orthanc'],
  port: 104,
  protocol: 'tcp',
  serviceName: 'dicom',
  synopsis: 'The DICOM server is affected by an RCE.',
  solution: 'Upgrade Orthanc to 1.12.2 or later.',
  output: '\n  Installed version : 1.12.1\n  Fixed version     : 1.12.2\n',
  outputTruncated: false,
};

describe('parseNessusXml: records', () => {
  it('reads a host: addresses, names, MACs, OS, CPEs, times, services and findings', async () => {
    const { hosts, diagnostics, scan } = await parse(nessusFile(reportHost()));
    expect(diagnostics).toEqual([]);
    expect(scan).toEqual({ reportName: 'Weekly clinical scan' });
    expect(hosts).toEqual([
      {
        name: '10.20.0.5',
        addresses: ['10.20.0.5'],
        hostnames: [
          { name: 'pacs01.hospital.example', source: 'fqdn' },
          { name: 'PACS01', source: 'netbios' },
        ],
        macs: ['00:1b:63:84:45:e6', '00:1b:63:84:45:e7'],
        operatingSystems: ['Microsoft Windows Server 2019', 'Microsoft Windows 10'],
        osFamily: 'windows',
        systemType: 'general-purpose',
        cpes: [
          { cpe: 'cpe:/o:microsoft:windows_server_2019', title: 'Microsoft Windows Server 2019' },
          { cpe: 'cpe:/a:orthanc:orthanc:1.12.1', title: null },
        ],
        startTime: '2024-03-01T08:00:00.000Z',
        endTime: '2024-03-01T09:00:00.000Z',
        services: [{ transport: 'tcp', port: 104, name: 'dicom' }],
        software: [],
        findings: [
          {
            ...ORTHANC,
            pluginId: 19506,
            pluginName: 'Nessus Scan Information',
            pluginFamily: 'Settings',
            severity: 0,
            riskFactor: 'None',
            cvss2BaseScore: null,
            cvss3BaseScore: null,
            cvss2Vector: null,
            cvss3Vector: null,
            cves: [],
            cpes: [],
            port: 0,
            serviceName: 'general',
            synopsis: null,
            solution: null,
            output: 'Nessus version : 10.7.1',
          },
          ORTHANC,
        ],
      },
    ]);
  });

  it('names a host by ReportHost/@name when it is a name, and takes its address from host-ip', async () => {
    const { hosts } = await parse(nessusFile(reportHost('dicom-gw')));
    expect(hosts[0]?.addresses).toEqual(['10.20.0.5']);
    expect(hosts[0]?.hostnames.map((h) => [h.name, h.source])).toEqual([
      ['pacs01.hospital.example', 'fqdn'],
      ['PACS01', 'netbios'],
      ['dicom-gw', 'report-name'],
    ]);
  });

  it('lists a name once, whatever its case, under its first source', async () => {
    const { hosts } = await parse(nessusFile(reportHost('pacs01')));
    expect(hosts[0]?.hostnames.map((h) => h.name)).toEqual(['pacs01.hospital.example', 'PACS01']);
  });

  it('reads Tenable WAS shapes: a URL for a name, upper-case TCP, cvss/cvssv3, ISO times', async () => {
    const host =
      '<ReportHost name="http://ehr.hospital.example/"><HostProperties>' +
      '<tag name="host-fqdn">http://ehr.hospital.example/</tag><tag name="system-type">web_application</tag>' +
      '<tag name="HOST_START">2021-03-12T12:34:30.12031+00:00</tag></HostProperties>' +
      '<ReportItem pluginFamily="Cross Site Scripting" pluginName="Cross-Site Scripting (XSS)" pluginID="98104" severity="3" protocol="TCP" svc_name="http" port="80">' +
      '<risk_factor>high</risk_factor><cvss>7.5</cvss><cvssv3>7.1</cvssv3></ReportItem></ReportHost>';
    const { hosts, diagnostics } = await parse(nessusFile(host));
    expect(diagnostics).toEqual([]);
    expect(hosts[0]).toMatchObject({
      addresses: [],
      hostnames: [{ name: 'ehr.hospital.example', source: 'fqdn' }],
      startTime: '2021-03-12T12:34:30.120Z',
      services: [{ transport: 'tcp', port: 80, name: 'http' }],
    });
    expect(hosts[0]?.findings[0]).toMatchObject({
      protocol: 'tcp',
      riskFactor: 'High',
      cvss2BaseScore: 7.5,
      cvss3BaseScore: 7.1,
    });
  });

  it('lists a service once per port, from items with a port and a service name, first name kept', async () => {
    const items =
      item(
        'port="443" svc_name="www" protocol="tcp" severity="0" pluginID="1" pluginName="a"',
        '<x/>',
      ) +
      item(
        'port="443" svc_name="https" protocol="tcp" severity="0" pluginID="2" pluginName="b"',
        '<x/>',
      ) +
      item(
        'port="161" svc_name="snmp" protocol="udp" severity="0" pluginID="3" pluginName="c"',
        '<x/>',
      ) +
      item(
        'port="0" svc_name="general" protocol="icmp" severity="0" pluginID="4" pluginName="d"',
        '<x/>',
      ) +
      item('port="22" protocol="tcp" severity="0" pluginID="5" pluginName="e"', '<x/>');
    const { hosts } = await parse(nessusFile(reportHost('10.0.0.1', items)));
    expect(hosts[0]?.services).toEqual([
      { transport: 'tcp', port: 443, name: 'www' },
      { transport: 'udp', port: 161, name: 'snmp' },
    ]);
  });

  it('skips a huge policy section without parsing it: a 2 MiB plugin list costs nothing', async () => {
    const text = nessusFile(reportHost(), undefined, pluginSet(350_000));
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const { hosts, diagnostics } = await parse(text);
    expect(diagnostics).toEqual([]);
    expect(hosts).toHaveLength(1);
  });

  it('gives diagnostics after the skipped policy their true line and offset', async () => {
    const bad = item().replace('severity="3"', 'severity="9"');
    const text = nessusFile(reportHost('10.0.0.1', bad), undefined, pluginSet(20_000));
    const { diagnostics } = await parse(text);
    const at = text.indexOf('severity="9"');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.line).toBe(lineOf(text, 'severity="9"'));
    expect(diagnostics[0]?.offset).toBeGreaterThan(at - 200);
    expect(diagnostics[0]?.offset).toBeLessThan(at + 300);
  });
});

describe('parseNessusXml: a bad item or host costs only itself', () => {
  it.each([
    ['no pluginID', item().replace(' pluginID="190000"', ''), 'no pluginID'],
    ['severity 5', item().replace('severity="3"', 'severity="5"'), 'severity "5"'],
    ['a port past 65535', item().replace('port="104"', 'port="70000"'), 'port "70000"'],
    ['a word for a port', item().replace('port="104"', 'port="dicom"'), 'port "dicom"'],
    ['a score above 10', item().replace('<cvss_base_score>6.5', '<cvss_base_score>11'), '"11"'],
    ['an undefined entity', item().replace('Upgrade', 'Upgrade &nope;'), 'XML error'],
  ])(
    'an item with %s is skipped with one diagnostic; the host and its other items stay',
    async (_, bad, why) => {
      const text = nessusFile(reportHost('10.0.0.1', bad + item()));
      const { hosts, diagnostics } = await parse(text);
      expect(hosts[0]?.findings.map((f) => f.pluginId)).toEqual([19506, 190000]);
      const invalid = diagnostics.filter((d) => d.code === 'WL_NESSUS_ITEM_INVALID');
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({
        source,
        severity: 'error',
        line: lineOf(text, bad),
      });
      expect(invalid[0]?.message).toContain(why);
    },
  );

  it('skips a ReportHost without a name, and one with a well-formedness error outside its items', async () => {
    const noName = reportHost('10.0.0.1').replace('<ReportHost name="10.0.0.1">', '<ReportHost>');
    const broken = reportHost('10.0.0.2').replace('windows</tag>', 'windows &nope;</tag>');
    const { hosts, diagnostics } = await parse(
      nessusFile(noName + broken + reportHost('10.0.0.3')),
    );
    expect(hosts.map((h) => h.name)).toEqual(['10.0.0.3']);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_NESSUS_HOST_INVALID',
      'WL_NESSUS_XML_MALFORMED',
      'WL_NESSUS_HOST_INVALID',
    ]);
    expect(diagnostics[0]?.message).toContain('no name');
  });

  it('ignores host tags that do not read, with one warning, and keeps the host', async () => {
    const host = reportHost('pacs01')
      .replace('<tag name="host-ip">10.20.0.5', '<tag name="host-ip">10.20.0.500')
      .replace('00-1b-63-84-45-e7', 'zz:zz')
      .replace('Fri Mar  1 08:00:00 2024', 'yesterday')
      .replace('PACS01', 'PACS 01');
    const { hosts, diagnostics } = await parse(nessusFile(host));
    expect(hosts[0]).toMatchObject({ addresses: [], macs: ['00:1b:63:84:45:e6'], startTime: null });
    expect(hosts[0]?.hostnames.map((h) => h.source)).toEqual(['fqdn', 'report-name']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_VALUE_IGNORED']);
    expect(diagnostics[0]?.message).toMatch(
      /host-ip "10.20.0.500".*"PACS 01".*"zz:zz".*HOST_START "yesterday"/,
    );
  });

  it(`cuts a plugin output past ${MAX_PLUGIN_OUTPUT_CHARS} characters and says so`, async () => {
    const long = item().replace('Installed version', 'x'.repeat(MAX_PLUGIN_OUTPUT_CHARS + 10));
    const { hosts, diagnostics } = await parse(nessusFile(reportHost('10.0.0.1', long)));
    const finding = hosts[0]?.findings[1];
    expect(finding?.output).toHaveLength(MAX_PLUGIN_OUTPUT_CHARS);
    expect(finding?.outputTruncated).toBe(true);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_TEXT_TRUNCATED']);
    expect(diagnostics[0]?.message).toContain('1 plugin outputs or fields');
  });
});

describe('parseNessusXml: host tag caps', () => {
  it(`cuts a host tag past ${MAX_FIELD_CHARS} characters and counts it`, async () => {
    const host = reportHost().replace('general-purpose', 'g'.repeat(MAX_FIELD_CHARS + 1));
    const { hosts, diagnostics } = await parse(nessusFile(host));
    expect(hosts[0]?.systemType).toHaveLength(MAX_FIELD_CHARS);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_TEXT_TRUNCATED']);
  });
});

describe('parseNessusXml: truncated files', () => {
  it('returns every complete host and WL_NESSUS_TRUNCATED when cut mid-host', async () => {
    const text = nessusFile(
      reportHost('10.0.0.1') + reportHost('10.0.0.2') + reportHost('10.0.0.3'),
      '',
    );
    const cut = text.slice(0, text.lastIndexOf('<cve>'));
    const { hosts, diagnostics } = await parse(cut);
    expect(hosts.map((h) => h.name)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_TRUNCATED']);
    expect(diagnostics[0]?.message).toContain('2 complete hosts');
  });

  it('reports a file cut inside the policy as truncated, with no hosts', async () => {
    const text = nessusFile(reportHost());
    const { hosts, diagnostics } = await parse(text.slice(0, text.indexOf('</Policy>') - 5));
    expect(hosts).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NESSUS_TRUNCATED']);
  });
});

describe('parseNessusXml: unreadable input throws WL_NESSUS_UNREADABLE only', () => {
  it.each([
    ['empty input', ''],
    ['plain text', 'Nessus scan of 10.0.0.5\nCritical: 3\n'],
    ['JSON', '{"NessusClientData_v2": {}}'],
    ['a CSV export', 'Plugin ID,CVE,CVSS,Risk,Host\n19506,,,None,10.0.0.5\n'],
    ['another XML document', '<?xml version="1.0"?><nmaprun scanner="nmap"/>'],
  ])('%s', async (_, text) => {
    const error = await unreadable(text);
    expect(error).toBeInstanceOf(WardlineError);
    expect((error as WardlineError).code).toBe('WL_NESSUS_UNREADABLE');
  });

  it('says so when the file is the old .nessus v1 format', async () => {
    const error = await unreadable('<NessusClientData><Report/></NessusClientData>');
    expect((error as WardlineError).code).toBe('WL_NESSUS_UNREADABLE');
    expect((error as WardlineError).message).toContain('v1');
  });

  it('wraps a failing stream in WL_NESSUS_UNREADABLE', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('EIO: disk read failed'));
      },
    });
    const error = await collectNessusXml(failing, { source }).catch((e: unknown) => e);
    expect((error as WardlineError).code).toBe('WL_NESSUS_UNREADABLE');
  });
});

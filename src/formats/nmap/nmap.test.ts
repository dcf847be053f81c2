import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { collectNmapXml } from './parse.js';
import { GOOD_HOST, inPieces, report } from './test-helpers.js';
import { MAX_ELEMENT_DEPTH, MAX_TOKEN_CHARS } from './limits.js';

const source = 'test.xml';

async function parse(text: string) {
  return collectNmapXml(inPieces(text), { source });
}

async function unreadable(text: string): Promise<unknown> {
  return parse(text).then(
    () => 'parsed',
    (error: unknown) => error,
  );
}

describe('parseNmapXml: records', () => {
  it('reads a host: status, addresses with vendor, hostnames, ports, service, CPE, times', async () => {
    const { hosts, diagnostics, run } = await parse(report(GOOD_HOST));
    expect(diagnostics).toEqual([]);
    expect(hosts).toEqual([
      {
        status: 'up',
        statusReason: 'arp-response',
        addresses: [
          { kind: 'ipv4', value: '10.0.0.5', vendor: null },
          { kind: 'mac', value: '00:1F:3C:87:66:50', vendor: 'Intel Corporate' },
        ],
        hostnames: [{ name: 'pacs01.hospital.example', kind: 'PTR' }],
        ports: [
          {
            protocol: 'tcp',
            port: 104,
            state: 'open',
            reason: 'syn-ack',
            service: {
              name: 'dicom',
              product: 'Orthanc',
              version: '1.12.1',
              extraInfo: null,
              osType: null,
              tunnel: null,
              cpes: ['cpe:/a:orthanc:orthanc:1.12.1'],
            },
            scripts: [],
          },
        ],
        osMatches: [],
        osClasses: [],
        scripts: [],
        startTime: '2023-11-14T22:13:21.000Z',
        endTime: '2023-11-14T22:13:22.000Z',
      },
    ]);
    expect(run).toMatchObject({
      args: 'nmap -sV 10.0.0.0/24',
      version: '7.94',
      xmlOutputVersion: '1.05',
      startTime: '2023-11-14T22:13:20.000Z',
      finishedTime: '2023-11-14T22:15:00.000Z',
    });
  });

  it('reads OS matches with their classes and CPEs, and ssl-cert facts from its tables', async () => {
    const host =
      '<host><status state="up"/><address addr="fe80::1" addrtype="ipv6"/>' +
      '<ports><port protocol="tcp" portid="443"><state state="open"/><service name="https" tunnel="ssl" ostype="Linux" extrainfo="TLS"/>' +
      '<script id="ssl-cert" output="Subject: commonName=ehr.example&#xa;Not valid before: x">' +
      '<table key="subject"><elem key="commonName">ehr.example</elem></table>' +
      '<table key="issuer"><elem key="commonName">Hospital CA</elem><elem key="organizationName">Hospital</elem></table>' +
      '<table key="extensions"><table><elem key="name">X509v3 Subject Alternative Name</elem></table></table>' +
      '<table key="validity"><elem key="notBefore">2024-01-01T00:00:00</elem><elem key="notAfter">2025-01-01T00:00:00</elem></table>' +
      '</script><script id="banner" output="hello"/></port></ports>' +
      '<os><osmatch name="Linux 5.X" accuracy="96"><osclass type="general purpose" vendor="Linux" osfamily="Linux" osgen="5.X" accuracy="96"><cpe>cpe:/o:linux:linux_kernel:5</cpe></osclass></osmatch></os>' +
      '<hostscript><script id="smb-os-discovery" output="OS: Windows"/></hostscript></host>';
    const { hosts, diagnostics } = await parse(report(host));
    expect(diagnostics).toEqual([]);
    const [parsed] = hosts;
    expect(parsed?.ports[0]?.service).toMatchObject({
      tunnel: 'ssl',
      osType: 'Linux',
      extraInfo: 'TLS',
    });
    expect(parsed?.ports[0]?.scripts).toEqual([
      {
        id: 'ssl-cert',
        output: 'Subject: commonName=ehr.example\nNot valid before: x',
        certificate: {
          subjectCommonName: 'ehr.example',
          issuerCommonName: 'Hospital CA',
          issuer: 'commonName=Hospital CA/organizationName=Hospital',
          notBefore: '2024-01-01T00:00:00',
          notAfter: '2025-01-01T00:00:00',
        },
      },
      { id: 'banner', output: 'hello', certificate: null },
    ]);
    expect(parsed?.osMatches).toEqual([
      {
        name: 'Linux 5.X',
        accuracy: 96,
        classes: [
          {
            vendor: 'Linux',
            family: 'Linux',
            generation: '5.X',
            type: 'general purpose',
            accuracy: 96,
            cpes: ['cpe:/o:linux:linux_kernel:5'],
          },
        ],
      },
    ]);
    expect(parsed?.scripts).toEqual([
      { id: 'smb-os-discovery', output: 'OS: Windows', certificate: null },
    ]);
  });

  it('reads from a Node Readable of one Buffer as well as from small pieces', async () => {
    const { hosts } = await collectNmapXml(Readable.from([Buffer.from(report(GOOD_HOST))]), {
      source,
    });
    expect(hosts.map((h) => h.addresses[0]?.value)).toEqual(['10.0.0.5']);
  });
});

describe('parseNmapXml: bad hosts cost only themselves', () => {
  it.each([
    ['no address', '<host><status state="up"/></host>', 'no <address>'],
    ['no status', '<host><address addr="10.0.0.9" addrtype="ipv4"/></host>', 'no <status>'],
    [
      'a malformed IPv4 address',
      '<host><status state="up"/><address addr="10.0.0.999" addrtype="ipv4"/></host>',
      'not a valid ipv4',
    ],
    [
      'a port number out of range',
      '<host><status state="up"/><address addr="10.0.0.9"/><ports><port protocol="tcp" portid="70000"><state state="open"/></port></ports></host>',
      'portid "70000"',
    ],
    [
      'an unknown status',
      '<host><status state="sideways"/><address addr="10.0.0.9"/></host>',
      'status state "sideways"',
    ],
    [
      'a port without state',
      '<host><status state="up"/><address addr="10.0.0.9"/><ports><port protocol="tcp" portid="80"/></ports></host>',
      'has no <state>',
    ],
    [
      'a non-numeric start time',
      '<host starttime="yesterday"><status state="up"/><address addr="10.0.0.9"/></host>',
      'starttime',
    ],
    [
      'an undefined entity',
      '<host><status state="up"/><address addr="10.0.0.9"/><hostnames><hostname name="a&bogus;" type="user"/></hostnames></host>',
      'XML error',
    ],
  ])(
    'a host with %s yields a diagnostic and the next host still parses',
    async (_, bad, reason) => {
      const { hosts, diagnostics } = await parse(report(bad + GOOD_HOST));
      expect(hosts.map((h) => h.addresses[0]?.value)).toEqual(['10.0.0.5']);
      const invalid = diagnostics.filter((d) => d.code === 'WL_NMAP_HOST_INVALID');
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ source, severity: 'error', line: 4 });
      expect(invalid[0]?.message).toContain(reason);
    },
  );

  it('keeps a hostname whose type is outside nmap.dtd, with kind null', async () => {
    const host = GOOD_HOST.replace('type="PTR"', 'type="custom"');
    const { hosts, diagnostics } = await parse(report(host));
    expect(diagnostics).toEqual([]);
    expect(hosts[0]?.hostnames).toEqual([{ name: 'pacs01.hospital.example', kind: null }]);
  });
});

describe('parseNmapXml: truncated files', () => {
  it('returns every complete host and WL_NMAP_TRUNCATED when cut mid-host', async () => {
    const text = report(GOOD_HOST + GOOD_HOST.replace('10.0.0.5', '10.0.0.6') + GOOD_HOST, '');
    const cut = text.slice(0, text.lastIndexOf('<ports>'));
    const { hosts, diagnostics, run } = await parse(cut);
    expect(hosts.map((h) => h.addresses[0]?.value)).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NMAP_TRUNCATED']);
    expect(diagnostics[0]?.message).toContain('incomplete');
    expect(run.finishedTime).toBeNull();
  });

  it('reports a file cut between hosts as truncated too', async () => {
    const { hosts, diagnostics } = await parse(report(GOOD_HOST, ''));
    expect(hosts).toHaveLength(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NMAP_TRUNCATED']);
  });
});

describe('parseNmapXml: unreadable input throws WL_NMAP_UNREADABLE only', () => {
  it.each([
    ['empty input', ''],
    ['plain text', 'Nmap scan report for 10.0.0.5\nPORT STATE SERVICE\n'],
    ['JSON', '{"nmaprun": {}}'],
    [
      'another XML document',
      '<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>',
    ],
  ])('%s', async (_, text) => {
    const error = await unreadable(text);
    expect(error).toBeInstanceOf(WardlineError);
    expect((error as WardlineError).code).toBe('WL_NMAP_UNREADABLE');
  });

  it('wraps a failing stream in WL_NMAP_UNREADABLE', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('EIO: disk read failed'));
      },
    });
    const error = await collectNmapXml(failing, { source }).catch((e: unknown) => e);
    expect((error as WardlineError).code).toBe('WL_NMAP_UNREADABLE');
  });
});

describe('parseNmapXml: untrusted input', () => {
  it('never expands an external entity (XXE canary on /etc/passwd)', async () => {
    const text =
      '<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
      '<nmaprun args="&xxe;">' +
      '<host><status state="up"/><address addr="10.0.0.7"/><hostnames><hostname name="&xxe;" type="user"/></hostnames></host>' +
      GOOD_HOST +
      '</nmaprun>';
    const result = await parse(text);
    expect(JSON.stringify(result)).not.toMatch(/root:|\/bin\/(ba)?sh|nologin/);
    expect(result.diagnostics.map((d) => d.code)).toContain('WL_NMAP_DTD_IGNORED');
    expect(result.diagnostics.map((d) => d.code)).toContain('WL_NMAP_XML_MALFORMED');
    expect(result.hosts.map((h) => h.addresses[0]?.value)).toEqual(['10.0.0.5']);
  });

  it('does not expand internal entities either (no billion laughs)', async () => {
    const text =
      '<!DOCTYPE nmaprun [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
      '<nmaprun args="&b;">' +
      GOOD_HOST +
      '</nmaprun>';
    const { run, hosts } = await parse(text);
    expect(run.args ?? '').not.toContain('aaaa');
    expect(hosts).toHaveLength(1);
  });

  it(`stops with WL_NMAP_LIMIT_EXCEEDED past ${MAX_ELEMENT_DEPTH} nested elements, keeping earlier hosts`, async () => {
    const deep = '<x>'.repeat(MAX_ELEMENT_DEPTH + 10);
    const { hosts, diagnostics } = await parse(report(GOOD_HOST + deep, ''));
    expect(hosts).toHaveLength(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NMAP_LIMIT_EXCEEDED']);
  });

  it(`stops with WL_NMAP_LIMIT_EXCEEDED on a value longer than ${MAX_TOKEN_CHARS} characters`, async () => {
    const huge = `<host><status state="up" reason="${'A'.repeat(MAX_TOKEN_CHARS + 10)}"/></host>`;
    const { hosts, diagnostics } = await collectNmapXml(
      Readable.from([report(GOOD_HOST + huge, '')]),
      {
        source,
      },
    );
    expect(hosts).toHaveLength(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_NMAP_LIMIT_EXCEEDED']);
  });
});

describe('parseNmapXml: kept property-test counterexamples', () => {
  it('a stray "&" between hosts (fast-check seed 926553298) does not swallow the next host', async () => {
    const { hosts, diagnostics } = await parse(
      report(`&${GOOD_HOST}&amp ${GOOD_HOST.replace('10.0.0.5', '10.0.0.6')}`),
    );
    expect(hosts.map((h) => h.addresses[0]?.value)).toEqual(['10.0.0.5', '10.0.0.6']);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_NMAP_XML_MALFORMED',
      'WL_NMAP_XML_MALFORMED',
    ]);
  });

  it('a stray "&" inside a host skips only that host', async () => {
    const bad = GOOD_HOST.replace('Orthanc', 'Orthanc & Co').replace('10.0.0.5', '10.0.0.4');
    const { hosts, diagnostics } = await parse(report(bad + GOOD_HOST));
    expect(hosts.map((h) => h.addresses[0]?.value)).toEqual(['10.0.0.5']);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_NMAP_XML_MALFORMED',
      'WL_NMAP_HOST_INVALID',
    ]);
  });
});

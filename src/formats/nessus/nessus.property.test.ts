import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { collectNessusXml } from './parse.js';
import { inPieces, nessusFile, reportHost } from './test-helpers.js';
import {
  NESSUS_PROTOCOLS,
  NESSUS_RISK_FACTORS,
  type NessusFinding,
  type NessusHost,
  type NessusHostname,
  type NessusService,
} from './types.js';
import { formatNessusXml } from './write.js';

const source = 'property.nessus';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });
/** One-line text with the characters the writer must escape, no padding (the parser trims). */
const line = fc
  .string({
    unit: fc.constantFrom(...'abcXYZ019 .-_:;,()[]{}!?&<>"\'=/é€漢'.split('')),
    minLength: 1,
    maxLength: 20,
  })
  .filter((s) => s.trim() === s && s !== '' && !s.includes(' -> '));
/** Plugin output, kept as written: newlines, tabs, carriage returns, padding. */
const prose = fc.string({
  unit: fc.constantFrom(...'ab XY\n\t\r&<>"]]>é漢'.split('')),
  minLength: 1,
  maxLength: 40,
});
const token = fc.string({
  unit: fc.constantFrom(...'abcdefXYZ0189.-_:+~'.split('')),
  minLength: 1,
  maxLength: 16,
});
const dnsName = fc
  .tuple(
    fc.constantFrom('a', 'b', 'z', '0'),
    fc.string({ unit: fc.constantFrom(...'abc09.-'.split('')), maxLength: 20 }),
  )
  .map(([first, rest]) => first + rest);
const isoSecond = fc
  .integer({ min: 0, max: 4_102_444_800 })
  .map((s) => new Date(s * 1000).toISOString());
const tenth = fc.integer({ min: 0, max: 100 }).map((n) => n / 10);
const cve = fc
  .tuple(fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: 1000, max: 9_999_999 }))
  .map(([year, n]) => `CVE-${year}-${n}`);
const mac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(':'));

const finding: fc.Arbitrary<NessusFinding> = fc.record({
  // 20811 and 22869 are left out: their outputs become software lists, tested on their own.
  pluginId: fc.integer({ min: 0, max: 999_999 }).filter((n) => n !== 20811 && n !== 22869),
  pluginName: line,
  pluginFamily: maybe(line),
  severity: fc.integer({ min: 0, max: 4 }),
  riskFactor: maybe(fc.constantFrom(...NESSUS_RISK_FACTORS)),
  cvss2BaseScore: maybe(tenth),
  cvss3BaseScore: maybe(tenth),
  cvss2Vector: maybe(token),
  cvss3Vector: maybe(token),
  cves: fc.uniqueArray(cve, { maxLength: 3 }),
  cpes: fc.uniqueArray(
    token.map((t) => `cpe:/a:${t}`),
    { maxLength: 2 },
  ),
  port: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 65535 })),
  protocol: maybe(fc.constantFrom(...NESSUS_PROTOCOLS)),
  serviceName: maybe(token),
  synopsis: maybe(line),
  solution: maybe(line),
  output: maybe(prose),
  outputTruncated: fc.constant(false),
});

/** The services a host's findings imply: port > 0, a service name, a transport; first name kept. */
function servicesOf(findings: readonly NessusFinding[]): NessusService[] {
  const services = new Map<string, NessusService>();
  for (const { port, protocol, serviceName } of findings) {
    if (port === 0 || serviceName === null || serviceName === 'general') continue;
    if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') continue;
    if (!services.has(`${protocol}/${port}`)) {
      services.set(`${protocol}/${port}`, { transport: protocol, port, name: serviceName });
    }
  }
  return [...services.values()];
}

/** One name per source, unique by lower case, the report name last when the host has one. */
function hostnamesOf(names: readonly (NessusHostname | null)[]): NessusHostname[] {
  const seen = new Set<string>();
  return names.filter((h): h is NessusHostname => {
    if (h === null || seen.has(h.name.toLowerCase())) return false;
    seen.add(h.name.toLowerCase());
    return true;
  });
}

const host: fc.Arbitrary<NessusHost> = fc
  .record({
    ip: maybe(fc.oneof(fc.ipV4(), fc.ipV6())),
    namedByIp: fc.boolean(),
    reportName: dnsName,
    fqdn: maybe(dnsName),
    rdns: maybe(dnsName),
    hostname: maybe(dnsName),
    netbios: maybe(
      fc
        .string({ unit: fc.constantFrom(...'ABZ09_-'.split('')), minLength: 1, maxLength: 15 })
        .filter((t) => !t.startsWith('-')),
    ),
    macs: fc.uniqueArray(mac, { maxLength: 3 }),
    operatingSystems: fc.array(line, { maxLength: 2 }),
    osFamily: maybe(token),
    systemType: maybe(token),
    cpes: fc.uniqueArray(fc.record({ cpe: token.map((t) => `cpe:/a:${t}`), title: maybe(line) }), {
      maxLength: 3,
      selector: (c) => c.cpe,
    }),
    startTime: maybe(isoSecond),
    endTime: maybe(isoSecond),
    findings: fc.array(finding, { maxLength: 4 }),
  })
  .map((h) => {
    const name = h.ip !== null && h.namedByIp ? h.ip : h.reportName;
    const named = (text: string | null, source: NessusHostname['source']) =>
      text === null ? null : { name: text, source };
    return {
      name,
      addresses: h.ip === null ? [] : [h.ip],
      hostnames: hostnamesOf([
        named(h.fqdn, 'fqdn'),
        named(h.rdns, 'rdns'),
        named(h.hostname, 'hostname'),
        named(h.netbios, 'netbios'),
        name === h.reportName ? named(name, 'report-name') : null,
      ]),
      macs: h.macs,
      operatingSystems: h.operatingSystems,
      osFamily: h.osFamily,
      systemType: h.systemType,
      cpes: h.cpes,
      startTime: h.startTime,
      endTime: h.endTime,
      services: servicesOf(h.findings),
      software: [],
      findings: h.findings,
    };
  });

/**
 * Junk a damaged or hand-edited file might hold between hosts. An unclosed `<!--`, `<![CDATA[` or
 * start tag is left out: in XML it swallows whatever follows.
 */
const garbage = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => s.replace(/</g, '')),
  fc.constantFrom(
    '&',
    '&bogus;',
    '&#0;',
    ']]>',
    '\u0001',
    '<junk a="1">text<b/></junk>',
    '<!-- a comment -->',
    '<?pi data?>',
    '<![CDATA[<ReportHost name="x"/>]]>',
    '<ReportHost><HostProperties/></ReportHost>',
    '<ReportHost><ReportItem port="x"/></ReportHost>',
    '<ReportHost name="10.9.9.9"><HostProperties><tag name="os">&bogus;</tag></HostProperties></ReportHost>',
    '<Policy><value>1;2</value></Policy>',
  ),
);

async function timed(run: () => Promise<unknown>): Promise<{ result: unknown; ms: number }> {
  const started = performance.now();
  const outcome = await run();
  return { result: outcome, ms: performance.now() - started };
}

async function outcome(text: string): Promise<unknown> {
  return collectNessusXml(inPieces(text, 13), { source }).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('parseNessusXml properties', () => {
  it('arbitrary bytes end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const { result: error, ms } = await timed(() =>
          outcome(Buffer.from(bytes).toString('utf8')),
        );
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });

  it('XML-ish token soup inside the root ends within the budget and throws nothing foreign', async () => {
    const piece = fc.constantFrom(
      '<NessusClientData_v2>',
      '<Policy>',
      '</Policy>',
      '<Report name="r">',
      '</Report>',
      '<ReportHost name="10.0.0.1">',
      '</ReportHost>',
      '<HostProperties>',
      '</HostProperties>',
      '<tag name="host-ip">',
      '<tag name="mac-address">',
      '</tag>',
      '<ReportItem port="80" severity="2" pluginID="1" pluginName="p" protocol="tcp" svc_name="www">',
      '</ReportItem>',
      '<cve>',
      '</cve>',
      '<plugin_output>',
      '</plugin_output>',
      '<!DOCTYPE NessusClientData_v2 [',
      '<!ENTITY x SYSTEM "file:///etc/passwd">',
      ']>',
      '&x;',
      '&',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '"',
      '>',
      'text',
      '\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 80 }), async (pieces) => {
        const { result: error, ms } = await timed(() => outcome(pieces.join('')));
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });

  it('garbage spliced between valid hosts loses none of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(garbage, fc.ipV4()), { minLength: 1, maxLength: 6 }),
        garbage,
        async (pairs, last) => {
          const body = pairs.map(([junk, ip]) => junk + reportHost(ip)).join('') + last;
          const { hosts } = await collectNessusXml(inPieces(nessusFile(body), 11), { source });
          expect(hosts.map((h) => h.name)).toEqual(pairs.map(([, ip]) => ip));
          expect(hosts.every((h) => h.findings.length === 2)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generated hosts written as .nessus parse back to the same records', async () => {
    await fc.assert(
      fc.asyncProperty(
        maybe(line),
        fc.array(host, { minLength: 1, maxLength: 3 }),
        async (reportName, hosts) => {
          const text = formatNessusXml({ reportName }, hosts);
          const parsed = await collectNessusXml(inPieces(text, 7), { source });
          expect(parsed.diagnostics).toEqual([]);
          expect(parsed.hosts).toEqual(hosts);
          expect(parsed.scan).toEqual({ reportName });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the writer escapes markup: a hostile value stays a value', async () => {
    const hostile = '</tag></HostProperties><ReportItem port="1" severity="4" pluginID="1"/><x a="';
    const [sample] = fc.sample(host, { numRuns: 1, seed: 42 });
    const withHostile = { ...sample!, systemType: hostile };
    const text = formatNessusXml({ reportName: hostile }, [withHostile]);
    const { hosts, scan } = await collectNessusXml(inPieces(text), { source });
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.systemType).toBe(hostile);
    expect(scan.reportName).toBe(hostile);
  });
});

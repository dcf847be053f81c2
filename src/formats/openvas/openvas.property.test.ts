import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { collectOpenvasXml } from './parse.js';
import { inPieces, report, result } from './test-helpers.js';
import {
  OPENVAS_THREATS,
  type OpenvasFinding,
  type OpenvasHost,
  type OpenvasScan,
  type OpenvasService,
} from './types.js';
import { formatOpenvasXml } from './write.js';

const source = 'property.xml';
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
  .filter((s) => s.trim() === s && s !== '');
/** Free text kept as written: newlines, tabs, carriage returns, padding. */
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
const hostname = fc
  .tuple(
    fc.constantFrom('a', 'b', 'z', '0'),
    fc.string({ unit: fc.constantFrom(...'abc09.-'.split('')), maxLength: 20 }),
  )
  .map(([first, rest]) => first + rest);
const cpe = (part: 'a' | 'o') => token.map((t) => `cpe:/${part}:${t}`);
const isoSecond = fc
  .integer({ min: 0, max: 4_102_444_800 })
  .map((s) => new Date(s * 1000).toISOString());
const tenth = (max: number) => fc.integer({ min: 0, max: max * 10 }).map((n) => n / 10);
const cve = fc
  .tuple(fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: 1000, max: 9_999_999 }))
  .map(([year, n]) => `CVE-${year}-${n}`);
const mac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join(':'));

const service: fc.Arbitrary<OpenvasService> = fc.record({
  transport: fc.constantFrom('tcp' as const, 'udp' as const),
  port: fc.integer({ min: 0, max: 65535 }),
  name: maybe(token),
});

/** Where a finding sits: one of the host's services, a `general/…` pseudo-port, or nowhere. */
function placement(services: readonly OpenvasService[]) {
  return fc.oneof(
    ...services.map((s) =>
      fc.constant({ port: s.port, transport: s.transport, portText: `${s.port}/${s.transport}` }),
    ),
    fc.constantFrom(
      { port: null, transport: 'tcp' as const, portText: 'general/tcp' },
      { port: null, transport: null, portText: 'package' },
      { port: null, transport: null, portText: null },
    ),
  );
}

function finding(services: readonly OpenvasService[]): fc.Arbitrary<OpenvasFinding> {
  return fc
    .record({
      resultId: maybe(token),
      oid: fc.integer({ min: 1, max: 999_999 }).map((n) => `1.3.6.1.4.1.25623.1.0.${n}`),
      name: line,
      family: maybe(line),
      severity: maybe(tenth(10)),
      cvssBase: maybe(tenth(10)),
      cvssVector: maybe(token),
      threat: maybe(fc.constantFrom(...OPENVAS_THREATS)),
      qod: maybe(fc.integer({ min: 0, max: 100 })),
      qodType: maybe(token),
      cves: fc.uniqueArray(cve, { maxLength: 3 }),
      description: maybe(prose),
      summary: maybe(line.filter((s) => !s.includes('|'))),
      solution: maybe(line),
      solutionType: maybe(token),
      where: placement(services),
    })
    .map(({ where, ...rest }) => ({ ...rest, ...where }));
}

const host: fc.Arbitrary<OpenvasHost> = fc
  .record({
    ip: fc.oneof(fc.ipV4(), fc.ipV6()),
    hostnames: fc.uniqueArray(hostname, { maxLength: 3 }),
    mac: maybe(mac),
    osName: maybe(line),
    osCpe: maybe(cpe('o')),
    startTime: maybe(isoSecond),
    endTime: maybe(isoSecond),
    services: fc.uniqueArray(service, {
      maxLength: 4,
      selector: (s) => `${s.transport}/${s.port}`,
    }),
    applications: fc.uniqueArray(
      fc.record({ cpe: cpe('a'), locations: fc.uniqueArray(token, { maxLength: 2 }) }),
      { maxLength: 2, selector: (a) => a.cpe },
    ),
  })
  .chain((h) =>
    fc.array(finding(h.services), { maxLength: 3 }).map((findings) => ({
      ...h,
      services: [...h.services].sort((a, b) =>
        a.transport === b.transport ? a.port - b.port : a.transport === 'tcp' ? -1 : 1,
      ),
      findings,
    })),
  );

const scan: fc.Arbitrary<OpenvasScan> = fc.record({
  reportId: maybe(token),
  gmpVersion: maybe(token),
  taskName: maybe(line),
  scanRunStatus: maybe(token),
  startTime: maybe(isoSecond),
  endTime: maybe(isoSecond),
});

/**
 * Junk a damaged or hand-edited file might hold between results. An unclosed `<!--`, `<![CDATA[`
 * or start tag is left out: in XML it swallows whatever follows.
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
    '<![CDATA[<result>not one</result>]]>',
    '<result><host>10.9.9.9</host></result>',
    '<result><host>10.9.9.9</host><nvt oid="1.2"/><severity>high</severity></result>',
    '<host><ip>10.8.8.8</ip></host>',
  ),
);

async function timed(run: () => Promise<unknown>): Promise<{ result: unknown; ms: number }> {
  const started = performance.now();
  const outcome = await run();
  return { result: outcome, ms: performance.now() - started };
}

async function outcome(text: string): Promise<unknown> {
  return collectOpenvasXml(inPieces(text, 13), { source }).then(
    () => null,
    (error: unknown) => error,
  );
}

const byIp = (hosts: readonly OpenvasHost[]) => [...hosts].sort((a, b) => (a.ip < b.ip ? -1 : 1));

describe('parseOpenvasXml properties', () => {
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

  it('XML-ish token soup inside <report> ends within the budget and throws nothing foreign', async () => {
    const piece = fc.constantFrom(
      '<report>',
      '</report>',
      '<results>',
      '</results>',
      '<result>',
      '</result>',
      '<host>',
      '</host>',
      '10.0.0.1',
      '<ip>',
      '</ip>',
      '<detail>',
      '<name>',
      '</name>',
      '<value>',
      '</value>',
      '</detail>',
      '<nvt oid="1.2">',
      '</nvt>',
      '<refs><ref type="cve" id="CVE-2024-1234"/></refs>',
      '<severity>',
      '</severity>',
      '<port>',
      '</port>',
      '443/tcp',
      '<!DOCTYPE report [',
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

  it('garbage spliced between valid results loses none of them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(garbage, fc.ipV4()), { minLength: 1, maxLength: 6 }),
        garbage,
        async (pairs, last) => {
          const body = pairs.map(([junk, ip]) => junk + result(ip)).join('') + last;
          const { hosts } = await collectOpenvasXml(inPieces(report(body), 11), { source });
          const expected = [...new Set(pairs.map(([, ip]) => ip))];
          expect(hosts.map((h) => h.ip)).toEqual(expected);
          expect(hosts.flatMap((h) => h.findings)).toHaveLength(pairs.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('generated hosts written as GMP XML parse back to the same records', async () => {
    await fc.assert(
      fc.asyncProperty(
        scan,
        fc.uniqueArray(host, { minLength: 1, maxLength: 3, selector: (h) => h.ip }),
        async (s, hosts) => {
          const parsed = await collectOpenvasXml(inPieces(formatOpenvasXml(s, hosts), 7), {
            source,
          });
          expect(parsed.diagnostics).toEqual([]);
          expect(byIp(parsed.hosts)).toEqual(byIp(hosts));
          expect(parsed.scan).toEqual(s);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the writer escapes markup: a hostile value stays a value', async () => {
    const hostile =
      '</name></nvt></result><result><host>6.6.6.6</host><nvt oid="1"/></result><x a="';
    const [sample] = fc.sample(host, { numRuns: 1, seed: 42 });
    const [s] = fc.sample(scan, { numRuns: 1, seed: 42 });
    const withHostile = { ...sample!, osName: hostile, findings: [] };
    const { hosts } = await collectOpenvasXml(inPieces(formatOpenvasXml(s!, [withHostile])), {
      source,
    });
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.osName).toBe(hostile);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { collectNmapXml } from './parse.js';
import { GOOD_HOST, inPieces, report } from './test-helpers.js';
import type { NmapCertificate, NmapHost, NmapOsClass, NmapPort, NmapScript } from './types.js';
import { formatNmapHostXml, formatNmapXml } from './write.js';

const source = 'property.xml';
/** Per-input budget: parsing is linear, so even the largest generated input is far below this. */
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

/** Text that XML can carry, including the characters the writer must escape. */
const text = fc.string({
  unit: fc.constantFrom(...'abcXYZ019 .-_:;,()[]{}|!?&<>"\'\n\té€漢'.split('')),
  minLength: 1,
  maxLength: 20,
});
/** Values that must not be empty or padded (CPEs are trimmed; issuer fields are split on / and =). */
const token = fc.string({
  unit: fc.constantFrom(...'abcdefXYZ0189.-_:+~'.split('')),
  minLength: 1,
  maxLength: 16,
});
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });
const isoSecond = fc
  .integer({ min: 0, max: 4_102_444_800 })
  .map((s) => new Date(s * 1000).toISOString());
const mac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map((bytes) => bytes.map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(':'));

const certificate: fc.Arbitrary<NmapCertificate> = fc
  .record({
    subjectCommonName: maybe(text),
    issuerCommonName: maybe(token),
    organization: maybe(token),
    notBefore: maybe(token),
    notAfter: maybe(token),
  })
  .map(({ organization, ...rest }) => {
    const fields = [
      ...(rest.issuerCommonName === null ? [] : [`commonName=${rest.issuerCommonName}`]),
      ...(organization === null ? [] : [`organizationName=${organization}`]),
    ];
    return { ...rest, issuer: fields.length === 0 ? null : fields.join('/') };
  });

const script: fc.Arbitrary<NmapScript> = fc.oneof(
  fc.record({
    id: token,
    output: fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\t\n\x20-\uD7FF]/g, '?')),
    certificate: fc.constant(null),
  }),
  fc.record({ id: fc.constant('ssl-cert'), output: text, certificate }),
);

const osClass: fc.Arbitrary<NmapOsClass> = fc.record({
  vendor: maybe(text),
  family: maybe(text),
  generation: maybe(text),
  type: maybe(text),
  accuracy: maybe(fc.integer({ min: 0, max: 100 })),
  cpes: fc.array(token, { maxLength: 2 }),
});

const port: fc.Arbitrary<NmapPort> = fc.record({
  protocol: fc.constantFrom('ip' as const, 'tcp' as const, 'udp' as const, 'sctp' as const),
  port: fc.integer({ min: 0, max: 65535 }),
  state: fc.constantFrom('open', 'closed', 'filtered', 'open|filtered'),
  reason: maybe(token),
  service: maybe(
    fc.record({
      name: token,
      product: maybe(text),
      version: maybe(text),
      extraInfo: maybe(text),
      osType: maybe(text),
      tunnel: maybe(fc.constant('ssl' as const)),
      cpes: fc.array(token, { maxLength: 2 }),
    }),
  ),
  scripts: fc.array(script, { maxLength: 2 }),
});

const host: fc.Arbitrary<NmapHost> = fc.record({
  status: fc.constantFrom('up' as const, 'down' as const, 'unknown' as const, 'skipped' as const),
  statusReason: maybe(token),
  addresses: fc.array(
    fc.oneof(
      fc.record({
        kind: fc.constant('ipv4' as const),
        value: fc.ipV4(),
        vendor: fc.constant(null),
      }),
      fc.record({
        kind: fc.constant('ipv6' as const),
        value: fc.ipV6(),
        vendor: fc.constant(null),
      }),
      fc.record({ kind: fc.constant('mac' as const), value: mac, vendor: maybe(text) }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
  hostnames: fc.array(
    fc.record({ name: text, kind: maybe(fc.constantFrom('user' as const, 'PTR' as const)) }),
    { maxLength: 2 },
  ),
  ports: fc.array(port, { maxLength: 3 }),
  osMatches: fc.array(
    fc.record({
      name: text,
      accuracy: maybe(fc.integer({ min: 0, max: 100 })),
      classes: fc.array(osClass, { maxLength: 2 }),
    }),
    { maxLength: 2 },
  ),
  osClasses: fc.array(osClass, { maxLength: 2 }),
  scripts: fc.array(script, { maxLength: 2 }),
  startTime: maybe(isoSecond),
  endTime: maybe(isoSecond),
});

/**
 * Junk a damaged or hand-edited file might hold between hosts. Excluded on purpose: an unclosed
 * `<!--`, `<![CDATA[` or start tag, which in XML swallows whatever follows: no parser can tell
 * the hosts after it from the junk.
 */
const garbage = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => s.replace(/</g, '')),
  fc.constantFrom(
    '&',
    '&bogus;',
    '&#0;',
    ']]>',
    '\u0001\u0002',
    '<junk a="1">text<b/></junk>',
    '<!-- a comment -->',
    '<?pi data?>',
    '<![CDATA[<host>not a host</host>]]>',
    '<host><status state="up"/></host>',
    '<host><status state="up"/><address addr="999.1.1.1"/></host>',
    '<host><status state="up"/><address addr="10.9.9.9"/><ports><port protocol="tcp" portid="x"><state state="open"/></port></ports></host>',
    '<hosthint><status state="up"/><address addr="10.1.1.1"/></hosthint>',
  ),
);

async function outcome(input: string | Uint8Array): Promise<unknown> {
  return collectNmapXml(
    inPieces(typeof input === 'string' ? input : Buffer.from(input).toString('latin1'), 13),
    {
      source,
    },
  ).then(
    () => null,
    (error: unknown) => error,
  );
}

async function timed(run: () => Promise<unknown>): Promise<{ result: unknown; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe('parseNmapXml properties', () => {
  it('arbitrary bytes end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const { result, ms } = await timed(() =>
          collectNmapXml(inPieces(Buffer.from(bytes).toString('utf8'), 13), { source }).then(
            () => null,
            (error: unknown) => error,
          ),
        );
        expect(result === null || result instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary XML-ish token soup inside <nmaprun> ends within the budget and throws nothing foreign', async () => {
    const piece = fc.constantFrom(
      '<nmaprun>',
      '<host>',
      '</host>',
      '<status state="up"/>',
      '<address addr="10.0.0.1"/>',
      '<ports>',
      '<port protocol="tcp" portid="1">',
      '<state state="open"/>',
      '</port>',
      '<script id="ssl-cert" output="">',
      '<table key="issuer">',
      '<elem key="commonName">',
      '</elem>',
      '</table>',
      '</script>',
      '<!DOCTYPE nmaprun [',
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
        const { result, ms } = await timed(() => outcome(pieces.join('')));
        expect(result === null || result instanceof WardlineError).toBe(true);
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
          const body =
            pairs.map(([junk, ip]) => junk + GOOD_HOST.replace('10.0.0.5', ip)).join('') + last;
          const { hosts } = await collectNmapXml(inPieces(report(body), 11), { source });
          expect(hosts.map((h) => h.addresses[0]?.value)).toEqual(pairs.map(([, ip]) => ip));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a generated host written as XML parses back to the same record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(host, { minLength: 1, maxLength: 3 }), async (hosts) => {
        const run = {
          scanner: 'nmap',
          args: 'nmap -A "x"\n',
          version: '7.95',
          xmlOutputVersion: '1.05',
          startTime: null,
          finishedTime: null,
          summary: null,
          exit: 'success',
          hostsUp: 1,
          hostsDown: 0,
          hostsTotal: 1,
        };
        const parsed = await collectNmapXml(inPieces(formatNmapXml(run, hosts), 7), { source });
        expect(parsed.diagnostics).toEqual([]);
        expect(parsed.hosts).toEqual(hosts);
        expect(parsed.run).toEqual(run);
      }),
      { numRuns: 200 },
    );
  });

  it('the writer escapes markup: a hostile value stays a value', async () => {
    const hostile = '"/><host><status state="up"/><address addr="6.6.6.6"/></host><x a="';
    const [sample] = fc.sample(host, { numRuns: 1, seed: 42 });
    const written = formatNmapHostXml({ ...sample!, statusReason: hostile });
    const { hosts } = await collectNmapXml(inPieces(report(written)), { source });
    expect(hosts).toHaveLength(1);
    expect(hosts[0]?.statusReason).toBe(hostile);
  });
});

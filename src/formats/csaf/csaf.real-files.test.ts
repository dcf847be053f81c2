import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsaf, parseProviderMetadata, parseRolieFeed, verifySha512 } from './index.js';

const data = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const cisa = join(data, 'cisa-csaf');
const oasis = join(data, 'oasis-csaf');
const icsma = join(cisa, 'ot-icsma');
const present = existsSync(icsma) && existsSync(oasis);

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith('.json') ? [path] : [];
    })
    .sort();
}

async function parseFile(path: string): ReturnType<typeof parseCsaf> {
  return parseCsaf(readFileSync(path, 'utf8'), { source: path });
}

describe.skipIf(!present)('CSAF real files (SKIPPED when /work/shared/data is absent)', () => {
  it('parses all 144 ICS medical advisories with no warning, every status resolved', async () => {
    const files = jsonFiles(icsma);
    expect(files).toHaveLength(144);
    const texts = files.map((file) => readFileSync(file, 'utf8'));
    const started = performance.now();
    const results = await Promise.all(
      texts.map((text, i) => parseCsaf(text, { source: files[i] ?? '' })),
    );
    const elapsed = performance.now() - started;
    console.log(`parsed 144 ICSMA files in ${elapsed.toFixed(0)} ms`);
    const problems = results.flatMap((r) => r.diagnostics.filter((d) => d.severity !== 'info'));
    expect(problems).toEqual([]);
    // Counted in the files with a script: 433 vulnerabilities, 1 590 known_affected ids.
    const advisories = results.flatMap((r) => r.advisories);
    expect(advisories).toHaveLength(433);
    const products = advisories.flatMap((a) => a.products);
    expect(products).toHaveLength(1590);
    expect(products.every((p) => p.status === 'known_affected')).toBe(true);
    for (const result of results) {
      expect(result.document.category).toBe('csaf_security_advisory');
      expect(result.document.trackingId).toMatch(/^ICSMA-\d\d-\d{3}-\d\d[A-Z]?$/);
      expect(result.document.publisher.name).toBe('CISA');
    }
    expect(elapsed).toBeLessThan(10_000);
  });

  it('reads ICSMA-19-178-01 (Medtronic MiniMed) as stated', async () => {
    const { document, advisories } = await parseFile(join(icsma, '2019', 'icsma-19-178-01.json'));
    expect(document).toMatchObject({
      trackingId: 'ICSMA-19-178-01',
      title: 'Medtronic MiniMed 508 and Paradigm Series Insulin Pumps',
      tlpLabel: 'WHITE',
      publisher: { name: 'CISA', category: 'coordinator', namespace: 'https://www.cisa.gov/' },
      tracking: { status: 'final', version: '1', revisionCount: 1 },
    });
    expect(advisories).toHaveLength(1);
    const [advisory] = advisories;
    expect(advisory).toMatchObject({
      id: 'CVE-2019-10964',
      document: 'ICSMA-19-178-01',
      cwes: ['CWE-284'],
    });
    expect(advisory?.cvss).toEqual([
      {
        version: '3.0',
        vector: 'CVSS:3.0/AV:A/AC:H/PR:N/UI:N/S:U/C:L/I:H/A:H',
        baseScore: 7.1,
        severity: 'high',
        source: null,
      },
    ]);
    expect(advisory?.products).toHaveLength(11);
    expect(advisory?.products.find((p) => p.productId === 'CSAFPID-0005')).toMatchObject({
      name: 'MiniMed Paradigm Veo 554/754 pumps: Software versions 2.6A or lower',
      vendor: 'Medtronic',
      product: 'MiniMed Paradigm Veo 554/754 pumps',
      versionRange: '<= 2.6A',
      status: 'known_affected',
    });
    expect(advisory?.products.find((p) => p.productId === 'CSAFPID-0001')?.versionRange).toBe(
      'vers:all/*',
    );
    expect(advisory?.remediations).toHaveLength(7);
    expect(advisory?.remediations[0]?.productIds).toHaveLength(11);
  });

  it('reads fixed and affected versions of VA-24-201-01', async () => {
    const { advisories } = await parseFile(join(cisa, 'it', '2024', 'va-24-201-01.json'));
    const last = advisories.find((a) => a.id === 'CVE-2023-45197');
    expect(last?.products.map((p) => [p.productId, p.status])).toEqual([
      ['CSAFPID-0077', 'known_affected'],
      ['CSAFPID-0006', 'known_affected'],
      ['CSAFPID-0007', 'fixed'],
    ]);
    expect(last?.products[2]).toMatchObject({
      vendor: 'AdminerEvo',
      product: 'AdminerEvo',
      version: '4.8.3',
    });
  });

  it('parses the healthcare-sector ICS advisories with model numbers', async () => {
    const files = jsonFiles(join(cisa, 'ot-icsa-healthcare-sector'));
    const results = await Promise.all(files.map(parseFile));
    expect(results.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error'))).toEqual([]);
    const { advisories } = await parseFile(
      join(cisa, 'ot-icsa-healthcare-sector', '2019', 'icsa-19-283-01.json'),
    );
    expect(advisories.flatMap((a) => a.products).some((p) => p.modelNumbers.length > 0)).toBe(true);
  });

  it('reads the OASIS VEX example: flag justification and impact statement', async () => {
    const { document, advisories } = await parseFile(
      join(oasis, 'csaf_2.0', 'examples', 'csaf', 'csaf_vex', 'sec-vex-2022-0001.json'),
    );
    expect(document.category).toBe('csaf_vex');
    const log4shell = advisories.find((a) => a.id === 'CVE-2021-44228');
    expect(log4shell?.products).toEqual([
      expect.objectContaining({
        productId: 'CSAFPID-0001',
        vendor: 'Secvisogram',
        versionRange: '<=1.14.0',
        status: 'known_not_affected',
        justification: 'component_not_present',
        impactStatement: 'Secvisogram is written in JavaScript. No Java is included.',
      }),
    ]);
  });

  it('parses every OASIS example and validator test document without throwing', async () => {
    const files = [
      ...jsonFiles(join(oasis, 'csaf_2.0')),
      ...jsonFiles(join(oasis, 'csaf_2.1', 'examples')),
    ];
    for (const file of files) {
      const result = await parseFile(file);
      expect(Array.isArray(result.advisories)).toBe(true);
    }
  });

  it('flags the validator failures for 6.1.1 (undefined product id) and 6.1.2 (defined twice)', async () => {
    const base = join(oasis, 'csaf_2.0', 'test', 'validator', 'data');
    const cases = (
      JSON.parse(readFileSync(join(base, 'testcases.json'), 'utf8')) as {
        tests: { id: string; failures: { name: string }[]; valid?: { name: string }[] }[];
      }
    ).tests;
    const expected: Record<string, string> = {
      '6.1.1': 'WL_CSAF_PRODUCT_UNKNOWN',
      '6.1.2': 'WL_CSAF_PRODUCT_DUPLICATE',
    };
    for (const [id, code] of Object.entries(expected)) {
      const testCase = cases.find((t) => t.id === id);
      expect(testCase?.failures.length).toBeGreaterThan(0);
      for (const failure of testCase?.failures ?? []) {
        const { diagnostics } = await parseFile(join(base, failure.name));
        expect(
          diagnostics.map((d) => d.code),
          failure.name,
        ).toContain(code);
      }
      for (const valid of testCase?.valid ?? []) {
        const { diagnostics } = await parseFile(join(base, valid.name));
        expect(
          diagnostics.map((d) => d.code),
          valid.name,
        ).not.toContain(code);
      }
    }
  });

  it('reads the CISA OT ROLIE feed', () => {
    const feed = parseRolieFeed(
      readFileSync(join(cisa, 'ot-cisa-csaf-ot-feed-tlp-white.json'), 'utf8'),
    );
    expect(feed.diagnostics).toEqual([]);
    expect(feed).toMatchObject({
      id: 'cisa-csaf-ot-feed-tlp-white',
      title: 'CISA CSAF OT feed (TLP:WHITE)',
      updated: '2024-10-24T19:23:12.425167Z',
    });
    expect(feed.entries).toHaveLength(2379);
    const base =
      'https://raw.githubusercontent.com/cisagov/CSAF/develop/csaf_files/OT/white/2024/icsa-24-298-03.json';
    expect(feed.entries[0]).toEqual({
      id: 'ICSA-24-298-03',
      title: 'Deep Sea Electronics DSE855',
      updated: '2024-10-24T06:00:00.000000Z',
      published: '2024-10-24T06:00:00.000000Z',
      contentUrl: base,
      hashUrl: `${base}.sha512`,
      signatureUrl: `${base}.asc`,
    });
  });

  it('reads the OASIS provider-metadata example', () => {
    const metadata = parseProviderMetadata(
      readFileSync(
        join(
          oasis,
          'csaf_2.0',
          'examples',
          'provider-metadata',
          'example-01-provider-metadata.json',
        ),
        'utf8',
      ),
    );
    expect(metadata).toMatchObject({
      canonicalUrl: 'https://www.example.com/.well-known/csaf/provider-metadata.json',
      publisher: {
        category: 'vendor',
        name: 'Example Company ProductCERT',
        namespace: 'https://psirt.example.com',
      },
      role: 'csaf_trusted_provider',
      feeds: [
        { tlpLabel: 'WHITE', url: 'https://www.example.com/.well-known/csaf/feed-tlp-white.json' },
      ],
      publicKeys: [
        {
          fingerprint: '8F5F267907B2C4559DB360DB2294BA7D2B2298B1',
          url: 'https://keys.example.net/vks/v1/by-fingerprint/8F5F267907B2C4559DB360DB2294BA7D2B2298B1',
        },
      ],
      diagnostics: [],
    });
  });

  it('checks a CISA advisory against its .sha512 file', () => {
    const path = join(icsma, '2019', 'icsma-19-178-01.json');
    const bytes = readFileSync(path);
    const hash = readFileSync(`${path}.sha512`, 'utf8');
    expect(verifySha512(bytes, hash)).toEqual({ valid: true, fileName: 'icsma-19-178-01.json' });
    const tampered = Buffer.from(bytes);
    tampered[10] = (tampered[10] ?? 0) ^ 1;
    expect(verifySha512(tampered, hash).valid).toBe(false);
  });
});

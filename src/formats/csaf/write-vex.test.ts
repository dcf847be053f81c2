import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { parseCsaf, writeCsafVex, type CsafVexInput } from './index.js';

interface WrittenVulnerability {
  readonly cve?: string;
  readonly ids?: readonly { system_name: string; text: string }[];
  readonly notes: readonly unknown[];
  readonly product_status: Readonly<Partial<Record<string, readonly string[]>>>;
  readonly flags?: readonly { label: string; product_ids: readonly string[] }[];
  readonly threats?: readonly { category: string; product_ids: readonly string[] }[];
  readonly remediations?: readonly { category: string; product_ids: readonly string[] }[];
}

interface WrittenVex {
  readonly document: Readonly<Record<string, unknown>>;
  readonly product_tree: { readonly branches: readonly unknown[] };
  readonly vulnerabilities: readonly WrittenVulnerability[];
}

function written(value: CsafVexInput): WrittenVex {
  return JSON.parse(writeCsafVex(value)) as WrittenVex;
}

const input: CsafVexInput = {
  publisher: { name: 'St. Example Hospital', namespace: 'https://hospital.example' },
  trackingId: 'WL-VEX-2024-0001',
  title: 'Infusion pump fleet: Log4Shell status',
  now: '2024-05-01T12:00:00Z',
  products: [
    {
      productId: 'PUMP-3',
      name: 'Infusion Pump X',
      vendor: 'Acme',
      version: '3.0',
      cpe: 'cpe:2.3:h:acme:pump_x:3.0:*:*:*:*:*:*:*',
    },
    {
      productId: 'LOG4J',
      name: 'log4j-core',
      version: '2.14.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
    },
    { productId: 'GW', name: 'Gateway' },
  ],
  statements: [
    {
      vulnerabilityId: 'CVE-2021-44228',
      status: 'known_not_affected',
      productIds: ['PUMP-3'],
      justification: 'component_not_present',
    },
    { vulnerabilityId: 'CVE-2021-44228', status: 'known_affected', productIds: ['LOG4J'] },
    { vulnerabilityId: 'CVE-2021-44228', status: 'under_investigation', productIds: ['GW'] },
    {
      vulnerabilityId: 'CVE-2021-45046',
      status: 'fixed',
      productIds: ['LOG4J'],
      remediation: {
        category: 'vendor_fix',
        details: 'Upgrade to 2.17.1.',
        url: 'https://logging.apache.org/log4j/2.x/security.html',
      },
    },
    {
      vulnerabilityId: 'CVE-2021-45046',
      status: 'known_not_affected',
      productIds: ['GW'],
      impactStatement: 'No Java on the gateway.',
    },
  ],
};

describe('writeCsafVex', () => {
  it('carries every member the CSAF 2.0 VEX profile requires (§4.5, tests 6.1.27.x)', () => {
    const doc = written(input);
    const document = doc.document;
    expect(document.category).toBe('csaf_vex');
    expect(document.csaf_version).toBe('2.0');
    expect(document.publisher).toEqual({
      category: 'vendor',
      name: 'St. Example Hospital',
      namespace: 'https://hospital.example',
    });
    expect(document.title).toBe(input.title);
    expect(document.tracking).toMatchObject({
      id: 'WL-VEX-2024-0001',
      current_release_date: '2024-05-01T12:00:00.000Z',
      initial_release_date: '2024-05-01T12:00:00.000Z',
      status: 'final',
      version: '1',
      revision_history: [
        { date: '2024-05-01T12:00:00.000Z', number: '1', summary: 'Initial version.' },
      ],
    });
    expect(doc.product_tree.branches.length).toBeGreaterThan(0);
    const vulnerabilities = doc.vulnerabilities;
    expect(vulnerabilities).toHaveLength(2);
    for (const vulnerability of vulnerabilities) {
      expect(vulnerability.cve ?? vulnerability.ids).toBeDefined();
      expect(vulnerability.notes.length).toBeGreaterThan(0);
      const status = vulnerability.product_status;
      expect(
        Object.keys(status).every((key) =>
          ['fixed', 'known_affected', 'known_not_affected', 'under_investigation'].includes(key),
        ),
      ).toBe(true);
      // 6.1.27.9: every not-affected product has an impact statement (flag or impact threat).
      for (const id of status.known_not_affected ?? []) {
        const flagged = (vulnerability.flags ?? []).some((f) => f.product_ids.includes(id));
        const threat = (vulnerability.threats ?? []).some(
          (t) => t.category === 'impact' && t.product_ids.includes(id),
        );
        expect(flagged || threat).toBe(true);
      }
      // 6.1.27.10: every affected product has an action statement.
      for (const id of status.known_affected ?? []) {
        expect((vulnerability.remediations ?? []).some((r) => r.product_ids.includes(id))).toBe(
          true,
        );
      }
    }
  });

  it('is read back by parseCsaf as written', async () => {
    const { document, advisories, diagnostics } = await parseCsaf(writeCsafVex(input), {
      source: 'vex.json',
    });
    expect(diagnostics).toEqual([]);
    expect(document).toMatchObject({
      category: 'csaf_vex',
      trackingId: 'WL-VEX-2024-0001',
      publisher: { name: 'St. Example Hospital' },
    });
    const log4shell = advisories.find((a) => a.id === 'CVE-2021-44228');
    expect(log4shell?.products.map((p) => [p.productId, p.status, p.justification])).toEqual([
      ['LOG4J', 'known_affected', null],
      ['PUMP-3', 'known_not_affected', 'component_not_present'],
      ['GW', 'under_investigation', null],
    ]);
    expect(log4shell?.products[1]).toMatchObject({
      vendor: 'Acme',
      version: '3.0',
      cpe: 'cpe:2.3:h:acme:pump_x:3.0:*:*:*:*:*:*:*',
    });
    expect(log4shell?.packages).toEqual([
      expect.objectContaining({
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core',
        scheme: 'maven',
        versions: ['2.14.1'],
      }),
    ]);
    expect(log4shell?.remediations).toEqual([
      expect.objectContaining({ category: 'none_available', productIds: ['LOG4J'] }),
    ]);
    const second = advisories.find((a) => a.id === 'CVE-2021-45046');
    expect(second?.remediations).toEqual([
      {
        category: 'vendor_fix',
        details: 'Upgrade to 2.17.1.',
        url: 'https://logging.apache.org/log4j/2.x/security.html',
        productIds: ['LOG4J'],
      },
    ]);
    expect(second?.products.find((p) => p.productId === 'GW')?.impactStatement).toBe(
      'No Java on the gateway.',
    );
  });

  it('writes a non-CVE id under ids and refuses input that cannot make a valid VEX', () => {
    const doc = written({
      ...input,
      statements: [
        { vulnerabilityId: 'GHSA-jfh8-c2jp-5v3q', status: 'fixed', productIds: ['LOG4J'] },
      ],
    });
    expect(doc.vulnerabilities[0]).toMatchObject({
      ids: [{ system_name: 'Wardline', text: 'GHSA-jfh8-c2jp-5v3q' }],
    });
    const bad = [
      {
        ...input,
        statements: [
          {
            vulnerabilityId: 'CVE-2021-44228',
            status: 'known_not_affected' as const,
            productIds: ['GW'],
          },
        ],
      },
      {
        ...input,
        statements: [
          { vulnerabilityId: 'CVE-2021-44228', status: 'fixed' as const, productIds: ['NOPE'] },
        ],
      },
      { ...input, products: [...input.products, { productId: 'GW', name: 'again' }] },
      { ...input, now: 'yesterday' },
    ];
    for (const value of bad) expect(() => writeCsafVex(value)).toThrow(WardlineError);
  });
});

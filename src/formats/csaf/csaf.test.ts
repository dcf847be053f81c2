import { describe, expect, it } from 'vitest';
import { parseCsaf } from './index.js';
import { MAX_JSON_DEPTH, MAX_PRODUCTS_PER_ADVISORY } from './limits.js';
import { versBounds } from './packages.js';
import { chunksOf, csafDoc } from './test-helpers.js';

const tree = {
  branches: [
    {
      category: 'vendor',
      name: 'Acme',
      branches: [
        {
          category: 'product_family',
          name: 'Pumps',
          branches: [
            {
              category: 'product_name',
              name: 'Infusion Pump X',
              branches: [
                {
                  category: 'product_version',
                  name: '2.1',
                  product: {
                    name: 'Acme Infusion Pump X 2.1',
                    product_id: 'P-21',
                    product_identification_helper: {
                      cpe: 'cpe:2.3:h:acme:pump_x:2.1:*:*:*:*:*:*:*',
                      model_numbers: ['PX-100', 'PX-200'],
                      serial_numbers: ['SN1'],
                      hashes: [
                        { file_hashes: [{ algorithm: 'sha256', value: 'ab' }], filename: 'f' },
                      ],
                    },
                  },
                },
                {
                  category: 'product_version_range',
                  name: 'vers:generic/<2.1',
                  product: { name: 'Acme Infusion Pump X < 2.1', product_id: 'P-OLD' },
                },
                {
                  category: 'product_version',
                  name: '3.0',
                  product: { name: 'Acme Infusion Pump X 3.0', product_id: 'P-30' },
                },
              ],
            },
          ],
        },
        {
          category: 'product_name',
          name: 'lodash',
          branches: [
            {
              category: 'product_version',
              name: '4.17.20',
              product: {
                name: 'lodash 4.17.20',
                product_id: 'L-20',
                product_identification_helper: { purl: 'pkg:npm/lodash@4.17.20' },
              },
            },
            {
              category: 'product_version',
              name: '4.17.21',
              product: {
                name: 'lodash 4.17.21',
                product_id: 'L-21',
                product_identification_helper: { purl: 'pkg:npm/lodash@4.17.21' },
              },
            },
          ],
        },
      ],
    },
  ],
  full_product_names: [
    {
      name: 'Gateway OS',
      product_id: 'GW',
      product_identification_helper: { purl: 'pkg:pypi/gateway-os@1.0' },
    },
  ],
  relationships: [
    {
      category: 'installed_on',
      product_reference: 'L-20',
      relates_to_product_reference: 'GW',
      full_product_name: { name: 'lodash 4.17.20 on Gateway OS', product_id: 'L-20-GW' },
    },
  ],
  product_groups: [{ group_id: 'G-OLD', product_ids: ['P-OLD', 'P-21'] }],
};

describe('parseCsaf', () => {
  it('reads the document facts', async () => {
    const { document, diagnostics } = await parseCsaf(JSON.stringify(csafDoc(tree, [])), {
      source: 't',
    });
    expect(diagnostics).toEqual([]);
    expect(document).toMatchObject({
      trackingId: 'ACME-2024-1',
      title: 'Acme pump advisory',
      category: 'csaf_security_advisory',
      publisher: { name: 'Acme', category: 'vendor', namespace: 'https://acme.example' },
      tracking: {
        currentReleaseDate: '2024-02-01T00:00:00Z',
        initialReleaseDate: '2024-01-01T00:00:00Z',
        status: 'final',
        version: '2',
        revisionCount: 2,
      },
      tlpLabel: 'WHITE',
      summary: 'Document summary.',
      references: [{ url: 'https://acme.example/adv/1', category: 'self', summary: 'self' }],
    });
  });

  it('flattens branches, full product names and relationships into product criteria', async () => {
    const vulnerability = {
      cve: 'CVE-2024-0001',
      cwe: { id: 'CWE-79', name: 'XSS' },
      notes: [{ category: 'summary', text: 'Bad thing.' }],
      product_status: {
        known_affected: ['P-21'],
        first_affected: ['L-20-GW'],
        last_affected: ['P-OLD'],
        fixed: ['P-30'],
        first_fixed: ['L-21'],
        known_not_affected: ['GW'],
        under_investigation: ['L-20'],
      },
      scores: [
        {
          products: ['P-21'],
          cvss_v3: {
            version: '3.1',
            vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
            baseScore: 9.8,
            baseSeverity: 'CRITICAL',
          },
        },
        {
          products: ['P-21'],
          cvss_v2: { version: '2.0', vectorString: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', baseScore: 7.5 },
        },
      ],
    };
    const { advisories, diagnostics } = await parseCsaf(
      JSON.stringify(csafDoc(tree, [vulnerability])),
      { source: 't' },
    );
    expect(diagnostics).toEqual([]);
    const [advisory] = advisories;
    expect(advisory).toMatchObject({
      id: 'CVE-2024-0001',
      source: 'csaf',
      document: 'ACME-2024-1',
      title: 'Acme pump advisory',
      summary: 'Bad thing.',
      cwes: ['CWE-79'],
      published: '2024-01-01T00:00:00Z',
      modified: '2024-02-01T00:00:00Z',
      cpeConfigurations: [],
    });
    expect(advisory?.cvss).toEqual([
      {
        version: '3.1',
        vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        baseScore: 9.8,
        severity: 'critical',
        source: null,
      },
      {
        version: '2.0',
        vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P',
        baseScore: 7.5,
        severity: 'high',
        source: null,
      },
    ]);
    const byId = new Map(advisory?.products.map((p) => [p.productId, p]));
    expect(byId.get('P-21')).toEqual({
      productId: 'P-21',
      name: 'Acme Infusion Pump X 2.1',
      vendor: 'Acme',
      product: 'Infusion Pump X',
      version: '2.1',
      versionRange: null,
      cpe: 'cpe:2.3:h:acme:pump_x:2.1:*:*:*:*:*:*:*',
      purl: null,
      modelNumbers: ['PX-100', 'PX-200'],
      serialNumbers: ['SN1'],
      status: 'known_affected',
      justification: null,
      impactStatement: null,
    });
    expect(byId.get('P-OLD')).toMatchObject({
      status: 'known_affected',
      versionRange: 'vers:generic/<2.1',
      version: null,
    });
    expect(byId.get('P-30')?.status).toBe('fixed');
    expect(byId.get('L-21')).toMatchObject({ status: 'fixed', purl: 'pkg:npm/lodash@4.17.21' });
    expect(byId.get('GW')).toMatchObject({
      status: 'known_not_affected',
      vendor: null,
      purl: 'pkg:pypi/gateway-os@1.0',
    });
    expect(byId.get('L-20')?.status).toBe('under_investigation');
    // The relationship's product: its own name, the component's facts and helper.
    expect(byId.get('L-20-GW')).toMatchObject({
      status: 'known_affected',
      name: 'lodash 4.17.20 on Gateway OS',
      vendor: 'Acme',
      product: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
    });
    expect(advisory?.packages).toEqual([
      {
        purl: 'pkg:npm/lodash',
        ecosystem: null,
        scheme: 'semver',
        bounds: [],
        versions: ['4.17.20'],
        fixedVersions: ['4.17.21'],
        gitOnly: false,
      },
    ]);
  });

  it('maps VEX flags, impact threats and remediations through product groups', async () => {
    const vulnerability = {
      ids: [{ system_name: 'Acme', text: 'ACME-VULN-7' }],
      notes: [{ category: 'description', text: 'Described.' }],
      product_status: { known_not_affected: ['P-OLD', 'P-21', 'P-30'], known_affected: ['L-20'] },
      flags: [{ label: 'vulnerable_code_not_in_execute_path', group_ids: ['G-OLD'] }],
      threats: [
        { category: 'impact', details: 'The radio is off.', product_ids: ['P-21'] },
        { category: 'exploit_status', details: 'None known.' },
      ],
      remediations: [
        {
          category: 'vendor_fix',
          details: 'Update to 3.0.',
          url: 'https://acme.example/fix',
          group_ids: ['G-OLD'],
        },
        { category: 'workaround', details: 'Unplug it.', product_ids: ['L-20'] },
        { category: 'not_a_category', details: 'x' },
      ],
    };
    const { advisories, diagnostics } = await parseCsaf(
      JSON.stringify(csafDoc(tree, [vulnerability])),
      { source: 't' },
    );
    const [advisory] = advisories;
    expect(advisory?.id).toBe('ACME-2024-1#0');
    expect(advisory?.aliases).toEqual(['ACME-VULN-7']);
    expect(advisory?.summary).toBe('Described.');
    const byId = new Map(advisory?.products.map((p) => [p.productId, p]));
    expect(byId.get('P-21')).toMatchObject({
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: 'The radio is off.',
    });
    expect(byId.get('P-OLD')).toMatchObject({
      justification: 'vulnerable_code_not_in_execute_path',
      impactStatement: null,
    });
    expect(byId.get('P-30')).toMatchObject({ justification: null, impactStatement: null });
    expect(byId.get('L-20')).toMatchObject({ status: 'known_affected', justification: null });
    expect(advisory?.remediations).toEqual([
      {
        category: 'vendor_fix',
        details: 'Update to 3.0.',
        url: 'https://acme.example/fix',
        productIds: ['P-OLD', 'P-21'],
      },
      { category: 'workaround', details: 'Unplug it.', url: null, productIds: ['L-20'] },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CSAF_VALUE_INVALID']);
  });

  it('keeps the rest of a vulnerability that names an unknown product id', async () => {
    const vulnerabilities = [
      { cve: 'CVE-2024-0002', product_status: { known_affected: ['NOPE', 'P-21'] } },
      { cve: 'CVE-2024-0003', product_status: { fixed: ['P-30'] } },
    ];
    const text = JSON.stringify(csafDoc(tree, vulnerabilities), null, 2);
    const { advisories, diagnostics } = await parseCsaf(text, { source: 'file.json' });
    expect(advisories.map((a) => [a.id, a.products.map((p) => p.productId)])).toEqual([
      ['CVE-2024-0002', ['P-21']],
      ['CVE-2024-0003', ['P-30']],
    ]);
    expect(diagnostics).toHaveLength(1);
    const [diagnostic] = diagnostics;
    expect(diagnostic).toMatchObject({
      source: 'file.json',
      code: 'WL_CSAF_PRODUCT_UNKNOWN',
      severity: 'warning',
    });
    expect(text.slice(diagnostic?.offset ?? 0).startsWith('"NOPE"')).toBe(true);
    expect(diagnostic?.line).toBe(text.slice(0, diagnostic?.offset).split('\n').length);
  });

  it('names the position of invalid JSON', async () => {
    const text = '{\n  "document": {\n    "category": "csaf_base",,\n  }\n}';
    const { advisories, diagnostics } = await parseCsaf(text, { source: 'bad.json' });
    expect(advisories).toEqual([]);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'WL_CSAF_JSON_MALFORMED',
        severity: 'error',
        offset: text.indexOf(',,') + 1,
        line: 3,
      }),
    ]);
    const token = await parseCsaf('{"document": tru}', { source: 'x' });
    expect(token.diagnostics[0]).toMatchObject({ code: 'WL_CSAF_JSON_MALFORMED', offset: 13 });
  });

  it('reports a JSON document that is not CSAF', async () => {
    for (const text of ['[1,2]', '{"bomFormat":"CycloneDX"}', '"text"', '{"document":{}}']) {
      const { diagnostics } = await parseCsaf(text, { source: 'x' });
      expect(diagnostics.map((d) => d.code)).toEqual(['WL_CSAF_NOT_CSAF']);
    }
  });

  it('refuses __proto__ and constructor keys', async () => {
    const text = JSON.stringify(csafDoc(tree, [])).replace(
      '"title"',
      '"__proto__":{"polluted":1},"constructor":{"x":1},"title"',
    );
    const { document, diagnostics } = await parseCsaf(text, { source: 'x' });
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_CSAF_POISONED_KEY',
      'WL_CSAF_POISONED_KEY',
    ]);
    expect(diagnostics[0]?.offset).toBe(text.indexOf('"__proto__"'));
    expect(document.title).toBe('Acme pump advisory');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads chunked byte input and enforces maxBytes', async () => {
    const text = JSON.stringify(
      csafDoc(tree, [{ cve: 'CVE-2024-0004', product_status: { fixed: ['P-30'] } }]),
    );
    const streamed = await parseCsaf(chunksOf(text, 7), { source: 'x' });
    expect(streamed.advisories.map((a) => a.id)).toEqual(['CVE-2024-0004']);
    const capped = await parseCsaf(chunksOf(text, 7), { source: 'x', maxBytes: 100 });
    expect(capped.advisories).toEqual([]);
    expect(capped.diagnostics.map((d) => d.code)).toEqual(['WL_CSAF_LIMIT_EXCEEDED']);
  });

  it('stops at nesting deeper than the cap', async () => {
    const text = `{"document":${'['.repeat(MAX_JSON_DEPTH + 5)}${']'.repeat(MAX_JSON_DEPTH + 5)}}`;
    const { diagnostics } = await parseCsaf(text, { source: 'x' });
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'WL_CSAF_LIMIT_EXCEEDED', offset: 12 + MAX_JSON_DEPTH - 1 }),
    ]);
  });

  it('caps the products of one advisory', async () => {
    const count = MAX_PRODUCTS_PER_ADVISORY + 10;
    const ids = Array.from({ length: count }, (_, i) => `P${i}`);
    const big = { full_product_names: ids.map((id) => ({ name: id, product_id: id })) };
    const { advisories, diagnostics } = await parseCsaf(
      JSON.stringify(
        csafDoc(big, [{ cve: 'CVE-2024-0005', product_status: { known_affected: ids } }]),
      ),
      { source: 'x' },
    );
    expect(advisories[0]?.products).toHaveLength(MAX_PRODUCTS_PER_ADVISORY);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CSAF_LIMIT_EXCEEDED']);
  });

  it('reports bad CVSS vectors and stated scores that disagree', async () => {
    const vulnerability = {
      cve: 'CVE-2024-0006',
      product_status: { known_affected: ['P-21'] },
      scores: [
        {
          products: ['P-21'],
          cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N', baseScore: 5 },
        },
        {
          products: ['P-21'],
          cvss_v3: {
            version: '3.0',
            vectorString: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
            baseScore: 9.9,
            baseSeverity: 'CRITICAL',
          },
        },
      ],
    };
    const { advisories, diagnostics } = await parseCsaf(
      JSON.stringify(csafDoc(tree, [vulnerability])),
      { source: 'x' },
    );
    expect(advisories[0]?.cvss).toEqual([
      {
        version: '3.0',
        vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
        baseScore: 7.5,
        severity: 'high',
        source: null,
      },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_CSAF_CVSS_INVALID',
      'WL_CSAF_CVSS_MISMATCH',
    ]);
  });

  it('reports duplicate product ids, unknown relationship refs and bad purls', async () => {
    const bad = {
      full_product_names: [
        { name: 'A', product_id: 'A', product_identification_helper: { purl: 'not a purl' } },
        { name: 'A again', product_id: 'A' },
      ],
      relationships: [
        {
          category: 'default_component_of',
          product_reference: 'A',
          relates_to_product_reference: 'Z',
          full_product_name: { name: 'A in Z', product_id: 'AZ' },
        },
      ],
    };
    const { diagnostics } = await parseCsaf(JSON.stringify(csafDoc(bad, [])), { source: 'x' });
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_CSAF_PURL_INVALID',
      'WL_CSAF_PRODUCT_DUPLICATE',
      'WL_CSAF_PRODUCT_UNKNOWN',
    ]);
  });

  it('resolves relationships that build on relationships defined later', async () => {
    const chained = {
      full_product_names: [
        {
          name: 'lib',
          product_id: 'LIB',
          product_identification_helper: { purl: 'pkg:maven/org.x/lib@1.2' },
        },
        { name: 'app', product_id: 'APP' },
        { name: 'host', product_id: 'HOST' },
      ],
      relationships: [
        {
          category: 'installed_on',
          product_reference: 'LIB-APP',
          relates_to_product_reference: 'HOST',
          full_product_name: { name: 'lib in app on host', product_id: 'ALL' },
        },
        {
          category: 'default_component_of',
          product_reference: 'LIB',
          relates_to_product_reference: 'APP',
          full_product_name: { name: 'lib in app', product_id: 'LIB-APP' },
        },
      ],
    };
    const { advisories, diagnostics } = await parseCsaf(
      JSON.stringify(
        csafDoc(chained, [{ cve: 'CVE-2024-0007', product_status: { known_affected: ['ALL'] } }]),
      ),
      { source: 'x' },
    );
    expect(diagnostics).toEqual([]);
    expect(advisories[0]?.products[0]).toMatchObject({
      name: 'lib in app on host',
      purl: 'pkg:maven/org.x/lib@1.2',
    });
    expect(advisories[0]?.packages[0]).toMatchObject({
      purl: 'pkg:maven/org.x/lib',
      scheme: 'maven',
      versions: ['1.2'],
    });
  });
});

describe('versBounds', () => {
  it('turns vers constraints into intervals', () => {
    expect(versBounds('vers:all/*')).toEqual([
      { startIncluding: null, startExcluding: null, endIncluding: null, endExcluding: null },
    ]);
    expect(versBounds('vers:npm/>=1.0.0|<1.5.0|>2.0.0|<=2.3.0|>=3.0.0')).toEqual([
      { startIncluding: '1.0.0', startExcluding: null, endIncluding: null, endExcluding: '1.5.0' },
      { startIncluding: null, startExcluding: '2.0.0', endIncluding: '2.3.0', endExcluding: null },
      { startIncluding: '3.0.0', startExcluding: null, endIncluding: null, endExcluding: null },
    ]);
    expect(versBounds('<= 2.6A')).toEqual([]);
  });
});

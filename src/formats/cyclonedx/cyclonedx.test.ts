import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { collect, component, emptyContent, inPieces, rejection } from '../sbom/test-helpers.js';
import type { SbomReport } from '../sbom/types.js';
import { parseCycloneDxJson } from './parse-json.js';
import { parseCycloneDxXml } from './parse-xml.js';
import { formatCycloneDxJson } from './write.js';
import { formatCycloneDxXml } from './write-xml.js';

const source = 'pump.cdx';

async function json(value: unknown): Promise<SbomReport> {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return collect(parseCycloneDxJson(inPieces(text, 13), { source }));
}

async function xml(text: string): Promise<SbomReport> {
  return collect(parseCycloneDxXml(inPieces(text, 13), { source }));
}

const INFUSION_PUMP = {
  // Keys in the order real device SBOMs use: components before the format fields.
  components: [
    {
      type: 'firmware',
      'bom-ref': 'fw',
      supplier: { name: 'ACME Medical' },
      name: 'pump-firmware',
      version: '4.2.1',
      hashes: [{ alg: 'SHA-256', content: 'AB'.repeat(32) }],
      licenses: [{ license: { id: 'LicenseRef-ACME' } }, { expression: 'MIT OR Apache-2.0' }],
      cpe: 'cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*',
      purl: 'pkg:generic/acme/pump-firmware@4.2.1',
      properties: [
        { name: 'End-of-Support', value: '2031-12-31' },
        { name: 'Level of Support', value: 'Security patches' },
      ],
      components: [
        {
          type: 'library',
          'bom-ref': 'ssl',
          name: 'wolfssl',
          version: '5.6.3',
          purl: 'pkg:github/wolfssl/wolfssl@v5.6.3-stable',
          components: [{ type: 'library', 'bom-ref': 'asm', name: 'wolfcrypt-asm' }],
        },
      ],
    },
    { type: 'library', 'bom-ref': 'zlib', name: 'zlib', version: '1.2.13', group: 'madler' },
  ],
  dependencies: [
    { ref: 'pump', dependsOn: ['fw'] },
    { ref: 'fw', dependsOn: ['ssl', 'zlib'] },
  ],
  metadata: {
    timestamp: '2024-03-01T12:00:00Z',
    tools: {
      components: [{ type: 'application', group: 'acme', name: 'sbom-gen', version: '2.0' }],
    },
    authors: [{ name: 'ACME PSIRT', email: 'psirt@acme.example' }],
    component: {
      type: 'device',
      'bom-ref': 'pump',
      manufacturer: { name: 'ACME Medical' },
      name: 'Infusion Pump IP-500',
      version: 'B',
      properties: [
        { name: 'acme:device:model', value: 'IP-500' },
        { name: 'serialNumber', value: 'SN-0042' },
      ],
    },
    manufacturer: { name: 'ACME Medical' },
    supplier: { name: 'ACME Distribution' },
    properties: [{ name: 'EOL', value: '2033-06-30' }],
  },
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  version: 3,
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
};

describe('parseCycloneDxJson', () => {
  it('reads a device SBOM: components flattened parent first, with every identifier', async () => {
    const { components, diagnostics } = await json(INFUSION_PUMP);
    expect(diagnostics).toEqual([]);
    expect(components.map((c) => [c.ref, c.parent])).toEqual([
      ['fw', null],
      ['ssl', 'fw'],
      ['asm', 'ssl'],
      ['zlib', null],
    ]);
    expect(components[0]).toEqual({
      ref: 'fw',
      parent: null,
      type: 'firmware',
      name: 'pump-firmware',
      version: '4.2.1',
      group: null,
      supplier: 'ACME Medical',
      manufacturer: null,
      publisher: null,
      author: null,
      purl: 'pkg:generic/acme/pump-firmware@4.2.1',
      cpes: ['cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*'],
      hashes: { 'SHA-256': 'ab'.repeat(32) },
      licenses: ['LicenseRef-ACME', 'MIT OR Apache-2.0'],
      properties: [
        { name: 'End-of-Support', value: '2031-12-31' },
        { name: 'Level of Support', value: 'Security patches' },
      ],
      endOfSupport: '2031-12-31',
      endOfLife: null,
      levelOfSupport: 'Security patches',
      model: null,
      serialNumber: null,
      releaseDate: null,
      annotations: [],
    });
    expect(components[3]).toMatchObject({ name: 'zlib', group: 'madler', version: '1.2.13' });
  });

  it('reads the document last, with metadata that came after the components', async () => {
    const { document, edges } = await json(INFUSION_PUMP);
    expect(document).toMatchObject({
      format: 'cyclonedx-json',
      specVersion: '1.6',
      documentId: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      bomVersion: 3,
      createdAt: '2024-03-01T12:00:00.000Z',
      tools: [{ vendor: 'acme', name: 'sbom-gen', version: '2.0' }],
      authors: ['ACME PSIRT'],
      supplier: 'ACME Distribution',
      manufacturer: 'ACME Medical',
      describes: ['pump'],
      properties: [{ name: 'EOL', value: '2033-06-30' }],
      componentCount: 4,
    });
    expect(document.primary).toMatchObject({
      type: 'device',
      name: 'Infusion Pump IP-500',
      manufacturer: 'ACME Medical',
      model: 'IP-500',
      serialNumber: 'SN-0042',
    });
    expect(edges).toEqual([
      { from: 'pump', to: 'fw', kind: 'depends-on', relationship: 'dependsOn' },
      { from: 'fw', to: 'ssl', kind: 'depends-on', relationship: 'dependsOn' },
      { from: 'fw', to: 'zlib', kind: 'depends-on', relationship: 'dependsOn' },
    ]);
  });

  it('reads 1.4 tools (an array) and 1.4 manufacture; older versions with a warning', async () => {
    const { document, diagnostics } = await json({
      bomFormat: 'CycloneDX',
      specVersion: '1.3',
      metadata: {
        tools: [{ vendor: 'CycloneDX', name: 'Node.js module', version: '2.0.0' }],
        manufacture: { name: 'Old Corp' },
      },
    });
    expect(document.tools).toEqual([
      { vendor: 'CycloneDX', name: 'Node.js module', version: '2.0.0' },
    ]);
    expect(document.manufacturer).toBe('Old Corp');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['WL_CYCLONEDX_SPEC_VERSION', 'warning'],
    ]);
  });

  it('drops an invalid purl with a warning and keeps the component', async () => {
    const { components, diagnostics } = await json({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [{ type: 'library', name: 'junit', purl: 'pkg:maven/junit@4.12' }],
    });
    expect(components).toHaveLength(1);
    expect(components[0]?.purl).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'WL_CYCLONEDX_PURL_INVALID',
      severity: 'warning',
    });
    expect(diagnostics[0]?.message).toContain('junit');
  });

  it('skips a component without a name, keeps its children and its siblings', async () => {
    const { components, diagnostics } = await json({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { type: 'library', 'bom-ref': 'p', components: [{ type: 'library', name: 'child' }] },
        'not an object',
        { type: 'library', name: 'sibling' },
      ],
    });
    expect(components.map((c) => [c.name, c.parent])).toEqual([
      ['child', 'p'],
      ['sibling', null],
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_CYCLONEDX_COMPONENT_INVALID',
      'WL_CYCLONEDX_COMPONENT_INVALID',
    ]);
  });

  it('reports bad values and drops only them', async () => {
    const { components, diagnostics } = await json({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        {
          type: 'gadget',
          name: 'x',
          version: { major: 1 },
          cpe: 'cpe:nonsense',
          hashes: [
            { alg: 'CRC32', content: 'abcd' },
            { alg: 'MD5', content: 'not hex' },
          ],
          licenses: 'MIT',
        },
      ],
    });
    expect(components[0]).toMatchObject({
      name: 'x',
      type: null,
      version: null,
      cpes: [],
      hashes: {},
      licenses: [],
    });
    expect(diagnostics.map((d) => d.code)).toEqual(Array(6).fill('WL_CYCLONEDX_VALUE_INVALID'));
  });

  it('reports a missing bomFormat, duplicate refs, unknown refs and a dependency cycle', async () => {
    const { diagnostics, edges } = await json({
      specVersion: '1.6',
      components: [
        { type: 'library', 'bom-ref': 'a', name: 'a' },
        { type: 'library', 'bom-ref': 'b', name: 'b' },
        { type: 'library', 'bom-ref': 'b', name: 'b-again' },
      ],
      dependencies: [
        { ref: 'a', dependsOn: ['b'] },
        { ref: 'b', dependsOn: ['a', 'ghost'] },
      ],
    });
    expect(edges).toHaveLength(3);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['WL_CYCLONEDX_REF_DUPLICATE', 'warning'],
      ['WL_CYCLONEDX_BOM_FORMAT_MISSING', 'error'],
      ['WL_CYCLONEDX_REF_UNKNOWN', 'warning'],
      ['WL_CYCLONEDX_DEPENDENCY_CYCLE', 'info'],
    ]);
    expect(diagnostics[2]?.message).toContain('"ghost"');
    expect(diagnostics[3]?.message).toContain('"a" → "b" → "a"');
  });

  it('knows service refs, so dependencies on services are not unknown', async () => {
    const { diagnostics, components } = await json({
      bomFormat: 'CycloneDX',
      specVersion: '1.4',
      services: [{ 'bom-ref': 'api', name: 'api', services: [{ 'bom-ref': 'db', name: 'db' }] }],
      dependencies: [{ ref: 'api', dependsOn: ['db'] }],
    });
    expect(components).toEqual([]);
    expect(diagnostics).toEqual([]);
  });

  it('keeps the components before a syntax error and reports it', async () => {
    const good = JSON.stringify({ type: 'library', name: 'kept' });
    const { components, diagnostics } = await json(
      `{"bomFormat":"CycloneDX","components":[${good},{"name" "broken"},${good}]}`,
    );
    expect(components.map((c) => c.name)).toEqual(['kept']);
    expect(diagnostics.map((d) => d.code)).toContain('WL_CYCLONEDX_JSON_MALFORMED');
  });

  it('reports a file cut short and keeps the complete components', async () => {
    const text = JSON.stringify(INFUSION_PUMP);
    const { components, diagnostics } = await json(text.slice(0, text.indexOf('"zlib"') - 20));
    expect(components.map((c) => c.ref)).toEqual(['fw', 'ssl', 'asm']);
    expect(diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['WL_CYCLONEDX_TRUNCATED', 'WL_CYCLONEDX_SPEC_VERSION']),
    );
  });

  it('refuses __proto__ in a component (the canary stays unpolluted)', async () => {
    const text =
      '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","__proto__":{"canary":1}},{"type":"library","name":"b"}]}';
    const { components, diagnostics } = await json(text);
    expect(components.map((c) => c.name)).toEqual(['b']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CYCLONEDX_POISONED_KEY']);
    expect(({} as Record<string, unknown>)['canary']).toBeUndefined();
  });

  it('throws WL_CYCLONEDX_UNREADABLE for what is not a JSON object', async () => {
    for (const text of ['', '[]', 'nope', '<bom/>']) {
      const error = await rejection(json(text));
      expect(error).toBeInstanceOf(WardlineError);
      expect(error).toMatchObject({ code: 'WL_CYCLONEDX_UNREADABLE' });
    }
  });
});

const XML_BOM = `<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" xmlns:x="urn:example:ext" serialNumber="urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79" version="2">
  <metadata>
    <timestamp>2024-03-01T12:00:00Z</timestamp>
    <tools><components><component type="application"><group>acme</group><name>sbom-gen</name><version>2.0</version></component></components></tools>
    <authors><author><name>ACME PSIRT</name></author></authors>
    <component type="device" bom-ref="pump">
      <manufacturer><name>ACME Medical</name></manufacturer>
      <name>Infusion Pump IP-500</name>
      <properties><property name="acme:device:model">IP-500</property></properties>
    </component>
    <manufacturer><name>ACME Medical</name></manufacturer>
  </metadata>
  <components>
    <component type="firmware" bom-ref="fw">
      <supplier><name>ACME Medical</name></supplier>
      <name>pump-firmware</name>
      <version><![CDATA[4.2.1]]></version>
      <hashes><hash alg="SHA-256">${'ab'.repeat(32)}</hash></hashes>
      <licenses><license><id>LicenseRef-ACME</id></license><expression>MIT OR Apache-2.0</expression></licenses>
      <cpe>cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*</cpe>
      <purl>pkg:generic/acme/pump-firmware@4.2.1</purl>
      <properties><property name="End-of-Support">2031-12-31</property></properties>
      <x:extension><name>ignored</name></x:extension>
      <components>
        <component type="library" bom-ref="ssl"><name>wolfssl</name><version>5.6.3</version></component>
      </components>
    </component>
    <!-- a comment between components -->
    <component type="library" bom-ref="zlib"><group>madler</group><name>zlib</name><version>1.2.13</version></component>
  </components>
  <services><service bom-ref="api"><name>api</name></service></services>
  <dependencies>
    <dependency ref="pump"><dependency ref="fw"/></dependency>
    <dependency ref="fw"><dependency ref="ssl"/><dependency ref="zlib"/></dependency>
    <dependency ref="api"/>
  </dependencies>
</bom>
`;

describe('parseCycloneDxXml', () => {
  it('reads components, metadata and dependencies like the JSON reader', async () => {
    const { components, document, edges, diagnostics } = await xml(XML_BOM);
    expect(diagnostics).toEqual([]);
    expect(components.map((c) => [c.ref, c.parent, c.name])).toEqual([
      ['fw', null, 'pump-firmware'],
      ['ssl', 'fw', 'wolfssl'],
      ['zlib', null, 'zlib'],
    ]);
    expect(components[0]).toMatchObject({
      type: 'firmware',
      version: '4.2.1',
      supplier: 'ACME Medical',
      purl: 'pkg:generic/acme/pump-firmware@4.2.1',
      cpes: ['cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*'],
      hashes: { 'SHA-256': 'ab'.repeat(32) },
      licenses: ['LicenseRef-ACME', 'MIT OR Apache-2.0'],
      endOfSupport: '2031-12-31',
    });
    expect(document).toMatchObject({
      format: 'cyclonedx-xml',
      specVersion: '1.6',
      documentId: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      bomVersion: 2,
      createdAt: '2024-03-01T12:00:00.000Z',
      tools: [{ vendor: 'acme', name: 'sbom-gen', version: '2.0' }],
      authors: ['ACME PSIRT'],
      manufacturer: 'ACME Medical',
      describes: ['pump'],
    });
    expect(document.primary).toMatchObject({
      type: 'device',
      model: 'IP-500',
      manufacturer: 'ACME Medical',
    });
    expect(edges.map((e) => `${e.from}>${e.to}`)).toEqual(['pump>fw', 'fw>ssl', 'fw>zlib']);
  });

  it('reads 1.4 legacy tools and warns on namespaces other than 1.4–1.6', async () => {
    const text = XML_BOM.replace('bom/1.6', 'bom/1.2').replace(
      /<tools>.*<\/tools>/,
      '<tools><tool><vendor>CycloneDX</vendor><name>Node.js module</name><version>2.0.0</version></tool></tools>',
    );
    const { document, diagnostics } = await xml(text);
    expect(document.specVersion).toBe('1.2');
    expect(document.tools).toEqual([
      { vendor: 'CycloneDX', name: 'Node.js module', version: '2.0.0' },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CYCLONEDX_SPEC_VERSION']);
  });

  it('XXE canary: an external entity is never read; the component using it is skipped', async () => {
    const text = XML_BOM.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ).replace('<name>wolfssl</name>', '<name>&xxe;</name>');
    const report = await xml(text);
    expect(JSON.stringify(report)).not.toContain('root:');
    expect(report.components.map((c) => c.ref)).toEqual(['zlib']);
    expect(report.diagnostics.map((d) => d.code)).toEqual([
      'WL_CYCLONEDX_DTD_IGNORED',
      'WL_CYCLONEDX_XML_MALFORMED',
      'WL_CYCLONEDX_COMPONENT_INVALID',
      // The dependency on the skipped component now names nothing.
      'WL_CYCLONEDX_REF_UNKNOWN',
    ]);
  });

  it('billion laughs: declared entities are never expanded', async () => {
    const lol =
      '<!ENTITY a "lollollollollollollollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">';
    const text = `<?xml version="1.0"?><!DOCTYPE bom [${lol}]><bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library"><name>&b;</name></component><component type="library"><name>ok</name></component></components></bom>`;
    const started = performance.now();
    const report = await xml(text);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(report.components.map((c) => c.name)).toEqual(['ok']);
    expect(JSON.stringify(report)).not.toContain('lollol');
  });

  it('reports a cut-short document and keeps the components before the cut', async () => {
    const { components, diagnostics } = await xml(
      XML_BOM.slice(0, XML_BOM.indexOf('<name>zlib</name>') + 10),
    );
    expect(components.map((c) => c.ref)).toEqual(['fw', 'ssl']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CYCLONEDX_TRUNCATED']);
    expect(diagnostics[0]?.message).toMatch(/component from line 30 is incomplete/);
    expect(diagnostics[0]?.line).toBeGreaterThanOrEqual(30);
  });

  it('reads a bom without the CycloneDX namespace, with an error naming it', async () => {
    const { components, diagnostics } = await xml(
      '<bom><components><component type="library"><name>a</name></component></components></bom>',
    );
    expect(components.map((c) => c.name)).toEqual(['a']);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_CYCLONEDX_BOM_FORMAT_MISSING',
      'WL_CYCLONEDX_SPEC_VERSION',
    ]);
  });

  it.each(['', 'not xml', '<nmaprun scanner="nmap"></nmaprun>', '{"bomFormat":"CycloneDX"}'])(
    'throws WL_CYCLONEDX_UNREADABLE for %j',
    async (text) => {
      const error = await rejection(xml(text));
      expect(error).toBeInstanceOf(WardlineError);
      expect(error).toMatchObject({ code: 'WL_CYCLONEDX_UNREADABLE' });
    },
  );
});

describe('writers', () => {
  const zlib = component({
    ref: 'zlib',
    name: 'zlib',
    version: '1.2.13',
    licenses: ['Zlib', 'MIT OR Apache-2.0', 'LicenseRef-ACME', 'Qualcomm proprietary'],
    manufacturer: 'Madler',
  });
  const device = component({
    ref: 'pump',
    type: 'device',
    name: 'IP-500',
    endOfSupport: '2031-12-31',
  });
  const content = {
    document: emptyContent({
      primary: device,
      describes: ['pump'],
      manufacturer: 'ACME',
      tools: [{ vendor: 'acme', name: 'gen', version: '1' }],
    }),
    components: [zlib],
    edges: [{ from: 'pump', to: 'zlib', kind: 'depends-on' as const, relationship: 'dependsOn' }],
  };

  it('JSON: license ids, expressions and names; tools and manufacturer per version', () => {
    const v16: unknown = JSON.parse(formatCycloneDxJson(content, { specVersion: '1.6' }));
    expect(v16).toMatchObject({
      components: [
        {
          licenses: [
            { license: { id: 'Zlib' } },
            { expression: 'MIT OR Apache-2.0' },
            { expression: 'LicenseRef-ACME' },
            { license: { name: 'Qualcomm proprietary' } },
          ],
          manufacturer: { name: 'Madler' },
        },
      ],
      metadata: {
        tools: {
          components: [{ type: 'application', publisher: 'acme', name: 'gen', version: '1' }],
        },
        manufacturer: { name: 'ACME' },
        component: { properties: [{ name: 'End-of-Support', value: '2031-12-31' }] },
      },
    });
    const v14: unknown = JSON.parse(formatCycloneDxJson(content, { specVersion: '1.4' }));
    expect(v14).toMatchObject({
      metadata: {
        tools: [{ vendor: 'acme', name: 'gen', version: '1' }],
        manufacture: { name: 'ACME' },
      },
    });
    expect(v14).not.toHaveProperty(['components', 0, 'manufacturer']);
  });

  it('JSON: an SPDX primary that is also a package is written once, in the metadata', async () => {
    const written = formatCycloneDxJson({ ...content, components: [device, zlib] });
    const parsed = await json(written);
    expect(parsed.components.map((c) => c.ref)).toEqual(['zlib']);
    expect(parsed.document.primary?.ref).toBe('pump');
    expect(parsed.diagnostics).toEqual([]);
  });

  it('XML: a hostile value stays a value', async () => {
    const hostile = '"/><component type="library"><name>injected</name></component><x a="&amp;\t';
    const written = formatCycloneDxXml({
      ...content,
      components: [{ ...zlib, name: hostile, group: hostile }],
    });
    const parsed = await xml(written);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.components.map((c) => [c.name, c.group])).toEqual([
      [hostile.trim(), hostile.trim()],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { MAX_LINE_CHARS } from '../sbom/limits.js';
import { collect, component, emptyContent, inPieces, rejection } from '../sbom/test-helpers.js';
import type { SbomReport } from '../sbom/types.js';
import { parseSpdxJson } from './parse-json.js';
import { parseSpdxTagValue } from './parse-tag-value.js';
import { relationshipEdge } from './relationships.js';
import { formatSpdxTagValue } from './write.js';

const source = 'pump.spdx';

async function json(value: unknown): Promise<SbomReport> {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return collect(parseSpdxJson(inPieces(text, 11), { source }));
}

async function tagValue(text: string, size = 11): Promise<SbomReport> {
  return collect(parseSpdxTagValue(inPieces(text, size), { source }));
}

const PUMP = {
  spdxVersion: 'SPDX-2.3',
  dataLicense: 'CC0-1.0',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'infusion-pump-ip500',
  documentNamespace: 'https://acme.example/spdx/ip500-4.2.1',
  creationInfo: {
    created: '2024-03-01T12:00:00Z',
    creators: [
      'Tool: acme-sbom-gen-2.0.1',
      'Organization: ACME Medical (psirt@acme.example)',
      'Person: Jo Doe',
    ],
  },
  packages: [
    {
      SPDXID: 'SPDXRef-fw',
      name: 'pump-firmware',
      versionInfo: '4.2.1',
      supplier: 'Organization: ACME Medical',
      originator: 'Organization: ACME R&D',
      downloadLocation: 'NOASSERTION',
      checksums: [{ algorithm: 'SHA256', checksumValue: 'AB'.repeat(32) }],
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'LicenseRef-ACME',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:generic/acme/pump-firmware@4.2.1',
        },
        {
          referenceCategory: 'SECURITY',
          referenceType: 'cpe23Type',
          referenceLocator: 'cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*',
        },
        {
          referenceCategory: 'SECURITY',
          referenceType: 'advisory',
          referenceLocator: 'https://acme.example/psirt/1',
        },
      ],
      primaryPackagePurpose: 'FIRMWARE',
      releaseDate: '2023-11-02T00:00:00Z',
      validUntilDate: '2031-12-31T00:00:00Z',
      annotations: [
        {
          annotationType: 'REVIEW',
          annotator: 'Person: QA',
          annotationDate: '2024-01-01T00:00:00Z',
          comment: 'Cleared for clinical use',
        },
      ],
    },
    {
      SPDXID: 'SPDXRef-ssl',
      name: 'wolfssl',
      versionInfo: '5.6.3',
      supplier: 'NOASSERTION',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE_MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:github/wolfssl/wolfssl@v5.6.3-stable',
        },
      ],
    },
  ],
  files: [{ SPDXID: 'SPDXRef-file-bin', fileName: './pump.bin' }],
  relationships: [
    {
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: 'SPDXRef-fw',
    },
    {
      spdxElementId: 'SPDXRef-ssl',
      relationshipType: 'DEPENDENCY_OF',
      relatedSpdxElement: 'SPDXRef-fw',
    },
    {
      spdxElementId: 'SPDXRef-fw',
      relationshipType: 'CONTAINS',
      relatedSpdxElement: 'SPDXRef-file-bin',
    },
    {
      spdxElementId: 'SPDXRef-fw',
      relationshipType: 'DEPENDS_ON',
      relatedSpdxElement: 'NOASSERTION',
    },
  ],
  annotations: [
    {
      annotationType: 'OTHER',
      annotator: 'Tool: x',
      annotationDate: '2024-01-01T00:00:00Z',
      comment: 'Generated for the FDA premarket submission',
    },
  ],
};

describe('parseSpdxJson', () => {
  it('reads packages with their identifiers, support dates and annotations', async () => {
    const { components, diagnostics } = await json(PUMP);
    expect(diagnostics).toEqual([]);
    expect(components[0]).toEqual({
      ref: 'SPDXRef-fw',
      parent: null,
      type: 'firmware',
      name: 'pump-firmware',
      version: '4.2.1',
      group: null,
      supplier: 'ACME Medical',
      manufacturer: null,
      publisher: null,
      author: 'ACME R&D',
      purl: 'pkg:generic/acme/pump-firmware@4.2.1',
      cpes: ['cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*'],
      hashes: { 'SHA-256': 'ab'.repeat(32) },
      licenses: ['LicenseRef-ACME'],
      properties: [],
      endOfSupport: '2031-12-31T00:00:00.000Z',
      endOfLife: null,
      levelOfSupport: null,
      model: null,
      serialNumber: null,
      releaseDate: '2023-11-02T00:00:00.000Z',
      annotations: ['Cleared for clinical use'],
    });
    // 2.2 spelled the category PACKAGE_MANAGER; both are read.
    expect(components[1]).toMatchObject({
      supplier: null,
      purl: 'pkg:github/wolfssl/wolfssl@v5.6.3-stable',
      type: null,
    });
  });

  it('reads the document: namespace, creators, what it DESCRIBES, direction-normalized edges', async () => {
    const { document, edges } = await json(PUMP);
    expect(document).toMatchObject({
      format: 'spdx-json',
      specVersion: '2.3',
      documentId: 'https://acme.example/spdx/ip500-4.2.1',
      name: 'infusion-pump-ip500',
      createdAt: '2024-03-01T12:00:00.000Z',
      tools: [{ vendor: null, name: 'acme-sbom-gen', version: '2.0.1' }],
      authors: ['ACME Medical', 'Jo Doe'],
      describes: ['SPDXRef-fw'],
      annotations: ['Generated for the FDA premarket submission'],
      componentCount: 2,
    });
    expect(document.primary?.name).toBe('pump-firmware');
    expect(edges).toEqual([
      { from: 'SPDXRef-fw', to: 'SPDXRef-ssl', kind: 'depends-on', relationship: 'DEPENDENCY_OF' },
      { from: 'SPDXRef-fw', to: 'SPDXRef-file-bin', kind: 'contains', relationship: 'CONTAINS' },
    ]);
  });

  it('reads 2.2 documentDescribes, with a note for the version', async () => {
    const { document, diagnostics } = await json({
      ...PUMP,
      spdxVersion: 'SPDX-2.2',
      relationships: [],
      documentDescribes: ['SPDXRef-ssl'],
    });
    expect(document.describes).toEqual(['SPDXRef-ssl']);
    expect(document.primary?.name).toBe('wolfssl');
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['WL_SPDX_SPEC_VERSION', 'info'],
    ]);
  });

  it('warns for other versions and reads anyway', async () => {
    const { components, diagnostics } = await json({ ...PUMP, spdxVersion: 'SPDX-2.1' });
    expect(components).toHaveLength(2);
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['WL_SPDX_SPEC_VERSION', 'warning'],
    ]);
  });

  it('drops an invalid purl and keeps the package; skips a package with no SPDXID', async () => {
    const { components, diagnostics } = await json({
      ...PUMP,
      packages: [
        { name: 'nameless-id' },
        {
          SPDXID: 'SPDXRef-x',
          name: 'x',
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: 'pkg:maven/x@1',
            },
          ],
          checksums: [{ algorithm: 'SHA1', checksumValue: 'zz' }],
        },
      ],
      relationships: [],
    });
    expect(components.map((c) => [c.name, c.purl, c.hashes])).toEqual([['x', null, {}]]);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_SPDX_PACKAGE_INVALID',
      'WL_SPDX_PURL_INVALID',
      'WL_SPDX_VALUE_INVALID',
    ]);
  });

  it('reports relationships naming unknown elements, and a dependency cycle', async () => {
    const { diagnostics } = await json({
      ...PUMP,
      relationships: [
        {
          spdxElementId: 'SPDXRef-fw',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'SPDXRef-ssl',
        },
        {
          spdxElementId: 'SPDXRef-fw',
          relationshipType: 'DEPENDENCY_OF',
          relatedSpdxElement: 'SPDXRef-ssl',
        },
        {
          spdxElementId: 'SPDXRef-fw',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'SPDXRef-ghost',
        },
        {
          spdxElementId: 'SPDXRef-fw',
          relationshipType: 'DEPENDS_ON',
          relatedSpdxElement: 'DocumentRef-os:SPDXRef-kernel',
        },
      ],
    });
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_SPDX_REF_UNKNOWN',
      'WL_SPDX_DEPENDENCY_CYCLE',
    ]);
    expect(diagnostics[0]?.message).toContain('1 ref(s)');
  });

  it('throws WL_SPDX_UNREADABLE for SPDX 3 JSON-LD and for what is not a JSON object', async () => {
    for (const text of [
      '{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}',
      '[]',
      '',
    ]) {
      const error = await rejection(json(text));
      expect(error).toBeInstanceOf(WardlineError);
      expect(error).toMatchObject({ code: 'WL_SPDX_UNREADABLE' });
    }
  });

  it('refuses a __proto__ key inside a package', async () => {
    const text = JSON.stringify(PUMP).replace(
      '"name":"wolfssl"',
      '"name":"wolfssl","__proto__":{"polluted":1}',
    );
    const { components, diagnostics } = await json(text);
    expect(components.map((c) => c.name)).toEqual(['pump-firmware']);
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_SPDX_POISONED_KEY', 'WL_SPDX_REF_UNKNOWN']);
  });
});

const TAG_VALUE = `SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: infusion-pump-ip500
DocumentNamespace: https://acme.example/spdx/ip500-4.2.1
Creator: Tool: acme-sbom-gen-2.0.1
Creator: Organization: ACME Medical (psirt@acme.example)
Created: 2024-03-01T12:00:00Z
DocumentComment: <text>Made for the
premarket submission.</text>

## Packages

PackageName: pump-firmware
SPDXID: SPDXRef-fw
PackageVersion: 4.2.1
PackageSupplier: Organization: ACME Medical
PackageDownloadLocation: NOASSERTION
PackageChecksum: SHA256: ${'ab'.repeat(32)}
PackageLicenseConcluded: NOASSERTION
PackageLicenseDeclared: LicenseRef-ACME
ExternalRef: PACKAGE-MANAGER purl pkg:generic/acme/pump-firmware@4.2.1
ExternalRef: SECURITY cpe23Type cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*
PrimaryPackagePurpose: FIRMWARE
ValidUntilDate: 2031-12-31T00:00:00Z
PackageComment: <text>Line one
Line two: with a colon
</text>

FileName: ./pump.bin
SPDXID: SPDXRef-file-bin
FileChecksum: SHA1: ${'cd'.repeat(20)}

PackageName: wolfssl
SPDXID: SPDXRef-ssl
PackageVersion: 5.6.3

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-fw
Relationship: SPDXRef-ssl DEPENDENCY_OF SPDXRef-fw
Relationship: SPDXRef-fw CONTAINS SPDXRef-file-bin

Annotator: Person: QA
AnnotationDate: 2024-01-01T00:00:00Z
AnnotationType: REVIEW
SPDXREF: SPDXRef-ssl
AnnotationComment: <text>Patched
for CVE-2023-3724</text>
`;

describe('parseSpdxTagValue', () => {
  it('reads the same document as the JSON form, multi-line values and late annotations included', async () => {
    const { components, document, edges, diagnostics } = await tagValue(TAG_VALUE);
    expect(diagnostics).toEqual([]);
    expect(components.map((c) => c.ref)).toEqual(['SPDXRef-fw', 'SPDXRef-ssl']);
    expect(components[0]).toMatchObject({
      type: 'firmware',
      version: '4.2.1',
      supplier: 'ACME Medical',
      purl: 'pkg:generic/acme/pump-firmware@4.2.1',
      cpes: ['cpe:2.3:o:acme:pump_firmware:4.2.1:*:*:*:*:*:*:*'],
      hashes: { 'SHA-256': 'ab'.repeat(32) },
      licenses: ['LicenseRef-ACME'],
      endOfSupport: '2031-12-31T00:00:00.000Z',
    });
    expect(components[1]?.annotations).toEqual(['Patched\nfor CVE-2023-3724']);
    expect(document).toMatchObject({
      format: 'spdx-tag-value',
      specVersion: '2.3',
      name: 'infusion-pump-ip500',
      documentId: 'https://acme.example/spdx/ip500-4.2.1',
      tools: [{ vendor: null, name: 'acme-sbom-gen', version: '2.0.1' }],
      authors: ['ACME Medical'],
      describes: ['SPDXRef-fw'],
    });
    expect(document.primary?.ref).toBe('SPDXRef-fw');
    expect(edges.map((e) => `${e.from} ${e.kind} ${e.to}`)).toEqual([
      'SPDXRef-fw depends-on SPDXRef-ssl',
      'SPDXRef-fw contains SPDXRef-file-bin',
    ]);
  });

  it('reads CRLF line ends and one-byte chunks', async () => {
    const { components, diagnostics } = await tagValue(TAG_VALUE.replace(/\n/g, '\r\n'), 1);
    expect(diagnostics).toEqual([]);
    expect(components.map((c) => c.name)).toEqual(['pump-firmware', 'wolfssl']);
  });

  it('reports lines that are not Tag: value, bad relationships and nameless packages; keeps the rest', async () => {
    const text = `${TAG_VALUE}this line has no tag\nRelationship: SPDXRef-fw DEPENDS_ON\nPackageName:\nSPDXID: SPDXRef-empty\n`;
    const { components, diagnostics } = await tagValue(text);
    expect(components.map((c) => c.ref)).toEqual(['SPDXRef-fw', 'SPDXRef-ssl']);
    const first = TAG_VALUE.split('\n').length;
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['WL_SPDX_LINE_INVALID', first],
      ['WL_SPDX_RELATIONSHIP_INVALID', first + 1],
      ['WL_SPDX_PACKAGE_INVALID', first + 2],
    ]);
  });

  it('drops an over-long line and an unclosed <text> without holding them', async () => {
    const long = `PackageComment: ${'x'.repeat(MAX_LINE_CHARS + 10)}\n`;
    const { components, diagnostics } = await tagValue(
      `${TAG_VALUE}${long}PackageName: tail\nSPDXID: SPDXRef-tail\nPackageComment: <text>never closed\n`,
      65_536,
    );
    expect(components.map((c) => c.name)).toEqual(['pump-firmware', 'wolfssl', 'tail']);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_SPDX_LINE_INVALID',
      'WL_SPDX_LINE_INVALID',
    ]);
    expect(diagnostics[1]?.message).toMatch(/never closed/);
  });

  it('notes 2.2 and warns when the version is absent', async () => {
    expect(
      (await tagValue(TAG_VALUE.replace('SPDX-2.3', 'SPDX-2.2'))).diagnostics.map(
        (d) => d.severity,
      ),
    ).toEqual(['info']);
    const bare = await tagValue('PackageName: a\nSPDXID: SPDXRef-a\n');
    expect(bare.components).toHaveLength(1);
    expect(bare.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['WL_SPDX_SPEC_VERSION', 'warning'],
    ]);
  });

  it('throws WL_SPDX_UNREADABLE when no line is Tag: value', async () => {
    const error = await rejection(tagValue('just some prose\nwithout any tags\n'));
    expect(error).toBeInstanceOf(WardlineError);
    expect(error).toMatchObject({ code: 'WL_SPDX_UNREADABLE' });
  });
});

describe('relationshipEdge', () => {
  it.each([
    ['DEPENDS_ON', 'a', 'b', 'depends-on'],
    ['DEPENDENCY_OF', 'b', 'a', 'depends-on'],
    ['RUNTIME_DEPENDENCY_OF', 'b', 'a', 'depends-on'],
    ['DYNAMIC_LINK', 'a', 'b', 'depends-on'],
    ['CONTAINS', 'a', 'b', 'contains'],
    ['CONTAINED_BY', 'b', 'a', 'contains'],
    ['PACKAGE_OF', 'b', 'a', 'contains'],
    ['GENERATES', 'b', 'a', 'generated-from'],
    ['AMENDS', 'a', 'b', 'other'],
    ['__proto__', 'a', 'b', 'other'],
  ])('a %s b → %s %s (%s)', (type, from, to, kind) => {
    expect(relationshipEdge('a', type, 'b')).toEqual({ from, to, kind, relationship: type });
  });
});

describe('formatSpdxTagValue', () => {
  it('turns bom-refs into SPDX ids everywhere, writes a CycloneDX primary as the described package', async () => {
    const device = component({
      ref: 'pkg:generic/acme/ip500@B',
      type: 'device',
      name: 'IP-500',
      endOfSupport: '2031-12-31',
    });
    const zlib = component({ ref: 'pkg:npm/zlib@1', name: 'zlib', endOfSupport: 'Open source' });
    const written = formatSpdxTagValue({
      document: emptyContent({
        primary: device,
        describes: [device.ref ?? ''],
        createdAt: '2024-03-01T12:00:00.000Z',
      }),
      components: [zlib],
      edges: [
        {
          from: device.ref ?? '',
          to: 'pkg:npm/zlib@1',
          kind: 'depends-on',
          relationship: 'dependsOn',
        },
        {
          from: 'pkg:npm/zlib@1',
          to: 'DocumentRef-os:SPDXRef-kernel',
          kind: 'depends-on',
          relationship: 'dependsOn',
        },
      ],
    });
    expect(written).toContain(
      'Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-pkg-generic-acme-ip500-B\n',
    );
    expect(written).toContain(
      'Relationship: SPDXRef-pkg-generic-acme-ip500-B DEPENDS_ON SPDXRef-pkg-npm-zlib-1\n',
    );
    expect(written).toContain(
      'Relationship: SPDXRef-pkg-npm-zlib-1 DEPENDS_ON DocumentRef-os:SPDXRef-kernel\n',
    );
    expect(written).toContain('Created: 2024-03-01T12:00:00Z\n');
    const parsed = await tagValue(written);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.document.primary).toMatchObject({
      name: 'IP-500',
      type: 'device',
      endOfSupport: '2031-12-31T00:00:00.000Z',
    });
    // "Open source" is not a date: SPDX has nowhere to put it.
    expect(parsed.components.map((c) => [c.name, c.endOfSupport])).toEqual([
      ['IP-500', '2031-12-31T00:00:00.000Z'],
      ['zlib', null],
    ]);
  });
});

describe('kept property counterexamples', () => {
  it('invalid-stray-spdxid: an SPDXID line after a package does not replace its id', async () => {
    // Found by "garbage between packages loses none": junk `SPDXID:` right after a package.
    const text =
      'SPDXVersion: SPDX-2.3\nPackageName: good-0\nSPDXID: SPDXRef-good-0\nSPDXID: SPDXRef-file-x\n';
    const { components, diagnostics } = await tagValue(text);
    expect(components.map((c) => c.ref)).toEqual(['SPDXRef-good-0']);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['WL_SPDX_LINE_INVALID', 4]]);
  });

  it('valid-ref-outside-id-charset: a ref with `_` gets one SPDXRef- prefix, the same everywhere', () => {
    // Found by the tag-value round trip: `SPDXRef-_` was written as `SPDXRef-SPDXRef--`.
    const pkg = component({ ref: 'SPDXRef-a_b', name: 'a' });
    const written = formatSpdxTagValue({
      document: emptyContent({ describes: ['SPDXRef-a_b'] }),
      components: [pkg],
      edges: [
        { from: 'SPDXRef-a_b', to: 'SPDXRef-a_b', kind: 'other', relationship: 'VARIANT_OF' },
      ],
    });
    expect(written.match(/SPDXRef-a-b\b/g)).toHaveLength(4);
    expect(written).not.toContain('SPDXRef-SPDXRef');
  });
});

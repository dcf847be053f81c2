/**
 * Real CycloneDX documents: the CycloneDX project's bom-examples and two anonymised medical-device
 * SBOMs from a published case study, read where they sit in the shared data folder; they are
 * never copied into the repository. Facts asserted here were read from the files by hand.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectSbom } from '../sbom/parse.js';
import type { SbomReport } from '../sbom/types.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/sbom/', import.meta.url));
const present = existsSync(join(DATA, 'cyclonedx-bom-examples'));
const title = present
  ? 'real CycloneDX documents from ../shared/data'
  : 'real CycloneDX documents: SKIPPED, ../shared/data/sbom is absent in this clone';

async function read(path: string): Promise<SbomReport> {
  return collectSbom(createReadStream(join(DATA, path)), { source: path });
}

function files(dir: string, pattern: RegExp): string[] {
  const root = join(DATA, dir);
  if (!existsSync(root)) return [];
  const found: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (pattern.test(name)) found.push(relative(DATA, path));
    }
  }
  return found.sort();
}

const NARROW = 'medical-device-sboms-ccny/sboms/case-study/narrow.sbom.json';
const EXTENDED = 'medical-device-sboms-ccny/sboms/case-study/extended.sbom.json';

describe.skipIf(!present)(title, () => {
  it('narrow.sbom.json (medical device): 55 components, the device as primary, no diagnostics', async () => {
    const { document, components, edges, diagnostics } = await read(NARROW);
    expect(diagnostics).toEqual([]);
    expect(document).toMatchObject({
      format: 'cyclonedx-json',
      specVersion: '1.4',
      documentId: 'urn:uuid:02826796-d30c-4aa6-b0a8-44207a01cb6c',
      bomVersion: 1,
      createdAt: '2025-07-23T20:52:41.344Z',
      authors: ['REDACTED'],
      componentCount: 55,
    });
    expect(document.primary).toMatchObject({
      type: 'device',
      name: 'REDACTED',
      author: 'REDACTED',
    });
    expect(components).toHaveLength(55);
    const types = components.map((c) => c.type);
    expect(types.filter((t) => t === 'library')).toHaveLength(51);
    expect(types.filter((t) => t === 'firmware')).toHaveLength(3);
    // Its dependencies list every ref with no dependsOn: no edges.
    expect(edges).toEqual([]);
  });

  it('narrow.sbom.json: WolfSSL and the Qualcomm SoC with CPE, purl and FDA support properties', async () => {
    const { components } = await read(NARROW);
    expect(components.find((c) => c.name === 'WolfSSL')).toMatchObject({
      type: 'firmware',
      version: '4.8.1',
      publisher: 'wolfSSL',
      purl: 'pkg:github/wolfssl/wolfssl',
      cpes: ['cpe:2.3:a:wolfssl:wolfssl:4.8.1:*:*:*:*:*:*:*'],
      licenses: ['GPLv3/Commercial'],
      endOfSupport: 'Open source',
      levelOfSupport: 'Actively maintained',
    });
    expect(components.find((c) => c.name === 'Qualcomm Atheros QCA9563')).toMatchObject({
      type: 'device',
      version: null,
      purl: 'pkg:generic/qualcomm_atheros_qca9563',
      cpes: ['cpe:2.3:h:qualcomm:atheros_qca9563:*:*:*:*:*:*:*:*'],
      endOfSupport: 'Until hardware support ends',
    });
    expect(components.find((c) => c.name === 'Newtonsoft.Json')?.purl).toBe(
      'pkg:nuget/Newtonsoft.Json@9.0.1',
    );
  });

  it('extended.sbom.json (medical device): 65 components including the OS and the RTOS', async () => {
    const { document, components, diagnostics } = await read(EXTENDED);
    expect(diagnostics).toEqual([]);
    expect(document.documentId).toBe('urn:uuid:9a9fb992-c015-4d78-91b5-88b6be21f53d');
    expect(components).toHaveLength(65);
    expect(components.filter((c) => c.type === 'firmware')).toHaveLength(9);
    expect(components.filter((c) => c.type === 'device').map((c) => c.name)).toEqual([
      'Qualcomm Atheros QCA9563',
      'UAP-AC-Pro',
    ]);
    expect(components.find((c) => c.name === 'EdgeOS')).toMatchObject({
      type: 'operating-system',
      version: '2.0.9-hotfix.7',
      purl: 'pkg:generic/edgeos@2.0.9-hotfix.7',
      cpes: ['cpe:2.3:o:ubiquiti:edgeos:2.0.9-hotfix.7:*:*:*:*:*:*:*'],
    });
    expect(components.find((c) => c.name === 'FreeRTOS')).toMatchObject({
      version: '10.0.1',
      purl: 'pkg:github/freertos/freertos',
      cpes: ['cpe:2.3:o:amazon:freertos:10.0.1:*:*:*:-:*:*:*'],
    });
  });

  it('dropwizard-1.3.15 (spec 1.2): 167 Maven components with hashes, the parent POM as primary', async () => {
    const { document, components, edges, diagnostics } = await read(
      'cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json',
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_CYCLONEDX_SPEC_VERSION']);
    expect(document.primary).toMatchObject({
      name: 'dropwizard-parent',
      version: '1.3.15',
      purl: 'pkg:maven/io.dropwizard/dropwizard-parent@1.3.15',
    });
    expect(components).toHaveLength(167);
    expect(edges.length).toBeGreaterThan(0);
    const jackson = components[0];
    expect(jackson).toMatchObject({
      group: 'com.fasterxml.jackson.core',
      name: 'jackson-annotations',
      version: '2.9.10',
      publisher: 'FasterXML',
    });
    expect(jackson?.hashes['SHA-256']).toBe(
      'c876f2e85d0f108a34cdd11ccc9d8d7875697367efc75bf10a89c2c26aee994c',
    );
  });

  it('proton-bridge v1.8.0: a real dependency cycle (ugorji/go ↔ codec) is reported as info and terminates', async () => {
    const { components, edges, diagnostics } = await read(
      'cyclonedx-bom-examples/SBOM/proton-bridge/proton-bridge-v1.8.0.bom.json',
    );
    expect(components).toHaveLength(201);
    expect(edges).toHaveLength(232);
    const cycle = diagnostics.find((d) => d.code === 'WL_CYCLONEDX_DEPENDENCY_CYCLE');
    expect(cycle?.severity).toBe('info');
    expect(cycle?.message).toContain('pkg:golang/github.com/ugorji/go@v1.1.7');
  });

  it('laravel 7.12.0: the 1.4 XML and the 1.4 JSON give the same components and edges', async () => {
    const fromXml = await read('cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.4.xml');
    const fromJson = await read('cyclonedx-bom-examples/SBOM/laravel-7.12.0/bom.1.4.json');
    expect(fromXml.diagnostics).toEqual([]);
    expect(fromXml.document.format).toBe('cyclonedx-xml');
    expect(fromXml.components).toHaveLength(62);
    expect(fromXml.components).toEqual(fromJson.components);
    expect(fromXml.edges).toEqual(fromJson.edges);
    expect(fromXml.components[0]).toMatchObject({
      group: 'asm89',
      name: 'stack-cors',
      version: '1.3.0',
      purl: 'pkg:composer/asm89/stack-cors@1.3.0',
      licenses: ['MIT'],
    });
  });

  it('HBOM PCIe-SATA adapter: six device parts under a device primary', async () => {
    const { document, components } = await read(
      'cyclonedx-bom-examples/HBOM/PCIe-SATA-adapter-board/bom.json',
    );
    expect(document.primary).toMatchObject({
      type: 'device',
      name: 'pcie-sata-adaptor-board',
      version: 'rev-1',
      group: 'uk.ac.cam.cl',
    });
    expect(components.map((c) => c.type)).toEqual(Array(6).fill('device'));
    expect(components[0]?.name).toBe('PCIE-098-02-F-D-EMS2');
  });

  it('CBOM with dependencies: 1.6 provides edges', async () => {
    const { edges, diagnostics } = await read(
      'cyclonedx-bom-examples/CBOM/Example-With-Dependencies/bom.json',
    );
    expect(diagnostics).toEqual([]);
    expect(edges).toEqual([
      {
        from: 'acme-application',
        to: 'crypto-library',
        kind: 'depends-on',
        relationship: 'dependsOn',
      },
      { from: 'crypto-library', to: 'some-library', kind: 'depends-on', relationship: 'dependsOn' },
      { from: 'crypto-library', to: 'aes128gcm', kind: 'provides', relationship: 'provides' },
    ]);
  });

  const every = [...files('cyclonedx-bom-examples', /\.(json|xml)$/), NARROW, EXTENDED];

  it.each(every)('%s parses with no error diagnostics', async (path) => {
    const { diagnostics, document } = await read(path);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(document.format.startsWith('cyclonedx')).toBe(true);
  });
});

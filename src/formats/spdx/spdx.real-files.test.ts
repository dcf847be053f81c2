/**
 * Real SPDX documents from the spdx/spdx-examples repository, read where they sit in the shared
 * data folder; they are never copied into the repository. Facts asserted here were read from the
 * files by hand.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { collectSbom } from '../sbom/parse.js';
import { rejection } from '../sbom/test-helpers.js';
import type { SbomReport } from '../sbom/types.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/sbom/spdx-examples/', import.meta.url));
const present = existsSync(DATA);
const title = present
  ? 'real SPDX documents from ../shared/data'
  : 'real SPDX documents: SKIPPED, ../shared/data/sbom/spdx-examples is absent in this clone';

async function read(path: string): Promise<SbomReport> {
  return collectSbom(createReadStream(join(DATA, path)), { source: path });
}

function files(pattern: RegExp): string[] {
  if (!existsSync(DATA)) return [];
  const found: string[] = [];
  const stack = [DATA];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (pattern.test(relative(DATA, path))) found.push(relative(DATA, path));
    }
  }
  return found.sort();
}

describe.skipIf(!present)(title, () => {
  it('04-SBOMwSecurity.json: tools-java described, xlsx dynamically linked, both with purls', async () => {
    const { document, components, edges, diagnostics } = await read(
      'presentations/OSS-NA-2023/SPDXVersion2.3/04-SBOMwSecurity.json',
    );
    expect(diagnostics).toEqual([]);
    expect(document).toMatchObject({
      format: 'spdx-json',
      specVersion: '2.3',
      name: 'SPDX Tools v1.1.5 Java SBOM',
      documentId: 'http://spdx.org/spdxdocs/tools-java/v1.1.5-444504E0-4F89-41D3-9A0C-0305E82C3301',
      createdAt: '2023-05-12T18:30:22.000Z',
      authors: ["Gary O'Neall"],
      describes: ['SPDXRef-Package'],
    });
    expect(document.primary).toMatchObject({
      name: 'tools-java',
      version: '1.5.1',
      supplier: 'SPDX',
    });
    expect(components.map((c) => [c.name, c.purl])).toEqual([
      ['tools-java', 'pkg:github/spdx/tools-java@2235d5d7f7fe46ce1e0d54b7831c5681633b25cc'],
      ['xlsx', 'pkg:maven/org.webjars.npm/xlsx@0.16.6'],
    ]);
    expect(components[1]?.hashes).toEqual({ 'SHA-1': '8f2715fa4ea3619b08615aa8f57828a80e6eb703' });
    expect(edges).toEqual([
      {
        from: 'SPDXRef-Package',
        to: 'SPDXRef-xlsx',
        kind: 'depends-on',
        relationship: 'DYNAMIC_LINK',
      },
    ]);
  });

  it('ACME-v2.3.spdx.json: an application containing elliptic, alpine and OpenSSL', async () => {
    const { document, components, edges } = await read(
      'presentations/SBOMS-SPDX-Now-and-Future/ACME-v2.3.spdx.json',
    );
    expect(document.primary).toMatchObject({
      name: 'Acme Applcation',
      author: 'ExampleCodeInspect',
      licenses: ['Apache-2.0'],
    });
    expect(components.find((c) => c.name === 'OpenSSL')).toMatchObject({
      version: '3.0.4',
      purl: 'pkg:alpine/openssl@3.0.4',
    });
    expect(components.find((c) => c.name === 'elliptic')?.purl).toBe('pkg:npm/elliptic@6.5.2');
    expect(edges.map((e) => `${e.kind} ${e.to}`)).toEqual([
      'contains SPDXRef-npm-elliptic',
      'contains SPDXRef-alpine',
      'contains SPDXRef-openssl',
    ]);
  });

  it('example6-lib.spdx (tag-value 2.2): the Go distribution and four packages it contains', async () => {
    const { document, components, edges, diagnostics } = await read(
      'software/example6/spdx2.2/example6-lib.spdx',
    );
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['WL_SPDX_SPEC_VERSION', 'info'],
    ]);
    expect(document).toMatchObject({
      format: 'spdx-tag-value',
      specVersion: '2.2',
      name: 'go-lib',
      authors: ['Steve Winslow'],
    });
    expect(document.primary).toMatchObject({
      name: 'go-1.15',
      version: '1.15.4',
      supplier: 'Canonical Ltd.',
      author: 'Google LLC',
      hashes: { 'SHA-256': '0d6e1420facd978e532eae7bd5cb6378b65522c12fa9dcf682129e698c34d1b2' },
    });
    expect(components.map((c) => c.name)).toEqual([
      'go-1.15',
      'go',
      'go.fmt',
      'go.reflect',
      'go.strconv',
    ]);
    expect(edges.every((e) => e.kind === 'contains' && e.from === 'SPDXRef-Package-godist')).toBe(
      true,
    );
    expect(edges).toHaveLength(4);
  });

  it('example6-bin.spdx: multi-line license text is skipped; cross-document refs are not unknown', async () => {
    const { document, edges, diagnostics } = await read(
      'software/example6/spdx2.2/example6-bin.spdx',
    );
    expect(document.primary?.name).toBe('hello-go-bin');
    expect(document.tools.map((t) => t.name)).toEqual([
      'github.com/spdx/tools-golang/builder',
      'github.com/spdx/tools-golang/idsearcher',
    ]);
    expect(edges).toContainEqual({
      from: 'SPDXRef-Package-hello-go-bin',
      to: 'DocumentRef-go-lib:SPDXRef-Package-go.fmt',
      kind: 'depends-on',
      relationship: 'RUNTIME_DEPENDENCY_OF',
    });
    // The document says both "go.fmt is a runtime dependency of hello-go-bin" and "go.fmt
    // statically links hello-go-bin": a cycle as written, noted as info.
    expect(diagnostics.map((d) => d.code)).toEqual([
      'WL_SPDX_SPEC_VERSION',
      'WL_SPDX_DEPENDENCY_CYCLE',
    ]);
  });

  it('example9 appbomination.spdx.json (2.2): seven packages, thirteen relationships', async () => {
    const { components, edges, document } = await read(
      'software/example9/spdx2.2/appbomination.spdx.json',
    );
    expect(components).toHaveLength(7);
    expect(edges).toHaveLength(13);
    expect(document.primary?.name).toBe('App-BOM-ination');
  });

  it.each(files(/spdx3\.0\/.*\.json$/))('%s (SPDX 3 JSON-LD) is refused by name', async (path) => {
    const error = await rejection(read(path));
    expect(error).toBeInstanceOf(WardlineError);
    expect(error).toMatchObject({
      code: 'WL_SPDX_UNREADABLE',
      message: expect.stringContaining('SPDX 3') as unknown,
    });
  });

  it.each(files(/spdx2\.[23]\/.*\.(spdx|json)$|SPDXVersion2\.3\/.*\.json$|ACME-v2\.3/))(
    '%s parses with no error diagnostics and a described primary',
    async (path) => {
      const { diagnostics, document } = await read(path);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(document.primary).not.toBeNull();
    },
  );
});

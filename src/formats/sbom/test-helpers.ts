/** Input helpers and record builders shared by the SBOM, CycloneDX and SPDX tests. */
import { Readable } from 'node:stream';
import { collectSbom, type ParseAnySbomOptions } from './parse.js';
import type {
  SbomComponent,
  SbomContent,
  SbomEdge,
  SbomInput,
  SbomParseItem,
  SbomReport,
} from './types.js';

/** The text as UTF-8 bytes in pieces of `size`, so tokens and characters straddle chunk edges. */
export function inPieces(text: string | Uint8Array, size = 17): SbomInput {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

/** Runs one of the format parsers to the end and gathers what it yielded. */
export async function collect(items: AsyncIterable<SbomParseItem>): Promise<SbomReport> {
  const components: SbomComponent[] = [];
  const edges: SbomReport['edges'][number][] = [];
  const diagnostics: SbomReport['diagnostics'][number][] = [];
  let document: SbomReport['document'] | null = null;
  for await (const item of items) {
    if (item.kind === 'component') components.push(item.component);
    else if (item.kind === 'edge') edges.push(item.edge);
    else if (item.kind === 'diagnostic') diagnostics.push(item.diagnostic);
    else document = item.document;
  }
  if (document === null) throw new Error('no document');
  return { document, components, edges, diagnostics };
}

/** `collectSbom` over `inPieces(text)`. */
export async function read(
  text: string,
  options: Partial<ParseAnySbomOptions> = {},
): Promise<SbomReport> {
  return collectSbom(inPieces(text), { source: 'test', ...options });
}

/** Resolves to the error the promise rejects with, or `null` when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

/** A component with every optional field empty; override what the test is about. */
export function component(overrides: Partial<SbomComponent> & { name: string }): SbomComponent {
  return {
    ref: null,
    parent: null,
    type: 'library',
    version: null,
    group: null,
    supplier: null,
    manufacturer: null,
    publisher: null,
    author: null,
    purl: null,
    cpes: [],
    hashes: {},
    licenses: [],
    properties: [],
    endOfSupport: null,
    endOfLife: null,
    levelOfSupport: null,
    model: null,
    serialNumber: null,
    releaseDate: null,
    annotations: [],
    ...overrides,
  };
}

/** A document for the writers with nothing in it. */
export function emptyContent(
  overrides: Partial<SbomContent['document']> = {},
): SbomContent['document'] {
  return {
    specVersion: null,
    documentId: null,
    name: null,
    bomVersion: null,
    createdAt: null,
    tools: [],
    authors: [],
    supplier: null,
    manufacturer: null,
    primary: null,
    describes: [],
    properties: [],
    annotations: [],
    ...overrides,
  };
}

/** Components like a real firmware SBOM's: purl, CPE, two hashes, a license, support properties. */
export function syntheticSbom(count: number): SbomContent {
  const components = Array.from({ length: count }, (_, i) =>
    component({
      ref: `SPDXRef-c${i}`,
      type: i % 10 === 0 ? 'firmware' : 'library',
      name: `component-${i}`,
      version: `${i % 7}.${i % 13}.${i % 17}`,
      supplier: `Supplier ${i % 50}`,
      purl: `pkg:npm/%40acme/component-${i}@${i % 7}.${i % 13}.${i % 17}`,
      cpes: [`cpe:2.3:a:acme:component-${i}:${i % 7}.${i % 13}.${i % 17}:*:*:*:*:*:*:*`],
      hashes: {
        'SHA-256': (i.toString(16) + 'ab'.repeat(32)).slice(0, 64),
        'SHA-1': 'cd'.repeat(20),
      },
      licenses: [i % 2 === 0 ? 'MIT' : 'Apache-2.0'],
      properties: [
        { name: 'End-of-Support', value: '2031-12-31' },
        { name: 'Level of Support', value: 'Security patches' },
      ],
      endOfSupport: '2031-12-31',
      levelOfSupport: 'Security patches',
    }),
  );
  const edges: SbomEdge[] = components.slice(1).map((c, i) => ({
    from: `SPDXRef-c${Math.floor(i / 4)}`,
    to: c.ref ?? '',
    kind: 'depends-on',
    relationship: 'DEPENDS_ON',
  }));
  return { document: emptyContent({ createdAt: '2024-03-01T12:00:00.000Z' }), components, edges };
}

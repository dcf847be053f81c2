/** Input helpers and record builders shared by the SBOM, CycloneDX and SPDX tests. */
import { Readable } from 'node:stream';
import { collectSbom, type ParseAnySbomOptions } from './parse.js';
import type { SbomComponent, SbomContent, SbomInput, SbomParseItem, SbomReport } from './types.js';

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

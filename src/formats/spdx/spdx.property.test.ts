import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import {
  componentWith,
  edgeKey,
  isoMillis,
  text,
  token,
  type Document,
} from '../sbom/test-arbitraries.js';
import { collect, inPieces } from '../sbom/test-helpers.js';
import type { SbomComponentType, SbomEdge, SbomReport } from '../sbom/types.js';
import { parseSpdxJson } from './parse-json.js';
import { parseSpdxTagValue } from './parse-tag-value.js';
import { relationshipEdge } from './relationships.js';
import { formatSpdxTagValue } from './write.js';

const source = 'property.spdx';
// Generous: a hang or quadratic blow-up takes far longer; CI must not fail on a busy machine.
const BUDGET_MS = 5_000;

async function outcome(run: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await run().then(
    () => null,
    (thrown: unknown) => thrown,
  );
  return { error, ms: performance.now() - started };
}

const tagValue = (input: string | Uint8Array, size = 13): Promise<SbomReport> =>
  collect(parseSpdxTagValue(inPieces(input, size), { source }));

describe('SPDX parsers on hostile input', () => {
  it('arbitrary bytes end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        for (const run of [
          () => collect(parseSpdxJson(inPieces(bytes, 13), { source })),
          () => tagValue(bytes),
        ]) {
          const { error, ms } = await outcome(run);
          expect(error === null || error instanceof WardlineError).toBe(true);
          expect(ms).toBeLessThan(BUDGET_MS);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('tag-value line soup ends within the budget and throws nothing foreign', async () => {
    const line = fc.constantFrom(
      'SPDXVersion: SPDX-2.3',
      'PackageName: a',
      'PackageName:',
      'SPDXID: SPDXRef-a',
      'SPDXID: SPDXRef-DOCUMENT',
      'FileName: f',
      'PackageChecksum: SHA1: zz',
      'PackageChecksum:',
      'ExternalRef: SECURITY cpe23Type x',
      'ExternalRef:',
      'Relationship: SPDXRef-a DEPENDS_ON SPDXRef-a',
      'Relationship: x',
      'Annotator: Tool: t',
      'SPDXREF: SPDXRef-a',
      'AnnotationComment: <text>a',
      '</text>',
      'PackageComment: <text>x</text>',
      'ValidUntilDate: 2023-02-30',
      'PrimaryPackagePurpose: __proto__',
      '__proto__: x',
      'constructor: y',
      '#',
      '',
      ':',
      'no colon',
      '\r',
      '\t: x',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 80 }), async (lines) => {
        const { error, ms } = await outcome(() => tagValue(lines.join('\n'), 7));
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });

  it('JSON token soup ends within the budget and throws nothing foreign', async () => {
    const piece = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ':',
      ',',
      '"packages"',
      '"relationships"',
      '"files"',
      '"SPDXID"',
      '"name"',
      '"spdxElementId"',
      '"relationshipType"',
      '"relatedSpdxElement"',
      '"DEPENDS_ON"',
      '"externalRefs"',
      '"__proto__"',
      '"x"',
      '1',
      'null',
      ' ',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 120 }), async (pieces) => {
        const { error, ms } = await outcome(() =>
          collect(
            parseSpdxJson(inPieces(`{"spdxVersion":"SPDX-2.3",${pieces.join('')}`, 13), { source }),
          ),
        );
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });
});

const goodPackage = (i: number): string =>
  `PackageName: good-${i}\nSPDXID: SPDXRef-good-${i}\nPackageVersion: 1.${i}\nExternalRef: PACKAGE-MANAGER purl pkg:npm/good-${i}@1.${i}\n`;

/** Lines between packages. Not included: an unclosed `<text>`, which swallows what follows. */
const junkLine = fc.oneof(
  fc.constantFrom(
    '',
    '# a comment',
    'no colon on this line',
    'UnknownTag: value',
    'Relationship: broken',
    'Relationship: SPDXRef-x DEPENDS_ON NOASSERTION',
    'PackageName: junk',
    'FileName: ./x.c',
    'SPDXID: SPDXRef-file-x',
    'LicenseID: LicenseRef-x',
    'ExtractedText: <text>line one\nline two: with colon\nPackageName: not a package</text>',
    'SnippetSPDXID: SPDXRef-snippet',
    'Annotator: Person: Q',
    'SPDXREF: SPDXRef-nowhere',
    'AnnotationComment: <text>c</text>',
  ),
  text.map((t) => `Junk${t.replace(/[^A-Za-z]/g, '')}: ${t}`),
);

describe('SPDX tag-value: garbage between packages loses none of them', () => {
  it('every good package comes out, in order, unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(junkLine, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        async (junk) => {
          const body = junk.map((lines, i) => `${lines.join('\n')}\n${goodPackage(i)}`).join('');
          const { components } = await tagValue(`SPDXVersion: SPDX-2.3\n${body}`, 17);
          expect(
            components
              .filter((c) => c.name.startsWith('good-'))
              .map((c) => [c.ref, c.version, c.purl]),
          ).toEqual(
            junk.map((_, i) => [`SPDXRef-good-${i}`, `1.${i}`, `pkg:npm/good-${i}@1.${i}`]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

const SPDX_TYPES: readonly SbomComponentType[] = [
  'application',
  'framework',
  'library',
  'container',
  'operating-system',
  'device',
  'firmware',
  'source',
  'archive',
  'file',
  'install',
  'other',
];

/** SPDX actors lose a trailing `(…)` (it is read as an e-mail), so none is generated. */
const actor = text.filter((t) => !t.includes('(') && !t.includes(')'));

const SPDX_TYPES_FOR_EDGES = [
  'DEPENDS_ON',
  'DEPENDENCY_OF',
  'DEV_DEPENDENCY_OF',
  'STATIC_LINK',
  'CONTAINS',
  'CONTAINED_BY',
  'GENERATED_FROM',
  'GENERATES',
  'AMENDS',
  'VARIANT_OF',
];

/** SPDX ids allow letters, digits, `.` and `-` after `SPDXRef-`. */
const spdxId = token.map((t) => t.replace(/_/g, '-'));

const document = fc
  .uniqueArray(spdxId, { minLength: 0, maxLength: 6 })
  .chain((ids) => {
    const refs = ids.map((id) => `SPDXRef-${id}`);
    const components = fc.tuple(
      ...refs.map((ref) =>
        componentWith(ref, null, {
          types: SPDX_TYPES,
          manufacturer: false,
          cyclonedxOnly: false,
        }).chain((c) =>
          fc
            .record({
              supplier: fc.option(actor, { nil: null }),
              author: fc.option(actor, { nil: null }),
            })
            .map((a) => ({ ...c, ...a })),
        ),
      ),
    );
    const edges =
      refs.length === 0
        ? fc.constant<SbomEdge[]>([])
        : fc.array(
            fc
              .tuple(
                fc.constantFrom(...refs),
                fc.constantFrom(...SPDX_TYPES_FOR_EDGES),
                fc.constantFrom(...refs),
              )
              .map(([a, type, b]) => relationshipEdge(a, type, b)),
            { maxLength: 8 },
          );
    return fc.tuple(components, edges, fc.nat(Math.max(refs.length, 1)));
  })
  .chain(([components, edges, primaryIndex]) => {
    const primary = components[primaryIndex] ?? null;
    return fc.record({
      document: fc.record({
        specVersion: fc.constant('2.3'),
        documentId: token.map((t) => `https://acme.example/spdx/${t}`),
        name: text,
        bomVersion: fc.constant(null),
        createdAt: isoMillis,
        tools: fc.array(
          fc.record({
            vendor: fc.constant(null),
            name: token,
            version: fc.option(fc.nat().map(String), { nil: null }),
          }),
          { minLength: 1, maxLength: 2 },
        ),
        authors: fc.uniqueArray(actor, { maxLength: 2 }),
        supplier: fc.constant(null),
        manufacturer: fc.constant(null),
        primary: fc.constant(primary),
        describes: fc.constant(primary?.ref == null ? [] : [primary.ref]),
        properties: fc.constant([]),
        annotations: fc.uniqueArray(text, { maxLength: 2 }),
      }) satisfies fc.Arbitrary<Document>,
      components: fc.constant(components),
      edges: fc.constant(edges),
    });
  });

describe('SPDX tag-value writer round trip', () => {
  it('a generated document written as tag-value parses back to the same records', async () => {
    await fc.assert(
      // SPDX needs a creator, so the writer names Wardline when the document has none: generate one.
      fc.asyncProperty(document, async (content) => {
        const written = formatSpdxTagValue(content);
        const parsed = await tagValue(written, 101);
        expect(parsed.diagnostics.filter((d) => d.code !== 'WL_SPDX_DEPENDENCY_CYCLE')).toEqual([]);
        expect(parsed.components).toEqual(content.components);
        expect(parsed.edges.map(edgeKey).sort()).toEqual(content.edges.map(edgeKey).sort());
        const { format, componentCount, ...rest } = parsed.document;
        expect(format).toBe('spdx-tag-value');
        expect(componentCount).toBe(content.components.length);
        expect(rest).toEqual(content.document);
      }),
      { numRuns: 200 },
    );
  });
});

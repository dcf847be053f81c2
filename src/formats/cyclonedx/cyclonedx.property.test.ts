import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import { collectSbom } from '../sbom/parse.js';
import {
  componentTree,
  componentWith,
  edgeKey,
  edgesBetween,
  isoMillis,
  property,
  text,
  token,
  type Document,
} from '../sbom/test-arbitraries.js';
import { collect, inPieces } from '../sbom/test-helpers.js';
import type { SbomComponent, SbomReport } from '../sbom/types.js';
import { CYCLONEDX_COMPONENT_TYPES } from './component.js';
import { parseCycloneDxJson } from './parse-json.js';
import { parseCycloneDxXml } from './parse-xml.js';
import { formatCycloneDxJson, type CycloneDxWriteVersion } from './write.js';
import { formatCycloneDxXml } from './write-xml.js';

const source = 'property.cdx';
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

const json = (text: string, size = 13): Promise<SbomReport> =>
  collect(parseCycloneDxJson(inPieces(text, size), { source }));
const xml = (text: string, size = 13): Promise<SbomReport> =>
  collect(parseCycloneDxXml(inPieces(text, size), { source }));

describe('CycloneDX parsers on hostile input', () => {
  it('arbitrary bytes end within the budget and throw nothing but a WardlineError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        for (const run of [
          () => collect(parseCycloneDxJson(inPieces(bytes, 13), { source })),
          () => collect(parseCycloneDxXml(inPieces(bytes, 13), { source })),
          () => collectSbom(inPieces(bytes, 13), { source }),
        ]) {
          const { error, ms } = await outcome(run);
          expect(error === null || error instanceof WardlineError).toBe(true);
          expect(ms).toBeLessThan(BUDGET_MS);
        }
      }),
      { numRuns: 200 },
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
      '"components"',
      '"dependencies"',
      '"metadata"',
      '"component"',
      '"name"',
      '"bom-ref"',
      '"dependsOn"',
      '"purl"',
      '"pkg:npm/a@1"',
      '"__proto__"',
      '"x"',
      '1',
      'null',
      'true',
      '"\\u0000"',
      '"\\ud800"',
      ' ',
      '\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 120 }), async (pieces) => {
        const { error, ms } = await outcome(() =>
          json(`{"bomFormat":"CycloneDX",${pieces.join('')}`),
        );
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });

  it('XML token soup ends within the budget and throws nothing foreign', async () => {
    const piece = fc.constantFrom(
      '<components>',
      '</components>',
      '<component type="library">',
      '</component>',
      '<name>',
      '</name>',
      '<metadata>',
      '</metadata>',
      '<dependencies>',
      '<dependency ref="a">',
      '</dependency>',
      '<hashes>',
      '<hash alg="MD5">',
      '</hash>',
      '<!DOCTYPE bom [',
      '<!ENTITY x SYSTEM "file:///etc/passwd">',
      ']>',
      '&x;',
      '&',
      '<!--',
      '-->',
      '<![CDATA[',
      ']]>',
      '"',
      '>',
      'text',
      '\n',
      '<x:y xmlns:x="urn:x">',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 80 }), async (pieces) => {
        const { error, ms } = await outcome(() =>
          xml(`<bom xmlns="http://cyclonedx.org/schema/bom/1.6">${pieces.join('')}`),
        );
        expect(error === null || error instanceof WardlineError).toBe(true);
        expect(ms).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: 300 },
    );
  });
});

/** A component only the good list has: its name says which. */
const good = (i: number): string =>
  `{"type":"library","bom-ref":"good-${i}","name":"good-${i}","purl":"pkg:npm/good-${i}@1.0.0"}`;

/** Elements a damaged or odd `components` array might hold; some of them are components too. */
const jsonJunk = fc.oneof(
  fc.constantFrom(
    'null',
    '42',
    '"a string"',
    '[]',
    '{}',
    '[[[[1]]]]',
    '{"name":5}',
    '{"name":"   "}',
    '{"type":"library"}',
    '{"name":"junk","purl":"pkg:"}',
    '{"name":"junk","__proto__":{"x":1}}',
    '{"name":"junk","constructor":1}',
    '{"name":"junk","components":"nope","hashes":{"alg":"MD5"}}',
    '{"name":"junk","licenses":[{"license":7}]}',
    '{"name":"junk","unknown":{"deep":[{"deeper":[1,2,{"x":null}]}]}}',
    `{"name":"junk","description":"${'d'.repeat(5000)}"}`,
  ),
  text.map((t) => JSON.stringify({ name: 'junk', version: t, cpe: t, properties: [{ name: t }] })),
);

describe('CycloneDX JSON: garbage between components loses none of them', () => {
  it('every good component comes out, in order, unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(jsonJunk, { maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        async (junk) => {
          const elements = junk.flatMap((before, i) => [...before, good(i)]);
          const { components } = await json(
            `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${elements.join(',')}]}`,
            29,
          );
          const goods = components.filter((c) => c.name.startsWith('good-'));
          expect(goods.map((c) => [c.name, c.ref, c.purl])).toEqual(
            junk.map((_, i) => [`good-${i}`, `good-${i}`, `pkg:npm/good-${i}@1.0.0`]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

const xmlGood = (i: number): string =>
  `<component type="library" bom-ref="good-${i}"><name>good-${i}</name><purl>pkg:npm/good-${i}@1.0.0</purl></component>`;

/** Junk between `<component>`s. Not included: an unclosed comment, CDATA or tag, which swallow what follows. */
const xmlJunk = fc.constantFrom(
  '<!-- note -->',
  '<?pi data?>',
  'stray text',
  '&amp;',
  '&bogus;',
  '<![CDATA[<component><name>no</name></component>]]>',
  '<junk a="1">text<b/></junk>',
  '<component type="library"/>',
  '<component type="library"><version>1</version></component>',
  '<x:ext xmlns:x="urn:example"><component><name>hidden</name></component></x:ext>',
  '<component type="library"><name>junk</name><purl>not a purl</purl><hashes><hash alg="XX">zz</hash></hashes></component>',
);

describe('CycloneDX XML: garbage between components loses none of them', () => {
  it('every good component comes out, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(xmlJunk, { maxLength: 3 }), { minLength: 1, maxLength: 6 }),
        async (junk) => {
          const body = junk.map((before, i) => before.join('') + xmlGood(i)).join('\n');
          const { components } = await xml(
            `<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>${body}</components></bom>`,
            23,
          );
          expect(
            components.filter((c) => c.name.startsWith('good-')).map((c) => [c.ref, c.purl]),
          ).toEqual(junk.map((_, i) => [`good-${i}`, `pkg:npm/good-${i}@1.0.0`]));
        },
      ),
      { numRuns: 200 },
    );
  });
});

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });

/** A generated BOM: the primary's children come first, as the parser reads metadata first. */
function bom(version: CycloneDxWriteVersion) {
  const options = {
    types: version === '1.4' ? CYCLONEDX_COMPONENT_TYPES.slice(0, 9) : CYCLONEDX_COMPONENT_TYPES,
    manufacturer: version === '1.6',
    cyclonedxOnly: true,
  };
  const primary = maybe(
    token.chain((suffix) =>
      componentWith(`dev-${suffix}`, null, { ...options, types: ['device'] }),
    ),
  );
  return primary
    .chain((device) => {
      const children =
        device === null
          ? fc.constant<SbomComponent[]>([])
          : componentTree(options, 'pc', device.ref);
      return fc.tuple(fc.constant(device), children, componentTree(options, 'c'));
    })
    .chain(([device, children, rest]) => {
      const components = [...children, ...rest];
      const refs = [device?.ref, ...components.map((c) => c.ref)].filter(
        (r): r is string => r !== null && r !== undefined,
      );
      const kinds =
        version === '1.4' ? (['depends-on'] as const) : (['depends-on', 'provides'] as const);
      return fc.record({
        document: fc.record({
          specVersion: fc.constant(version),
          documentId: maybe(fc.uuid().map((u) => `urn:uuid:${u}`)),
          name: fc.constant(null),
          bomVersion: fc.integer({ min: 1, max: 1000 }),
          createdAt: maybe(isoMillis),
          tools: fc.array(fc.record({ vendor: maybe(text), name: text, version: maybe(text) }), {
            maxLength: 2,
          }),
          authors: fc.uniqueArray(text, { maxLength: 2 }),
          supplier: maybe(text),
          manufacturer: maybe(text),
          primary: fc.constant(device),
          describes: fc.constant(device?.ref == null ? [] : [device.ref]),
          properties: fc.array(property, { maxLength: 2 }),
          annotations: fc.constant([]),
        }) satisfies fc.Arbitrary<Document>,
        components: fc.constant(components),
        edges: edgesBetween(refs, [...kinds]),
      });
    });
}

describe('CycloneDX JSON writer round trip', () => {
  it.each(['1.4', '1.5', '1.6'] as const)(
    'a generated %s BOM written as JSON parses back to the same records',
    async (version) => {
      await fc.assert(
        fc.asyncProperty(bom(version), async (content) => {
          const written = formatCycloneDxJson(content, { specVersion: version });
          const parsed = await json(written, 97);
          expect(
            parsed.diagnostics.filter((d) => d.code !== 'WL_CYCLONEDX_DEPENDENCY_CYCLE'),
          ).toEqual([]);
          expect(parsed.components).toEqual(content.components);
          expect(parsed.edges.map(edgeKey).sort()).toEqual(content.edges.map(edgeKey).sort());
          const { format, componentCount, ...document } = parsed.document;
          expect(format).toBe('cyclonedx-json');
          expect(componentCount).toBe(content.components.length);
          expect(document).toEqual(content.document);
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe('CycloneDX XML writer round trip', () => {
  it.each(['1.4', '1.5', '1.6'] as const)(
    'a generated %s BOM written as XML parses back to the same records',
    async (version) => {
      await fc.assert(
        fc.asyncProperty(bom(version), async (content) => {
          const written = formatCycloneDxXml(content, { specVersion: version });
          const parsed = await xml(written, 89);
          expect(
            parsed.diagnostics.filter((d) => d.code !== 'WL_CYCLONEDX_DEPENDENCY_CYCLE'),
          ).toEqual([]);
          expect(parsed.components).toEqual(content.components);
          expect(parsed.edges.map(edgeKey).sort()).toEqual(content.edges.map(edgeKey).sort());
          const { format, componentCount, ...document } = parsed.document;
          expect(format).toBe('cyclonedx-xml');
          expect(componentCount).toBe(content.components.length);
          expect(document).toEqual(content.document);
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe('dependency cycles', () => {
  it('any dependency graph, cycles included, parses within the budget; a cycle is noted iff there is one', async () => {
    const graph = fc
      .integer({ min: 1, max: 30 })
      .chain((n) =>
        fc
          .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 80 })
          .map((pairs) => ({ n, pairs })),
      );
    await fc.assert(
      fc.asyncProperty(graph, async ({ n, pairs }) => {
        const components = Array.from({ length: n }, (_, i) => ({
          type: 'library',
          'bom-ref': `n${i}`,
          name: `n${i}`,
        }));
        const dependencies = Array.from({ length: n }, (_, i) => ({
          ref: `n${i}`,
          dependsOn: pairs.filter(([from]) => from === i).map(([, to]) => `n${to}`),
        }));
        const started = performance.now();
        const { edges, diagnostics } = await json(
          JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components, dependencies }),
          4096,
        );
        expect(performance.now() - started).toBeLessThan(BUDGET_MS);
        expect(edges).toHaveLength(pairs.length);
        const noted = diagnostics.some((d) => d.code === 'WL_CYCLONEDX_DEPENDENCY_CYCLE');
        expect(noted).toBe(hasCycle(n, pairs));
      }),
      { numRuns: 300 },
    );
  });
});

/** Kahn's algorithm: a graph is acyclic iff every node can be removed in topological order. */
function hasCycle(n: number, pairs: readonly (readonly [number, number])[]): boolean {
  const indegree = new Array<number>(n).fill(0);
  for (const [, to] of pairs) indegree[to] = (indegree[to] ?? 0) + 1;
  const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  let removed = 0;
  while (ready.length > 0) {
    const node = ready.pop() as number;
    removed += 1;
    for (const [from, to] of pairs) {
      if (from !== node) continue;
      indegree[to] = (indegree[to] ?? 0) - 1;
      if (indegree[to] === 0) ready.push(to);
    }
  }
  return removed < n;
}

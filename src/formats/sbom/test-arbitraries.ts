/**
 * fast-check generators for SBOM records, shared by the CycloneDX and SPDX property tests. Each
 * generates only what the target format can say, so `parse(write(x))` can equal `x`.
 */
import fc from 'fast-check';
import { deviceFacts } from './device-facts.js';
import type {
  SbomComponent,
  SbomComponentType,
  SbomContent,
  SbomEdge,
  SbomProperty,
} from './types.js';
import { canonicalPurl } from './values.js';

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null });

/** Characters that stress escaping in JSON, XML and tag-value: quotes, markup, controls, astral. */
const CHARS = Array.from('abcXYZ019 .-_:;,/()[]{}|!?&<>"\'\\\t#@+=€é漢😀');

/** Trimmed, non-empty text without newlines (a tag-value line holds one line). */
export const text = fc
  .string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 24 })
  .map((s) => s.trim())
  .filter((s) => s !== '');

/** A token: no spaces or punctuation a reader might split on. */
export const token = fc.string({
  unit: fc.constantFrom(...'abcdefxyz0189_'.split('')),
  minLength: 1,
  maxLength: 12,
});

const hex = (bytes: number): fc.Arbitrary<string> =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString('hex'));

export const hashes = fc
  .record(
    {
      'SHA-256': hex(32),
      'SHA-1': hex(20),
      MD5: hex(16),
      'SHA-512': hex(64),
      'BLAKE2b-256': hex(32),
    },
    { requiredKeys: [] },
  )
  .map((h) => ({ ...h }));

export const purl = fc
  .tuple(
    fc.constantFrom('npm', 'generic', 'github', 'nuget', 'deb'),
    token,
    token,
    fc.option(token, { nil: undefined }),
  )
  .map(([type, namespace, name, version]) =>
    canonicalPurl(`pkg:${type}/${namespace}/${name}${version === undefined ? '' : `@${version}`}`),
  )
  .filter((p): p is string => p !== null);

export const cpe = fc
  .tuple(fc.constantFrom('a', 'o', 'h'), token, token, fc.oneof(token, fc.constant('*')))
  .map(
    ([part, vendor, product, version]) =>
      `cpe:2.3:${part}:${vendor}:${product}:${version}:*:*:*:*:*:*:*`,
  );

/** License strings the CycloneDX writer can put back: ids, expressions, or free-text names. */
export const license = fc.oneof(
  fc.constantFrom('MIT', 'Apache-2.0', 'GPL-3.0-or-later', 'LicenseRef-ACME', 'MIT OR Apache-2.0'),
  text,
);

const PROPERTY_NAMES = [
  'End-of-Support',
  'Level of Support',
  'EOL',
  'acme:device:model',
  'serialNumber',
  'cdx:npm:package:bundled',
  'acme:clinical-use',
];

export const property: fc.Arbitrary<SbomProperty> = fc.record({
  name: fc.oneof(fc.constantFrom(...PROPERTY_NAMES), text),
  value: fc.oneof(text, fc.constantFrom('2031-12-31', 'Open source', 'Actively maintained')),
});

export const isoMillis = fc
  .integer({ min: 0, max: 4_102_444_800 })
  .map((s) => new Date(s * 1000).toISOString());

interface ComponentOptions {
  readonly types: readonly SbomComponentType[];
  /** CycloneDX 1.6 only. */
  readonly manufacturer: boolean;
  /** SPDX cannot say these. */
  readonly cyclonedxOnly: boolean;
}

/** One component with the given ref and parent; device facts follow from its properties. */
export function componentWith(
  ref: string | null,
  parent: string | null,
  options: ComponentOptions,
): fc.Arbitrary<SbomComponent> {
  const only = <T>(arb: fc.Arbitrary<T | null>): fc.Arbitrary<T | null> =>
    options.cyclonedxOnly ? arb : fc.constant(null);
  return fc
    .record({
      type: fc.constantFrom(...options.types),
      name: text,
      version: maybe(text),
      group: only(maybe(text)),
      supplier: maybe(text),
      manufacturer: options.manufacturer ? maybe(text) : fc.constant(null),
      publisher: only(maybe(text)),
      author: maybe(text),
      purl: maybe(purl),
      cpes: fc.array(cpe, { maxLength: options.cyclonedxOnly ? 1 : 2 }).map((l) => [...new Set(l)]),
      hashes,
      licenses: fc.uniqueArray(license, { maxLength: 2 }),
      properties: options.cyclonedxOnly ? fc.array(property, { maxLength: 4 }) : fc.constant([]),
      spdxEndOfSupport: options.cyclonedxOnly ? fc.constant(null) : maybe(isoMillis),
      releaseDate: options.cyclonedxOnly ? fc.constant(null) : maybe(isoMillis),
      annotations: options.cyclonedxOnly ? fc.constant([]) : fc.uniqueArray(text, { maxLength: 2 }),
    })
    .map(({ spdxEndOfSupport, ...c }) => {
      const facts = deviceFacts(c.properties);
      return { ref, parent, ...c, ...facts, endOfSupport: facts.endOfSupport ?? spdxEndOfSupport };
    });
}

/**
 * Components in document order (each parent right before its subtree), refs unique, depth ≤ 3.
 * `refPrefix` keeps refs of different lists apart.
 */
export function componentTree(
  options: ComponentOptions,
  refPrefix: string,
  parent: string | null = null,
): fc.Arbitrary<SbomComponent[]> {
  return fc
    .array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 2 }), token), { maxLength: 5 })
    .chain((shape) => {
      const parts = shape.map(([hasRef, children, suffix], i) => {
        const ref = hasRef || children > 0 ? `${refPrefix}${i}-${suffix}` : null;
        const self = componentWith(ref, parent, options);
        const kids =
          children === 0 || ref === null || !options.cyclonedxOnly || refPrefix.length > 12
            ? fc.constant<SbomComponent[]>([])
            : componentTree(options, `${ref}.`, ref).map((l) => l.slice(0, children));
        return fc.tuple(self, kids).map(([c, k]) => [c, ...k]);
      });
      return fc.tuple(...parts).map((lists) => lists.flat());
    });
}

/** Edges between the given refs, cycles and duplicates included. */
export function edgesBetween(
  refs: readonly string[],
  kinds: readonly SbomEdge['kind'][],
): fc.Arbitrary<SbomEdge[]> {
  if (refs.length === 0) return fc.constant([]);
  return fc
    .array(
      fc.record({
        from: fc.constantFrom(...refs),
        to: fc.constantFrom(...refs),
        kind: fc.constantFrom(...kinds),
      }),
      { maxLength: 8 },
    )
    .map((edges) =>
      edges.map((e) => ({ ...e, relationship: e.kind === 'provides' ? 'provides' : 'dependsOn' })),
    );
}

export type Document = SbomContent['document'];

/** A sort key for comparing edge lists regardless of order. */
export function edgeKey(edge: SbomEdge): string {
  return `${edge.from}\u0000${edge.kind}\u0000${edge.to}\u0000${edge.relationship}`;
}

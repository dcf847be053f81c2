/**
 * Writes SBOM records as CycloneDX JSON (1.4, 1.5 or 1.6): for round-trip tests and for the demo
 * hospital's device SBOMs. Components whose `parent` is another component's ref are nested under
 * it (under `metadata.component` when the parent is the primary), so parsing the output gives the
 * same flattened list back. What CycloneDX cannot say is left out: a second CPE, SPDX-only
 * `releaseDate` and annotations, and edges other than `depends-on` and `provides`.
 *
 * @example
 * ```ts
 * formatCycloneDxJson({ document, components: [zlib], edges: [] }, { specVersion: '1.6' });
 * // → '{\n  "bomFormat": "CycloneDX",\n  "specVersion": "1.6",\n  …"components": [{ "type": "library", "name": "zlib", … }]'
 * ```
 */
import { deviceFactOf, type DeviceFact } from '../sbom/device-facts.js';
import type { SbomComponent, SbomContent, SbomEdge, SbomProperty } from '../sbom/types.js';

/** The spec versions the writers produce. */
export type CycloneDxWriteVersion = '1.4' | '1.5' | '1.6';

/** How to write: which spec version. */
export interface CycloneDxWriteOptions {
  /** Defaults to the document's own version when it is 1.4–1.6, else 1.6. */
  readonly specVersion?: CycloneDxWriteVersion;
}

/** A JSON value as the writers build it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object as the writers build it. */
export type JsonRecord = Record<string, Json>;

/** Properties written for device facts that no existing property carries. */
const FACT_PROPERTIES: readonly [DeviceFact, string][] = [
  ['endOfSupport', 'End-of-Support'],
  ['endOfLife', 'End-of-Life'],
  ['levelOfSupport', 'Level of Support'],
  ['model', 'model'],
  ['serialNumber', 'serialNumber'],
];

/** A compound SPDX license expression: id-shaped terms joined by AND, OR or WITH. */
const COMPOUND = /^[A-Za-z0-9.+:()-]+(?:\s+(?:AND|OR|WITH)\s+[A-Za-z0-9.+:()-]+)+$/;

/**
 * SPDX license ids common in device SBOMs, written as `license.id`. CycloneDX restricts `id` to the
 * SPDX list, which Wardline does not ship; any other single name is written as `license.name`.
 */
const COMMON_SPDX_IDS: ReadonlySet<string> = new Set([
  '0BSD',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'BSL-1.0',
  'CC0-1.0',
  'CPL-1.0',
  'EPL-1.0',
  'EPL-2.0',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'ISC',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'MIT',
  'MPL-2.0',
  'OpenSSL',
  'PostgreSQL',
  'Python-2.0',
  'Unlicense',
  'Zlib',
  'curl',
]);

/** The content as a CycloneDX JSON document, two-space indented, with a final newline. */
export function formatCycloneDxJson(
  content: SbomContent,
  options: CycloneDxWriteOptions = {},
): string {
  return `${JSON.stringify(cycloneDxTree(content, options), null, 2)}\n`;
}

/** The BOM as a JSON value, in CycloneDX key order; the XML writer serializes the same tree. */
export function cycloneDxTree(
  content: SbomContent,
  options: CycloneDxWriteOptions = {},
): JsonRecord {
  const version = options.specVersion ?? writeVersion(content.document.specVersion);
  const { document } = content;
  // An SPDX primary is also one of its packages; CycloneDX holds it once, in the metadata.
  const primaryRef = document.primary?.ref ?? null;
  const components = content.components.filter((c) => primaryRef === null || c.ref !== primaryRef);
  const writer = new Writer(version, components);
  const bom: JsonRecord = {
    bomFormat: 'CycloneDX',
    specVersion: version,
  };
  set(bom, 'serialNumber', document.documentId);
  bom['version'] = document.bomVersion ?? 1;
  bom['metadata'] = writer.metadata(document);
  bom['components'] = writer.children(null);
  const dependencies = writer.dependencies(content.edges);
  if (dependencies.length > 0) bom['dependencies'] = dependencies;
  return bom;
}

function writeVersion(version: string | null): CycloneDxWriteVersion {
  return version === '1.4' || version === '1.5' ? version : '1.6';
}

function set(target: JsonRecord, key: string, value: string | null): void {
  if (value !== null) target[key] = value;
}

class Writer {
  private readonly byParent = new Map<string | null, SbomComponent[]>();

  constructor(
    private readonly version: CycloneDxWriteVersion,
    components: readonly SbomComponent[],
  ) {
    const refs = new Set(components.map((c) => c.ref));
    for (const component of components) {
      // A parent the list does not hold (or a self-reference) cannot nest: write it at top level.
      const parent =
        component.parent !== null && component.parent !== component.ref ? component.parent : null;
      this.group(parent !== null && refs.has(parent) ? parent : null).push(component);
    }
  }

  private group(key: string | null): SbomComponent[] {
    let list = this.byParent.get(key);
    if (list === undefined) {
      list = [];
      this.byParent.set(key, list);
    }
    return list;
  }

  metadata(document: SbomContent['document']): JsonRecord {
    const metadata: JsonRecord = {};
    set(metadata, 'timestamp', document.createdAt);
    if (document.tools.length > 0) metadata['tools'] = this.tools(document);
    if (document.authors.length > 0)
      metadata['authors'] = document.authors.map((name) => ({ name }));
    if (document.primary !== null) {
      this.adoptPrimaryChildren(document.primary.ref);
      metadata['component'] = this.component(document.primary, 0);
    }
    if (document.manufacturer !== null) {
      metadata[this.version === '1.6' ? 'manufacturer' : 'manufacture'] = {
        name: document.manufacturer,
      };
    }
    if (document.supplier !== null) metadata['supplier'] = { name: document.supplier };
    if (document.properties.length > 0) metadata['properties'] = properties(document.properties);
    return metadata;
  }

  /** Components listed under the primary's ref move from top level to `metadata.component`. */
  private adoptPrimaryChildren(ref: string | null): void {
    if (ref === null) return;
    const top = this.group(null);
    const adopted = top.filter((c) => c.parent === ref);
    if (adopted.length === 0) return;
    this.byParent.set(
      null,
      top.filter((c) => c.parent !== ref),
    );
    this.group(ref).push(...adopted);
  }

  private tools(document: SbomContent['document']): Json {
    if (this.version === '1.4') {
      return document.tools.map((tool) => {
        const entry: JsonRecord = {};
        set(entry, 'vendor', tool.vendor);
        entry['name'] = tool.name;
        set(entry, 'version', tool.version);
        return entry;
      });
    }
    return {
      components: document.tools.map((tool) => {
        const entry: JsonRecord = { type: 'application' };
        set(entry, 'publisher', tool.vendor);
        entry['name'] = tool.name;
        set(entry, 'version', tool.version);
        return entry;
      }),
    };
  }

  /** The components nested under `parent` (`null`: top level), children after their parent. */
  children(parent: string | null, depth = 0): Json[] {
    return (this.byParent.get(parent) ?? []).map((c) => this.component(c, depth));
  }

  private component(component: SbomComponent, depth: number): JsonRecord {
    const result: JsonRecord = { type: component.type ?? 'library' };
    set(result, 'bom-ref', component.ref);
    if (component.supplier !== null) result['supplier'] = { name: component.supplier };
    if (component.manufacturer !== null && this.version === '1.6') {
      result['manufacturer'] = { name: component.manufacturer };
    }
    set(result, 'author', component.author);
    set(result, 'publisher', component.publisher);
    set(result, 'group', component.group);
    result['name'] = component.name;
    set(result, 'version', component.version);
    const hashes = Object.entries(component.hashes);
    if (hashes.length > 0) result['hashes'] = hashes.map(([alg, content]) => ({ alg, content }));
    if (component.licenses.length > 0) result['licenses'] = component.licenses.map(license);
    set(result, 'cpe', component.cpes[0] ?? null);
    set(result, 'purl', component.purl);
    const props = withDeviceFacts(component);
    if (props.length > 0) result['properties'] = properties(props);
    // Our own records nest no deeper than the parser's depth cap; the guard stops a parent loop.
    const nested =
      component.ref === null || depth > 64 ? [] : this.children(component.ref, depth + 1);
    if (nested.length > 0) result['components'] = nested;
    return result;
  }

  dependencies(edges: readonly SbomEdge[]): Json[] {
    const entries = new Map<string, { dependsOn: string[]; provides: string[] }>();
    for (const edge of edges) {
      if (edge.kind !== 'depends-on' && (edge.kind !== 'provides' || this.version === '1.4'))
        continue;
      let entry = entries.get(edge.from);
      if (entry === undefined) {
        entry = { dependsOn: [], provides: [] };
        entries.set(edge.from, entry);
      }
      (edge.kind === 'depends-on' ? entry.dependsOn : entry.provides).push(edge.to);
    }
    return [...entries].map(([ref, { dependsOn, provides }]) => {
      const entry: JsonRecord = { ref, dependsOn };
      if (provides.length > 0) entry['provides'] = provides;
      return entry;
    });
  }
}

/** A compound expression or a `LicenseRef-`: `expression`; a common SPDX id: `id`; else `name`. */
function license(text: string): Json {
  if (COMPOUND.test(text) || /^LicenseRef-[A-Za-z0-9.-]+$/.test(text)) return { expression: text };
  return COMMON_SPDX_IDS.has(text) ? { license: { id: text } } : { license: { name: text } };
}

function properties(list: readonly SbomProperty[]): Json[] {
  return list.map(({ name, value }) => ({ name, value }));
}

/** The component's properties, plus one for each device fact none of them carries. */
function withDeviceFacts(component: SbomComponent): SbomProperty[] {
  const carried = new Set(component.properties.map((p) => deviceFactOf(p.name)));
  const added = FACT_PROPERTIES.flatMap(([fact, name]) => {
    const value = component[fact];
    return value === null || carried.has(fact) ? [] : [{ name, value }];
  });
  return [...component.properties, ...added];
}

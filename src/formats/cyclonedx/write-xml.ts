/**
 * Writes SBOM records as CycloneDX XML (1.4, 1.5 or 1.6), from the same tree as the JSON writer
 * and with the same omissions: for XML round-trip tests and for device makers' tools that only
 * take XML. Elements follow the XSD sequence order.
 *
 * @example
 * ```ts
 * formatCycloneDxXml({ document, components: [zlib], edges: [] }, { specVersion: '1.6' });
 * // → '<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">…'
 * ```
 */
import type { SbomContent } from '../sbom/types.js';
import { cycloneDxTree, type CycloneDxWriteOptions, type Json, type JsonRecord } from './write.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  // Attribute values are whitespace-normalized by every XML parser unless written as references.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes a scalar for text or an attribute; the tree holds no objects where scalars go. */
function escape(value: Json): string {
  const text = typeof value === 'object' ? '' : String(value);
  return text.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}

function record(value: Json | undefined): JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function list(value: Json | undefined): Json[] {
  return Array.isArray(value) ? value : [];
}

class XmlOut {
  readonly lines: string[] = [];

  text(depth: number, name: string, value: Json | undefined): void {
    if (value === undefined || value === null) return;
    this.lines.push(`${'  '.repeat(depth)}<${name}>${escape(value)}</${name}>`);
  }

  open(
    depth: number,
    name: string,
    attributes: Readonly<Record<string, Json | undefined>> = {},
  ): void {
    const attrs = Object.entries(attributes)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => ` ${k}="${escape(v ?? '')}"`)
      .join('');
    this.lines.push(`${'  '.repeat(depth)}<${name}${attrs}>`);
  }

  close(depth: number, name: string): void {
    this.lines.push(`${'  '.repeat(depth)}</${name}>`);
  }

  empty(depth: number, name: string, attributes: Readonly<Record<string, Json>>): void {
    const attrs = Object.entries(attributes)
      .map(([k, v]) => ` ${k}="${escape(v)}"`)
      .join('');
    this.lines.push(`${'  '.repeat(depth)}<${name}${attrs}/>`);
  }

  /** `<supplier><name>…</name></supplier>`. */
  entity(depth: number, name: string, value: Json | undefined): void {
    if (value === undefined) return;
    this.open(depth, name);
    this.text(depth + 1, 'name', record(value)['name']);
    this.close(depth, name);
  }

  properties(depth: number, value: Json | undefined): void {
    const entries = list(value);
    if (entries.length === 0) return;
    this.open(depth, 'properties');
    for (const entry of entries) {
      const { name, value: text } = record(entry);
      this.lines.push(
        `${'  '.repeat(depth + 1)}<property name="${escape(name ?? '')}">${escape(text ?? '')}</property>`,
      );
    }
    this.close(depth, 'properties');
  }

  component(depth: number, value: Json): void {
    const c = record(value);
    this.open(depth, 'component', { type: c['type'], 'bom-ref': c['bom-ref'] });
    const inner = depth + 1;
    this.entity(inner, 'supplier', c['supplier']);
    this.entity(inner, 'manufacturer', c['manufacturer']);
    for (const key of ['author', 'publisher', 'group', 'name', 'version'])
      this.text(inner, key, c[key]);
    this.hashes(inner, c['hashes']);
    this.licenses(inner, c['licenses']);
    this.text(inner, 'cpe', c['cpe']);
    this.text(inner, 'purl', c['purl']);
    this.properties(inner, c['properties']);
    this.components(inner, c['components']);
    this.close(depth, 'component');
  }

  components(depth: number, value: Json | undefined): void {
    const entries = list(value);
    if (entries.length === 0) return;
    this.open(depth, 'components');
    for (const entry of entries) this.component(depth + 1, entry);
    this.close(depth, 'components');
  }

  private hashes(depth: number, value: Json | undefined): void {
    const entries = list(value);
    if (entries.length === 0) return;
    this.open(depth, 'hashes');
    for (const entry of entries) {
      const { alg, content } = record(entry);
      this.lines.push(
        `${'  '.repeat(depth + 1)}<hash alg="${escape(alg ?? '')}">${escape(content ?? '')}</hash>`,
      );
    }
    this.close(depth, 'hashes');
  }

  private licenses(depth: number, value: Json | undefined): void {
    const entries = list(value);
    if (entries.length === 0) return;
    this.open(depth, 'licenses');
    for (const entry of entries) {
      const choice = record(entry);
      if (choice['expression'] !== undefined) {
        this.text(depth + 1, 'expression', choice['expression']);
      } else {
        const inner = record(choice['license']);
        this.open(depth + 1, 'license');
        this.text(depth + 2, 'id', inner['id']);
        this.text(depth + 2, 'name', inner['name']);
        this.close(depth + 1, 'license');
      }
    }
    this.close(depth, 'licenses');
  }
}

/** The content as a CycloneDX XML document in the namespace of `options.specVersion`. */
export function formatCycloneDxXml(
  content: SbomContent,
  options: CycloneDxWriteOptions = {},
): string {
  const tree = cycloneDxTree(content, options);
  const out = new XmlOut();
  out.lines.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.open(0, 'bom', {
    xmlns: `http://cyclonedx.org/schema/bom/${escape(tree['specVersion'] ?? '1.6')}`,
    serialNumber: tree['serialNumber'],
    version: tree['version'],
  });
  writeMetadata(out, record(tree['metadata']));
  out.components(1, tree['components']);
  writeDependencies(out, tree['dependencies']);
  out.close(0, 'bom');
  return `${out.lines.join('\n')}\n`;
}

function writeMetadata(out: XmlOut, metadata: JsonRecord): void {
  out.open(1, 'metadata');
  out.text(2, 'timestamp', metadata['timestamp']);
  writeTools(out, metadata['tools']);
  const authors = list(metadata['authors']);
  if (authors.length > 0) {
    out.open(2, 'authors');
    for (const author of authors) out.entity(3, 'author', author);
    out.close(2, 'authors');
  }
  if (metadata['component'] !== undefined) out.component(2, metadata['component']);
  out.entity(2, 'manufacture', metadata['manufacture']);
  out.entity(2, 'manufacturer', metadata['manufacturer']);
  out.entity(2, 'supplier', metadata['supplier']);
  out.properties(2, metadata['properties']);
  out.close(1, 'metadata');
}

/** 1.4 `<tool>` elements; 1.5 and later `<components>`. */
function writeTools(out: XmlOut, tools: Json | undefined): void {
  if (tools === undefined) return;
  out.open(2, 'tools');
  if (Array.isArray(tools)) {
    for (const tool of tools) {
      const t = record(tool);
      out.open(3, 'tool');
      for (const key of ['vendor', 'name', 'version']) out.text(4, key, t[key]);
      out.close(3, 'tool');
    }
  } else {
    out.components(3, record(tools)['components']);
  }
  out.close(2, 'tools');
}

function writeDependencies(out: XmlOut, dependencies: Json | undefined): void {
  const entries = list(dependencies);
  if (entries.length === 0) return;
  out.open(1, 'dependencies');
  for (const entry of entries) {
    const { ref, dependsOn, provides } = record(entry);
    out.open(2, 'dependency', { ref });
    for (const target of list(dependsOn)) out.empty(3, 'dependency', { ref: target });
    for (const target of list(provides)) out.empty(3, 'provides', { ref: target });
    out.close(2, 'dependency');
  }
  out.close(1, 'dependencies');
}

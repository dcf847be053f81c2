/**
 * The CycloneDX document around the components: root fields, `metadata` (timestamp, tools,
 * authors, supplier, manufacturer, the primary component, properties) and `dependencies`. The
 * JSON and XML readers feed it the same JSON-shaped values, in whatever order the file has them
 * (real files put `metadata` after `components`), and it builds the document at the end.
 * @see https://cyclonedx.org/docs/1.6/json/#metadata
 */
import { pushUnique } from '../sbom/component.js';
import type { SbomPosition } from '../sbom/diagnostics.js';
import { FieldReader, isJsonObject, quote } from '../sbom/fields.js';
import type { JsonObject, JsonValue } from '../sbom/json-stream.js';
import type { SbomSession } from '../sbom/session.js';
import type { SbomComponent, SbomFormat, SbomProperty, SbomTool } from '../sbom/types.js';
import { entityName, properties, readComponent, readComponentTree } from './component.js';

/** The spec versions this reader was written against; others parse with a warning. */
export const CYCLONEDX_SPEC_VERSIONS = ['1.4', '1.5', '1.6'] as const;

interface Metadata {
  createdAt: string | null;
  tools: SbomTool[];
  authors: string[];
  supplier: string | null;
  manufacturer: string | null;
  primary: SbomComponent | null;
  properties: readonly SbomProperty[];
}

const EMPTY_METADATA: Metadata = {
  createdAt: null,
  tools: [],
  authors: [],
  supplier: null,
  manufacturer: null,
  primary: null,
  properties: [],
};

/** Collects one BOM's root fields, metadata and dependencies, and queues the document at the end. */
export class CycloneDxDocument {
  bomFormat: string | null = null;
  specVersion: string | null = null;
  serialNumber: string | null = null;
  bomVersion: number | null = null;
  private metadata: Metadata = EMPTY_METADATA;

  constructor(
    private readonly session: SbomSession,
    private readonly format: SbomFormat,
  ) {}

  fields(at: SbomPosition, where: string): FieldReader {
    return new FieldReader('CYCLONEDX', this.session.sinkAt(at), where);
  }

  /** A root member other than `components`, `dependencies` and `metadata`. */
  readRootField(key: string, value: JsonValue, at: SbomPosition): void {
    const fields = this.fields(at, 'the BOM');
    const text = fields.string(value, `\`${key}\``);
    if (key === 'bomFormat') this.bomFormat = text;
    else if (key === 'specVersion') this.specVersion = text;
    else if (key === 'serialNumber') this.serialNumber = text;
    else if (key === 'version') this.bomVersion = bomVersion(fields, text);
  }

  readMetadata(value: JsonValue, at: SbomPosition, where: string): void {
    const fields = this.fields(at, `the metadata ${where}`);
    if (!isJsonObject(value)) {
      fields.report('VALUE_INVALID', 'warning', '`metadata` is not an object; ignored');
      return;
    }
    this.metadata = {
      createdAt: fields.timestamp(fields.text(value, 'timestamp'), '`timestamp`'),
      tools: tools(fields, value['tools']),
      authors: authors(fields, value),
      supplier: entityName(fields, value, 'supplier'),
      manufacturer:
        entityName(fields, value, 'manufacturer') ?? entityName(fields, value, 'manufacture'),
      primary: this.readPrimary(value, at, where),
      properties: properties(fields, value),
    };
  }

  /** `metadata.component`: the device or product itself. Its nested components become components. */
  private readPrimary(metadata: JsonObject, at: SbomPosition, where: string): SbomComponent | null {
    const value = metadata['component'];
    if (value === undefined || value === null) return null;
    const fields = this.fields(at, `the metadata component ${where}`);
    const read = readComponent(fields, value, null);
    if (read.ref !== null) this.session.knowRef(read.ref);
    for (const child of read.children) readComponentTree(this.session, child, read.ref, at, where);
    return read.component;
  }

  /**
   * A `services` entry: not a component, but dependencies may name it, so its `bom-ref` and its
   * nested services' refs are known. Nesting is bounded by the reader's depth cap.
   */
  readService(value: JsonValue): void {
    const stack: JsonValue[] = [value];
    while (stack.length > 0) {
      const service = stack.pop();
      if (!isJsonObject(service)) continue;
      const ref = service['bom-ref'];
      if (typeof ref === 'string') this.session.knowRef(ref.trim());
      const nested = service['services'];
      if (Array.isArray(nested)) stack.push(...nested);
    }
  }

  /** One `dependencies` entry: `{ ref, dependsOn: [ref…], provides: [ref…] }`. */
  readDependency(value: JsonValue, at: SbomPosition, where: string): void {
    const fields = this.fields(at, `the dependency ${where}`);
    const ref = isJsonObject(value) ? fields.text(value, 'ref') : null;
    if (!isJsonObject(value) || ref === null) {
      fields.report('VALUE_INVALID', 'warning', 'A dependency without a `ref`; ignored');
      return;
    }
    for (const relationship of ['dependsOn', 'provides'] as const) {
      for (const target of fields.list(value, relationship)) {
        const to = fields.string(target, `\`${relationship}\` entry`);
        if (to === null) continue;
        const kind = relationship === 'dependsOn' ? 'depends-on' : 'provides';
        this.session.addEdge({ from: ref, to, kind, relationship }, at);
      }
    }
  }

  /** Checks the root fields and queues the document. */
  finish(at: SbomPosition, checkBomFormat: boolean): void {
    const fields = this.fields(at, 'the BOM');
    if (checkBomFormat && this.bomFormat !== 'CycloneDX') {
      const found = this.bomFormat === null ? 'absent' : quote(this.bomFormat);
      fields.sink(
        'WL_CYCLONEDX_BOM_FORMAT_MISSING',
        'error',
        `\`bomFormat\` is ${found}, not "CycloneDX"; the document was read as CycloneDX anyway.`,
      );
    }
    const known: readonly string[] = CYCLONEDX_SPEC_VERSIONS;
    if (this.specVersion === null || !known.includes(this.specVersion)) {
      const found = this.specVersion === null ? 'absent' : quote(this.specVersion);
      fields.sink(
        'WL_CYCLONEDX_SPEC_VERSION',
        'warning',
        `The spec version is ${found}; Wardline reads CycloneDX ${known.join(', ')} and read this document the same way.`,
      );
    }
    const { primary } = this.metadata;
    this.session.finish(
      {
        format: this.format,
        specVersion: this.specVersion,
        documentId: this.serialNumber,
        name: null,
        bomVersion: this.bomVersion,
        createdAt: this.metadata.createdAt,
        tools: this.metadata.tools,
        authors: this.metadata.authors,
        supplier: this.metadata.supplier,
        manufacturer: this.metadata.manufacturer,
        primary,
        describes: primary?.ref == null ? [] : [primary.ref],
        properties: this.metadata.properties,
        annotations: [],
      },
      at,
    );
  }
}

function bomVersion(fields: FieldReader, text: string | null): number | null {
  if (text === null) return null;
  const version = Number(text);
  if (Number.isSafeInteger(version) && version >= 0) return version;
  fields.report(
    'VALUE_INVALID',
    'warning',
    `The BOM version ${quote(text)} is not a whole number; ignored`,
  );
  return null;
}

/**
 * 1.4 wrote `tools` as `[{ vendor, name, version }]`; 1.5 and later as
 * `{ components: [...], services: [...] }` (the array form is deprecated but still valid).
 */
function tools(fields: FieldReader, value: JsonValue | undefined): SbomTool[] {
  if (value === undefined || value === null) return [];
  const entries: JsonValue[] = [];
  if (Array.isArray(value)) {
    entries.push(...fields.items(value, '`tools`'));
  } else if (isJsonObject(value)) {
    entries.push(...fields.list(value, 'components'), ...fields.list(value, 'services'));
  } else {
    fields.report('VALUE_INVALID', 'warning', '`tools` is neither an array nor an object; ignored');
  }
  const found: SbomTool[] = [];
  for (const entry of entries) {
    if (!isJsonObject(entry)) continue;
    const name = fields.text(entry, 'name');
    if (name === null) continue;
    const vendor =
      fields.text(entry, 'vendor') ??
      fields.text(entry, 'publisher') ??
      fields.text(entry, 'group') ??
      entityName(fields, entry, 'manufacturer') ??
      entityName(fields, entry, 'supplier') ??
      entityName(fields, entry, 'provider');
    found.push({ vendor, name, version: fields.text(entry, 'version') });
  }
  return found;
}

function authors(fields: FieldReader, metadata: JsonObject): string[] {
  const found: string[] = [];
  for (const author of fields.list(metadata, 'authors')) {
    if (isJsonObject(author)) pushUnique(found, fields.text(author, 'name'));
  }
  return found;
}

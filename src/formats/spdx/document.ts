/**
 * The SPDX 2.x document around its packages: version, namespace, creation info, what it
 * DESCRIBES, annotations, and relationships turned into direction-normalized edges. The JSON and
 * tag-value readers feed it the same JSON-shaped values.
 * @see https://spdx.github.io/spdx-spec/v2.3/
 */
import { pushUnique } from '../sbom/component.js';
import type { SbomPosition } from '../sbom/diagnostics.js';
import { FieldReader, isJsonObject, quote } from '../sbom/fields.js';
import type { JsonObject, JsonValue } from '../sbom/json-stream.js';
import type { SbomSession } from '../sbom/session.js';
import type { SbomComponent, SbomFormat, SbomTool } from '../sbom/types.js';
import { isSpdxNoValue, spdxActor } from '../sbom/values.js';
import { annotationComments, readSpdxPackage } from './package.js';
import { relationshipEdge } from './relationships.js';

/** Packages kept in memory to resolve the primary when DESCRIBES comes after them. */
const MAX_RETAINED = 10_000;

/** `Tool: cyclonedx-gomod-1.4.0` → name `cyclonedx-gomod`, version `1.4.0`. */
const TOOL_VERSION = /^(.+?)-v?(\d[\w.+-]*)$/;

/** Collects one SPDX document's fields, packages and relationships, and queues the document at the end. */
export class SpdxDocument {
  version: string | null = null;
  spdxId = 'SPDXRef-DOCUMENT';
  name: string | null = null;
  namespace: string | null = null;
  /** A JSON-LD `@context` was seen: the shape of SPDX 3, which this reader does not read. */
  sawJsonLd = false;
  private created: string | null = null;
  private readonly tools: SbomTool[] = [];
  private readonly authors: string[] = [];
  private readonly describes: string[] = [];
  private readonly annotations: string[] = [];
  private readonly retained = new Map<string, SbomComponent>();

  constructor(
    private readonly session: SbomSession,
    private readonly format: SbomFormat,
  ) {
    session.knowRef(this.spdxId);
  }

  fields(at: SbomPosition, where: string): FieldReader {
    return new FieldReader('SPDX', this.session.sinkAt(at), where);
  }

  readRootField(key: string, value: JsonValue, at: SbomPosition): void {
    const fields = this.fields(at, 'the document');
    if (key === 'spdxVersion') this.version = fields.string(value, '`spdxVersion`');
    else if (key === 'SPDXID') this.setId(fields.string(value, '`SPDXID`'));
    else if (key === 'name') this.name = fields.string(value, '`name`');
    else if (key === 'documentNamespace')
      this.namespace = fields.string(value, '`documentNamespace`');
    else if (key === 'documentDescribes') {
      for (const ref of fields.items(value, '`documentDescribes`')) {
        pushUnique(this.describes, fields.string(ref, 'a `documentDescribes` entry'));
      }
    } else if (key === 'creationInfo' && isJsonObject(value)) this.readCreationInfo(fields, value);
    else if (key === 'annotations') {
      for (const comment of annotationComments(fields, value)) this.annotate(comment);
    } else if (key === '@context') this.sawJsonLd = true;
  }

  setId(id: string | null): void {
    if (id === null) return;
    this.spdxId = id;
    this.session.knowRef(id);
  }

  readCreationInfo(fields: FieldReader, value: JsonObject): void {
    this.created = fields.text(value, 'created');
    for (const creator of fields.list(value, 'creators')) {
      this.addCreator(fields, fields.string(creator, 'a creator'));
    }
  }

  setCreated(text: string | null): void {
    this.created = text;
  }

  /** `Tool: name-1.2`, `Person: Jane (jane@x)`, `Organization: ACME`. */
  addCreator(fields: FieldReader, text: string | null): void {
    if (text === null) return;
    const actor = spdxActor(text);
    if (actor === null) {
      fields.report(
        'VALUE_INVALID',
        'warning',
        `The creator ${quote(text)} is not "Tool:", "Person:" or "Organization:"; ignored`,
      );
    } else if (actor.kind === 'Tool') {
      const match = TOOL_VERSION.exec(actor.name);
      this.tools.push({
        vendor: null,
        name: match?.[1] ?? actor.name,
        version: match?.[2] ?? null,
      });
    } else {
      pushUnique(this.authors, actor.name);
    }
  }

  annotate(comment: string | null): void {
    pushUnique(this.annotations, comment);
  }

  readPackage(value: JsonValue, at: SbomPosition, where: string): void {
    const component = readSpdxPackage(this.fields(at, `the package ${where}`), value);
    if (component === null || !this.session.addComponent(component, at)) return;
    const ref = component.ref ?? '';
    if (this.retained.size < MAX_RETAINED || this.describes.includes(ref)) {
      this.retained.set(ref, component);
    }
  }

  /** Files and snippets are not components, but relationships name them. */
  readElementId(value: JsonValue): void {
    if (!isJsonObject(value)) return;
    const id = value['SPDXID'];
    if (typeof id === 'string') this.session.knowRef(id.trim());
  }

  readRelationship(value: JsonValue, at: SbomPosition, where: string): void {
    const fields = this.fields(at, `the relationship ${where}`);
    if (!isJsonObject(value)) return;
    this.relate(
      fields,
      fields.text(value, 'spdxElementId'),
      fields.text(value, 'relationshipType'),
      fields.text(value, 'relatedSpdxElement'),
      at,
    );
  }

  /** One relationship: DESCRIBES feeds `describes`; the rest become edges. */
  relate(
    fields: FieldReader,
    from: string | null,
    type: string | null,
    to: string | null,
    at: SbomPosition,
  ): void {
    if (from === null || type === null || to === null) {
      fields.sink(
        'WL_SPDX_RELATIONSHIP_INVALID',
        'warning',
        `A relationship lacks an element, a type or a related element (${fields.where}); ignored.`,
      );
      return;
    }
    if (isSpdxNoValue(to)) return;
    if (type === 'DESCRIBES' && from === this.spdxId) pushUnique(this.describes, to);
    else if (type === 'DESCRIBED_BY' && to === this.spdxId) pushUnique(this.describes, from);
    else this.session.addEdge(relationshipEdge(from, type.toUpperCase(), to), at);
  }

  finish(at: SbomPosition): void {
    const fields = this.fields(at, 'the document');
    const version = this.checkVersion(fields);
    const primaryRef = this.describes.find((ref) => this.retained.has(ref));
    this.session.finish(
      {
        format: this.format,
        specVersion: version,
        documentId: this.namespace,
        name: this.name,
        bomVersion: null,
        createdAt: fields.timestamp(this.created, '`created`'),
        tools: this.tools,
        authors: this.authors,
        supplier: null,
        manufacturer: null,
        primary: primaryRef === undefined ? null : (this.retained.get(primaryRef) ?? null),
        describes: this.describes,
        properties: [],
        annotations: this.annotations,
      },
      at,
    );
  }

  /** 2.3 is read as is, 2.2 with a note; anything else with a warning. Returns `2.3`, not `SPDX-2.3`. */
  private checkVersion(fields: FieldReader): string | null {
    const text = this.version;
    const version = text?.replace(/^SPDX-/, '') ?? null;
    if (version === '2.3') return version;
    const [severity, message] =
      version === '2.2'
        ? ([
            'info',
            'The document is SPDX 2.2; it was read with the SPDX 2.3 rules (2.3 only adds fields).',
          ] as const)
        : ([
            'warning',
            `The spdxVersion is ${text === null ? 'absent' : quote(text)}; Wardline reads SPDX 2.3 and 2.2 and read this document the same way.`,
          ] as const);
    fields.sink('WL_SPDX_SPEC_VERSION', severity, message);
    return version;
  }
}

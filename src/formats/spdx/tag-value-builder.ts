/**
 * Turns SPDX tag-value entries into the JSON shape the SPDX JSON reader uses: document fields,
 * packages (`PackageName` starts one), files and snippets (their ids only), relationships and
 * annotations. Packages are held until the end, because annotations and DESCRIBES may name them
 * from anywhere later in the file.
 * @see https://spdx.github.io/spdx-spec/v2.3/
 */
import type { SbomPosition } from '../sbom/diagnostics.js';
import type { JsonObject, JsonValue } from '../sbom/json-stream.js';
import { MAX_COMPONENTS, MAX_LIST_ITEMS } from '../sbom/limits.js';
import type { SbomSession } from '../sbom/session.js';
import type { SpdxDocument } from './document.js';
import type { TagValueEntry } from './tag-value-lines.js';

type Section = 'document' | 'package' | 'file' | 'snippet' | 'license';

/** Package tags whose value is copied as is → the JSON field name. */
const PACKAGE_FIELDS: Readonly<Record<string, string>> = {
  SPDXID: 'SPDXID',
  PackageVersion: 'versionInfo',
  PackageSupplier: 'supplier',
  PackageOriginator: 'originator',
  PackageLicenseConcluded: 'licenseConcluded',
  PackageLicenseDeclared: 'licenseDeclared',
  PrimaryPackagePurpose: 'primaryPackagePurpose',
  ReleaseDate: 'releaseDate',
  ValidUntilDate: 'validUntilDate',
};

/** Tags that start a section other than a package. */
const SECTION_STARTS: Readonly<Record<string, Section>> = {
  FileName: 'file',
  SnippetSPDXID: 'snippet',
  LicenseID: 'license',
};

interface HeldPackage {
  readonly value: JsonObject;
  readonly at: SbomPosition;
}

interface Annotation {
  target: string | null;
  comment: string | null;
}

function object(): JsonObject {
  return Object.create(null) as JsonObject;
}

function append(target: JsonObject, key: string, item: JsonValue): void {
  const list = target[key];
  if (Array.isArray(list)) {
    if (list.length < MAX_LIST_ITEMS) list.push(item);
  } else {
    target[key] = [item];
  }
}

/** Builds packages, relationships and annotations from entries, in input order. */
export class TagValueBuilder {
  private section: Section = 'document';
  private readonly packages: HeldPackage[] = [];
  private readonly annotations: Annotation[] = [];

  constructor(
    private readonly session: SbomSession,
    private readonly document: SpdxDocument,
  ) {}

  add(entry: TagValueEntry): void {
    const { tag, value } = entry;
    const at = { offset: entry.offset, line: entry.line };
    if (tag === 'PackageName') this.startPackage(value, at);
    else if (Object.hasOwn(SECTION_STARTS, tag)) this.section = SECTION_STARTS[tag] as Section;
    if (tag === 'Relationship') this.relationship(value, at);
    else if (tag === 'Annotator') this.startAnnotation();
    else if (tag === 'SPDXREF') this.annotate('target', value);
    else if (tag === 'AnnotationComment') this.annotate('comment', value);
    else if (this.section === 'document') this.documentField(tag, value, at);
    else if (this.section === 'package') this.packageField(tag, value, at);
    else if ((this.section === 'file' || this.section === 'snippet') && tag === 'SPDXID') {
      this.session.knowRef(value);
    } else if (tag === 'SnippetSPDXID') this.session.knowRef(value);
  }

  /** Attaches annotations and reads the held packages into the session. */
  finish(): void {
    const byRef = new Map<string, JsonObject>();
    for (const held of this.packages) {
      const ref = held.value['SPDXID'];
      if (typeof ref === 'string') byRef.set(ref, held.value);
    }
    for (const { target, comment } of this.annotations) {
      if (comment === null) continue;
      const annotated = target === null ? undefined : byRef.get(target);
      if (annotated !== undefined) {
        const entry = object();
        entry['comment'] = comment;
        append(annotated, 'annotations', entry);
      } else if (target === null || target === this.document.spdxId) {
        this.document.annotate(comment);
      }
    }
    for (const { value, at } of this.packages) {
      if (this.session.stopped) return;
      this.document.readPackage(value, at, `at line ${at.line ?? 0}`);
    }
  }

  private startPackage(name: string, at: SbomPosition): void {
    this.section = 'package';
    if (this.packages.length >= MAX_COMPONENTS) {
      this.session.stop(`the document has more than ${MAX_COMPONENTS} packages`, at);
      return;
    }
    const value = object();
    value['name'] = name;
    this.packages.push({ value, at });
  }

  private documentField(tag: string, value: string, at: SbomPosition): void {
    const fields = this.document.fields(at, `line ${at.line ?? 0}`);
    if (tag === 'SPDXVersion') this.document.version = value;
    else if (tag === 'SPDXID') this.document.setId(value);
    else if (tag === 'DocumentName') this.document.name = value;
    else if (tag === 'DocumentNamespace') this.document.namespace = value;
    else if (tag === 'Creator') this.document.addCreator(fields, value);
    else if (tag === 'Created') this.document.setCreated(value);
  }

  private packageField(tag: string, value: string, at: SbomPosition): void {
    const held = this.packages.at(-1)?.value;
    if (held === undefined) return;
    if (Object.hasOwn(PACKAGE_FIELDS, tag)) {
      const key = PACKAGE_FIELDS[tag] as string;
      if (held[key] === undefined) held[key] = value;
      else this.duplicate(tag, held, at);
    } else if (tag === 'PackageChecksum') {
      // `SHA1: 85ed0817af83a24ad8da68c2b5094de69833983c`
      const colon = value.indexOf(':');
      const checksum = object();
      checksum['algorithm'] = colon === -1 ? value : value.slice(0, colon).trim();
      checksum['checksumValue'] = colon === -1 ? '' : value.slice(colon + 1).trim();
      append(held, 'checksums', checksum);
    } else if (tag === 'ExternalRef') {
      // `SECURITY cpe23Type cpe:2.3:a:…`, `PACKAGE-MANAGER purl pkg:npm/…`
      const [category = '', type = '', ...locator] = value.split(/\s+/);
      const ref = object();
      ref['referenceCategory'] = category;
      ref['referenceType'] = type;
      ref['referenceLocator'] = locator.join(' ');
      append(held, 'externalRefs', ref);
    }
  }

  /** A package holds each single-valued tag once; a second one is stray and ignored. */
  private duplicate(tag: string, held: JsonObject, at: SbomPosition): void {
    const name = typeof held['name'] === 'string' ? held['name'] : '';
    this.session.log.report(
      'WL_SPDX_LINE_INVALID',
      'warning',
      `Line ${at.line ?? 0} repeats \`${tag}\` for the package ${JSON.stringify(name.slice(0, 80))}; the first one is kept.`,
      at,
    );
  }

  /** `Relationship: SPDXRef-A DEPENDS_ON SPDXRef-B`. */
  private relationship(value: string, at: SbomPosition): void {
    const fields = this.document.fields(at, `line ${at.line ?? 0}`);
    const parts = value.split(/\s+/);
    if (parts.length !== 3) {
      fields.sink(
        'WL_SPDX_RELATIONSHIP_INVALID',
        'warning',
        `Relationship ${JSON.stringify(value.slice(0, 120))} is not "element TYPE element" (line ${at.line ?? 0}); ignored.`,
      );
      return;
    }
    this.document.relate(fields, parts[0] ?? null, parts[1] ?? null, parts[2] ?? null, at);
  }

  private startAnnotation(): void {
    if (this.annotations.length < MAX_COMPONENTS)
      this.annotations.push({ target: null, comment: null });
  }

  private annotate(field: keyof Annotation, value: string): void {
    const open = this.annotations.at(-1);
    if (open !== undefined) open[field] = value;
  }
}

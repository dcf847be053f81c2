/**
 * What one SBOM says, whatever its format: the document, its components (flattened), and the
 * edges between them. CycloneDX and SPDX parsers both produce these records, so the import
 * service and the vulnerability matcher see one shape. Absent optional values are `null`; lists
 * are empty, never absent.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import type { SbomDiagnosticCode } from './diagnostics.js';

/** The four encodings Wardline reads. */
export const SBOM_FORMATS = [
  'cyclonedx-json',
  'cyclonedx-xml',
  'spdx-json',
  'spdx-tag-value',
] as const;
/** One of `SBOM_FORMATS`. */
export type SbomFormat = (typeof SBOM_FORMATS)[number];

/**
 * CycloneDX 1.6 `component.type` values, then SPDX 2.3 `primaryPackagePurpose` values that
 * CycloneDX lacks (`source`, `archive`, `install`, `other`).
 */
export const SBOM_COMPONENT_TYPES = [
  'application',
  'framework',
  'library',
  'container',
  'platform',
  'operating-system',
  'device',
  'device-driver',
  'firmware',
  'file',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
  'source',
  'archive',
  'install',
  'other',
] as const;
/** One of `SBOM_COMPONENT_TYPES`. */
export type SbomComponentType = (typeof SBOM_COMPONENT_TYPES)[number];

/** A CycloneDX `property` (name/value pair), in document order. Names may repeat. */
export interface SbomProperty {
  readonly name: string;
  readonly value: string;
}

/** One component (CycloneDX) or package (SPDX), flattened out of any nesting. */
export interface SbomComponent {
  /** CycloneDX `bom-ref`, SPDX `SPDXID`; `null` when the document gave none. */
  readonly ref: string | null;
  /** `ref` of the CycloneDX component this one is nested in; `null` at top level. */
  readonly parent: string | null;
  /** `null` when the document gave no type (SPDX packages without `primaryPackagePurpose`). */
  readonly type: SbomComponentType | null;
  readonly name: string;
  readonly version: string | null;
  /** CycloneDX `group` (Maven group id, npm scope). */
  readonly group: string | null;
  /** CycloneDX `supplier.name`, SPDX `supplier` without its `Organization:` prefix. */
  readonly supplier: string | null;
  /** CycloneDX 1.6 `manufacturer.name`. */
  readonly manufacturer: string | null;
  readonly publisher: string | null;
  /** CycloneDX `author` (or 1.6 `authors[].name` joined), SPDX `originator`. */
  readonly author: string | null;
  /** Validated and in canonical form (packageurl-js); an invalid purl is dropped with a diagnostic. */
  readonly purl: string | null;
  /** CPE 2.3 strings or CPE 2.2 URIs, as written. */
  readonly cpes: readonly string[];
  /** Algorithm as CycloneDX names it (`SHA-256`) → lower-case hex. */
  readonly hashes: Readonly<Record<string, string>>;
  /** SPDX license ids, expressions or free-text names, as written. */
  readonly licenses: readonly string[];
  readonly properties: readonly SbomProperty[];
  /**
   * When the maker stops supporting it, as written: a CycloneDX property such as `End-of-Support`,
   * or SPDX `validUntilDate` (which the SPDX 2.3 spec defines as the end of support).
   */
  readonly endOfSupport: string | null;
  /** A CycloneDX property such as `End-of-Life` or `EOL`, as written. */
  readonly endOfLife: string | null;
  /** A CycloneDX property such as `Level of Support`, as written. */
  readonly levelOfSupport: string | null;
  /** Device model and serial number from CycloneDX properties (`model`, `serialNumber`). */
  readonly model: string | null;
  readonly serialNumber: string | null;
  /** SPDX `releaseDate`, ISO 8601 UTC. */
  readonly releaseDate: string | null;
  /** SPDX annotation comments on this package. */
  readonly annotations: readonly string[];
}

/** What an edge says about its two refs. */
export const SBOM_EDGE_KINDS = [
  'depends-on',
  'contains',
  'provides',
  'generated-from',
  'other',
] as const;
/** One of `SBOM_EDGE_KINDS`. */
export type SbomEdgeKind = (typeof SBOM_EDGE_KINDS)[number];

/**
 * A directed edge between two refs, direction normalized: `from` depends on, contains, provides
 * or was generated from `to`. SPDX `B DEPENDENCY_OF A` becomes `A depends-on B`.
 */
export interface SbomEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: SbomEdgeKind;
  /** The document's own word: `dependsOn`, `provides`, or the SPDX relationship type. */
  readonly relationship: string;
}

/** A tool that made the document: CycloneDX `metadata.tools`, SPDX `Creator: Tool:`. */
export interface SbomTool {
  readonly vendor: string | null;
  readonly name: string;
  readonly version: string | null;
}

/** The document as a whole, yielded last. */
export interface SbomDocument {
  readonly format: SbomFormat;
  /** `1.6`, `2.3`: the number only. */
  readonly specVersion: string | null;
  /** CycloneDX `serialNumber` (`urn:uuid:…`), SPDX `documentNamespace`. */
  readonly documentId: string | null;
  /** SPDX document `name`; `null` for CycloneDX. */
  readonly name: string | null;
  /** CycloneDX BOM `version` (revision of the same serial number). */
  readonly bomVersion: number | null;
  /** CycloneDX `metadata.timestamp`, SPDX `creationInfo.created`; ISO 8601 UTC. */
  readonly createdAt: string | null;
  readonly tools: readonly SbomTool[];
  /** CycloneDX `metadata.authors[].name`; SPDX `Person:` and `Organization:` creators. */
  readonly authors: readonly string[];
  /** CycloneDX `metadata.supplier.name`. */
  readonly supplier: string | null;
  /** CycloneDX 1.6 `metadata.manufacturer.name` (or the older `metadata.manufacture`). */
  readonly manufacturer: string | null;
  /**
   * What the document is about: CycloneDX `metadata.component`; SPDX the first package the
   * document DESCRIBES (it is also among the components).
   */
  readonly primary: SbomComponent | null;
  /** Refs the document describes: the primary's ref, or every SPDX DESCRIBES target. */
  readonly describes: readonly string[];
  /** CycloneDX `metadata.properties`. */
  readonly properties: readonly SbomProperty[];
  /** SPDX document-level annotation comments. */
  readonly annotations: readonly string[];
  /** Components yielded (flattened, primary excluded unless SPDX lists it as a package). */
  readonly componentCount: number;
}

/** A diagnostic with a CycloneDX or SPDX code. */
export type SbomDiagnostic = Diagnostic<SbomDiagnosticCode>;

/** What the streaming parsers yield: components and edges as read, diagnostics, the document last. */
export type SbomParseItem =
  | { readonly kind: 'component'; readonly component: SbomComponent }
  | { readonly kind: 'edge'; readonly edge: SbomEdge }
  | { readonly kind: 'diagnostic'; readonly diagnostic: SbomDiagnostic }
  | { readonly kind: 'document'; readonly document: SbomDocument };

/** Everything from one SBOM, for callers that want it whole (tests, small files). */
export interface SbomReport {
  readonly document: SbomDocument;
  readonly components: readonly SbomComponent[];
  readonly edges: readonly SbomEdge[];
  readonly diagnostics: readonly SbomDiagnostic[];
}

/** What the writers need: a report without its diagnostics, the document without parse facts. */
export type SbomContent = Pick<SbomReport, 'components' | 'edges'> & {
  readonly document: Omit<SbomDocument, 'format' | 'componentCount'>;
};

/** A Node `Readable` (file, upload) or any async source of UTF-8 bytes or text. */
export type SbomInput = AsyncIterable<Uint8Array | string>;

/** Options every SBOM parser takes. */
export interface ParseSbomOptions {
  /** Names the input in diagnostics: a file name or an upload id. */
  readonly source: string;
}

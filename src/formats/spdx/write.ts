/**
 * Writes SBOM records as SPDX 2.3 tag-value: for round-trip tests and for device SBOMs a maker
 * would rather receive as SPDX. Refs that are not SPDX ids (CycloneDX bom-refs) are rewritten to
 * `SPDXRef-…` consistently in packages and relationships. What SPDX cannot say is left out:
 * group, publisher, manufacturer, properties, nesting (write `contains` edges instead), more
 * than two licenses (the rest are joined into the concluded license with `AND`).
 *
 * @example
 * ```ts
 * formatSpdxTagValue({ document, components: [zlib], edges: [] });
 * // → 'SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n…\nPackageName: zlib\n…'
 * ```
 */
import type { SbomComponent, SbomContent, SbomEdge } from '../sbom/types.js';
import { isoTimestamp, spdxHashAlgorithm } from '../sbom/values.js';
import { spdxPurpose } from './package.js';
import { relationshipEdge } from './relationships.js';

const DOCUMENT_ID = 'SPDXRef-DOCUMENT';
/** An SPDX element id, or one in another document (`DocumentRef-x:SPDXRef-y`). */
const ID = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?SPDXRef-[A-Za-z0-9.-]+$/;

/** The content as an SPDX 2.3 tag-value document, with a final newline. */
export function formatSpdxTagValue(content: SbomContent): string {
  const ids = new IdMap();
  const { document } = content;
  const created = document.createdAt ?? '1970-01-01T00:00:00.000Z';
  const lines: string[] = [
    'SPDXVersion: SPDX-2.3',
    'DataLicense: CC0-1.0',
    `SPDXID: ${DOCUMENT_ID}`,
    tag('DocumentName', document.name ?? document.primary?.name ?? 'sbom'),
    tag(
      'DocumentNamespace',
      document.documentId ??
        `https://spdx.org/spdxdocs/wardline-${encodeURIComponent(document.name ?? 'sbom')}`,
    ),
    ...document.tools.map((t) =>
      tag('Creator', `Tool: ${t.version === null ? t.name : `${t.name}-${t.version}`}`),
    ),
    ...document.authors.map((a) => tag('Creator', `Organization: ${a}`)),
    ...(document.tools.length + document.authors.length === 0 ? ['Creator: Tool: wardline'] : []),
    `Created: ${spdxDate(created)}`,
    ...document.describes.map((ref) => `Relationship: ${DOCUMENT_ID} DESCRIBES ${ids.get(ref)}`),
  ];
  for (const comment of document.annotations)
    lines.push(...annotation(DOCUMENT_ID, comment, created));
  // A CycloneDX primary lives in the metadata, not among the components; SPDX needs it as a package.
  const { primary } = document;
  const listed =
    primary !== null && content.components.some((c) => c.ref !== null && c.ref === primary.ref);
  const packages =
    primary === null || listed ? content.components : [primary, ...content.components];
  for (const component of packages) lines.push('', ...packageLines(component, ids, created));
  lines.push('');
  for (const edge of content.edges) lines.push(relationshipLine(edge, ids));
  return `${lines.join('\n')}\n`;
}

/** Gives every ref an SPDX id, keeping ones that already are; `fresh` names a package without a ref. */
class IdMap {
  private readonly ids = new Map<string, string>([[DOCUMENT_ID, DOCUMENT_ID]]);
  private readonly taken = new Set<string>([DOCUMENT_ID]);

  get(ref: string): string {
    const known = this.ids.get(ref);
    if (known !== undefined) return known;
    const id = this.unique(
      ID.test(ref) ? ref : `SPDXRef-${sanitize(ref.replace(/^SPDXRef-/, ''))}`,
    );
    this.ids.set(ref, id);
    return id;
  }

  fresh(name: string): string {
    return this.unique(`SPDXRef-${sanitize(name)}`);
  }

  private unique(base: string): string {
    let id = base;
    for (let n = 2; this.taken.has(id); n += 1) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '-').slice(0, 100) || 'package';
}

/** A value on one line, or in `<text>` when it spans lines. */
function tag(name: string, value: string): string {
  return value.includes('\n') || value.startsWith('<text>')
    ? `${name}: <text>${value}</text>`
    : `${name}: ${value}`;
}

/** SPDX dates are `YYYY-MM-DDThh:mm:ssZ`, without fractions. */
function spdxDate(iso: string): string {
  return iso.replace(/\.\d+Z$/, 'Z');
}

function packageLines(component: SbomComponent, ids: IdMap, created: string): string[] {
  const id = component.ref === null ? ids.fresh(component.name) : ids.get(component.ref);
  const [declared, ...rest] = component.licenses;
  const lines = [
    tag('PackageName', component.name),
    `SPDXID: ${id}`,
    ...(component.version === null ? [] : [tag('PackageVersion', component.version)]),
    ...(component.supplier === null
      ? []
      : [tag('PackageSupplier', `Organization: ${component.supplier}`)]),
    ...(component.author === null
      ? []
      : [tag('PackageOriginator', `Organization: ${component.author}`)]),
    'PackageDownloadLocation: NOASSERTION',
    'FilesAnalyzed: false',
    ...Object.entries(component.hashes).map(
      ([alg, hex]) => `PackageChecksum: ${spdxHashAlgorithm(alg)}: ${hex}`,
    ),
    tag('PackageLicenseConcluded', rest.length === 0 ? 'NOASSERTION' : rest.join(' AND ')),
    tag('PackageLicenseDeclared', declared ?? 'NOASSERTION'),
    'PackageCopyrightText: NOASSERTION',
    ...(component.purl === null ? [] : [`ExternalRef: PACKAGE-MANAGER purl ${component.purl}`]),
    ...component.cpes.map(
      (cpe) =>
        `ExternalRef: SECURITY ${cpe.startsWith('cpe:/') ? 'cpe22Type' : 'cpe23Type'} ${cpe}`,
    ),
    ...(component.type === null ? [] : [`PrimaryPackagePurpose: ${spdxPurpose(component.type)}`]),
    ...(component.releaseDate === null ? [] : [`ReleaseDate: ${spdxDate(component.releaseDate)}`]),
    ...validUntil(component),
  ];
  for (const comment of component.annotations) lines.push(...annotation(id, comment, created));
  return lines;
}

/** `validUntilDate` is the SPDX end of support; only a date fits it. */
function validUntil(component: SbomComponent): string[] {
  const date = component.endOfSupport === null ? null : isoTimestamp(component.endOfSupport);
  return date === null ? [] : [`ValidUntilDate: ${spdxDate(date)}`];
}

function annotation(target: string, comment: string, created: string): string[] {
  return [
    'Annotator: Tool: wardline',
    `AnnotationDate: ${spdxDate(created)}`,
    'AnnotationType: OTHER',
    `SPDXREF: ${target}`,
    `AnnotationComment: <text>${comment}</text>`,
  ];
}

/** Writes the edge's own SPDX type when it has one that reads back the same, else the plain form. */
function relationshipLine(edge: SbomEdge, ids: IdMap): string {
  const from = ids.get(edge.from);
  const to = ids.get(edge.to);
  const own = edge.relationship.toUpperCase();
  if (/^[A-Z_]+$/.test(own)) {
    const forward = relationshipEdge(edge.from, own, edge.to);
    if (forward.kind === edge.kind && forward.from === edge.from)
      return `Relationship: ${from} ${own} ${to}`;
    const backward = relationshipEdge(edge.to, own, edge.from);
    if (backward.kind === edge.kind && backward.from === edge.from)
      return `Relationship: ${to} ${own} ${from}`;
  }
  const plain = {
    'depends-on': 'DEPENDS_ON',
    contains: 'CONTAINS',
    'generated-from': 'GENERATED_FROM',
    provides: 'OTHER',
    other: 'OTHER',
  }[edge.kind];
  return `Relationship: ${from} ${plain} ${to}`;
}

/**
 * SPDX 2.3 packages → `SbomComponent`s. The tag-value reader builds the same JSON shape from its
 * lines, so both encodings share this mapping.
 * @see https://spdx.github.io/spdx-spec/v2.3/package-information/
 */
import { buildComponent, pushUnique } from '../sbom/component.js';
import type { FieldReader } from '../sbom/fields.js';
import { isJsonObject, quote } from '../sbom/fields.js';
import type { JsonObject, JsonValue } from '../sbom/json-stream.js';
import type { SbomComponent, SbomComponentType } from '../sbom/types.js';
import { isSpdxNoValue, spdxActor } from '../sbom/values.js';

/** `primaryPackagePurpose` → component type. */
const PURPOSES: Readonly<Record<string, SbomComponentType>> = {
  APPLICATION: 'application',
  FRAMEWORK: 'framework',
  LIBRARY: 'library',
  CONTAINER: 'container',
  'OPERATING-SYSTEM': 'operating-system',
  DEVICE: 'device',
  FIRMWARE: 'firmware',
  SOURCE: 'source',
  ARCHIVE: 'archive',
  FILE: 'file',
  INSTALL: 'install',
  OTHER: 'other',
};

/** Component type → `primaryPackagePurpose`, for the writer; types SPDX lacks become `OTHER`. */
export function spdxPurpose(type: SbomComponentType): string {
  for (const [purpose, mapped] of Object.entries(PURPOSES)) if (mapped === type) return purpose;
  return 'OTHER';
}

/** One package; `null` (and an error diagnostic) when it lacks an `SPDXID` or a `name`. */
export function readSpdxPackage(fields: FieldReader, value: JsonValue): SbomComponent | null {
  if (!isJsonObject(value)) {
    invalid(fields, 'is not an object');
    return null;
  }
  const ref = fields.text(value, 'SPDXID');
  const name = fields.text(value, 'name');
  if (ref === null || name === null) {
    invalid(
      fields,
      `has no ${ref === null ? '`SPDXID`' : '`name`'}${ref === null ? '' : ` (${quote(ref)})`}`,
    );
    return null;
  }
  fields.where = `the package ${quote(name)}${fields.where.replace(/^the package/, '')}`;
  const identifiers = externalRefs(fields, value);
  return buildComponent({
    ref,
    parent: null,
    type: purpose(fields, value),
    name,
    version: fields.text(value, 'versionInfo'),
    supplier: actor(fields, value, 'supplier'),
    author: actor(fields, value, 'originator'),
    purl: identifiers.purl,
    cpes: identifiers.cpes,
    hashes: checksums(fields, value),
    licenses: licenses(fields, value),
    validUntil: fields.timestamp(fields.text(value, 'validUntilDate'), '`validUntilDate`'),
    releaseDate: fields.timestamp(fields.text(value, 'releaseDate'), '`releaseDate`'),
    annotations: annotationComments(fields, value['annotations']),
  });
}

function invalid(fields: FieldReader, what: string): void {
  fields.sink(
    'WL_SPDX_PACKAGE_INVALID',
    'error',
    `A package ${fields.where.replace(/^the package /, '')} ${what}; skipped.`,
  );
}

function purpose(fields: FieldReader, value: JsonObject): SbomComponentType | null {
  const text = fields.text(value, 'primaryPackagePurpose');
  if (text === null) return null;
  const type = Object.hasOwn(PURPOSES, text) ? PURPOSES[text] : undefined;
  if (type === undefined)
    fields.report(
      'VALUE_INVALID',
      'warning',
      `Unknown primaryPackagePurpose ${quote(text)}; ignored`,
    );
  return type ?? null;
}

/** `Organization: ACME (psirt@acme.example)` → `ACME`; `NOASSERTION` → null. */
function actor(fields: FieldReader, value: JsonObject, key: string): string | null {
  const text = fields.text(value, key);
  if (text === null || isSpdxNoValue(text)) return null;
  const parsed = spdxActor(text);
  if (parsed === null)
    fields.report(
      'VALUE_INVALID',
      'warning',
      `\`${key}\` ${quote(text)} is not "Person: …" or "Organization: …"; kept as written`,
    );
  return parsed?.name ?? text;
}

/** Category spellings differ: 2.2 JSON wrote `PACKAGE_MANAGER`, 2.3 `PACKAGE-MANAGER`. */
function externalRefs(
  fields: FieldReader,
  value: JsonObject,
): { purl: string | null; cpes: string[] } {
  let purl: string | null = null;
  const cpes: string[] = [];
  for (const entry of fields.list(value, 'externalRefs')) {
    if (!isJsonObject(entry)) continue;
    const category = (fields.text(entry, 'referenceCategory') ?? '').replace('_', '-');
    const type = fields.text(entry, 'referenceType');
    const locator = fields.text(entry, 'referenceLocator');
    if (category === 'PACKAGE-MANAGER' && type === 'purl') {
      const valid = fields.purl(locator);
      purl ??= valid;
    } else if (category === 'SECURITY' && (type === 'cpe23Type' || type === 'cpe22Type')) {
      pushUnique(cpes, fields.cpe(locator));
    }
  }
  return { purl, cpes };
}

function checksums(fields: FieldReader, value: JsonObject): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of fields.list(value, 'checksums')) {
    if (!isJsonObject(entry)) continue;
    fields.hash(found, fields.text(entry, 'algorithm'), fields.text(entry, 'checksumValue'));
  }
  return found;
}

function licenses(fields: FieldReader, value: JsonObject): string[] {
  const found: string[] = [];
  for (const key of ['licenseDeclared', 'licenseConcluded']) {
    const text = fields.text(value, key);
    if (text !== null && !isSpdxNoValue(text)) pushUnique(found, text);
  }
  return found;
}

/** `annotations: [{ annotator, annotationDate, annotationType, comment }]` → the comments. */
export function annotationComments(
  fields: FieldReader,
  annotations: JsonValue | undefined,
): string[] {
  const found: string[] = [];
  for (const entry of fields.items(annotations, '`annotations`')) {
    if (isJsonObject(entry)) pushUnique(found, fields.text(entry, 'comment'));
  }
  return found;
}

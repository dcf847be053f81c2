/**
 * CycloneDX `component` objects → `SbomComponent`s, nested `components` flattened in document
 * order (parent before children) with an explicit stack, never recursion. The XML reader turns
 * each `<component>` into the same JSON shape first, so both encodings share this code.
 * @see https://cyclonedx.org/docs/1.6/json/#components
 */
import { buildComponent, pushUnique } from '../sbom/component.js';
import { FieldReader, isJsonObject, quote } from '../sbom/fields.js';
import type { JsonObject, JsonValue } from '../sbom/json-stream.js';
import { MAX_LIST_ITEMS } from '../sbom/limits.js';
import type { SbomSession } from '../sbom/session.js';
import type { SbomPosition } from '../sbom/diagnostics.js';
import type { SbomComponent, SbomComponentType, SbomProperty } from '../sbom/types.js';

/** `component.type` in CycloneDX 1.6 (1.4 has the first eight; 1.5 added the next four). */
export const CYCLONEDX_COMPONENT_TYPES = [
  'application',
  'framework',
  'library',
  'container',
  'platform',
  'operating-system',
  'device',
  'firmware',
  'file',
  'device-driver',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
] as const satisfies readonly SbomComponentType[];

const TYPES: ReadonlySet<string> = new Set(CYCLONEDX_COMPONENT_TYPES);

/** Reads one component and every component nested in it into the session, in document order. */
export function readComponentTree(
  session: SbomSession,
  root: JsonValue,
  parent: string | null,
  at: SbomPosition,
  where: string,
): void {
  const stack: { value: JsonValue; parent: string | null }[] = [{ value: root, parent }];
  while (stack.length > 0 && !session.stopped) {
    const next = stack.pop() as { value: JsonValue; parent: string | null };
    const fields = new FieldReader('CYCLONEDX', session.sinkAt(at), `the component ${where}`);
    const read = readComponent(fields, next.value, next.parent);
    if (read.component !== null && !session.addComponent(read.component, at)) return;
    for (let i = read.children.length - 1; i >= 0; i -= 1) {
      stack.push({ value: read.children[i] as JsonValue, parent: read.ref });
    }
  }
}

interface ReadComponent {
  readonly component: SbomComponent | null;
  readonly ref: string | null;
  readonly children: readonly JsonValue[];
}

/** One component without its children; `component` is null (and reported) when it has no name. */
export function readComponent(
  fields: FieldReader,
  value: JsonValue,
  parent: string | null,
): ReadComponent {
  if (!isJsonObject(value)) {
    report(fields, 'is not an object; skipped');
    return { component: null, ref: null, children: [] };
  }
  const ref = fields.text(value, 'bom-ref');
  const name = fields.text(value, 'name');
  const children = fields.list(value, 'components');
  if (name === null) {
    report(fields, `has no name; skipped${ref === null ? '' : ` (bom-ref ${quote(ref)})`}`);
    return { component: null, ref, children };
  }
  fields.where = `the component ${quote(name)}${fields.where.replace(/^the component/, '')}`;
  const component = buildComponent({
    ref,
    parent,
    type: componentType(fields, value),
    name,
    version: fields.text(value, 'version'),
    group: fields.text(value, 'group'),
    supplier: entityName(fields, value, 'supplier'),
    manufacturer: entityName(fields, value, 'manufacturer'),
    publisher: fields.text(value, 'publisher'),
    author: fields.text(value, 'author') ?? authorNames(fields, value),
    purl: fields.purl(fields.text(value, 'purl')),
    cpes: cpes(fields, value),
    hashes: hashes(fields, value),
    licenses: licenses(fields, value),
    properties: properties(fields, value),
  });
  return { component, ref, children };
}

function report(fields: FieldReader, what: string): void {
  fields.sink('WL_CYCLONEDX_COMPONENT_INVALID', 'error', `${capitalize(fields.where)} ${what}.`);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function componentType(fields: FieldReader, value: JsonObject): SbomComponentType | null {
  const type = fields.text(value, 'type');
  if (type !== null && TYPES.has(type)) return type as SbomComponentType;
  fields.report(
    'VALUE_INVALID',
    'warning',
    type === null ? 'No component type' : `Unknown component type ${quote(type)}`,
  );
  return null;
}

/** An `organizationalEntity` (`{ "name": … }`); older documents sometimes wrote a plain string. */
export function entityName(fields: FieldReader, value: JsonObject, key: string): string | null {
  const entity = value[key];
  if (typeof entity === 'string') return fields.text(value, key);
  const object = fields.object(value, key);
  return object === null ? null : fields.text(object, 'name');
}

/** CycloneDX 1.6 `authors`: organizational contacts, joined by `, `. */
function authorNames(fields: FieldReader, value: JsonObject): string | null {
  const names: string[] = [];
  for (const author of fields.list(value, 'authors')) {
    if (isJsonObject(author)) pushUnique(names, fields.text(author, 'name'));
  }
  return names.length === 0 ? null : names.join(', ');
}

function cpes(fields: FieldReader, value: JsonObject): string[] {
  const found: string[] = [];
  pushUnique(found, fields.cpe(fields.text(value, 'cpe')));
  return found;
}

function hashes(fields: FieldReader, value: JsonObject): Record<string, string> {
  const found: Record<string, string> = {};
  for (const hash of fields.list(value, 'hashes')) {
    if (!isJsonObject(hash)) continue;
    fields.hash(found, fields.text(hash, 'alg'), fields.text(hash, 'content'));
  }
  return found;
}

/** `[{ license: { id | name } }, { expression }]` → ids, names and expressions as written. */
function licenses(fields: FieldReader, value: JsonObject): string[] {
  const found: string[] = [];
  for (const choice of fields.list(value, 'licenses')) {
    if (!isJsonObject(choice)) continue;
    const license = choice['license'];
    if (isJsonObject(license)) {
      pushUnique(found, fields.text(license, 'id') ?? fields.text(license, 'name'));
    } else {
      pushUnique(found, fields.text(choice, 'expression'));
    }
  }
  return found;
}

/** `properties: [{ name, value }]`, capped at `MAX_LIST_ITEMS`; a property without a name is dropped. */
export function properties(fields: FieldReader, value: JsonObject): SbomProperty[] {
  const found: SbomProperty[] = [];
  for (const property of fields.list(value, 'properties')) {
    if (!isJsonObject(property) || found.length >= MAX_LIST_ITEMS) continue;
    const name = fields.text(property, 'name');
    if (name !== null) found.push({ name, value: fields.text(property, 'value') ?? '' });
  }
  return found;
}

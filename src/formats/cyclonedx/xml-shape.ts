/**
 * CycloneDX XML elements → the JSON shape of the same objects, so one mapping serves both
 * encodings. Only the elements Wardline reads are converted; the rest are dropped here.
 * @see https://cyclonedx.org/docs/1.6/xml/
 */
import type { JsonObject, JsonValue } from '../sbom/json-stream.js';

/** One element as the XML reader kept it: local name, attributes, child elements, direct text. */
export interface XmlNode {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlNode[];
  text: string;
}

function object(): JsonObject {
  return Object.create(null) as JsonObject;
}

function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((child) => child.name === name);
}

function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((candidate) => candidate.name === name);
}

function childText(node: XmlNode, name: string): string | null {
  return child(node, name)?.text ?? null;
}

function setText(target: JsonObject, key: string, value: string | null | undefined): void {
  if (value !== null && value !== undefined) target[key] = value;
}

/** `<supplier><name>…</name></supplier>` → `{ name }`. */
function entity(node: XmlNode): JsonObject {
  const result = object();
  setText(result, 'name', childText(node, 'name'));
  return result;
}

const TEXT_FIELDS = ['name', 'version', 'group', 'publisher', 'author', 'purl', 'cpe'] as const;

type ChildReader = (result: JsonObject, node: XmlNode) => void;

const COMPONENT_CHILDREN: Readonly<Record<string, ChildReader>> = {
  supplier: (result, node) => {
    result['supplier'] = entity(node);
  },
  manufacturer: (result, node) => {
    result['manufacturer'] = entity(node);
  },
  authors: (result, node) => {
    result['authors'] = childrenNamed(node, 'author').map(entity);
  },
  hashes: (result, node) => {
    result['hashes'] = childrenNamed(node, 'hash').map((hash) => {
      const entry = object();
      setText(entry, 'alg', hash.attributes.get('alg'));
      entry['content'] = hash.text;
      return entry;
    });
  },
  licenses: (result, node) => {
    result['licenses'] = node.children.map(license);
  },
  properties: (result, node) => {
    result['properties'] = properties(node);
  },
  components: (result, node) => {
    result['components'] = childrenNamed(node, 'component').map(componentJson);
  },
};

/** `<license><id>` / `<license><name>` / `<expression>` → the JSON license choice. */
function license(node: XmlNode): JsonValue {
  const choice = object();
  if (node.name === 'expression') {
    choice['expression'] = node.text;
  } else if (node.name === 'license') {
    const inner = object();
    setText(inner, 'id', childText(node, 'id'));
    setText(inner, 'name', childText(node, 'name'));
    choice['license'] = inner;
  }
  return choice;
}

function properties(node: XmlNode): JsonValue[] {
  return childrenNamed(node, 'property').map((property) => {
    const entry = object();
    setText(entry, 'name', property.attributes.get('name'));
    entry['value'] = property.text;
    return entry;
  });
}

/** A `<component>`; nesting depth is bounded by the XML reader's depth cap. */
export function componentJson(node: XmlNode): JsonObject {
  const result = object();
  setText(result, 'type', node.attributes.get('type'));
  setText(result, 'bom-ref', node.attributes.get('bom-ref'));
  for (const element of node.children) {
    if ((TEXT_FIELDS as readonly string[]).includes(element.name)) {
      result[element.name] = element.text;
    } else if (Object.hasOwn(COMPONENT_CHILDREN, element.name)) {
      COMPONENT_CHILDREN[element.name]?.(result, element);
    }
  }
  return result;
}

/**
 * `<tools>` holds `<tool>` elements up to 1.4, and `<components>`/`<services>` from 1.5 on.
 */
function tools(node: XmlNode): JsonValue {
  const legacy = childrenNamed(node, 'tool');
  if (legacy.length > 0) {
    return legacy.map((tool) => {
      const entry = object();
      for (const key of ['vendor', 'name', 'version']) setText(entry, key, childText(tool, key));
      return entry;
    });
  }
  const result = object();
  const components = child(node, 'components');
  if (components !== undefined) {
    result['components'] = childrenNamed(components, 'component').map(componentJson);
  }
  const services = child(node, 'services');
  if (services !== undefined)
    result['services'] = childrenNamed(services, 'service').map(serviceJson);
  return result;
}

/** `<service bom-ref>`: the name, version, provider and nested services. */
export function serviceJson(node: XmlNode): JsonObject {
  const result = object();
  setText(result, 'bom-ref', node.attributes.get('bom-ref'));
  setText(result, 'name', childText(node, 'name'));
  setText(result, 'version', childText(node, 'version'));
  const provider = child(node, 'provider');
  if (provider !== undefined) result['provider'] = entity(provider);
  const nested = child(node, 'services');
  if (nested !== undefined) result['services'] = childrenNamed(nested, 'service').map(serviceJson);
  return result;
}

/** `<metadata>`. */
export function metadataJson(node: XmlNode): JsonObject {
  const result = object();
  setText(result, 'timestamp', childText(node, 'timestamp'));
  for (const element of node.children) {
    if (element.name === 'tools') result['tools'] = tools(element);
    else if (element.name === 'authors')
      result['authors'] = childrenNamed(element, 'author').map(entity);
    else if (element.name === 'component') result['component'] = componentJson(element);
    else if (['supplier', 'manufacture', 'manufacturer'].includes(element.name)) {
      result[element.name] = entity(element);
    } else if (element.name === 'properties') result['properties'] = properties(element);
  }
  return result;
}

/** `<dependency ref><dependency ref/>…<provides ref/></dependency>`. */
export function dependencyJson(node: XmlNode): JsonObject {
  const result = object();
  setText(result, 'ref', node.attributes.get('ref'));
  const refs = (name: string): JsonValue[] =>
    childrenNamed(node, name).flatMap((inner) => {
      const ref = inner.attributes.get('ref');
      return ref === undefined ? [] : [ref];
    });
  result['dependsOn'] = refs('dependency');
  result['provides'] = refs('provides');
  return result;
}

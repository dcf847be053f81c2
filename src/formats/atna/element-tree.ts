/**
 * One audit message parsed into a small element tree with saxes: a maintained, pure-JS,
 * non-validating parser that never reads a DTD or an external entity (a span starts at
 * `<AuditMessage`, so no DOCTYPE reaches it, and an undeclared entity is an error). Elements,
 * depth, attributes and text are capped; attributes live in a `Map`, so no XML name can reach
 * an object prototype.
 */
import { SaxesParser } from 'saxes';
import {
  MAX_ATNA_ATTRIBUTES,
  MAX_ATNA_DEPTH,
  MAX_ATNA_ELEMENTS,
  MAX_ATNA_TEXT_CHARS,
} from './limits.js';

/** An element as the mapper reads it: local name, attributes, child elements, text. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  text: string;
}

/** Why a message could not be parsed: malformed XML, or a cap reached. */
export interface XmlFailure {
  readonly kind: 'malformed' | 'limit';
  readonly reason: string;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Parses one message's text; the root element, or why not. */
export function parseElementTree(text: string): XmlElement | XmlFailure {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  // Set from saxes callbacks: held in an object so the checks after parsing see their updates.
  const state: { root: XmlElement | null; failure: XmlFailure | null } = {
    root: null,
    failure: null,
  };
  let elements = 0;
  const fail = (kind: XmlFailure['kind'], reason: string): void => {
    state.failure ??= { kind, reason };
  };
  parser.on('opentag', (tag) => {
    elements += 1;
    const names = Object.keys(tag.attributes);
    if (elements > MAX_ATNA_ELEMENTS) fail('limit', `more than ${MAX_ATNA_ELEMENTS} elements`);
    if (stack.length >= MAX_ATNA_DEPTH)
      fail('limit', `elements nest more than ${MAX_ATNA_DEPTH} deep`);
    if (names.length > MAX_ATNA_ATTRIBUTES)
      fail('limit', `an element has more than ${MAX_ATNA_ATTRIBUTES} attributes`);
    if (state.failure !== null) return;
    const attributes = new Map<string, string>();
    for (const name of names) {
      const value = tag.attributes[name];
      if (typeof value === 'string') attributes.set(localName(name), value);
    }
    const element: XmlElement = { name: localName(tag.name), attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent === undefined) state.root ??= element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    if (state.failure === null) stack.pop();
  });
  const onText = (value: string): void => {
    const top = stack.at(-1);
    if (state.failure === null && top !== undefined && top.text.length < MAX_ATNA_TEXT_CHARS) {
      top.text = (top.text + value).slice(0, MAX_ATNA_TEXT_CHARS);
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('error', (error) => {
    fail('malformed', error.message.slice(0, 200));
  });
  try {
    parser.write(text).close();
  } catch (thrown) {
    fail('malformed', thrown instanceof Error ? thrown.message.slice(0, 200) : 'unreadable');
  }
  return state.failure ?? state.root ?? { kind: 'malformed', reason: 'no element' };
}

/** True for a parse failure rather than an element. */
export function isFailure(value: XmlElement | XmlFailure): value is XmlFailure {
  return 'reason' in value;
}

/** The child elements named `name`. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  return element === undefined ? [] : element.children.filter((c) => c.name === name);
}

/** The first child element named `name`. */
export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** An attribute's value, trimmed; undefined when absent or empty. */
export function attributeOf(element: XmlElement | undefined, name: string): string | undefined {
  const value = element?.attributes.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

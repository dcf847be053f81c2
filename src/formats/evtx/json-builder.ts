/**
 * Builds the evtx_dump JSON of one record from its XML events (open element, text, close), with
 * evtx_dump's rules:
 * - an element without attributes and without content is `null`; with text, the text (typed);
 * - attributes go under `#attributes` (null-valued ones dropped; all null → the element is
 *   `null`), and text beside attributes under `#text`;
 * - `<Data Name="X">v</Data>` becomes `"X": v`; an unnamed `<Data>v</Data>` becomes
 *   `"Data": {"#text": v}`, several unnamed ones `"Data": {"#text": [v1, v2]}`;
 * - a repeated element name keeps the newest value under the name and moves the earlier one to
 *   `name_1`, `name_2`…;
 * - text split in several pieces (entity references) is concatenated.
 * Keys that could poison a plain object (`__proto__`, `constructor`, `prototype`) get a `_`
 * prefix.
 */
import type { EventValue } from '../../domain/detection.js';

type JsonObject = Record<string, EventValue>;
export type Attribute = readonly [name: string, value: EventValue];

interface Frame {
  readonly parent: JsonObject;
  readonly key: string;
}

const TEXT = '#text';
const ATTRIBUTES = '#attributes';

export function safeKey(key: string): string {
  return key === '__proto__' || key === 'constructor' || key === 'prototype' ? `_${key}` : key;
}

function isList(value: EventValue | undefined): value is readonly EventValue[] {
  return Array.isArray(value);
}

function isObject(value: EventValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !isList(value);
}

function isPlaceholder(value: EventValue | undefined): boolean {
  return (
    value === undefined || value === null || (isObject(value) && Object.keys(value).length === 0)
  );
}

/** The text of a value when two pieces of text meet (evtx_dump concatenates them). */
export function valueText(value: EventValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isList(value)) return value.map((item) => valueText(item)).join(',');
  return JSON.stringify(value);
}

export class EvtxJsonBuilder {
  readonly root: JsonObject = {};
  private readonly stack: Frame[] = [];

  get depth(): number {
    return this.stack.length;
  }

  open(name: string, attributes: readonly Attribute[]): void {
    const host = this.currentObject();
    if (name === 'Data') {
      const named = attributes.find((a) => a[0] === 'Name');
      if (named === undefined) {
        this.stack.push({ parent: host, key: 'Data' });
        return;
      }
      this.insert(host, safeKey(valueText(named[1])), null);
      return;
    }
    const key = safeKey(name);
    if (attributes.length === 0) {
      this.insert(host, key, null);
      return;
    }
    const kept: JsonObject = {};
    let any = false;
    for (const [attrName, value] of attributes) {
      if (value === null) continue;
      kept[safeKey(attrName)] = value;
      any = true;
    }
    this.insert(host, key, any ? { [ATTRIBUTES]: kept } : null);
  }

  text(value: EventValue): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) return;
    const current = frame.parent[frame.key];
    if (current === null) {
      frame.parent[frame.key] = value;
    } else if (current === undefined) {
      frame.parent[frame.key] = { [TEXT]: value };
    } else if (isObject(current)) {
      appendText(current, value);
    } else if (isList(current)) {
      frame.parent[frame.key] = [...current, value];
    } else {
      frame.parent[frame.key] = valueText(current) + valueText(value);
    }
  }

  close(): void {
    this.stack.pop();
  }

  private insert(host: JsonObject, key: string, value: EventValue): void {
    const old = host[key];
    if (!isPlaceholder(old)) {
      let slot = 1;
      while (host[`${key}_${String(slot)}`] !== undefined) slot++;
      host[`${key}_${String(slot)}`] = old ?? null;
    }
    host[key] = value;
    this.stack.push({ parent: host, key });
  }

  /** The object of the innermost open element, made an object if it held nothing or text. */
  private currentObject(): JsonObject {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) return this.root;
    const current = frame.parent[frame.key];
    if (isObject(current)) return current;
    const made: JsonObject = current === undefined || current === null ? {} : { [TEXT]: current };
    frame.parent[frame.key] = made;
    return made;
  }
}

function appendText(target: JsonObject, value: EventValue): void {
  const existing = target[TEXT];
  if (existing === undefined || existing === null) target[TEXT] = value;
  else if (isList(existing)) target[TEXT] = [...existing, value];
  else target[TEXT] = [existing, value];
}

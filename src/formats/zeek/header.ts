import { MAX_ZEEK_FIELDS, MAX_ZEEK_HEADER_VALUE_CHARS } from './limits.js';
import type { ZeekType } from './values.js';
import { parseZeekType, unescapeZeek } from './values.js';

/** The meta lines of one Zeek ASCII log, as read so far. */
export interface ZeekHeader {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path?: string;
  fields?: readonly string[];
  types?: readonly ZeekType[];
}

export function defaultHeader(): ZeekHeader {
  return { separator: '\t', setSeparator: ',', emptyField: '(empty)', unsetField: '-' };
}

const REFUSED_FIELDS: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

function headerValue(text: string): string {
  return unescapeZeek(text).slice(0, MAX_ZEEK_HEADER_VALUE_CHARS);
}

/** A problem with a header line; the header keeps what it had. */
export type HeaderResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

const OK: HeaderResult = { ok: true };

function checkFields(fields: readonly string[]): string | null {
  if (fields.length === 0 || fields.length > MAX_ZEEK_FIELDS) {
    return `#fields names ${String(fields.length)} columns (1 to ${String(MAX_ZEEK_FIELDS)} allowed)`;
  }
  const refused = fields.find((f) => REFUSED_FIELDS.has(f) || f === '');
  if (refused !== undefined) return `#fields holds a refused column name \`${refused}\``;
  if (new Set(fields).size !== fields.length) return '#fields names a column twice';
  return null;
}

function setSeparator(header: ZeekHeader, value: string): HeaderResult {
  const separator = headerValue(value);
  if (separator.length !== 1) return { ok: false, message: '#separator must be one character' };
  // A new #separator starts a new log (files concatenated): everything else is reset.
  Object.assign(header, defaultHeader(), { separator });
  delete header.path;
  delete header.fields;
  delete header.types;
  return OK;
}

function setFields(header: ZeekHeader, values: readonly string[]): HeaderResult {
  const fields = values.map(headerValue);
  const problem = checkFields(fields);
  delete header.types;
  if (problem !== null) {
    delete header.fields;
    return { ok: false, message: problem };
  }
  header.fields = fields;
  return OK;
}

function setTypes(header: ZeekHeader, values: readonly string[]): HeaderResult {
  if (header.fields?.length !== values.length) {
    return { ok: false, message: '#types does not name one type per #fields column' };
  }
  header.types = values.map((v) => parseZeekType(headerValue(v)));
  return OK;
}

/**
 * Applies one `#…` line. `#separator` is followed by a space, the others by the separator.
 * `#close` ends the log: data after it needs a new header. Unknown directives are ignored.
 */
export function applyHeaderLine(header: ZeekHeader, line: string): HeaderResult {
  if (line.startsWith('#separator ')) return setSeparator(header, line.slice('#separator '.length));
  const [name = '', ...values] = line.split(header.separator);
  const single = values.length === 1 ? (values[0] ?? '') : null;
  switch (name) {
    case '#fields':
      return setFields(header, values);
    case '#types':
      return setTypes(header, values);
    case '#close':
      delete header.fields;
      delete header.types;
      return OK;
    case '#set_separator':
    case '#empty_field':
    case '#unset_field':
    case '#path':
      return single === null
        ? { ok: false, message: `${name} must hold one value` }
        : setSingle(header, name, single);
    default:
      return OK;
  }
}

function setSingle(header: ZeekHeader, name: string, raw: string): HeaderResult {
  const value = headerValue(raw);
  if (name === '#path') header.path = value;
  else if (name === '#unset_field') header.unsetField = value;
  else if (name === '#empty_field') header.emptyField = value;
  else if (value.length === 0) return { ok: false, message: '#set_separator is empty' };
  else header.setSeparator = value;
  return OK;
}

import type { EventData, EventValue } from '../../domain/detection.js';
import type { ZeekHeader } from './header.js';
import type { ZeekType } from './values.js';
import { unescapeZeek, zeekScalar } from './values.js';

export type TsvResult =
  | { readonly ok: true; readonly data: EventData }
  | {
      readonly ok: false;
      readonly fault: 'HEADER_MISSING' | 'FIELD_COUNT' | 'VALUE_INVALID';
      readonly message: string;
    };

const STRING_TYPE: ZeekType = { container: false, scalar: 'string' };

/** One column's value: undefined when unset, null when it does not fit its type. */
function columnValue(
  header: ZeekHeader,
  type: ZeekType,
  raw: string,
): EventValue | undefined | null {
  if (raw === header.unsetField) return undefined;
  if (raw === header.emptyField) return type.container ? [] : '';
  if (!type.container) return zeekScalar(type.scalar, raw);
  const items: EventValue[] = [];
  for (const part of raw.split(header.setSeparator)) {
    const item = zeekScalar(type.scalar, part);
    if (item === null) return null;
    items.push(item);
  }
  return items;
}

/**
 * One data line of a Zeek ASCII log, typed by the header: count, int, port, double and interval
 * are numbers; time is ISO UTC text with microseconds; bool a boolean; set and vector arrays;
 * the unset marker leaves the field out; the empty marker is `[]` or `''`. `_path` comes first.
 */
export function readTsvRecord(header: ZeekHeader, line: string): TsvResult {
  const fields = header.fields;
  if (fields === undefined) {
    return { ok: false, fault: 'HEADER_MISSING', message: 'data line before a #fields header' };
  }
  const raws = line.split(header.separator);
  if (raws.length !== fields.length) {
    return {
      ok: false,
      fault: 'FIELD_COUNT',
      message: `${String(raws.length)} columns where #fields names ${String(fields.length)}`,
    };
  }
  const data: Record<string, EventValue> = {};
  if (header.path !== undefined) data['_path'] = header.path;
  for (const [i, name] of fields.entries()) {
    const type = header.types?.[i] ?? STRING_TYPE;
    const value = columnValue(header, type, raws[i] ?? '');
    if (value === null) {
      const shown = unescapeZeek(raws[i] ?? '').slice(0, 64);
      return {
        ok: false,
        fault: 'VALUE_INVALID',
        message: `column \`${name}\` holds \`${shown}\`, not a ${type.container ? 'list of ' : ''}${type.scalar}`,
      };
    }
    if (value !== undefined) data[name] = value;
  }
  return { ok: true, data };
}

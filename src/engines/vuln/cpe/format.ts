/**
 * Binding a name back to text: the CPE 2.3 formatted string (NISTIR 7695 §6.2.2) and the URI
 * (§6.1.2, with the packed edition).
 */
import { CPE_ANY, CPE_ATTRIBUTES, CPE_NA, type CpeName } from './types.js';

/**
 * The formatted string of a name.
 *
 * @example formatCpe(parseCpe('cpe:/a:microsoft:internet_explorer:8.0.6001:beta'))
 *   → 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'
 */
export function formatCpe(name: CpeName): string {
  let out = 'cpe:2.3';
  for (const attribute of CPE_ATTRIBUTES) out += `:${name[attribute]}`;
  return out;
}

function percent(ch: string): string {
  return `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** One value as a URI component: ANY empty, wild cards `%01`/`%02`, quoted characters encoded. */
function uriComponent(value: string): string {
  if (value === CPE_ANY) return '';
  if (value === CPE_NA) return '-';
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? '';
    if (ch === '\\') {
      i++;
      out += percent(value[i] ?? '');
    } else if (ch === '?') {
      out += '%01';
    } else if (ch === '*') {
      out += '%02';
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * The URI binding of a name; the extended attributes, when any is not ANY, are packed into the
 * edition component. Trailing empty components are dropped.
 *
 * @example formatCpeUri(parseCpe('cpe:2.3:a:hp:insight:7.4.0.1570:-:*:*:online:win2003:x64:*'))
 *   → 'cpe:/a:hp:insight:7.4.0.1570:-:~~online~win2003~x64~'
 */
export function formatCpeUri(name: CpeName): string {
  const extended = [name.swEdition, name.targetSw, name.targetHw, name.other];
  const packed = extended.some((value) => value !== CPE_ANY);
  const edition = packed
    ? ['', name.edition, ...extended].map(uriComponent).join('~')
    : uriComponent(name.edition);
  const components = [
    uriComponent(name.part),
    uriComponent(name.vendor),
    uriComponent(name.product),
    uriComponent(name.version),
    uriComponent(name.update),
    edition,
    uriComponent(name.language),
  ];
  while (components.length > 1 && components[components.length - 1] === '') components.pop();
  return `cpe:/${components.join(':')}`;
}

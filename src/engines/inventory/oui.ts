/**
 * The maker of a network interface, from the IEEE registry of MAC address blocks (the `oui-data`
 * package: block prefix → "Name\nAddress…"). It names who made the network card, which for
 * embedded medical devices is usually the device maker; Wardline keeps it as the lowest-trust
 * vendor fact.
 *
 * The table is 5 MB of JSON, so it is loaded on the first lookup, once, through the module
 * loader (no file or network access of Wardline's own).
 *
 * @example
 * ouiVendor('00:1b:63:84:45:e6'); // → 'Apple, Inc.'
 * ouiVendor('da:a1:19:0b:5c:7e'); // → null (locally administered: no maker)
 */
import { createRequire } from 'node:module';
import { macKind } from './identifiers.js';

type OuiTable = Readonly<Record<string, string>>;

let table: OuiTable | undefined;

function loadTable(): OuiTable {
  table ??= createRequire(import.meta.url)('oui-data') as OuiTable;
  return table;
}

/** Block sizes in hex digits, longest first: MA-S (36-bit), MA-M (28-bit), MA-L (24-bit). */
const PREFIX_LENGTHS = [9, 7, 6];

/** The registered maker of a normalized, universally administered MAC; null when unknown. */
export function ouiVendor(mac: string): string | null {
  if (macKind(mac) !== 'global') return null;
  const hex = mac.replace(/:/g, '').toUpperCase();
  const entries = loadTable();
  for (const length of PREFIX_LENGTHS) {
    const prefix = hex.slice(0, length);
    if (Object.hasOwn(entries, prefix)) {
      const name = (entries[prefix] ?? '').split('\n', 1)[0]?.trim() ?? '';
      return name === '' ? null : name;
    }
  }
  return null;
}

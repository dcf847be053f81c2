/**
 * Writes inventory records as CSV (RFC 4180), in the shape a CMMS export has. It exists for the
 * `parse(write(x))` property test, fixtures and the demo hospital's CMMS export.
 *
 * CSV injection: a cell starting with `=`, `+`, `-`, `@`, tab or CR is a formula to Excel, Calc
 * and Sheets. Wardline never evaluates cells, so the parser keeps such values as data; the writer,
 * whose output a person may open in a spreadsheet, prefixes them with `'` unless
 * `escapeFormulas: false` (OWASP "CSV Injection").
 */
import { csvCell } from '../csv/write.js';
import { CATEGORY_LABELS } from './category.js';
import {
  INVENTORY_FIELDS,
  type InventoryDelimiter,
  type InventoryField,
  type InventoryMapping,
  type InventoryRecord,
} from './types.js';

/** How `formatInventoryCsv` writes. */
export interface InventoryCsvOptions {
  readonly delimiter?: InventoryDelimiter;
  /** Fields to write, in order; all of `INVENTORY_FIELDS` when absent. */
  readonly fields?: readonly InventoryField[];
  /** Header text per field; the field's own name when absent. */
  readonly headers?: Readonly<Partial<Record<InventoryField, string>>>;
  /** Prefix formula-like cells with `'` for spreadsheets; true when absent. */
  readonly escapeFormulas?: boolean;
  /** `\r\n` (RFC 4180) when absent. */
  readonly lineEnding?: '\r\n' | '\n';
}

/** The mapping that reads the writer's default headers back. */
export const INVENTORY_CSV_MAPPING: InventoryMapping = {
  fields: Object.fromEntries(INVENTORY_FIELDS.map((field) => [field, field])),
};

const text =
  (key: Exclude<InventoryField, 'ip' | 'aeTitle' | 'category' | 'holdsEphi' | 'vlan'>) =>
  (record: InventoryRecord): string =>
    record[key] ?? '';

/** How each field is written; every one reads back to the same value. */
const CELLS: Readonly<Record<InventoryField, (record: InventoryRecord) => string>> = {
  name: text('name'),
  hostname: text('hostname'),
  ip: (r) => r.ips.join(', '),
  mac: text('mac'),
  serial: text('serial'),
  assetTag: text('assetTag'),
  vendor: text('vendor'),
  model: text('model'),
  os: text('os'),
  firmware: text('firmware'),
  category: (r) => (r.category === null ? '' : CATEGORY_LABELS[r.category]),
  patientSafety: text('patientSafety'),
  holdsEphi: (r) => (r.holdsEphi === null ? '' : r.holdsEphi ? 'yes' : 'no'),
  location: text('location'),
  department: text('department'),
  owner: text('owner'),
  zone: text('zone'),
  site: text('site'),
  aeTitle: (r) => r.aeTitles.join(', '),
  vlan: (r) => (r.vlan === null ? '' : String(r.vlan)),
  endOfSupport: text('endOfSupport'),
  lastSeen: text('lastSeen'),
};

/** The CSV lines (without line endings): the header, then one per record. */
export function* inventoryCsvLines(
  records: Iterable<InventoryRecord>,
  options: InventoryCsvOptions = {},
): Generator<string> {
  const delimiter = options.delimiter ?? ',';
  const fields = options.fields ?? INVENTORY_FIELDS;
  const escape = options.escapeFormulas ?? true;
  yield fields.map((f) => csvCell(options.headers?.[f] ?? f, delimiter, escape)).join(delimiter);
  for (const record of records) {
    yield fields.map((f) => csvCell(CELLS[f](record), delimiter, escape)).join(delimiter);
  }
}

/**
 * The whole CSV as one string, header first.
 *
 * @example
 * formatInventoryCsv([record], { fields: ['serial', 'ip', 'category'] })
 * // → 'serial,ip,category\r\nSN-1,"10.0.0.5, 10.0.1.5",Infusion Pump\r\n'
 */
export function formatInventoryCsv(
  records: Iterable<InventoryRecord>,
  options: InventoryCsvOptions = {},
): string {
  const ending = options.lineEnding ?? '\r\n';
  let out = '';
  for (const line of inventoryCsvLines(records, options)) out += line + ending;
  return out;
}

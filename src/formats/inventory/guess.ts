/**
 * Proposes a mapping from an export's column names, for the user to confirm. Names are compared
 * as words, case and punctuation aside: `Serial No.`, `SerialNumber`, `serial_number` and
 * `SERIAL #` are the same name. A column is placed by its whole name, else by its last words
 * (`Primary IP Address` → ip) when those are distinctive enough; the first column to claim a
 * field gets it.
 */
import type { InventoryField, InventoryMapping } from './types.js';

/** Column names, written as words, that name each field. */
export const HEADER_SYNONYMS: Readonly<Record<InventoryField, readonly string[]>> = {
  name: ['name', 'device name', 'asset name', 'equipment name', 'display name', 'device'],
  hostname: [
    'hostname',
    'host name',
    'host',
    'dns name',
    'fqdn',
    'computer name',
    'network name',
    'netbios name',
  ],
  ip: ['ip', 'ip address', 'ip addresses', 'ipv4', 'ipv4 address', 'ipv6 address', 'ip addr'],
  mac: ['mac', 'mac address', 'mac addresses', 'physical address', 'hardware address'],
  serial: ['serial', 'serial number', 'sn', 'manufacturer serial number'],
  assetTag: [
    'asset tag',
    'asset number',
    'asset',
    'asset id',
    'tag',
    'tag number',
    'equipment number',
    'equipment id',
    'control number',
    'inventory number',
  ],
  vendor: ['manufacturer', 'make', 'vendor', 'maker', 'brand', 'manufacturer name'],
  model: ['model', 'model number', 'model name', 'model id', 'device model'],
  os: ['os', 'operating system', 'os name', 'os version'],
  firmware: ['firmware', 'firmware version', 'software version', 'sw version'],
  category: [
    'category',
    'device type',
    'device category',
    'equipment class',
    'equipment type',
    'equipment category',
    'asset type',
    'asset class',
    'device class',
    'type',
    'class',
    'modality',
    'sys class name',
  ],
  patientSafety: [
    'patient safety',
    'patient safety impact',
    'patient risk',
    'clinical risk',
    'risk',
    'risk level',
    'risk class',
    'criticality',
    'life support',
  ],
  holdsEphi: [
    'ephi',
    'phi',
    'holds ephi',
    'holds phi',
    'contains phi',
    'contains ephi',
    'stores phi',
    'stores ephi',
  ],
  location: ['location', 'room', 'location name', 'physical location'],
  department: ['department', 'dept', 'department name'],
  owner: ['owner', 'owned by', 'custodian', 'assigned to', 'managed by', 'support group'],
  zone: ['zone', 'network zone', 'network segment', 'segment'],
  site: ['site', 'site code', 'facility', 'campus', 'hospital'],
  aeTitle: ['ae title', 'ae', 'aet', 'dicom ae title', 'application entity title'],
  vlan: ['vlan', 'vlan id', 'vlan number'],
  endOfSupport: [
    'end of support',
    'end of support date',
    'eos',
    'eos date',
    'end of life',
    'end of life date',
    'eol',
    'eol date',
    'end of service',
    'support end date',
  ],
  lastSeen: [
    'last seen',
    'last seen date',
    'last discovered',
    'last scan',
    'last scanned',
    'last contact',
    'last check in',
    'last communication',
  ],
};

/**
 * Last words distinctive enough to place a longer name (`Primary IP Address`, `Mfr Serial No`);
 * generic words such as `name`, `type` or `number` are not, so `Owner Name` stays unplaced.
 */
const SUFFIX_KEYS: ReadonlySet<string> = new Set([
  'ip',
  'ipaddress',
  'mac',
  'macaddress',
  'serial',
  'serialnumber',
  'hostname',
  'manufacturer',
  'model',
  'modelnumber',
  'firmware',
  'firmwareversion',
  'operatingsystem',
  'location',
  'department',
  'vlan',
  'assettag',
  'aetitle',
  'devicetype',
  'equipmentclass',
]);

/** Abbreviations that mean the same word. */
const WORD_ALIASES: Readonly<Record<string, string>> = {
  no: 'number',
  nr: 'number',
  nbr: 'number',
  num: 'number',
  '#': 'number',
  addr: 'address',
  mfr: 'manufacturer',
  mfg: 'manufacturer',
  manuf: 'manufacturer',
  dept: 'department',
  loc: 'location',
  desc: 'description',
  checkin: 'check in',
};

/** The words of a column name: camelCase and acronyms split, punctuation dropped, aliases applied. */
export function headerWords(header: string): string[] {
  const spaced = header
    .replace(/#/g, ' # ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
  const words = spaced.split(/[^a-z0-9#]+/).filter((w) => w !== '');
  return words.flatMap((w) => (WORD_ALIASES[w] ?? w).split(' '));
}

const KEY_TO_FIELD: ReadonlyMap<string, InventoryField> = new Map(
  (Object.entries(HEADER_SYNONYMS) as [InventoryField, readonly string[]][]).flatMap(
    ([field, names]) => names.map((name) => [headerWords(name).join(''), field] as const),
  ),
);

/** The field a column name suggests, or `null`. */
export function fieldForHeader(header: string): InventoryField | null {
  const words = headerWords(header);
  const exact = KEY_TO_FIELD.get(words.join(''));
  if (exact !== undefined) return exact;
  for (let start = 1; start < words.length; start += 1) {
    const key = words.slice(start).join('');
    if (SUFFIX_KEYS.has(key)) return KEY_TO_FIELD.get(key) ?? null;
  }
  return null;
}

/** What `guessMapping` proposes. */
export interface GuessedMapping {
  readonly mapping: InventoryMapping;
  readonly placed: readonly { readonly column: string; readonly field: InventoryField }[];
  /** Columns no field was found for, or whose field an earlier column already took. */
  readonly unplaced: readonly string[];
}

/**
 * Proposes a mapping for the given column names; the CLI and UI show it for confirmation.
 *
 * @example
 * guessMapping(['Asset #', 'Serial No.', 'Make', 'MAC Address', 'Cost Center'])
 * // → mapping.fields: { assetTag: 'Asset #', serial: 'Serial No.', vendor: 'Make', mac: 'MAC Address' }
 * //   unplaced: ['Cost Center']
 */
export function guessMapping(headers: readonly string[]): GuessedMapping {
  const fields: Partial<Record<InventoryField, string>> = {};
  const placed: { column: string; field: InventoryField }[] = [];
  const unplaced: string[] = [];
  for (const column of headers) {
    const field = fieldForHeader(column);
    if (field === null || fields[field] !== undefined || column.trim() === '') {
      unplaced.push(column);
      continue;
    }
    fields[field] = column;
    placed.push({ column, field });
  }
  return { mapping: { fields }, placed, unplaced };
}

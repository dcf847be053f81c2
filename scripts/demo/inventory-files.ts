/**
 * The demo hospital's records of its devices, as the systems that keep them export them:
 * - the clinical engineering CMMS (a Nuvolo-style CSV with its own column names and category
 *   words: "Infusion Pump", "CT Scanner"…), for every clinical device;
 * - the IT CMDB (ServiceNow Table API JSON), for servers, PACS and network equipment.
 * Each comes with the mapping file a person would write for it.
 */
import { formatInventoryCsv } from '../../src/formats/inventory/index.js';
import type { InventoryField, InventoryRecord } from '../../src/formats/inventory/index.js';
import type { AssetCategory, PatientSafetyImpact } from '../../src/domain/inventory.js';
import { DEMO_ASSETS, type DemoAsset } from '../../src/services/demo/demo-hospital.js';
import { DEMO_TIMES } from './times.js';

/** Categories clinical engineering keeps in the CMMS; IT keeps the rest. */
const CLINICAL: ReadonlySet<AssetCategory> = new Set([
  'infusion-pump',
  'patient-monitor',
  'imaging-modality',
  'lab-analyzer',
]);

/** What the CMMS knows of a model besides the device itself: its words and the maker's dates. */
interface ModelRecord {
  readonly type: string;
  readonly software: string;
  /** MM/DD/YYYY, as the CMMS prints dates. */
  readonly endOfSupport: string;
}

const MODELS: Readonly<Record<string, ModelRecord>> = {
  'FlowSure 300': { type: 'Infusion Pump', software: '4.2.1', endOfSupport: '06/30/2027' },
  'VitalView 12': {
    type: 'Physiological Monitor',
    software: 'B.02.11',
    endOfSupport: '12/31/2028',
  },
  'VitalView Central Station': {
    type: 'Central Station',
    software: 'B.02.11',
    endOfSupport: '03/31/2026',
  },
  'VitalView Spot': { type: 'Vital Signs Monitor', software: '1.8.4', endOfSupport: '09/30/2029' },
  'Helix CT 64': { type: 'CT Scanner', software: 'VB20A', endOfSupport: '09/30/2030' },
  'Aurora 1.5T': { type: 'MRI Scanner', software: 'VE11C', endOfSupport: '12/31/2025' },
  'RadPro DR': {
    type: 'Digital Radiography System',
    software: '3.2.0',
    endOfSupport: '05/31/2029',
  },
  'SonoView 9': { type: 'Ultrasound System', software: '2.7.5', endOfSupport: '02/28/2029' },
  'ChemQ 800': { type: 'Chemistry Analyzer', software: '6.1.3', endOfSupport: '06/30/2024' },
  'HemaQ 5': { type: 'Hematology Analyzer', software: '2.4.0', endOfSupport: '01/31/2030' },
};

/** Where a device stands and which cost center pays for it, by its name. */
function placeOf(asset: DemoAsset, index: number): { location: string; department: string } {
  const n = /-(\d+)$/.exec(asset.name)?.[1] ?? String(index + 1);
  const places: readonly [RegExp, string, string][] = [
    [/^PUMP-ICU/, `Main / ICU Bay ${Number(n)}`, 'Intensive Care Unit'],
    [/^MON-ICU/, `Main / ICU Bed ${Number(n)}`, 'Intensive Care Unit'],
    [/^CENTRAL-ICU/, 'Main / ICU Nurse Station', 'Intensive Care Unit'],
    [/^CT-ED/, 'Main / ED CT Suite', 'Emergency Radiology'],
    [/^MR-/, 'Main / Radiology MR 1', 'Radiology'],
    [/^DX-/, 'Main / Radiology Room 2', 'Radiology'],
    [/^US-OB/, "Main / Women's Health US 1", "Women's Health"],
    [/^LAB-/, 'Main / Core Laboratory', 'Laboratory'],
    [/^VITALS-NC/, `North Clinic / Exam ${Number(n)}`, 'North Clinic'],
  ];
  const found = places.find(([pattern]) => pattern.test(asset.name));
  return { location: found?.[1] ?? 'Main', department: found?.[2] ?? 'Clinical Engineering' };
}

/** A record with nothing in it: the writer's input, filled field by field. */
function emptyRecord(row: number): InventoryRecord {
  return {
    row,
    line: row + 1,
    name: null,
    hostname: null,
    ips: [],
    mac: null,
    serial: null,
    assetTag: null,
    vendor: null,
    model: null,
    os: null,
    firmware: null,
    category: null,
    patientSafety: null,
    holdsEphi: null,
    location: null,
    department: null,
    owner: null,
    zone: null,
    site: null,
    aeTitles: [],
    vlan: null,
    endOfSupport: null,
    lastSeen: null,
  };
}

const title = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** `2026-10-31T22:15:00.000Z` → `10/31/2026 22:15`, the CMMS's own way. */
function cmmsDateTime(iso: string): string {
  const [date = '', time = ''] = iso.split('T');
  const [year, month, day] = date.split('-');
  return `${month ?? ''}/${day ?? ''}/${year ?? ''} ${time.slice(0, 5)}`;
}

/** The clinical devices of the demo, in the order the CMMS lists them. */
function clinicalDevices(): DemoAsset[] {
  return DEMO_ASSETS.filter((asset) => CLINICAL.has(asset.category));
}

/** The CMMS columns, in export order, with their headers. */
const CMMS_COLUMNS: readonly (readonly [InventoryField, string])[] = [
  ['assetTag', 'Equipment Control No.'],
  ['name', 'Device Name'],
  // The writer types `category` as Wardline's own ids; the CMMS writes its own words, so its
  // "Equipment Type" text rides in a text column and the mapping file names it as the category.
  ['owner', 'Equipment Type'],
  ['vendor', 'Manufacturer'],
  ['model', 'Model'],
  ['serial', 'Mfr Serial No'],
  ['firmware', 'Software Version'],
  ['os', 'Operating System'],
  ['mac', 'MAC Address'],
  ['ip', 'IP Address'],
  ['aeTitle', 'AE Title'],
  ['site', 'Site'],
  ['location', 'Building/Room'],
  ['department', 'Cost Center'],
  ['patientSafety', 'Clinical Risk'],
  ['holdsEphi', 'Contains ePHI'],
  ['endOfSupport', 'Mfr End of Support'],
  ['lastSeen', 'Last Network Check-in'],
];

/** `demo/inventory/cmms-export.csv` */
export function cmmsExportCsv(): string {
  const records = clinicalDevices().map((asset, i): InventoryRecord => {
    const model = MODELS[asset.model];
    if (model === undefined) throw new Error(`No CMMS model record for ${asset.model}.`);
    const place = placeOf(asset, i);
    return {
      ...emptyRecord(i + 1),
      assetTag: `CE-${String(10_204 + i * 3)}`,
      name: asset.name,
      owner: model.type,
      vendor: asset.vendor,
      model: asset.model,
      serial: asset.serial ?? null,
      firmware: model.software,
      os: asset.os,
      mac: asset.mac.toUpperCase(),
      ips: [asset.ip],
      aeTitles: asset.aeTitle === undefined ? [] : [asset.aeTitle],
      site: asset.site,
      location: place.location,
      department: place.department,
      // The CMMS writes its risk words capitalized; the writer carries them as they are.
      patientSafety: title(asset.patientSafety) as PatientSafetyImpact,
      holdsEphi: asset.holdsEphi,
      endOfSupport: model.endOfSupport,
      lastSeen: cmmsDateTime(DEMO_TIMES.cmmsCheckIn),
    };
  });
  return formatInventoryCsv(records, {
    fields: CMMS_COLUMNS.map(([field]) => field),
    headers: Object.fromEntries(CMMS_COLUMNS),
  });
}

/** `demo/inventory/cmms-mapping.yaml` */
export function cmmsMappingYaml(): string {
  const fields = CMMS_COLUMNS.map(([field, header]) => [
    field === 'owner' ? 'category' : field,
    header,
  ]);
  return [
    '# Larkspur Valley clinical engineering CMMS: "Medical Equipment" list, exported as CSV.',
    '# Dates are US month first; the risk column says High, Medium or Low.',
    'format: csv',
    "delimiter: ','",
    'encoding: utf-8',
    'dateOrder: mdy',
    'fields:',
    ...fields.map(([field = '', header = '']) => `  ${field}: ${yamlString(header)}`),
    '',
  ].join('\n');
}

/** A YAML scalar, quoted when plain style would read it differently. */
export function yamlString(text: string): string {
  return /^[A-Za-z][A-Za-z0-9 ._/-]*$/.test(text) && !text.endsWith(' ')
    ? text
    : `'${text.replace(/'/g, "''")}'`;
}

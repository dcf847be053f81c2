/**
 * The IT CMDB's view of the demo hospital: a ServiceNow Table API export (`{"result": [...]}`) of
 * the configuration items IT runs: EHR and interface servers, PACS and VNA, the portal and the
 * network equipment. Reference fields come as `{display_value, link, value}` with the display
 * value read, dates as ServiceNow prints them (UTC, no zone).
 */
import { createHash } from 'node:crypto';
import type { AssetCategory } from '../../src/domain/inventory.js';
import { DEMO_ASSETS, type DemoAsset } from '../../src/services/demo/demo-hospital.js';
import { DEMO_TIMES } from './times.js';
import { yamlString } from './inventory-files.js';

/** Categories IT keeps in the CMDB. */
const IT_RUN: ReadonlySet<AssetCategory> = new Set([
  'ehr-server',
  'hl7-interface-engine',
  'pacs',
  'server',
  'network-gear',
]);

/** The CI's category words, by device name. */
const CATEGORY_WORDS: readonly [RegExp, string][] = [
  [/^EHR-APP/, 'EHR Application Server'],
  [/^EHR-DB/, 'EHR Database Server'],
  [/^HL7-ENGINE/, 'HL7 Interface Engine'],
  [/^PACS/, 'PACS Server'],
  [/^VNA/, 'Vendor Neutral Archive'],
  [/^BACKUP/, 'Backup Server'],
  [/^PORTAL/, 'Web Server'],
  [/^VPN/, 'VPN Gateway'],
  [/^CORE-SW/, 'Network Switch'],
  [/^FW-/, 'Firewall'],
];

const SUPPORT_GROUPS: readonly [RegExp, string][] = [
  [/^(EHR|HL7|PORTAL)/, 'Clinical Applications'],
  [/^(PACS|VNA)/, 'Imaging Informatics'],
  [/^BACKUP/, 'Infrastructure Services'],
  [/^(VPN|CORE|FW)/, 'Network Services'],
];

/** A ServiceNow sys_id: 32 hex digits, here derived from the name so every run writes the same. */
function sysId(text: string): string {
  return createHash('sha256').update(`lvmc:${text}`).digest('hex').slice(0, 32);
}

function reference(table: string, text: string) {
  const value = sysId(`${table}:${text}`);
  return {
    display_value: text,
    link: `https://larkspurvalley.service-now.example/api/now/table/${table}/${value}`,
    value,
  };
}

const pick = (rows: readonly [RegExp, string][], name: string, fallback: string): string =>
  rows.find(([pattern]) => pattern.test(name))?.[1] ?? fallback;

/** ServiceNow's `2026-10-31 23:40:00`. */
const serviceNowTime = (iso: string): string => iso.slice(0, 19).replace('T', ' ');

/** The CMDB's configuration items of the demo, in its order. */
function cmdbItems(): DemoAsset[] {
  return DEMO_ASSETS.filter((asset) => IT_RUN.has(asset.category));
}

function item(asset: DemoAsset) {
  return {
    sys_id: sysId(asset.name),
    name: asset.name,
    fqdn: `${asset.name.toLowerCase()}.larkspur.example`,
    ip_address: asset.ip,
    mac_address: asset.mac,
    serial_number: asset.serial ?? '',
    manufacturer: reference('core_company', asset.vendor),
    model_id: reference('cmdb_model', asset.model),
    os: asset.os ?? '',
    category: pick(CATEGORY_WORDS, asset.name, 'Server'),
    u_patient_safety: asset.patientSafety,
    u_contains_ephi: String(asset.holdsEphi),
    location: reference('cmn_location', asset.zone === 'DMZ' ? 'LVMC DMZ' : 'LVMC Data Center'),
    support_group: reference('sys_user_group', pick(SUPPORT_GROUPS, asset.name, 'IT Operations')),
    install_status: '1',
    last_discovered: serviceNowTime(DEMO_TIMES.cmdbDiscovered),
  };
}

/** `demo/inventory/cmdb-servers.json` */
export function cmdbExportJson(): string {
  return `${JSON.stringify({ result: cmdbItems().map(item) }, null, 2)}\n`;
}

const CMDB_FIELDS: readonly (readonly [string, string])[] = [
  ['name', 'name'],
  ['hostname', 'fqdn'],
  ['ip', 'ip_address'],
  ['mac', 'mac_address'],
  ['serial', 'serial_number'],
  ['vendor', 'manufacturer'],
  ['model', 'model_id'],
  ['os', 'os'],
  ['category', 'category'],
  ['patientSafety', 'u_patient_safety'],
  ['holdsEphi', 'u_contains_ephi'],
  ['location', 'location'],
  ['owner', 'support_group'],
  ['lastSeen', 'last_discovered'],
];

/** `demo/inventory/cmdb-mapping.yaml` */
export function cmdbMappingYaml(): string {
  return [
    '# Larkspur Valley ServiceNow CMDB: servers and network CIs, Table API JSON export.',
    '# u_patient_safety and u_contains_ephi are the hospital’s own fields on cmdb_ci.',
    'format: json',
    'fields:',
    ...CMDB_FIELDS.map(([field, key]) => `  ${field}: ${yamlString(key)}`),
    '',
  ].join('\n');
}

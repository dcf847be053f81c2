/**
 * How an asset's facts read on screen: the field's name in words and its value as text, whatever
 * JSON the source stored (a string, a number, a flag, a list).
 */
import { categoryLabel, patientSafetyLabel } from '../api/vocabulary';

const FACT_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  hostname: 'Hostname',
  vendor: 'Vendor',
  model: 'Model',
  os: 'Operating system',
  firmware: 'Firmware',
  serial: 'Serial number',
  category: 'Category',
  patientSafety: 'Patient-safety impact',
  holdsEphi: 'Holds ePHI',
  location: 'Location',
  owner: 'Owner',
  vlan: 'VLAN',
  zoneName: 'Zone named by the source',
  siteCode: 'Site code named by the source',
};

/** `patientSafety` → `Patient-safety impact`; an unknown field as it is. */
export function factLabel(field: string): string {
  return FACT_LABELS[field] ?? field;
}

function plainValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(plainValue).join(', ');
  return JSON.stringify(value);
}

/** A fact's value as text, with the UI's words for categories and criticality. */
export function factValue(field: string, value: unknown): string {
  if (typeof value === 'string' && field === 'category') return categoryLabel(value);
  if (typeof value === 'string' && field === 'patientSafety') return patientSafetyLabel(value);
  return plainValue(value);
}

/** `82%` for a classification confidence of 0.82. */
export function confidenceText(confidence: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(confidence) ? confidence : 0));
  return `${String(Math.round(clamped * 100))}%`;
}

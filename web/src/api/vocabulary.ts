/**
 * The closed vocabularies the API uses, with the words the UI shows for them. A label table is a
 * `Record` over the union, so a value added to the list fails to compile until it has a label.
 * The lists themselves are Wardline's domain vocabulary, shared with the server.
 */
import type {
  AssetCategory,
  PatientSafetyImpact,
  ZoneKind,
} from '../../../src/domain/inventory.js';
import type { Role } from '../../../src/domain/roles.js';

export { ROLES, type Role } from '../../../src/domain/roles.js';
export {
  ASSET_CATEGORIES,
  IDENTIFIER_KINDS,
  PATIENT_SAFETY_IMPACTS,
  ZONE_KINDS,
  type AssetCategory,
  type IdentifierKind,
  type PatientSafetyImpact,
  type ZoneKind,
} from '../../../src/domain/inventory.js';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  'security-analyst': 'Security analyst',
  'incident-lead': 'Incident lead',
  'clinical-engineer': 'Clinical engineer',
  auditor: 'Auditor',
};

export const ZONE_KIND_LABELS: Record<ZoneKind, string> = {
  'clinical-device': 'Clinical devices',
  imaging: 'Imaging',
  ehr: 'EHR',
  server: 'Servers',
  workstation: 'Workstations',
  guest: 'Guest',
  dmz: 'DMZ',
  network: 'Network infrastructure',
  internet: 'Internet',
};

export const ASSET_CATEGORY_LABELS: Record<AssetCategory, string> = {
  'imaging-modality': 'Imaging modality',
  pacs: 'PACS',
  'hl7-interface-engine': 'HL7 interface engine',
  'patient-monitor': 'Patient monitor',
  'infusion-pump': 'Infusion pump',
  'lab-analyzer': 'Lab analyzer',
  'ehr-server': 'EHR server',
  server: 'Server',
  workstation: 'Workstation',
  'network-gear': 'Network gear',
  iot: 'IoT device',
  unknown: 'Unknown',
};

export const PATIENT_SAFETY_LABELS: Record<PatientSafetyImpact, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

/** The label for a value, or the value itself when the server sends one this UI does not know. */
export const roleLabel = (value: string): string => labelOf(ROLE_LABELS, value);
export const categoryLabel = (value: string): string => labelOf(ASSET_CATEGORY_LABELS, value);
export const zoneKindLabel = (value: string): string => labelOf(ZONE_KIND_LABELS, value);
export const patientSafetyLabel = (value: string): string => labelOf(PATIENT_SAFETY_LABELS, value);

/**
 * The inventory vocabulary: where things are (sites, zones) and what they are (assets and the
 * identifiers that point at them). Later capabilities hang their facts off `Asset`.
 */

/** What a zone is for; exposure and expected traffic follow from it. */
export const ZONE_KINDS = [
  'clinical-device',
  'imaging',
  'ehr',
  'server',
  'workstation',
  'guest',
  'dmz',
  'network',
  'internet',
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const ASSET_CATEGORIES = [
  'imaging-modality',
  'pacs',
  'hl7-interface-engine',
  'patient-monitor',
  'infusion-pump',
  'lab-analyzer',
  'ehr-server',
  'server',
  'workstation',
  'network-gear',
  'iot',
  'unknown',
] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];

/** What happens to patients if the asset fails or is tampered with. */
export const PATIENT_SAFETY_IMPACTS = ['none', 'low', 'medium', 'high'] as const;
export type PatientSafetyImpact = (typeof PATIENT_SAFETY_IMPACTS)[number];

export const IDENTIFIER_KINDS = [
  'mac',
  'ip',
  'hostname',
  'serial',
  'ae-title',
  'asset-tag',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Site {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly address: string | null;
}

export interface Zone {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
  readonly kind: ZoneKind;
  /** IPv4/IPv6 networks in CIDR notation that belong to the zone. */
  readonly cidrs: readonly string[];
  readonly vlan: number | null;
  readonly description: string | null;
}

export interface Criticality {
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  /** True when a user set it; false when it is the default for the category. */
  readonly overridden: boolean;
}

export interface Identifier {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly source: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface Asset {
  readonly id: string;
  readonly siteId: string | null;
  readonly zoneId: string | null;
  readonly name: string;
  readonly category: AssetCategory;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly os: string | null;
  readonly serial: string | null;
  readonly firmware: string | null;
  /** Where it is: the CMMS location, a room, a department. */
  readonly location: string | null;
  /** Who answers for it: a department or a person. */
  readonly owner: string | null;
  /** How sure Wardline is of `category`, 0–1, and why, in plain words. */
  readonly classification: { readonly confidence: number; readonly reasons: readonly string[] };
  readonly criticality: Criticality;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly identifiers: readonly Identifier[];
}

/** One row of the asset list: the asset with its zone's name and its current IP and MAC. */
export interface AssetSummary {
  readonly id: string;
  readonly name: string;
  readonly category: AssetCategory;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly zoneId: string | null;
  readonly zoneName: string | null;
  readonly siteId: string | null;
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly lastSeen: string;
  /** The most recently seen IP identifier, if any. */
  readonly ip: string | null;
  /** The most recently seen MAC identifier, if any. */
  readonly mac: string | null;
}

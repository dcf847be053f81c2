/** Mapping between asset rows and the domain `Asset`, for `asset-repo.ts`. */
import type { Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import {
  ASSET_CATEGORIES,
  IDENTIFIER_KINDS,
  PATIENT_SAFETY_IMPACTS,
  type Asset,
  type AssetCategory,
  type Identifier,
  type IdentifierKind,
  type PatientSafetyImpact,
} from '../domain/inventory.js';
import { fromFlag, readEnum, readStringArray, toFlag, writeJson } from './json-columns.js';
import type { AssetIdentifierTable, AssetTable } from './schema.js';

/** An identifier of a new asset; times default to the asset's. */
export interface NewIdentifier {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly source: string;
  readonly firstSeen?: string | undefined;
  readonly lastSeen?: string | undefined;
}

/** What a caller supplies to create an asset; times default to now. */
export interface NewAsset {
  readonly siteId?: string | null | undefined;
  readonly zoneId?: string | null | undefined;
  readonly name: string;
  readonly category: AssetCategory;
  readonly vendor?: string | null | undefined;
  readonly model?: string | null | undefined;
  readonly os?: string | null | undefined;
  readonly serial?: string | null | undefined;
  readonly firmware?: string | null | undefined;
  readonly location?: string | null | undefined;
  readonly owner?: string | null | undefined;
  readonly classification?: Asset['classification'] | undefined;
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  /** True when a user set the criticality rather than the category default. */
  readonly criticalityOverridden?: boolean | undefined;
  readonly firstSeen?: string | undefined;
  readonly lastSeen?: string | undefined;
  readonly identifiers?: readonly NewIdentifier[] | undefined;
}

/** The asset an input becomes: defaults filled in, a new id. */
export function toNewAsset(input: NewAsset, stamp: string, nowMs: number): Asset {
  const firstSeen = input.firstSeen ?? stamp;
  const identifiers = (input.identifiers ?? []).map((identifier) => ({
    kind: identifier.kind,
    value: identifier.value,
    source: identifier.source,
    firstSeen: identifier.firstSeen ?? firstSeen,
    lastSeen: identifier.lastSeen ?? input.lastSeen ?? stamp,
  }));
  return {
    id: newId('asset', nowMs),
    siteId: input.siteId ?? null,
    zoneId: input.zoneId ?? null,
    name: input.name,
    category: input.category,
    vendor: input.vendor ?? null,
    model: input.model ?? null,
    os: input.os ?? null,
    serial: input.serial ?? null,
    firmware: input.firmware ?? null,
    location: input.location ?? null,
    owner: input.owner ?? null,
    classification: input.classification ?? { confidence: 1, reasons: [] },
    criticality: {
      patientSafety: input.patientSafety,
      holdsEphi: input.holdsEphi,
      overridden: input.criticalityOverridden ?? false,
    },
    firstSeen,
    lastSeen: input.lastSeen ?? stamp,
    identifiers,
  };
}

/** The `assets` row of an asset (identifiers go to their own table). */
export function toAssetRow(asset: Asset, stamp: string): AssetTable {
  return {
    id: asset.id,
    site_id: asset.siteId,
    zone_id: asset.zoneId,
    name: asset.name,
    category: asset.category,
    vendor: asset.vendor,
    model: asset.model,
    os: asset.os,
    serial: asset.serial,
    firmware: asset.firmware,
    location: asset.location,
    owner: asset.owner,
    category_confidence: asset.classification.confidence,
    category_reasons: writeJson(asset.classification.reasons),
    patient_safety: asset.criticality.patientSafety,
    holds_ephi: toFlag(asset.criticality.holdsEphi),
    criticality_overridden: toFlag(asset.criticality.overridden),
    first_seen: asset.firstSeen,
    last_seen: asset.lastSeen,
    created_at: stamp,
    updated_at: stamp,
  };
}

/** The domain asset of a row and its identifier rows, narrowed. */
export function toAsset(row: Selectable<AssetTable>, identifiers: Identifier[]): Asset {
  return {
    id: row.id,
    siteId: row.site_id,
    zoneId: row.zone_id,
    name: row.name,
    category: readEnum(row.category, ASSET_CATEGORIES, 'assets.category'),
    vendor: row.vendor,
    model: row.model,
    os: row.os,
    serial: row.serial,
    firmware: row.firmware,
    location: row.location,
    owner: row.owner,
    classification: {
      confidence: row.category_confidence,
      reasons:
        row.category_reasons === null
          ? []
          : readStringArray(row.category_reasons, 'assets.category_reasons'),
    },
    criticality: {
      patientSafety: readEnum(row.patient_safety, PATIENT_SAFETY_IMPACTS, 'assets.patient_safety'),
      holdsEphi: fromFlag(row.holds_ephi),
      overridden: fromFlag(row.criticality_overridden),
    },
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    identifiers,
  };
}

/** The domain identifier of an `asset_identifiers` row. */
export function toIdentifier(row: Selectable<AssetIdentifierTable>): Identifier {
  return {
    kind: readEnum(row.kind, IDENTIFIER_KINDS, 'asset_identifiers.kind'),
    value: row.value,
    source: row.source,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

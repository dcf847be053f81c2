/**
 * What vulnerability matching reads from the inventory: each asset with the facts prioritization
 * needs (zone kind, criticality), its software (from scans and SBOMs attached to it), the
 * components of SBOMs attached to its make and model, and the device itself (vendor, model,
 * firmware) for device makers' advisories.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface TargetSoftware {
  readonly ref: string;
  readonly name: string;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
}

export interface TargetAsset {
  readonly id: string;
  readonly name: string;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly firmware: string | null;
  readonly serial: string | null;
  readonly os: string | null;
  readonly zoneKind: string | null;
  readonly patientSafety: string;
  readonly holdsEphi: boolean;
  readonly software: TargetSoftware[];
}

const PAGE = 500;

function modelKey(vendor: string | null, model: string | null): string | null {
  if (vendor === null || model === null) return null;
  return `${vendor.trim().toLowerCase()}\u0000${model.trim().toLowerCase()}`;
}

/**
 * Components of SBOMs attached to a make and model (not to one asset), by model key. Loaded once
 * per matching run: there are few model SBOMs, each shared by many assets.
 */
async function modelComponents(db: Kysely<Database>): Promise<Map<string, TargetSoftware[]>> {
  const rows = await db
    .selectFrom('sboms')
    .innerJoin('sbom_components as c', 'c.sbom_id', 'sboms.id')
    .select([
      'sboms.id as sbom_id',
      'sboms.vendor',
      'sboms.model',
      'c.seq',
      'c.name',
      'c.version',
      'c.supplier',
      'c.purl',
      'c.cpe',
    ])
    .where('sboms.asset_id', 'is', null)
    .execute();
  const byModel = new Map<string, TargetSoftware[]>();
  for (const row of rows) {
    const key = modelKey(row.vendor, row.model);
    if (key === null) continue;
    let list = byModel.get(key);
    if (list === undefined) byModel.set(key, (list = []));
    list.push({
      ref: `${row.sbom_id}#${String(row.seq)}`,
      name: row.name,
      version: row.version,
      supplier: row.supplier,
      purl: row.purl,
      cpe: row.cpe,
    });
  }
  return byModel;
}

/**
 * Every asset (or those named) with its software, a page of assets at a time, so a fleet of
 * thousands with a million components never sits in memory at once.
 */
export async function* iterateTargets(
  db: Kysely<Database>,
  assetIds: readonly string[] | null = null,
): AsyncGenerator<TargetAsset> {
  const models = await modelComponents(db);
  let after = '';
  for (;;) {
    let query = db
      .selectFrom('assets')
      .leftJoin('zones', 'zones.id', 'assets.zone_id')
      .select([
        'assets.id',
        'assets.name',
        'assets.vendor',
        'assets.model',
        'assets.firmware',
        'assets.serial',
        'assets.os',
        'assets.patient_safety',
        'assets.holds_ephi',
        'zones.kind as zone_kind',
      ])
      .where('assets.id', '>', after)
      .orderBy('assets.id')
      .limit(PAGE);
    if (assetIds !== null) query = query.where('assets.id', 'in', assetIds);
    const assets = await query.execute();
    if (assets.length === 0) return;
    const software = await db
      .selectFrom('asset_software')
      .select(['id', 'asset_id', 'name', 'version', 'supplier', 'purl', 'cpe'])
      .where(
        'asset_id',
        'in',
        assets.map((a) => a.id),
      )
      .execute();
    const byAsset = new Map<string, TargetSoftware[]>();
    for (const row of software) {
      let list = byAsset.get(row.asset_id);
      if (list === undefined) byAsset.set(row.asset_id, (list = []));
      list.push({
        ref: row.id,
        name: row.name,
        version: row.version,
        supplier: row.supplier,
        purl: row.purl,
        cpe: row.cpe,
      });
    }
    for (const asset of assets) {
      const own = byAsset.get(asset.id) ?? [];
      const key = modelKey(asset.vendor, asset.model);
      const shared = key === null ? [] : (models.get(key) ?? []);
      yield {
        id: asset.id,
        name: asset.name,
        vendor: asset.vendor,
        model: asset.model,
        firmware: asset.firmware,
        serial: asset.serial,
        os: asset.os,
        zoneKind: asset.zone_kind,
        patientSafety: asset.patient_safety,
        holdsEphi: asset.holds_ephi === 1,
        software: shared.length === 0 ? own : [...own, ...shared],
      };
    }
    const last = assets.at(-1);
    if (last === undefined || assets.length < PAGE) return;
    after = last.id;
  }
}

/**
 * SBOMs: the document and its components, attached to one asset or to a device model (vendor and
 * model, and so to every asset of that model). Components of an SBOM attached to an asset are also
 * kept as that asset's software, so vulnerability matching sees one software list per asset.
 */
import type { Kysely } from 'kysely';
import { WardlineError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { SOFTWARE_KINDS, type SoftwareKind } from '../domain/observation.js';
import type { Database, SbomComponentTable } from './schema.js';

export interface SbomDocument {
  readonly format: string;
  readonly specVersion: string | null;
  readonly documentId: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly endOfSupport: string | null;
  readonly components: readonly {
    readonly ref: string | null;
    readonly type: string | null;
    readonly name: string;
    readonly version: string | null;
    readonly supplier: string | null;
    readonly purl: string | null;
    readonly cpe: string | null;
    readonly hashes: Readonly<Record<string, string>>;
    readonly licenses: readonly string[];
  }[];
}

export interface SbomAttachment {
  readonly sbom: SbomDocument;
  readonly importId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly assetId: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly now: Date;
  /** The key that makes two reports one software item on an asset (the inventory engine's). */
  readonly identityOf: (
    component: SbomDocument['components'][number] & { readonly kind: string },
  ) => string;
}

const CHUNK = 200;

/** Stores the SBOM and returns its number of components. */
export async function attachSbom(db: Kysely<Database>, input: SbomAttachment): Promise<number> {
  const { sbom, now } = input;
  if (input.assetId !== null) {
    const asset = await db
      .selectFrom('assets')
      .select('id')
      .where('id', '=', input.assetId)
      .executeTakeFirst();
    if (asset === undefined) throw new WardlineError('WL_NOT_FOUND', `No asset ${input.assetId}.`);
  }
  const id = newId('sbom', now.getTime());
  const stamp = now.toISOString();
  await db
    .insertInto('sboms')
    .values({
      id,
      import_id: input.importId,
      asset_id: input.assetId,
      vendor: input.vendor ?? sbom.supplier,
      model: input.model ?? sbom.name,
      format: sbom.format,
      spec_version: sbom.specVersion,
      document_id: sbom.documentId,
      name: sbom.name,
      version: sbom.version,
      supplier: sbom.supplier,
      end_of_support: sbom.endOfSupport,
      components: sbom.components.length,
      sha256: input.sha256,
      created_at: stamp,
    })
    .execute();
  const rows: SbomComponentTable[] = sbom.components.map((c, seq) => ({
    sbom_id: id,
    seq,
    ref: c.ref,
    type: c.type,
    name: c.name,
    version: c.version,
    supplier: c.supplier,
    purl: c.purl,
    cpe: c.cpe,
    hashes: JSON.stringify(c.hashes),
    licenses: JSON.stringify(c.licenses),
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('sbom_components')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
  if (input.assetId !== null) await addAssetSoftware(db, input.assetId, input, stamp);
  return rows.length;
}

/** The components as the asset's software, source `sbom`; a component already known is refreshed. */
async function addAssetSoftware(
  db: Kysely<Database>,
  assetId: string,
  input: SbomAttachment,
  stamp: string,
): Promise<void> {
  const seen = new Set<string>();
  const rows = input.sbom.components.flatMap((c) => {
    const kind = softwareKind(c.type);
    const identity = input.identityOf({ ...c, kind });
    if (seen.has(identity)) return [];
    seen.add(identity);
    return [
      {
        id: newId('software', input.now.getTime()),
        asset_id: assetId,
        identity,
        kind,
        name: c.name,
        version: c.version,
        supplier: c.supplier,
        purl: c.purl,
        cpe: c.cpe,
        hashes: JSON.stringify(c.hashes),
        end_of_support: null,
        source_kind: 'sbom',
        source_name: input.fileName,
        first_seen: stamp,
        last_seen: stamp,
      },
    ];
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('asset_software')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['asset_id', 'identity']).doUpdateSet((eb) => ({
          last_seen: eb.ref('excluded.last_seen'),
          source_kind: eb.ref('excluded.source_kind'),
          source_name: eb.ref('excluded.source_name'),
        })),
      )
      .execute();
  }
}

/** CycloneDX component types as Wardline's software kinds; types it has no kind for are `other`. */
function softwareKind(type: string | null): SoftwareKind {
  return SOFTWARE_KINDS.find((kind) => kind === type) ?? 'other';
}

export interface SbomSummary {
  readonly id: string;
  readonly assetId: string | null;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly format: string;
  readonly specVersion: string | null;
  readonly name: string | null;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly endOfSupport: string | null;
  readonly components: number;
  readonly createdAt: string;
}

/** The SBOMs that describe an asset: attached to it, or to its vendor and model. */
export async function sbomsOfAsset(db: Kysely<Database>, assetId: string): Promise<SbomSummary[]> {
  const asset = await db
    .selectFrom('assets')
    .select(['vendor', 'model'])
    .where('id', '=', assetId)
    .executeTakeFirst();
  if (asset === undefined) return [];
  const { vendor, model } = asset;
  const rows = await db
    .selectFrom('sboms')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('asset_id', '=', assetId),
        ...(vendor !== null && model !== null
          ? [
              eb.and([
                eb('asset_id', 'is', null),
                eb('vendor', '=', vendor),
                eb('model', '=', model),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    assetId: row.asset_id,
    vendor: row.vendor,
    model: row.model,
    format: row.format,
    specVersion: row.spec_version,
    name: row.name,
    version: row.version,
    supplier: row.supplier,
    endOfSupport: row.end_of_support,
    components: row.components,
    createdAt: row.created_at,
  }));
}

export interface SbomComponentRecord {
  readonly sbomId: string;
  readonly name: string;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  readonly type: string | null;
}

/** Components of the given SBOMs, at most `limit`. */
export async function componentsOf(
  db: Kysely<Database>,
  sbomIds: readonly string[],
  limit = 5000,
): Promise<SbomComponentRecord[]> {
  if (sbomIds.length === 0) return [];
  const rows = await db
    .selectFrom('sbom_components')
    .selectAll()
    .where('sbom_id', 'in', sbomIds)
    .orderBy('sbom_id')
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    sbomId: row.sbom_id,
    name: row.name,
    version: row.version,
    supplier: row.supplier,
    purl: row.purl,
    cpe: row.cpe,
    type: row.type,
  }));
}

/** Reads for the asset page: the lists and facts kept beside the asset row. */
import type { Kysely } from 'kysely';
import type {
  AssetFact,
  AssetSbom,
  AssetScanFinding,
  AssetService,
  AssetSoftwareItem,
  ProvenanceEntry,
  SourceRef,
} from '../domain/asset-detail.js';
import { OBSERVATION_SOURCE_KINDS, type ProtocolFacts } from '../domain/observation.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { toCount } from './db-helpers.js';
import { readEnum, readJsonObject, readStringArray } from './json-columns.js';
import { sbomsOfAsset } from './sbom-repo.js';
import type { Database } from './schema.js';

const source = (kind: string, name: string, column: string): SourceRef => ({
  kind: readEnum(kind, OBSERVATION_SOURCE_KINDS, column),
  name,
});

export async function assetServices(
  db: Kysely<Database>,
  assetId: string,
): Promise<AssetService[]> {
  const rows = await db
    .selectFrom('asset_services')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('transport')
    .orderBy('port')
    .execute();
  return rows.map((r) => ({
    transport: r.transport,
    port: r.port,
    name: r.name,
    product: r.product,
    version: r.version,
    cpes: readStringArray(r.cpes, 'asset_services.cpes'),
    tls: r.tls === 1,
    source: source(r.source_kind, r.source_name, 'asset_services.source_kind'),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}

export async function assetSoftware(
  db: Kysely<Database>,
  assetId: string,
): Promise<AssetSoftwareItem[]> {
  const rows = await db
    .selectFrom('asset_software')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('name')
    .orderBy('id')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    name: r.name,
    version: r.version,
    supplier: r.supplier,
    purl: r.purl,
    cpe: r.cpe,
    endOfSupport: r.end_of_support,
    source: source(r.source_kind, r.source_name, 'asset_software.source_kind'),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}

export async function assetScanFindings(
  db: Kysely<Database>,
  assetId: string,
): Promise<AssetScanFinding[]> {
  const rows = await db
    .selectFrom('asset_scan_findings')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('severity', 'desc')
    .orderBy('scanner_id')
    .execute();
  return rows.map((r) => ({
    scannerId: r.scanner_id,
    title: r.title,
    severity: r.severity,
    cves: readStringArray(r.cves, 'asset_scan_findings.cves'),
    port: r.port_key,
    source: source(r.source_kind, r.source_name, 'asset_scan_findings.source_kind'),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}

export async function assetFacts(db: Kysely<Database>, assetId: string): Promise<AssetFact[]> {
  const rows = await db
    .selectFrom('asset_facts')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('field')
    .execute();
  return rows.map((r) => ({
    field: r.field,
    value: JSON.parse(r.value) as unknown,
    source: source(r.source_kind, r.source_name, 'asset_facts.source_kind'),
    importId: r.import_id,
    observedAt: r.observed_at,
    overridden: r.overridden === 1,
  }));
}

export async function assetProtocols(
  db: Kysely<Database>,
  assetId: string,
): Promise<ProtocolFacts> {
  const row = await db
    .selectFrom('asset_protocols')
    .select('facts')
    .where('asset_id', '=', assetId)
    .executeTakeFirst();
  if (row === undefined) return {};
  const merged = readJsonObject(row.facts, 'asset_protocols.facts');
  const facts: unknown = merged.facts;
  // Written by the import service from the engine's merged protocol facts.
  return typeof facts === 'object' && facts !== null ? facts : {};
}

export async function assetSources(db: Kysely<Database>, assetId: string) {
  const rows = await db
    .selectFrom('asset_sources')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('last_seen', 'desc')
    .execute();
  return rows.map((r) => ({
    kind: readEnum(r.source_kind, OBSERVATION_SOURCE_KINDS, 'asset_sources.source_kind'),
    lastSeen: r.last_seen,
  }));
}

export async function assetSboms(db: Kysely<Database>, assetId: string): Promise<AssetSbom[]> {
  return (await sbomsOfAsset(db, assetId)).map((s) => ({
    id: s.id,
    attachedTo: s.assetId === null ? 'model' : 'asset',
    format: s.format,
    specVersion: s.specVersion,
    name: s.name,
    version: s.version,
    supplier: s.supplier,
    endOfSupport: s.endOfSupport,
    components: s.components,
    createdAt: s.createdAt,
  }));
}

/** The provenance timeline, newest first. */
export async function assetProvenance(
  db: Kysely<Database>,
  assetId: string,
  request: PageRequest,
): Promise<Page<ProvenanceEntry>> {
  const { limit, offset } = normalizePage(request);
  const query = db.selectFrom('asset_observations').where('asset_id', '=', assetId);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('observed_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => ({
      field: r.field,
      value: JSON.parse(r.value) as unknown,
      source: source(r.source_kind, r.source_name, 'asset_observations.source_kind'),
      importId: r.import_id,
      observedAt: r.observed_at,
    })),
    total: toCount(count?.n),
  };
}

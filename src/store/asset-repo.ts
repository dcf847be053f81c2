/**
 * Assets and their identifiers: insert, fetch one whole, list a page of summaries, count for the
 * overview. Listing is one query (zone by join, current IP and MAC by correlated subqueries on
 * the identifier index) plus one count, so a page costs the same at 100 assets or 100,000.
 */
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import {
  ASSET_CATEGORIES,
  PATIENT_SAFETY_IMPACTS,
  ZONE_KINDS,
  type Asset,
  type AssetCategory,
  type AssetSummary,
  type IdentifierKind,
  type PatientSafetyImpact,
  type ZoneKind,
} from '../domain/inventory.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { inTransaction, isPostgres, containsInsensitive, toCount } from './db-helpers.js';
import { toAsset, toAssetRow, toIdentifier, toNewAsset, type NewAsset } from './asset-rows.js';
import { fromFlag, readEnum } from './json-columns.js';
import type { AssetTable, Database } from './schema.js';

export type { NewAsset, NewIdentifier } from './asset-rows.js';

/** Rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 500;

/** Inserts one asset with its identifiers, in one transaction. */
export async function createAsset(
  db: Kysely<Database>,
  input: NewAsset,
  now: Date = new Date(),
): Promise<Asset> {
  const [asset] = await createAssets(db, [input], now);
  if (asset === undefined) throw new Error('createAssets returned nothing for one asset.');
  return asset;
}

/** Inserts many assets with their identifiers in one transaction, in multi-row batches. */
export async function createAssets(
  db: Kysely<Database>,
  inputs: readonly NewAsset[],
  now: Date = new Date(),
): Promise<Asset[]> {
  const stamp = now.toISOString();
  const assets = inputs.map((input) => toNewAsset(input, stamp, now.getTime()));
  await inTransaction(db, async (trx) => {
    const assetRows = assets.map((asset) => toAssetRow(asset, stamp));
    for (let i = 0; i < assetRows.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('assets')
        .values(assetRows.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    const identifierRows = assets.flatMap((asset) =>
      asset.identifiers.map((identifier) => ({
        id: newId('identifier', now.getTime()),
        asset_id: asset.id,
        kind: identifier.kind,
        value: identifier.value,
        source: identifier.source,
        first_seen: identifier.firstSeen,
        last_seen: identifier.lastSeen,
      })),
    );
    for (let i = 0; i < identifierRows.length; i += INSERT_CHUNK) {
      const chunk = identifierRows.slice(i, i + INSERT_CHUNK);
      await trx.insertInto('asset_identifiers').values(chunk).execute();
    }
  });
  return assets;
}

/** One asset with every identifier, most recently seen first; `undefined` when there is none. */
export async function getAsset(db: Kysely<Database>, id: string): Promise<Asset | undefined> {
  const row = await db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const identifiers = await db
    .selectFrom('asset_identifiers')
    .selectAll()
    .where('asset_id', '=', id)
    .orderBy('last_seen', 'desc')
    .orderBy('id')
    .execute();
  return toAsset(row, identifiers.map(toIdentifier));
}

/** The orders the asset list offers, each served by an index. */
export const ASSET_SORTS = ['name', 'category', 'lastSeen', 'criticality'] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

/** Paging, order and filters of the asset list. */
export interface AssetQuery extends PageRequest {
  /** Default `name`; `criticality` orders by patient-safety impact, then ePHI, then name. */
  readonly sort?: AssetSort | undefined;
  readonly order?: 'asc' | 'desc' | undefined;
  /** Part of the name, vendor, model or any identifier value, any case. */
  readonly q?: string | undefined;
  readonly siteId?: string | undefined;
  readonly zoneId?: string | undefined;
  readonly category?: AssetCategory | undefined;
  /** Patient-safety impact. */
  readonly criticality?: PatientSafetyImpact | undefined;
  /** Assets a source of this kind has reported (nmap, capture, inventory…). */
  readonly source?: string | undefined;
  /** Assets last seen at or after this ISO time. */
  readonly seenSince?: string | undefined;
}

type AssetEb = ExpressionBuilder<Database, 'assets'>;

/**
 * A page of asset summaries under the filters, and the number of all that match.
 *
 * The inner query picks the page from `assets` alone, walking the index of the chosen order; only
 * the page's rows are then joined to their zone and given their current IP and MAC, so neither
 * the join nor the subqueries run for the rows skipped by `offset`.
 *
 * A text search (`q`) cannot use an index: it scans. Walking the order's index would then fetch
 * every row one index entry at a time (four times slower than a scan, measured at 100k), so the
 * search orders by keys no index matches, and counts its matches in the same pass.
 */
export async function listAssets(
  db: Kysely<Database>,
  query: AssetQuery = {},
): Promise<Page<AssetSummary>> {
  const { limit, offset } = normalizePage(query);
  const postgres = isPostgres(db);
  const where = (eb: AssetEb) => eb.and(assetConditions(eb, query, postgres));
  const direction = query.order === 'desc' ? 'desc' : 'asc';
  const sort = query.sort ?? 'name';
  const searching = (query.q?.trim() ?? '') !== '';

  let inner = db
    .selectFrom('assets')
    .where(where)
    .select(SUMMARY_COLUMNS)
    .select((eb) => (searching ? eb.fn.countAll().over() : sql.lit(null)).as('matches'));
  for (const key of sortKeys(sort, 'assets')) {
    inner = inner.orderBy(searching ? sql`coalesce(${key}, ${key})` : key, direction);
  }
  let outer = db
    .selectFrom(inner.limit(limit).offset(offset).as('p'))
    .leftJoin('zones', 'zones.id', 'p.zone_id')
    .selectAll('p')
    .select('zones.name as zone_name')
    .select((eb) => [currentIdentifier(eb, 'ip').as('ip'), currentIdentifier(eb, 'mac').as('mac')]);
  for (const key of sortKeys(sort, 'p')) outer = outer.orderBy(key, direction);

  const countAll = () =>
    db
      .selectFrom('assets')
      .where(where)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst()
      .then((row) => toCount(row?.n));
  const [rows, counted] = await Promise.all([
    outer.execute(),
    searching ? Promise.resolve(undefined) : countAll(),
  ]);
  const matches = rows[0]?.matches;
  const total =
    counted ?? (matches === undefined || matches === null ? await countAll() : toCount(matches));
  return { items: rows.map(toAssetSummary), total };
}

const SUMMARY_COLUMNS = [
  'id',
  'name',
  'category',
  'vendor',
  'model',
  'zone_id',
  'site_id',
  'patient_safety',
  'holds_ephi',
  'last_seen',
] as const;

function toAssetSummary(
  row: Pick<Selectable<AssetTable>, (typeof SUMMARY_COLUMNS)[number]> & {
    zone_name: string | null;
    ip: string | null;
    mac: string | null;
  },
): AssetSummary {
  return {
    id: row.id,
    name: row.name,
    category: readEnum(row.category, ASSET_CATEGORIES, 'assets.category'),
    vendor: row.vendor,
    model: row.model,
    zoneId: row.zone_id,
    zoneName: row.zone_name,
    siteId: row.site_id,
    patientSafety: readEnum(row.patient_safety, PATIENT_SAFETY_IMPACTS, 'assets.patient_safety'),
    holdsEphi: fromFlag(row.holds_ephi),
    lastSeen: row.last_seen,
    ip: row.ip,
    mac: row.mac,
  };
}

/**
 * The ORDER BY of each sort, ending with `id` so pages never overlap. Each matches an index of
 * migration 0001; `criticality` repeats the indexed expression exactly.
 */
function sortKeys(sort: AssetSort, table: 'assets' | 'p') {
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  const keys = {
    name: [ref('name')],
    category: [ref('category'), ref('name')],
    lastSeen: [ref('last_seen')],
    criticality: [
      sql`(case ${ref('patient_safety')} when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end)`,
      ref('holds_ephi'),
      ref('name'),
    ],
  } satisfies Record<AssetSort, unknown[]>;
  return [...keys[sort], ref('id')];
}

function assetConditions(eb: AssetEb, query: AssetQuery, postgres: boolean) {
  const conditions = [];
  if (query.siteId !== undefined) conditions.push(eb('assets.site_id', '=', query.siteId));
  if (query.zoneId !== undefined) conditions.push(eb('assets.zone_id', '=', query.zoneId));
  if (query.category !== undefined) conditions.push(eb('assets.category', '=', query.category));
  if (query.criticality !== undefined) {
    conditions.push(eb('assets.patient_safety', '=', query.criticality));
  }
  if (query.seenSince !== undefined) conditions.push(eb('assets.last_seen', '>=', query.seenSince));
  if (query.source !== undefined) {
    const kind = query.source;
    conditions.push(
      eb(
        'assets.id',
        'in',
        eb
          .selectFrom('asset_sources')
          .select('asset_sources.asset_id')
          .where('asset_sources.source_kind', '=', kind),
      ),
    );
  }
  const q = query.q?.trim() ?? '';
  if (q !== '') {
    conditions.push(
      eb.or([
        containsInsensitive(postgres, eb.ref('assets.name'), q),
        containsInsensitive(postgres, eb.ref('assets.vendor'), q),
        containsInsensitive(postgres, eb.ref('assets.model'), q),
        // Uncorrelated: the matching identifiers are found once, not once per asset.
        eb(
          'assets.id',
          'in',
          eb
            .selectFrom('asset_identifiers')
            .select('asset_identifiers.asset_id')
            .where((inner) =>
              containsInsensitive(postgres, inner.ref('asset_identifiers.value'), q),
            ),
        ),
      ]),
    );
  }
  return conditions;
}

/** The value of the asset's most recently seen identifier of `kind`, as a scalar subquery. */
function currentIdentifier(
  eb: ExpressionBuilder<Database & { p: { id: string } }, 'p'>,
  kind: IdentifierKind,
) {
  return eb
    .selectFrom('asset_identifiers')
    .select('asset_identifiers.value')
    .whereRef('asset_identifiers.asset_id', '=', 'p.id')
    .where('asset_identifiers.kind', '=', kind)
    .orderBy('asset_identifiers.last_seen', 'desc')
    .orderBy('asset_identifiers.id')
    .limit(1);
}

/** How many assets there are, for the overview. */
export async function countAssets(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('assets')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return toCount(row?.n);
}

/** Assets per category, for the overview; categories without assets are absent. */
export async function countAssetsByCategory(
  db: Kysely<Database>,
): Promise<Partial<Record<AssetCategory, number>>> {
  const rows = await db
    .selectFrom('assets')
    .select(['category', (eb) => eb.fn.countAll().as('n')])
    .groupBy('category')
    .execute();
  const counts: Partial<Record<AssetCategory, number>> = {};
  for (const row of rows) {
    counts[readEnum(row.category, ASSET_CATEGORIES, 'assets.category')] = toCount(row.n);
  }
  return counts;
}

/** Assets per kind of their zone, for the overview; assets outside any zone count as `unzoned`. */
export async function countAssetsByZoneKind(
  db: Kysely<Database>,
): Promise<Partial<Record<ZoneKind | 'unzoned', number>>> {
  const rows = await db
    .selectFrom('assets')
    .leftJoin('zones', 'zones.id', 'assets.zone_id')
    .select(['zones.kind', (eb) => eb.fn.countAll().as('n')])
    .groupBy('zones.kind')
    .execute();
  const counts: Partial<Record<ZoneKind | 'unzoned', number>> = {};
  for (const row of rows) {
    const kind = row.kind === null ? 'unzoned' : readEnum(row.kind, ZONE_KINDS, 'zones.kind');
    counts[kind] = toCount(row.n);
  }
  return counts;
}

/** What the communication map shows of each asset. */
export async function mapNodes(db: Kysely<Database>, ids: readonly string[]) {
  const nodes = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('assets')
      .leftJoin('zones', 'zones.id', 'assets.zone_id')
      .select([
        'assets.id',
        'assets.name',
        'assets.category',
        'assets.zone_id',
        'zones.name as zone_name',
        'assets.patient_safety',
      ])
      .where('assets.id', 'in', ids.slice(i, i + 500))
      .execute();
    nodes.push(
      ...rows.map((r) => ({
        id: r.id,
        label: r.name,
        category: r.category,
        zoneId: r.zone_id,
        zoneName: r.zone_name,
        patientSafety: r.patient_safety,
      })),
    );
  }
  return nodes;
}

/** Zones: the network segments of a site, each of a kind that says what it is for. */
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import { ZONE_KINDS, type Zone, type ZoneKind } from '../domain/inventory.js';
import type { Page } from '../domain/page.js';
import { conflictAsError, toCount } from './db-helpers.js';
import { readEnum, readStringArray, writeJson } from './json-columns.js';
import type { Database, ZoneTable } from './schema.js';

/** What a caller supplies to create a zone. */
export interface NewZone {
  readonly siteId: string;
  readonly name: string;
  readonly kind: ZoneKind;
  readonly cidrs?: readonly string[] | undefined;
  readonly vlan?: number | null | undefined;
  readonly description?: string | null | undefined;
}

/** @throws WardlineError `WL_CONFLICT` when the site already has a zone of that name. */
export async function createZone(
  db: Kysely<Database>,
  input: NewZone,
  now: Date = new Date(),
): Promise<Zone> {
  const zone: Zone = {
    id: newId('zone', now.getTime()),
    siteId: input.siteId,
    name: input.name,
    kind: input.kind,
    cidrs: [...(input.cidrs ?? [])],
    vlan: input.vlan ?? null,
    description: input.description ?? null,
  };
  await conflictAsError(
    db
      .insertInto('zones')
      .values({
        id: zone.id,
        site_id: zone.siteId,
        name: zone.name,
        kind: zone.kind,
        cidrs: writeJson(zone.cidrs),
        vlan: zone.vlan,
        description: zone.description,
        created_at: now.toISOString(),
      })
      .execute(),
    `The site already has a zone named ${input.name}.`,
  );
  return zone;
}

/** One zone, or `undefined`. */
export async function getZone(db: Kysely<Database>, id: string): Promise<Zone | undefined> {
  const row = await db.selectFrom('zones').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toZone(row);
}

/** Every zone, or those of one site, by site and name. */
export async function listZones(
  db: Kysely<Database>,
  filters: { readonly siteId?: string | undefined } = {},
): Promise<Page<Zone>> {
  let query = db.selectFrom('zones').selectAll();
  if (filters.siteId !== undefined) query = query.where('site_id', '=', filters.siteId);
  const rows = await query.orderBy('site_id').orderBy('name').orderBy('id').execute();
  return { items: rows.map(toZone), total: rows.length };
}

/** How many zones there are, for the overview. */
export async function countZones(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('zones')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return toCount(row?.n);
}

function toZone(row: Selectable<ZoneTable>): Zone {
  return {
    id: row.id,
    siteId: row.site_id,
    name: row.name,
    kind: readEnum(row.kind, ZONE_KINDS, 'zones.kind'),
    cidrs: readStringArray(row.cidrs, 'zones.cidrs'),
    vlan: row.vlan,
    description: row.description,
  };
}

/** What an edit may change; absent fields stay. */
export interface ZoneUpdate {
  readonly name?: string | undefined;
  readonly kind?: ZoneKind | undefined;
  readonly cidrs?: readonly string[] | undefined;
  readonly vlan?: number | null | undefined;
  readonly description?: string | null | undefined;
}

/** @throws WardlineError `WL_CONFLICT` when the new name is taken in the site. */
export async function updateZone(
  db: Kysely<Database>,
  id: string,
  update: ZoneUpdate,
): Promise<Zone | undefined> {
  if (Object.values(update).every((value) => value === undefined)) return getZone(db, id);
  await conflictAsError(
    db
      .updateTable('zones')
      .set({
        ...(update.name === undefined ? {} : { name: update.name }),
        ...(update.kind === undefined ? {} : { kind: update.kind }),
        ...(update.cidrs === undefined ? {} : { cidrs: writeJson(update.cidrs) }),
        ...(update.vlan === undefined ? {} : { vlan: update.vlan }),
        ...(update.description === undefined ? {} : { description: update.description }),
      })
      .where('id', '=', id)
      .execute(),
    `The site already has a zone named ${update.name ?? ''}.`,
  );
  return getZone(db, id);
}

/** Deletes a zone; its assets lose their zone (the foreign key sets it null). */
export async function deleteZone(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await db.deleteFrom('zones').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** What placing an asset in a zone needs: its current IP, VLAN and a zone a source named. */
export interface PlacementInput {
  readonly id: string;
  readonly zoneId: string | null;
  readonly siteId: string | null;
  readonly ip: string | null;
  /** JSON text of the `vlan` fact. */
  readonly vlan: string | null;
  /** JSON text of the `zoneName` fact. */
  readonly zoneName: string | null;
}

/** A page of assets in id order after `afterId`, with what zone placement reads. */
export async function placementInputs(
  db: Kysely<Database>,
  afterId: string,
  limit: number,
): Promise<PlacementInput[]> {
  const rows = await db
    .selectFrom('assets as a')
    .select(['a.id', 'a.zone_id', 'a.site_id'])
    .select((eb) => [
      eb
        .selectFrom('asset_identifiers as i')
        .select('i.value')
        .whereRef('i.asset_id', '=', 'a.id')
        .where('i.kind', '=', 'ip')
        .orderBy('i.last_seen', 'desc')
        .limit(1)
        .as('ip'),
      eb
        .selectFrom('asset_facts as f')
        .select('f.value')
        .whereRef('f.asset_id', '=', 'a.id')
        .where('f.field', '=', 'vlan')
        .as('vlan'),
      eb
        .selectFrom('asset_facts as g')
        .select('g.value')
        .whereRef('g.asset_id', '=', 'a.id')
        .where('g.field', '=', 'zoneName')
        .as('zone_name'),
    ])
    .where('a.id', '>', afterId)
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    zoneId: r.zone_id,
    siteId: r.site_id,
    ip: r.ip,
    vlan: r.vlan,
    zoneName: r.zone_name,
  }));
}

/** Moves assets to new zones (and their zones' sites). */
export async function placeAssets(
  db: Kysely<Database>,
  moves: readonly {
    readonly id: string;
    readonly zoneId: string | null;
    readonly siteId: string | null;
  }[],
): Promise<void> {
  for (const move of moves) {
    await db
      .updateTable('assets')
      .set({ zone_id: move.zoneId, site_id: move.siteId })
      .where('id', '=', move.id)
      .execute();
  }
}

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

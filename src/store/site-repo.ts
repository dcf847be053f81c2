/** Sites: the hospitals and clinics of the organization. */
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import type { Site } from '../domain/inventory.js';
import type { Page } from '../domain/page.js';
import { conflictAsError, toCount } from './db-helpers.js';
import type { Database, SiteTable } from './schema.js';

/** What a caller supplies to create a site. */
export interface NewSite {
  readonly name: string;
  /** Short unique code, e.g. `MAIN`. */
  readonly code: string;
  readonly address?: string | null | undefined;
}

/** @throws WardlineError `WL_CONFLICT` when the code is taken. */
export async function createSite(
  db: Kysely<Database>,
  input: NewSite,
  now: Date = new Date(),
): Promise<Site> {
  const site: Site = {
    id: newId('site', now.getTime()),
    name: input.name,
    code: input.code,
    address: input.address ?? null,
  };
  await conflictAsError(
    db
      .insertInto('sites')
      .values({ ...site, created_at: now.toISOString() })
      .execute(),
    `A site with code ${input.code} already exists.`,
  );
  return site;
}

/** One site, or `undefined`. */
export async function getSite(db: Kysely<Database>, id: string): Promise<Site | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSite(row);
}

/** The site with this code, or `undefined`. */
export async function getSiteByCode(db: Kysely<Database>, code: string): Promise<Site | undefined> {
  const row = await db.selectFrom('sites').selectAll().where('code', '=', code).executeTakeFirst();
  return row === undefined ? undefined : toSite(row);
}

/** Every site, by name; an organization has few. */
export async function listSites(db: Kysely<Database>): Promise<Page<Site>> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('name').orderBy('id').execute();
  return { items: rows.map(toSite), total: rows.length };
}

/** How many sites there are, for the overview. */
export async function countSites(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('sites')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return toCount(row?.n);
}

function toSite(row: Selectable<SiteTable>): Site {
  return { id: row.id, name: row.name, code: row.code, address: row.address };
}

/** Settings: small JSON values by key (organization name, the pending bootstrap token hash, …). */
import type { Kysely } from 'kysely';
import { readJson, writeJson } from './json-columns.js';
import type { Database } from './schema.js';

/** The stored value, parsed, or `undefined` when the key is not set. */
export async function getSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row === undefined ? undefined : readJson(row.value, `settings.${key}`);
}

export async function setSetting(
  db: Kysely<Database>,
  key: string,
  value: unknown,
  now: string,
): Promise<void> {
  const text = writeJson(value);
  await db
    .insertInto('settings')
    .values({ key, value: text, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
    .execute();
}

/** Deletes the key; returns 1 when it existed and 0 otherwise (one of two racing callers wins). */
export async function deleteSetting(db: Kysely<Database>, key: string): Promise<number> {
  const result = await db.deleteFrom('settings').where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows);
}

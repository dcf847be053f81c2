import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { WardlineError } from '../domain/errors.js';
import type { Store } from './database.js';
import * as foundation from './migrations/0001-foundation.js';
import * as inventory from './migrations/0002-inventory.js';
import * as vulnerabilities from './migrations/0003-vulnerabilities.js';
import * as detection from './migrations/0004-detection.js';

/** Migrations in order. A new one is appended here with the next number; none is ever edited. */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-foundation': foundation,
  '0002-inventory': inventory,
  '0003-vulnerabilities': vulnerabilities,
  '0004-detection': detection,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};

export interface MigrationReport {
  readonly applied: readonly string[];
}

/** Brings the schema to the newest version; each migration runs in its own transaction. */
export async function migrateToLatest(store: Store): Promise<MigrationReport> {
  const migrator = new Migrator({
    db: store.db,
    provider,
    ...(store.dialect === 'postgres' ? { migrationTableSchema: await currentSchema(store) } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new WardlineError('WL_STORE_MIGRATION_FAILED', `Migration ${failed} failed.`, {
      cause: error,
    });
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/**
 * The schema this PostgreSQL connection creates tables in. Kysely's migrator, told no schema,
 * takes a `kysely_migration` table in *any* schema of the database as its own; named, it looks in
 * this one only, so several Wardline stores (or other applications) can share a database.
 */
async function currentSchema(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    store.db,
  );
  const schema = rows[0]?.schema;
  if (schema === undefined) {
    throw new WardlineError('WL_STORE_UNAVAILABLE', 'PostgreSQL reports no current schema.');
  }
  return schema;
}

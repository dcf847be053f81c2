/**
 * One store suite, run on every dialect (after kysely's `test/node/src/test-setup.ts`).
 *
 * `describeEachDialect(title, body)` registers `body` once per dialect. Each registration gets its
 * own fresh, migrated store, opened before its tests and removed after them:
 * - SQLite, always: a file in a fresh temporary directory (WAL and all, like production).
 * - PostgreSQL, when `WARDLINE_TEST_DATABASE_URL` is set: a schema `t_<random>` of that database,
 *   selected through the pool's `search_path`, dropped afterwards. Files thus run in parallel.
 *
 * Without the URL the PostgreSQL variant is skipped under a title that says so; when `CI` is set a
 * missing URL is a failing test instead, since CI always has PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { openStore, type Store, type StoreDialect } from '../../src/store/database.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import type { Database } from '../../src/store/schema.js';

export const TEST_DATABASE_URL_VARIABLE = 'WARDLINE_TEST_DATABASE_URL';

/** What a suite body sees; `store` and `db` are available inside hooks and tests only. */
export interface DialectContext {
  readonly dialect: StoreDialect;
  readonly store: Store;
  readonly db: Kysely<Database>;
  /** Empties every Wardline table, keeping the schema. */
  reset(): Promise<void>;
}

export interface DialectSuiteOptions {
  /** Empty every table before each test (default false: tests of a file share the store). */
  readonly resetBeforeEach?: boolean;
}

/** A store for tests, with whatever is needed to throw it away afterwards. */
export interface TestStore {
  readonly store: Store;
  dispose(): Promise<void>;
}

/** Tables in an order that deletes children before parents. */
const TABLES = [
  'incidents',
  'alert_suppressions',
  'alert_history',
  'alerts',
  'log_events',
  'dead_letters',
  'event_sources',
  'detection_rules',
  'vuln_exceptions',
  'finding_events',
  'findings',
  'epss_scores',
  'kev_entries',
  'advisories',
  'feed_diagnostics',
  'feed_snapshots',
  'sessions',
  'passkeys',
  'users',
  'import_diagnostics',
  'imports',
  'flows',
  'sbom_components',
  'sboms',
  'asset_scan_findings',
  'asset_protocols',
  'asset_software',
  'asset_services',
  'asset_observations',
  'asset_facts',
  'asset_sources',
  'asset_identifiers',
  'assets',
  'zones',
  'sites',
  'audit_log',
  'settings',
  'jobs',
  'data_keys',
] as const satisfies readonly (keyof Database)[];

function postgresUrl(): string | undefined {
  const url = process.env[TEST_DATABASE_URL_VARIABLE];
  return url === undefined || url === '' ? undefined : url;
}

/** Opens and migrates a throwaway SQLite file store. */
export async function openSqliteTestStore(): Promise<TestStore> {
  const dir = await mkdtemp(join(tmpdir(), 'wardline-store-'));
  const store = openStore({ sqlitePath: join(dir, 'wardline.db') });
  await migrateToLatest(store);
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Test schemas are named `t_<creation time, base 36>_<random>`; see `dropAbandonedSchemas`. */
const TEST_SCHEMA = /^t_([0-9a-z]+)_[0-9a-f]+$/;
const ABANDONED_AFTER_MS = 6 * 60 * 60 * 1000;

/** Creates a fresh schema in the test database, opens a store on it and migrates it. */
export async function openPostgresTestStore(url: string): Promise<TestStore> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = openStore({ databaseUrl: url, sqlitePath: ':memory:', maxConnections: 1 });
  try {
    await dropAbandonedSchemas(admin.db);
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  } finally {
    await admin.close();
  }
  const store = openStore({ databaseUrl: url, sqlitePath: ':memory:', searchPath: schema });
  const dispose = async () => {
    try {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    } finally {
      await store.close();
    }
  };
  try {
    await migrateToLatest(store);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { store, dispose };
}

/**
 * Drops test schemas created more than six hours ago: a test run that was killed never reached
 * its `afterAll`. No test file runs that long, so a live schema is never touched.
 */
async function dropAbandonedSchemas(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select nspname as name from pg_namespace where nspname like 't\_%'`.execute(db);
  for (const { name } of rows) {
    const created = TEST_SCHEMA.exec(name)?.[1];
    if (created === undefined || Date.now() - parseInt(created, 36) < ABANDONED_AFTER_MS) continue;
    await sql`drop schema if exists ${sql.id(name)} cascade`.execute(db).catch(() => undefined);
  }
}

/** Deletes every row of every Wardline table. */
export async function resetStore(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of TABLES) await trx.deleteFrom(table).execute();
  });
}

function registerSuite(
  dialect: StoreDialect,
  open: () => Promise<TestStore>,
  body: (ctx: DialectContext) => void,
  options: DialectSuiteOptions,
): void {
  let current: TestStore | undefined;
  const store = (): Store => {
    if (current === undefined)
      throw new Error('The test store is open only inside hooks and tests.');
    return current.store;
  };
  const ctx: DialectContext = {
    dialect,
    get store() {
      return store();
    },
    get db() {
      return store().db;
    },
    reset: () => resetStore(store().db),
  };
  beforeAll(async () => {
    current = await open();
  });
  afterAll(async () => {
    await current?.dispose();
    current = undefined;
  });
  if (options.resetBeforeEach === true) beforeEach(() => ctx.reset());
  body(ctx);
}

/** Registers `body` once per dialect, each with its own fresh, migrated store. */
export function describeEachDialect(
  title: string,
  body: (ctx: DialectContext) => void,
  options: DialectSuiteOptions = {},
): void {
  describe(`${title} [SQLite]`, () => {
    registerSuite('sqlite', openSqliteTestStore, body, options);
  });

  const url = postgresUrl();
  if (url !== undefined) {
    describe(`${title} [PostgreSQL]`, () => {
      registerSuite('postgres', () => openPostgresTestStore(url), body, options);
    });
  } else if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    describe(`${title} [PostgreSQL]`, () => {
      it(`needs ${TEST_DATABASE_URL_VARIABLE}: CI always runs the store suites on PostgreSQL`, () => {
        throw new Error(`${TEST_DATABASE_URL_VARIABLE} is not set, and CI is.`);
      });
    });
  } else {
    describe.skip(`${title} [PostgreSQL: skipped, ${TEST_DATABASE_URL_VARIABLE} not set]`, () => {
      registerSuite('postgres', () => Promise.reject(new Error('skipped')), body, options);
    });
  }
}

/**
 * Opens the store: SQLite through better-sqlite3 by default, PostgreSQL when the configured URL
 * starts with `postgres://` or `postgresql://`. Everything above this file sees one `Kysely<Database>`.
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { WardlineError } from '../domain/errors.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface StoreLocation {
  /** `postgres://…` for PostgreSQL; otherwise unused. */
  readonly databaseUrl?: string | undefined;
  /** SQLite file path, or `:memory:`. */
  readonly sqlitePath: string;
  /**
   * PostgreSQL only: the schema every connection uses (`search_path`), so that one database can
   * hold several isolated Wardline stores (the test suites use one schema per file).
   */
  readonly searchPath?: string | undefined;
  /** PostgreSQL only: the most connections the pool opens (default 10). */
  readonly maxConnections?: number | undefined;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** Where the data lives, with any password removed, for logs and `wardline version`. */
  readonly description: string;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export function openStore(location: StoreLocation): Store {
  if (isPostgresUrl(location.databaseUrl)) return openPostgres(location.databaseUrl, location);
  return openSqlite(location.sqlitePath);
}

function openSqlite(path: string): Store {
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path);
  } catch (cause) {
    throw new WardlineError('WL_STORE_UNAVAILABLE', `Cannot open SQLite database at ${path}.`, {
      cause,
    });
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    db,
    dialect: 'sqlite',
    description: `sqlite:${path}`,
    close: () => db.destroy(),
  };
}

/** A schema name safe to splice into a connection option: letters, digits and underscores. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function openPostgres(url: string, location: StoreLocation): Store {
  const { searchPath, maxConnections = 10 } = location;
  if (searchPath !== undefined && !SCHEMA_NAME.test(searchPath)) {
    throw new WardlineError('WL_CONFIG_INVALID', `Invalid PostgreSQL schema name: ${searchPath}.`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    ...(searchPath === undefined ? {} : { options: `-c search_path=${searchPath}` }),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    description:
      searchPath === undefined ? redactUrl(url) : `${redactUrl(url)} (schema ${searchPath})`,
    close: () => db.destroy(),
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

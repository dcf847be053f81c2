/**
 * Opens the store: SQLite through better-sqlite3 by default, PostgreSQL when the configured URL
 * starts with `postgres://` or `postgresql://`. Everything above this file sees one `Kysely<Database>`.
 */
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { WardlineError } from '../domain/errors.js';
import type { Database } from './schema.js';

export type StoreDialect = 'sqlite' | 'postgres';

export interface StoreLocation {
  /** `postgres://…` for PostgreSQL; otherwise unused. */
  readonly databaseUrl?: string | undefined;
  /** SQLite file path, or `:memory:`. */
  readonly sqlitePath: string;
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
  if (isPostgresUrl(location.databaseUrl)) return openPostgres(location.databaseUrl);
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    description: `sqlite:${path}`,
    close: () => db.destroy(),
  };
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    description: redactUrl(url),
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

/**
 * Small helpers every repository uses: transactions that compose, a write lock that serializes
 * concurrent writers on either dialect, counts, and LIKE patterns built from user text.
 */
import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.js';

/** Runs `work` in a transaction, or inside the caller's when `db` already is one. */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** True when `db` talks to PostgreSQL. */
export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Named write locks; each a table written under it, and a PostgreSQL advisory lock number. */
const WRITE_LOCKS = {
  audit_log: { pgKey: 1, column: 'seq' },
  data_keys: { pgKey: 2, column: 'id' },
} as const satisfies Record<string, { pgKey: number; column: string }>;
export type WriteLock = keyof typeof WRITE_LOCKS;

/** The first number of Wardline's two-part advisory locks ('WL'), to stay clear of others. */
const PG_LOCK_CLASS = 0x574c;

/**
 * Serializes writers of one kind until the transaction ends. Call it first in the transaction.
 *
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: a write statement that changes nothing,
 * which takes the database's write lock at once (waiting up to `busy_timeout`); a read first would
 * let another process commit in between and fail the later write with SQLITE_BUSY instead.
 */
export async function lockForWrite(trx: Kysely<Database>, lock: WriteLock): Promise<void> {
  const { pgKey, column } = WRITE_LOCKS[lock];
  if (isPostgres(trx)) {
    await sql`select pg_advisory_xact_lock(${sql.lit(PG_LOCK_CLASS)}, ${sql.lit(pgKey)})`.execute(
      trx,
    );
  } else {
    await sql`update ${sql.table(lock)} set ${sql.ref(column)} = ${sql.ref(column)} where 0 = 1`.execute(
      trx,
    );
  }
}

/** A count as a number; PostgreSQL returns `count(*)` as a bigint string. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** `%text%` for a case-insensitive contains match, with LIKE's wildcards in `text` escaped. */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(column) LIKE pattern ESCAPE '\'`, the same on SQLite and PostgreSQL. */
export function likeLower(column: Expression<unknown>, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${column}) like ${pattern} escape ${'\\'}`;
}

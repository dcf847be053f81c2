/**
 * Small helpers every repository uses: transactions that compose, a write lock that serializes
 * concurrent writers on either dialect, counts, and LIKE patterns built from user text.
 */
import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { WardlineError } from '../domain/errors.js';
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
  assets: { pgKey: 3, column: 'id' },
  advisories: { pgKey: 4, column: 'key' },
  findings: { pgKey: 5, column: 'id' },
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

/** `%text%` for a LIKE contains match, with LIKE's wildcards and the escape character in `text` escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A case-insensitive contains match, the cheap way on each dialect. SQLite: plain LIKE, which
 * already ignores ASCII case as SQLite's `lower()` does (wrapping the column in `lower()` made an
 * asset search over 100k rows three times slower). PostgreSQL: `lower(column) LIKE lower(text)`,
 * a third faster than ILIKE over the same rows.
 */
export function containsInsensitive(
  postgres: boolean,
  column: Expression<unknown>,
  text: string,
): Expression<SqlBool> {
  return postgres
    ? sql<SqlBool>`lower(${column}) like ${containsPattern(text.toLowerCase())} escape ${'\\'}`
    : sql<SqlBool>`${column} like ${containsPattern(text)} escape ${'\\'}`;
}

/** True for a unique or primary key violation, on SQLite (better-sqlite3) or PostgreSQL (pg). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as Error & { code?: unknown };
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Runs an insert or update, turning a unique violation into `WL_CONFLICT` with `message`. */
export async function conflictAsError<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw new WardlineError('WL_CONFLICT', message, { cause: error });
    throw error;
  }
}

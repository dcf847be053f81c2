/**
 * Prepared statements kept across queries. Kysely's SQLite driver calls `prepare` for every query;
 * preparing is a good part of a short query's cost, and an application issues the same few hundred
 * SQL texts over and over. better-sqlite3 statements are reusable, so a bounded cache in front of
 * `prepare` (least recently used out) removes that cost without changing any query.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export const STATEMENT_CACHE_SIZE = 256;

export function withStatementCache(
  database: SQLite.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = statements.get(sql);
      // A statement still iterating (a streamed query) cannot run again; give a fresh one.
      if (cached?.busy === true) return database.prepare(sql);
      if (cached !== undefined) {
        // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) {
        const oldest = statements.keys().next();
        if (oldest.done !== true) statements.delete(oldest.value);
      }
      return statement;
    },
  };
}

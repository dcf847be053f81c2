import SQLite from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { withStatementCache } from './statement-cache.js';

describe('withStatementCache', () => {
  it('prepares each SQL text once and evicts the least recently used beyond its size', () => {
    const sqlite = new SQLite(':memory:');
    const prepare = vi.spyOn(sqlite, 'prepare');
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare('select 1');
    expect(cached.prepare('select 1')).toBe(a);
    cached.prepare('select 2');
    cached.prepare('select 1'); // now most recent
    const c = cached.prepare('select 3'); // evicts `select 2`
    expect(prepare).toHaveBeenCalledTimes(3);
    expect(cached.prepare('select 1')).toBe(a);
    cached.prepare('select 2'); // prepared again; evicts `select 3`
    expect(prepare).toHaveBeenCalledTimes(4);
    expect(cached.prepare('select 3')).not.toBe(c);
    expect(a.all([])).toEqual([{ 1: 1 }]);
    cached.close();
  });
});

/** Paging of every list: `limit` 1–500 (default 50) and `offset`, answered with `{ items, total }`. */

export const DEFAULT_PAGE_LIMIT = 50;
/** The most rows one page may hold. */
export const MAX_PAGE_LIMIT = 500;

/** What a caller asks for; `normalizePage` fills in and clamps. */
export interface PageRequest {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/** One page of a list and the size of the whole list under the same filters. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/**
 * Clamps a request to the allowed range, so a store never runs an unbounded query.
 * @example normalizePage({ limit: 10_000 }) // → { limit: 500, offset: 0 }
 */
export function normalizePage(page: PageRequest = {}): { limit: number; offset: number } {
  const limit = Number.isFinite(page.limit)
    ? Math.trunc(page.limit ?? DEFAULT_PAGE_LIMIT)
    : DEFAULT_PAGE_LIMIT;
  const offset = Number.isFinite(page.offset) ? Math.trunc(page.offset ?? 0) : 0;
  return { limit: Math.min(Math.max(limit, 1), MAX_PAGE_LIMIT), offset: Math.max(offset, 0) };
}

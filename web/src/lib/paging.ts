/** Page arithmetic for the API's `limit`/`offset` lists, with pages numbered from 1. */

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(total / limit));
}

export function pageOfOffset(offset: number, limit: number): number {
  return Math.floor(offset / limit) + 1;
}

export function offsetOfPage(page: number, limit: number): number {
  return Math.max(0, (page - 1) * limit);
}

/** A page size the API accepts (1–500), falling back to the default for anything else. */
export function toPageSize(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 500 ? n : DEFAULT_PAGE_SIZE;
}

/** A non-negative whole offset, or 0. */
export function toOffset(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

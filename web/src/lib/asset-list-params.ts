import type { AssetQuery } from '../api/endpoints';
import { OBSERVATION_SOURCE_KINDS } from '../api/inventory-vocabulary';
import type { AssetSort, ObservationSourceKind, SortOrder } from '../api/types';
import { toOffset, toPageSize } from './paging';

const SORTS: readonly AssetSort[] = ['name', 'category', 'lastSeen', 'criticality'];

/** How recently an asset must have been seen to be listed; '' is any time. */
export type SeenWindow = '' | '24h' | '7d' | '30d';

const HOUR_MS = 3_600_000;
/** Each window's length. */
export const SEEN_WINDOWS: Readonly<Record<Exclude<SeenWindow, ''>, number>> = {
  '24h': 24 * HOUR_MS,
  '7d': 7 * 24 * HOUR_MS,
  '30d': 30 * 24 * HOUR_MS,
};

function isSeenWindow(value: string | null): value is Exclude<SeenWindow, ''> {
  return value !== null && Object.hasOwn(SEEN_WINDOWS, value);
}

function isSourceKind(value: string | null): value is ObservationSourceKind {
  return value !== null && (OBSERVATION_SOURCE_KINDS as readonly string[]).includes(value);
}

/**
 * The asset list's state lives in the URL (`/assets?q=…&zoneId=…&offset=…`), so a filtered view
 * can be bookmarked, shared and returned to with the back button.
 */
export interface AssetListState {
  readonly q: string;
  readonly zoneId: string;
  readonly category: string;
  readonly criticality: string;
  /** Only assets this kind of source reported; '' for any source. */
  readonly source: ObservationSourceKind | '';
  readonly seen: SeenWindow;
  readonly sort: AssetSort;
  readonly order: SortOrder;
  readonly limit: number;
  readonly offset: number;
}

export const DEFAULT_ASSET_LIST: AssetListState = {
  q: '',
  zoneId: '',
  category: '',
  criticality: '',
  source: '',
  seen: '',
  sort: 'name',
  order: 'asc',
  limit: 50,
  offset: 0,
};

function isSort(value: string | null): value is AssetSort {
  return value !== null && (SORTS as readonly string[]).includes(value);
}

export function readAssetList(params: URLSearchParams): AssetListState {
  const sort = params.get('sort');
  const source = params.get('source');
  const seen = params.get('seen');
  return {
    q: params.get('q') ?? '',
    zoneId: params.get('zoneId') ?? '',
    category: params.get('category') ?? '',
    criticality: params.get('criticality') ?? '',
    source: isSourceKind(source) ? source : '',
    seen: isSeenWindow(seen) ? seen : '',
    sort: isSort(sort) ? sort : DEFAULT_ASSET_LIST.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    limit: toPageSize(params.get('limit')),
    offset: toOffset(params.get('offset')),
  };
}

/** Search params for a state, leaving out what equals the default to keep URLs short. */
export function writeAssetList(state: AssetListState): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(DEFAULT_ASSET_LIST) as (keyof AssetListState)[]) {
    const value = state[key];
    if (value !== DEFAULT_ASSET_LIST[key]) params.set(key, String(value));
  }
  return params;
}

/**
 * Applies a change; any change other than paging returns to the first page, since the old
 * offset means nothing in a differently filtered or sorted list.
 */
export function updateAssetList(
  state: AssetListState,
  change: Partial<AssetListState>,
): AssetListState {
  const paging = Object.keys(change).every((key) => key === 'offset');
  return { ...state, ...change, offset: paging ? (change.offset ?? state.offset) : 0 };
}

/** Clicking a column header: a new column sorts ascending, the same column flips the order. */
export function toggleSort(state: AssetListState, sort: AssetSort): AssetListState {
  const order: SortOrder = state.sort === sort && state.order === 'asc' ? 'desc' : 'asc';
  return updateAssetList(state, { sort, order });
}

/**
 * The API query for a state. A "seen within" window becomes an instant counted back from `now`,
 * so callers compute it when they send, not when they render.
 */
export function toAssetQuery(state: AssetListState, now: Date = new Date()): AssetQuery {
  return {
    limit: state.limit,
    offset: state.offset,
    sort: state.sort,
    order: state.order,
    q: state.q.trim() === '' ? undefined : state.q.trim(),
    zoneId: state.zoneId === '' ? undefined : state.zoneId,
    category: state.category === '' ? undefined : state.category,
    criticality: state.criticality === '' ? undefined : state.criticality,
    source: state.source === '' ? undefined : state.source,
    seenSince:
      state.seen === ''
        ? undefined
        : new Date(now.getTime() - SEEN_WINDOWS[state.seen]).toISOString(),
  };
}

import type { AlertQuery, AlertStatus, DetectionLevel } from '../api/detect-types';
import { ALERT_STATUSES, DETECTION_LEVELS } from '../api/detect-vocabulary';
import { DEFAULT_PAGE_SIZE, toOffset, toPageSize } from './paging';

/**
 * The alert queue's state lives in the URL (`/alerts?status=new&level=high`), so a filtered queue
 * can be bookmarked and returned to. The server orders by last seen, newest first.
 */
export interface AlertListState {
  readonly q: string;
  /** Empty: every status. */
  readonly status: AlertStatus | '';
  /** Empty: every level. */
  readonly level: DetectionLevel | '';
  readonly limit: number;
  readonly offset: number;
}

export const DEFAULT_ALERT_LIST: AlertListState = {
  q: '',
  status: '',
  level: '',
  limit: DEFAULT_PAGE_SIZE,
  offset: 0,
};

function oneOf<T extends string>(values: readonly T[], value: string | null): T | '' {
  return (values as readonly (string | null)[]).includes(value) ? (value as T) : '';
}

export function readAlertList(params: URLSearchParams): AlertListState {
  return {
    q: params.get('q') ?? '',
    status: oneOf(ALERT_STATUSES, params.get('status')),
    level: oneOf(DETECTION_LEVELS, params.get('level')),
    limit: toPageSize(params.get('limit')),
    offset: toOffset(params.get('offset')),
  };
}

/** Search params for a state, leaving out what equals the default. */
export function writeAlertList(state: AlertListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  if (state.status !== '') params.set('status', state.status);
  if (state.level !== '') params.set('level', state.level);
  if (state.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(state.limit));
  if (state.offset !== 0) params.set('offset', String(state.offset));
  return params;
}

/** A filter change starts again at the first page; a page change keeps the filters. */
export function updateAlertList(
  state: AlertListState,
  change: Partial<AlertListState>,
): AlertListState {
  const paging = 'offset' in change && Object.keys(change).length === 1;
  return { ...state, ...change, offset: paging ? (change.offset ?? 0) : 0 };
}

/** The API query, with only the filters that are set. */
export function toAlertQuery(state: AlertListState): AlertQuery {
  return {
    limit: state.limit,
    offset: state.offset,
    ...(state.q.trim() === '' ? {} : { q: state.q.trim() }),
    ...(state.status === '' ? {} : { status: state.status }),
    ...(state.level === '' ? {} : { level: state.level }),
  };
}

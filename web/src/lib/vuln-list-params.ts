import type { VulnerabilityQuery } from '../api/endpoints';
import type { SsvcDecision } from '../api/vuln-types';
import { SSVC_DECISIONS } from '../api/vuln-vocabulary';
import { DEFAULT_PAGE_SIZE, toOffset, toPageSize } from './paging';

/**
 * The vulnerability list's state lives in the URL (`/vulnerabilities?kev=1&decision=act,attend`),
 * so a filtered view can be bookmarked and returned to. The server orders by priority.
 */
export interface VulnListState {
  readonly q: string;
  readonly kev: boolean;
  readonly ransomware: boolean;
  readonly overdue: boolean;
  readonly includeClosed: boolean;
  readonly decisions: readonly SsvcDecision[];
  readonly zoneId: string;
  readonly category: string;
  readonly limit: number;
  readonly offset: number;
}

export const DEFAULT_VULN_LIST: VulnListState = {
  q: '',
  kev: false,
  ransomware: false,
  overdue: false,
  includeClosed: false,
  decisions: [],
  zoneId: '',
  category: '',
  limit: DEFAULT_PAGE_SIZE,
  offset: 0,
};

const FLAGS = ['kev', 'ransomware', 'overdue', 'includeClosed'] as const;

function isDecision(value: string): value is SsvcDecision {
  return (SSVC_DECISIONS as readonly string[]).includes(value);
}

/** Known decisions of a comma list, each once, in the domain's order; the rest ignored. */
export function readDecisions(text: string | null): SsvcDecision[] {
  const given = new Set((text ?? '').split(',').map((part) => part.trim()));
  return SSVC_DECISIONS.filter((d) => given.has(d) && isDecision(d));
}

export function readVulnList(params: URLSearchParams): VulnListState {
  return {
    q: params.get('q') ?? '',
    kev: params.get('kev') === '1',
    ransomware: params.get('ransomware') === '1',
    overdue: params.get('overdue') === '1',
    includeClosed: params.get('includeClosed') === '1',
    decisions: readDecisions(params.get('decision')),
    zoneId: params.get('zoneId') ?? '',
    category: params.get('category') ?? '',
    limit: toPageSize(params.get('limit')),
    offset: toOffset(params.get('offset')),
  };
}

/** Search params for a state, leaving out what equals the default. */
export function writeVulnList(state: VulnListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q !== '') params.set('q', state.q);
  for (const flag of FLAGS) if (state[flag]) params.set(flag, '1');
  if (state.decisions.length > 0) params.set('decision', state.decisions.join(','));
  if (state.zoneId !== '') params.set('zoneId', state.zoneId);
  if (state.category !== '') params.set('category', state.category);
  if (state.limit !== DEFAULT_PAGE_SIZE) params.set('limit', String(state.limit));
  if (state.offset !== 0) params.set('offset', String(state.offset));
  return params;
}

/** A filter change starts again at the first page; a page change keeps the filters. */
export function updateVulnList(
  state: VulnListState,
  change: Partial<VulnListState>,
): VulnListState {
  const paging = 'offset' in change && Object.keys(change).length === 1;
  return { ...state, ...change, offset: paging ? (change.offset ?? 0) : 0 };
}

/** The API query: flags only when set, so an unset flag is "either". */
export function toVulnQuery(state: VulnListState): VulnerabilityQuery {
  return {
    limit: state.limit,
    offset: state.offset,
    ...(state.q.trim() === '' ? {} : { q: state.q.trim() }),
    ...(state.kev ? { kev: true } : {}),
    ...(state.ransomware ? { ransomware: true } : {}),
    ...(state.overdue ? { overdue: true } : {}),
    ...(state.includeClosed ? { includeClosed: true } : {}),
    ...(state.decisions.length > 0 ? { decision: state.decisions.join(',') } : {}),
    ...(state.zoneId === '' ? {} : { zoneId: state.zoneId }),
    ...(state.category === '' ? {} : { category: state.category }),
  };
}

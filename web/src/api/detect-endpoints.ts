import type { ApiClient } from './client';
import type {
  Alert,
  AlertDetail,
  AlertQuery,
  AlertStatusChange,
  DeadLetter,
  DetectionRule,
  DetectionRuleText,
  EventSource,
  HuntRequest,
  HuntResult,
  HuntStarted,
  OpenedIncident,
  RuleQuery,
  RuleTestRequest,
  RuleTestResult,
  RuleUploadResult,
  SourceCreate,
  SourceCreated,
  Suppression,
  SuppressionCreate,
} from './detect-types';
import type { Page } from './types';

interface PageQuery {
  readonly limit: number;
  readonly offset: number;
}

const id = (value: string): string => encodeURIComponent(value);

/**
 * One typed function per detection route. Responses are cast, not validated: the server is the
 * same project and its contract is checked by its own tests.
 */
export function createDetectEndpoints(client: ApiClient) {
  const get = (path: string, query?: object) =>
    client.request('GET', path, query === undefined ? {} : { query: { ...query } });
  const post = (path: string, body?: unknown) => client.request('POST', path, { body });

  const alerts = {
    list: async (query: AlertQuery) => (await get('/alerts', query)) as Page<Alert>,
    get: async (alertId: string) => (await get(`/alerts/${id(alertId)}`)) as AlertDetail,
    changeStatus: async (alertId: string, change: AlertStatusChange) =>
      (await post(`/alerts/${id(alertId)}/status`, change)) as Alert,
    openIncident: async (alertId: string) =>
      (await post(`/alerts/${id(alertId)}/incident`, {})) as OpenedIncident,
    suppressions: async () =>
      (await get('/alert-suppressions')) as { readonly items: readonly Suppression[] },
    suppress: async (request: SuppressionCreate) =>
      (await post('/alert-suppressions', request)) as Suppression,
    revokeSuppression: async (suppressionId: string) => {
      await client.request('DELETE', `/alert-suppressions/${id(suppressionId)}`);
    },
  };

  const rules = {
    list: async (query: RuleQuery) => (await get('/detection-rules', query)) as Page<DetectionRule>,
    get: async (ruleId: string) =>
      (await get(`/detection-rules/${id(ruleId)}`)) as DetectionRuleText,
    upload: async (yaml: string) => (await post('/detection-rules', { yaml })) as RuleUploadResult,
    setEnabled: async (ruleId: string, enabled: boolean) =>
      (await post(`/detection-rules/${id(ruleId)}/enabled`, { enabled })) as DetectionRule,
    test: async (request: RuleTestRequest) =>
      (await post('/detection-rules/test', request)) as RuleTestResult,
  };

  const sources = {
    list: async () => (await get('/event-sources')) as { readonly items: readonly EventSource[] },
    create: async (request: SourceCreate) =>
      (await post('/event-sources', request)) as SourceCreated,
    deadLetters: async (sourceId: string, query: PageQuery) =>
      (await get(`/event-sources/${id(sourceId)}/dead-letters`, query)) as Page<DeadLetter>,
  };

  const hunts = {
    start: async (request: HuntRequest) => (await post('/hunts', request)) as HuntStarted,
    result: async (jobId: string) => (await get(`/hunts/${id(jobId)}`)) as HuntResult,
  };

  return { alerts, rules, sources, hunts };
}

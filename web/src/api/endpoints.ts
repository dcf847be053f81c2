import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { isApiError } from './api-error';
import type { ApiClient } from './client';
import { createDetectEndpoints } from './detect-endpoints';
import type {
  AssetDetail,
  AssetEdit,
  AssetSort,
  AssetSummary,
  AuditEntry,
  AuditOutcome,
  AuditVerification,
  BootstrapRequest,
  BootstrapStatus,
  Communication,
  CommunicationMap,
  ImportDiagnostic,
  ImportKind,
  ImportSummary,
  ImportUpload,
  Job,
  LoginRequest,
  ObservationSourceKind,
  ApplicationProtocol,
  Overview,
  Page,
  Passkey,
  PasswordChange,
  ProvenanceEntry,
  SecondFactorRequest,
  SessionInfo,
  Site,
  SortOrder,
  TemporaryPassword,
  TotpConfirmation,
  TotpEnrollment,
  User,
  UserCreate,
  UserCreated,
  UserUpdate,
  Zone,
  ZoneCreate,
  ZoneFields,
} from './types';
import type {
  ExceptionCreate,
  FeedFileResult,
  FeedStatus,
  Finding,
  FindingHistoryEntry,
  PatchPolicy,
  SlaDashboard,
  StatusChangeRequest,
  SyncFeed,
  VulnerabilityDetail,
  VulnerabilitySummary,
  VulnException,
} from './vuln-types';

export interface PageQuery {
  readonly limit: number;
  readonly offset: number;
}

export interface AssetQuery extends PageQuery {
  readonly sort?: AssetSort;
  readonly order?: SortOrder;
  readonly q?: string;
  readonly zoneId?: string;
  readonly category?: string;
  readonly criticality?: string;
  readonly source?: ObservationSourceKind;
  /** ISO 8601 instant: only assets seen since then. */
  readonly seenSince?: string;
}

export interface ImportQuery extends PageQuery {
  readonly kind?: ImportKind;
}

export interface MapQuery {
  readonly zoneId?: string;
  readonly protocol?: ApplicationProtocol;
}

export interface AuditQuery extends PageQuery {
  readonly action?: string;
  readonly actor?: string;
  readonly outcome?: AuditOutcome;
  /** ISO 8601 instants. */
  readonly from?: string;
  readonly to?: string;
}

/** `GET /vulnerabilities`; lists (decisions) are comma-separated. */
export interface VulnerabilityQuery extends PageQuery {
  readonly kev?: boolean;
  readonly ransomware?: boolean;
  readonly decision?: string;
  readonly zoneId?: string;
  readonly category?: string;
  readonly overdue?: boolean;
  readonly includeClosed?: boolean;
  readonly q?: string;
}

export type FindingSort = 'priority' | 'dueAt' | 'firstSeen' | 'asset' | 'vulnerability';

/** `GET /findings`; lists (statuses, decisions) are comma-separated. */
export interface FindingQuery extends PageQuery {
  readonly assetId?: string;
  readonly vulnId?: string;
  readonly status?: string;
  readonly decision?: string;
  readonly kev?: boolean;
  readonly ransomware?: boolean;
  readonly overdue?: boolean;
  readonly zoneId?: string;
  readonly category?: string;
  readonly q?: string;
  readonly sort?: FindingSort;
}

const id = (value: string): string => encodeURIComponent(value);

/**
 * One typed function per route of docs/api.md. Responses are cast, not validated: the server is
 * the same project and its contract is checked by its own tests.
 */
export function createEndpoints(client: ApiClient) {
  const get = (path: string, query?: object) =>
    client.request('GET', path, query === undefined ? {} : { query: { ...query } });
  const post = (path: string, body?: unknown, credentialCheck = false) =>
    client.request('POST', path, { body, credentialCheck });
  const patch = (path: string, body: unknown) => client.request('PATCH', path, { body });
  const put = (path: string, body: unknown) => client.request('PUT', path, { body });
  const remove = (path: string) => client.request('DELETE', path);

  const auth = {
    bootstrapStatus: async () => (await get('/bootstrap')) as BootstrapStatus,
    bootstrap: async (request: BootstrapRequest) =>
      (await post('/bootstrap', request, true)) as SessionInfo,
    login: async (request: LoginRequest) =>
      (await post('/auth/login', request, true)) as SessionInfo,
    /** The current session, or null when there is none. */
    session: async (): Promise<SessionInfo | null> => {
      try {
        return (
          ((await client.request('GET', '/auth/session', { reactToAuth: false })) as
            SessionInfo | undefined) ?? null
        );
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    secondFactor: async (request: SecondFactorRequest) =>
      (await post('/auth/totp', request, true)) as SessionInfo,
    passkeyOptions: async () =>
      (await post('/auth/passkey/options')) as PublicKeyCredentialRequestOptionsJSON,
    passkeyVerify: async (response: AuthenticationResponseJSON) =>
      (await post('/auth/passkey/verify', { response }, true)) as SessionInfo,
    /** Without a password at first enrollment; replacing an authenticator needs the current one. */
    enrollTotp: async (currentPassword?: string) =>
      (currentPassword === undefined
        ? await post('/auth/enroll/totp')
        : await post('/auth/enroll/totp', { currentPassword }, true)) as TotpEnrollment,
    confirmTotp: async (code: string) =>
      (await post('/auth/enroll/totp/confirm', { code }, true)) as TotpConfirmation,
    logout: async () => (await post('/auth/logout')) as { ok: true },
    logoutAll: async () => (await post('/auth/logout-all')) as { ended: number },
  };

  const me = {
    passkeyOptions: async (currentPassword: string) =>
      (await post(
        '/me/passkeys/options',
        { currentPassword },
        true,
      )) as PublicKeyCredentialCreationOptionsJSON,
    registerPasskey: async (name: string, response: RegistrationResponseJSON) =>
      (await post('/me/passkeys', { name, response }, true)) as Passkey,
    changePassword: async (request: PasswordChange) =>
      (await post('/me/password', request, true)) as { ok: true },
  };

  const users = {
    list: async (query: PageQuery) => (await get('/users', query)) as Page<User>,
    create: async (request: UserCreate) => (await post('/users', request)) as UserCreated,
    update: async (userId: string, request: UserUpdate) =>
      (await patch(`/users/${id(userId)}`, request)) as User,
    resetMfa: async (userId: string) => (await post(`/users/${id(userId)}/reset-mfa`)) as User,
    unlock: async (userId: string) => (await post(`/users/${id(userId)}/unlock`)) as User,
    resetPassword: async (userId: string) =>
      (await post(`/users/${id(userId)}/reset-password`)) as TemporaryPassword,
  };

  const audit = {
    list: async (query: AuditQuery) => (await get('/audit', query)) as Page<AuditEntry>,
    verify: async () => (await get('/audit/verify')) as AuditVerification,
  };

  const inventory = {
    overview: async () => (await get('/overview')) as Overview,
    sites: async () => (await get('/sites')) as Page<Site>,
    zones: async (siteId?: string) => (await get('/zones', { siteId })) as Page<Zone>,
    assets: async (query: AssetQuery) => (await get('/assets', query)) as Page<AssetSummary>,
    asset: async (assetId: string) => (await get(`/assets/${id(assetId)}`)) as AssetDetail,
    /** Sets and clears overrides; answers with the asset as it now stands. */
    editAsset: async (assetId: string, edit: AssetEdit) =>
      (await patch(`/assets/${id(assetId)}`, edit)) as AssetDetail,
    provenance: async (assetId: string, query: PageQuery) =>
      (await get(`/assets/${id(assetId)}/provenance`, query)) as Page<ProvenanceEntry>,
    communications: async (assetId: string) =>
      (await get(`/assets/${id(assetId)}/communications`)) as Communication[],
    map: async (query: MapQuery) => (await get('/map', query)) as CommunicationMap,
    createZone: async (zone: ZoneCreate) => (await post('/zones', zone)) as Zone,
    updateZone: async (zoneId: string, zone: Partial<ZoneFields>) =>
      (await patch(`/zones/${id(zoneId)}`, zone)) as Zone,
    deleteZone: async (zoneId: string) => (await remove(`/zones/${id(zoneId)}`)) as { ok: true },
  };

  const imports = {
    /** Sends the file as raw bytes; the server answers at once with the job that reads it. */
    upload: async (upload: ImportUpload, file: Blob) =>
      (await client.request('POST', '/imports', { query: { ...upload }, file })) as Job,
    list: async (query: ImportQuery) => (await get('/imports', query)) as Page<ImportSummary>,
    get: async (importId: string) => (await get(`/imports/${id(importId)}`)) as ImportSummary,
    diagnostics: async (importId: string, query: PageQuery) =>
      (await get(`/imports/${id(importId)}/diagnostics`, query)) as Page<ImportDiagnostic>,
  };

  const jobs = {
    get: async (jobId: string) => (await get(`/jobs/${id(jobId)}`)) as Job,
    cancel: async (jobId: string) => (await post(`/jobs/${id(jobId)}/cancel`)) as Job,
  };

  const vulns = {
    list: async (query: VulnerabilityQuery) =>
      (await get('/vulnerabilities', query)) as Page<VulnerabilitySummary>,
    get: async (vulnId: string) =>
      (await get(`/vulnerabilities/${id(vulnId)}`)) as VulnerabilityDetail,
    findings: async (query: FindingQuery) => (await get('/findings', query)) as Page<Finding>,
    finding: async (findingId: string) => (await get(`/findings/${id(findingId)}`)) as Finding,
    history: async (findingId: string) =>
      (await get(`/findings/${id(findingId)}/history`)) as FindingHistoryEntry[],
    changeStatus: async (findingId: string, change: StatusChangeRequest) =>
      (await post(`/findings/${id(findingId)}/status`, change)) as Finding,
    exceptions: async (assetId?: string) =>
      (await get('/vuln-exceptions', { assetId })) as VulnException[],
    createException: async (exception: ExceptionCreate) =>
      (await post('/vuln-exceptions', exception)) as VulnException,
    revokeException: async (exceptionId: string) =>
      (await remove(`/vuln-exceptions/${id(exceptionId)}`)) as { ok: true },
    policy: async () => (await get('/patch-policy')) as PatchPolicy,
    setPolicy: async (policy: PatchPolicy) => (await put('/patch-policy', policy)) as PatchPolicy,
    dashboard: async () => (await get('/vuln-dashboard')) as SlaDashboard,
  };

  const feeds = {
    statuses: async () => (await get('/feeds')) as FeedStatus[],
    /** One feed file as raw bytes; the server recognizes the feed from its name and content. */
    upload: async (fileName: string, file: Blob) =>
      (await client.request('POST', '/feeds/files', {
        query: { fileName },
        file,
      })) as FeedFileResult,
    sync: async (only?: readonly SyncFeed[]) =>
      (await post('/feeds/sync', only === undefined ? {} : { only })) as Job,
  };

  const detect = createDetectEndpoints(client);

  return { auth, me, users, audit, inventory, imports, jobs, vulns, feeds, detect };
}

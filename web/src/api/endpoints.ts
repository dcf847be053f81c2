import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { isApiError } from './api-error';
import type { ApiClient } from './client';
import type {
  Asset,
  AssetSort,
  AssetSummary,
  AuditEntry,
  AuditOutcome,
  AuditVerification,
  BootstrapRequest,
  BootstrapStatus,
  LoginRequest,
  Overview,
  Page,
  Passkey,
  PasswordChange,
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
} from './types';

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
}

export interface AuditQuery extends PageQuery {
  readonly action?: string;
  readonly actor?: string;
  readonly outcome?: AuditOutcome;
  /** ISO 8601 instants. */
  readonly from?: string;
  readonly to?: string;
}

const id = (value: string): string => encodeURIComponent(value);

/**
 * One typed function per route of docs/api.md. Responses are cast, not validated: the server is
 * the same project and its contract is checked by its own tests.
 */
export function createEndpoints(client: ApiClient) {
  const get = (path: string, query?: AssetQuery | AuditQuery | PageQuery | { siteId?: string }) =>
    client.request('GET', path, query === undefined ? {} : { query: { ...query } });
  const post = (path: string, body?: unknown, credentialCheck = false) =>
    client.request('POST', path, { body, credentialCheck });
  const patch = (path: string, body: unknown) => client.request('PATCH', path, { body });

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
    asset: async (assetId: string) => (await get(`/assets/${id(assetId)}`)) as Asset,
  };

  return { auth, me, users, audit, inventory };
}

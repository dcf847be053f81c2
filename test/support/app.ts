/**
 * The test vocabulary for the API: build a real app on a real store, and act as a user who signed
 * in the way a browser does (password, then TOTP enrollment or a TOTP code).
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type WardlineApp } from '../../src/server/app.js';
import { SESSION_COOKIE } from '../../src/server/access.js';
import { currentTotp } from '../../src/services/auth/totp.js';
import { SYSTEM_ACTOR, type ServiceSettings } from '../../src/services/context.js';
import { createServices, type Services } from '../../src/services/services.js';
import type { Role } from '../../src/domain/roles.js';
import type { Store } from '../../src/store/database.js';
import { generateMasterKey } from '../../src/store/master-key.js';
import { openKeyring } from '../../src/store/sealing.js';

/** scrypt at a cost tests can afford; production uses N=2^17. */
export const FAST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 } as const;

export const TEST_SETTINGS: ServiceSettings = {
  origin: 'https://localhost:8443',
  sessionIdleMinutes: 30,
  sessionAbsoluteMinutes: 720,
  maxFailedLogins: 5,
  lockMinutes: 15,
  bootstrapTokenMinutes: 60,
  passwordCost: FAST_PASSWORD_COST,
};

export interface TestApp extends WardlineApp {
  readonly services: Services;
  /** Moves the services' clock; starts at the real time. */
  advanceClock(ms: number): void;
  close(): Promise<void>;
}

export async function startTestApp(
  store: Store,
  options: { settings?: Partial<ServiceSettings>; signInRatePerMinute?: number } = {},
): Promise<TestApp> {
  const keyring = await openKeyring(store, generateMasterKey());
  let offset = 0;
  const services = createServices({
    db: store.db,
    keyring,
    clock: () => new Date(Date.now() + offset),
    settings: { ...TEST_SETTINGS, ...options.settings },
  });
  const built = await buildApp({ services, signInRatePerMinute: options.signInRatePerMinute ?? 100_000 });
  return {
    ...built,
    services,
    advanceClock: (ms) => {
      offset += ms;
    },
    close: () => built.app.close(),
  };
}

/** A browser's view of one session: its cookie and CSRF token. */
export class ApiClient {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie !== undefined ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
        ...(this.csrf !== undefined && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    this.remember(response);
    return response;
  }

  /** Keeps the session cookie and CSRF token the server hands out, as a browser would. */
  private remember(response: LightMyRequestResponse): void {
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (cookie !== undefined) this.cookie = cookie.value === '' ? undefined : cookie.value;
    if (response.statusCode !== 200 || !String(response.headers['content-type']).includes('json')) return;
    const body = response.json<Record<string, unknown>>();
    const session = (body['session'] ?? body) as { csrfToken?: unknown };
    if (typeof session.csrfToken === 'string') this.csrf = session.csrfToken;
  }
}

export interface SignedInUser {
  readonly client: ApiClient;
  readonly userId: string;
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
}

let counter = 0;

/** Creates a user with `roles` and signs them in through the API, enrolling TOTP on the way. */
export async function signInAs(t: TestApp, roles: readonly Role[]): Promise<SignedInUser> {
  counter += 1;
  const username = `${roles.join('-')}-${counter}`;
  const { user, temporaryPassword } = await t.services.users.create(SYSTEM_ACTOR, { username, displayName: username, roles });
  const client = new ApiClient(t.app);
  expectOk(await client.request('POST', '/api/v1/auth/login', { username, password: temporaryPassword }));
  const enrollment = expectOk(await client.request('POST', '/api/v1/auth/enroll/totp'));
  const secret = (enrollment.json<{ secret: string }>()).secret;
  expectOk(await client.request('POST', '/api/v1/auth/enroll/totp/confirm', { code: currentTotp(secret) }));
  return { client, userId: user.id, username, password: temporaryPassword, totpSecret: secret };
}

export function expectOk(response: LightMyRequestResponse): LightMyRequestResponse {
  if (response.statusCode !== 200) {
    throw new Error(`Expected 200, got ${response.statusCode}: ${response.body}`);
  }
  return response;
}

/**
 * The test vocabulary for the API: build a real app on a real store, and act as a user who signed
 * in the way a browser does (password, then TOTP enrollment or a TOTP code).
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions, type WardlineApp } from '../../src/server/app.js';
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
  /** The services' clock, for TOTP codes that must match the server's time. */
  now(): Date;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly settings?: Partial<ServiceSettings>;
  readonly signInRatePerMinute?: number;
  readonly metricsToken?: string;
  /** Where pino writes, to inspect the log; with `logLevel`, which defaults to silent. */
  readonly logStream?: AppOptions['logStream'];
  readonly logLevel?: string;
}

export async function startTestApp(store: Store, options: TestAppOptions = {}): Promise<TestApp> {
  const keyring = await openKeyring(store, generateMasterKey());
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const services = createServices({
    db: store.db,
    keyring,
    clock: now,
    settings: { ...TEST_SETTINGS, ...options.settings },
  });
  const built = await buildApp({
    services,
    signInRatePerMinute: options.signInRatePerMinute ?? 100_000,
    metricsToken: options.metricsToken,
    logStream: options.logStream,
    ...(options.logLevel !== undefined ? { logLevel: options.logLevel } : {}),
  });
  return {
    ...built,
    services,
    advanceClock: (ms) => {
      offset += ms;
    },
    now,
    close: () => built.app.close(),
  };
}

/** A browser's view of one session: its cookie and CSRF token. */
export class ApiClient {
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
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
    if (response.statusCode !== 200 || !String(response.headers['content-type']).includes('json'))
      return;
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
  /** The ten single-use codes shown once at enrollment. */
  readonly recoveryCodes: readonly string[];
}

let counter = 0;

/**
 * Creates a user with `roles` and signs them in through the API as a new user does: temporary
 * password, TOTP enrollment, then a password of their own.
 */
export async function signInAs(t: TestApp, roles: readonly Role[]): Promise<SignedInUser> {
  counter += 1;
  const username = `${roles.join('-')}-${counter}`;
  const { user, temporaryPassword } = await t.services.users.create(SYSTEM_ACTOR, {
    username,
    displayName: username,
    roles,
  });
  const client = new ApiClient(t.app);
  expectOk(
    await client.request('POST', '/api/v1/auth/login', { username, password: temporaryPassword }),
  );
  const enrollment = expectOk(await client.request('POST', '/api/v1/auth/enroll/totp'));
  const secret = enrollment.json<{ secret: string }>().secret;
  const confirmed = expectOk(
    await client.request('POST', '/api/v1/auth/enroll/totp/confirm', {
      code: currentTotp(secret, t.now()),
    }),
  );
  const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
  const password = `own passphrase of ${username}`;
  expectOk(
    await client.request('POST', '/api/v1/me/password', {
      currentPassword: temporaryPassword,
      newPassword: password,
    }),
  );
  return {
    client,
    userId: user.id,
    username,
    password,
    totpSecret: secret,
    recoveryCodes,
  };
}

/** One TOTP time step; a code is accepted once, so a second sign-in waits for the next step. */
export const TOTP_STEP_MS = 30_000;

/** Signs `user` in again in a new client: password, then the TOTP code of the next time step. */
export async function signInAgain(t: TestApp, user: SignedInUser): Promise<ApiClient> {
  t.advanceClock(TOTP_STEP_MS);
  const client = new ApiClient(t.app);
  expectOk(
    await client.request('POST', '/api/v1/auth/login', {
      username: user.username,
      password: user.password,
    }),
  );
  expectOk(
    await client.request('POST', '/api/v1/auth/totp', {
      code: currentTotp(user.totpSecret, t.now()),
    }),
  );
  return client;
}

/** A client that presents `token` as its session cookie, e.g. a token that should be dead. */
export function clientWithToken(t: TestApp, token: string | undefined): ApiClient {
  const client = new ApiClient(t.app);
  client.cookie = token;
  return client;
}

/** The status and error code of a response, for one `toEqual` that shows both on failure. */
export function failureOf(response: LightMyRequestResponse): {
  status: number;
  code: string | undefined;
} {
  const body = response.json<{ error?: { code?: string } }>();
  return { status: response.statusCode, code: body.error?.code };
}

export function expectOk(response: LightMyRequestResponse): LightMyRequestResponse {
  if (response.statusCode !== 200) {
    throw new Error(`Expected 200, got ${response.statusCode}: ${response.body}`);
  }
  return response;
}

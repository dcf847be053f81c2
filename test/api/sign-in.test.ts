/**
 * Signing in through the API, on every store: the first-run bootstrap, passwords and lockout, the
 * second factor (TOTP and recovery codes, each usable once) and the per-IP rate limit. Each test
 * makes its own users, so the tests of a suite share one store.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../../src/domain/session.js';
import type { SecondFactorInput } from '../../src/services/auth/sign-in.js';
import { currentTotp } from '../../src/services/auth/totp.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import {
  ApiClient,
  TEST_SETTINGS,
  TOTP_STEP_MS,
  clientWithToken,
  expectOk,
  failureOf,
  signInAs,
  signInAgain,
  startTestApp,
  type SignedInUser,
  type TestApp,
} from '../support/app.js';
import { describeEachDialect, openSqliteTestStore, type TestStore } from '../support/stores.js';

const MINUTE_MS = 60_000;
const STRONG_PASSWORD = 'a long and unusual passphrase';

function login(client: ApiClient, username: string, password: string) {
  return client.request('POST', '/api/v1/auth/login', { username, password });
}

/** A user with TOTP enrolled whose sessions are all signed out, and a fresh TOTP step. */
async function enrolledUser(t: TestApp): Promise<SignedInUser> {
  const user = await signInAs(t, ['security-analyst']);
  t.advanceClock(TOTP_STEP_MS);
  return user;
}

describeEachDialect('bootstrap', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ctx.store);
  });
  afterAll(() => t.close());

  const bootstrap = (client: ApiClient, token: string, password = STRONG_PASSWORD) =>
    client.request('POST', '/api/v1/bootstrap', {
      token,
      username: 'first-admin',
      displayName: 'First Admin',
      password,
    });

  it('creates the first admin once, with a token that is right and fresh and a strong password', async () => {
    const anonymous = new ApiClient(t.app);
    expect(expectOk(await anonymous.request('GET', '/api/v1/bootstrap')).json()).toEqual({
      needed: true,
    });

    const stale = await t.services.auth.issueBootstrapToken();
    expect(stale).not.toBeNull();
    t.advanceClock(TEST_SETTINGS.bootstrapTokenMinutes * MINUTE_MS + 1000);
    expect(failureOf(await bootstrap(anonymous, stale!.token))).toEqual({
      status: 401,
      code: 'WL_BOOTSTRAP_TOKEN_INVALID',
    });

    const issued = await t.services.auth.issueBootstrapToken();
    const token = issued!.token;
    expect(failureOf(await bootstrap(anonymous, `${token}x`))).toEqual({
      status: 401,
      code: 'WL_BOOTSTRAP_TOKEN_INVALID',
    });
    // The replaced token no longer works either.
    expect(failureOf(await bootstrap(anonymous, stale!.token)).code).toBe(
      'WL_BOOTSTRAP_TOKEN_INVALID',
    );
    for (const weak of ['short', 'password1234']) {
      expect(failureOf(await bootstrap(anonymous, token, weak))).toEqual({
        status: 400,
        code: 'WL_AUTH_PASSWORD_WEAK',
      });
    }
    expect(anonymous.cookie).toBeUndefined();

    const admin = new ApiClient(t.app);
    const created = expectOk(await bootstrap(admin, token)).json<{
      stage: string;
      user: { roles: string[] };
    }>();
    expect(created.stage).toBe('enroll');
    expect(created.user.roles).toEqual(['admin']);
    expect(admin.cookie).toBeDefined();

    // Until a second factor is enrolled, the admin can enroll and nothing else.
    expect(failureOf(await admin.request('GET', '/api/v1/users'))).toEqual({
      status: 403,
      code: 'WL_AUTH_ENROLLMENT_REQUIRED',
    });
    expect(failureOf(await admin.request('GET', '/api/v1/audit')).code).toBe(
      'WL_AUTH_ENROLLMENT_REQUIRED',
    );
    expectOk(await admin.request('POST', '/api/v1/auth/enroll/totp'));

    expect(failureOf(await bootstrap(new ApiClient(t.app), token))).toEqual({
      status: 409,
      code: 'WL_BOOTSTRAP_CLOSED',
    });
    expect(await t.services.auth.issueBootstrapToken()).toBeNull();
    expect(expectOk(await anonymous.request('GET', '/api/v1/bootstrap')).json()).toEqual({
      needed: false,
    });
  });
});

describeEachDialect('password and lockout', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ctx.store);
  });
  afterAll(() => t.close());

  const { maxFailedLogins, lockMinutes } = TEST_SETTINGS;

  it('answers a wrong password and an unknown user alike', async () => {
    const user = await enrolledUser(t);
    const client = new ApiClient(t.app);
    const wrong = await login(client, user.username, 'not the password at all');
    const unknown = await login(client, 'nobody-by-this-name', 'not the password at all');
    expect(failureOf(wrong)).toEqual({ status: 401, code: 'WL_AUTH_INVALID_CREDENTIALS' });
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.json()).toEqual(wrong.json());
    expect(client.cookie).toBeUndefined();
  });

  it('locks the account after repeated wrong passwords, even against the right one, until the lock ends, answering as for any wrong password', async () => {
    const user = await enrolledUser(t);
    const client = new ApiClient(t.app);
    for (let i = 1; i < maxFailedLogins; i++) {
      expect(failureOf(await login(client, user.username, `wrong password ${i}`)).code).toBe(
        'WL_AUTH_INVALID_CREDENTIALS',
      );
    }
    const lastWrong = await login(client, user.username, 'wrong password last');
    expect(failureOf(lastWrong)).toEqual({ status: 401, code: 'WL_AUTH_INVALID_CREDENTIALS' });
    // Locked: the right password is refused, and the answer is the same as for a stranger's guess.
    const rightWhileLocked = await login(client, user.username, user.password);
    expect(rightWhileLocked.json()).toEqual(lastWrong.json());
    const stranger = await login(client, 'nobody-by-this-name', 'anything at all here');
    expect(stranger.json()).toEqual(rightWhileLocked.json());
    const locked = await t.services.audit.list({ action: 'login.password', outcome: 'failure' });
    expect(
      locked.items.some((e) => e.actorId === user.userId && e.details['reason'] === 'locked'),
    ).toBe(true);

    t.advanceClock(lockMinutes * MINUTE_MS - 5000);
    expect(failureOf(await login(client, user.username, user.password)).code).toBe(
      'WL_AUTH_INVALID_CREDENTIALS',
    );
    t.advanceClock(10_000);
    // The lock has run out: a slip of the finger is one failure, not a new lock.
    expect(failureOf(await login(client, user.username, 'one more typo')).code).toBe(
      'WL_AUTH_INVALID_CREDENTIALS',
    );
    const session = expectOk(await login(client, user.username, user.password));
    expect(session.json<{ stage: string }>().stage).toBe('password');
  });

  it('counts wrong passwords sent at the same time, each one', async () => {
    const user = await enrolledUser(t);
    const attempts = Array.from({ length: maxFailedLogins * 2 }, (_, i) =>
      login(new ApiClient(t.app), user.username, `parallel guess ${i}`),
    );
    const codes = (await Promise.all(attempts)).map((r) => failureOf(r).code);
    expect(codes.every((c) => c === 'WL_AUTH_INVALID_CREDENTIALS')).toBe(true);
    // Every guess counted: the account is locked, so even the right password is refused.
    expect(failureOf(await login(new ApiClient(t.app), user.username, user.password)).code).toBe(
      'WL_AUTH_INVALID_CREDENTIALS',
    );
  });

  it('counts wrong second factors toward the same lock and ends the half-signed-in session', async () => {
    const user = await enrolledUser(t);
    const client = new ApiClient(t.app);
    // Wrong passwords and wrong codes add up.
    expect(failureOf(await login(client, user.username, 'wrong password')).code).toBe(
      'WL_AUTH_INVALID_CREDENTIALS',
    );
    expectOk(await login(client, user.username, user.password));
    const halfway = client.cookie;
    for (let i = 2; i < maxFailedLogins; i++) {
      expect(
        failureOf(await client.request('POST', '/api/v1/auth/totp', { code: '000000' })),
      ).toEqual({ status: 401, code: 'WL_AUTH_INVALID_CREDENTIALS' });
    }
    expect(
      failureOf(
        await client.request('POST', '/api/v1/auth/totp', { recoveryCode: 'zzzz-zzzz-zzzz' }),
      ),
    ).toEqual({ status: 423, code: 'WL_AUTH_LOCKED' });
    expect(
      failureOf(await clientWithToken(t, halfway).request('GET', '/api/v1/auth/session')).status,
    ).toBe(401);
    expect(failureOf(await login(client, user.username, user.password)).code).toBe(
      'WL_AUTH_INVALID_CREDENTIALS',
    );
  });

  it('starts counting afresh after a successful sign-in, including one that enrolls TOTP', async () => {
    const created = await t.services.users.create(SYSTEM_ACTOR, {
      username: 'fresh-count',
      displayName: 'Fresh Count',
      roles: ['auditor'],
    });
    const { username } = created.user;
    const password = created.temporaryPassword;
    const client = new ApiClient(t.app);
    const failTimes = async (n: number) => {
      for (let i = 0; i < n; i++) {
        expect(failureOf(await login(client, username, `typo ${i}`)).code).toBe(
          'WL_AUTH_INVALID_CREDENTIALS',
        );
      }
    };
    await failTimes(maxFailedLogins - 1);
    expectOk(await login(client, username, password));
    const { secret } = expectOk(await client.request('POST', '/api/v1/auth/enroll/totp')).json<{
      secret: string;
    }>();
    expectOk(
      await client.request('POST', '/api/v1/auth/enroll/totp/confirm', {
        code: currentTotp(secret, t.now()),
      }),
    );
    await failTimes(maxFailedLogins - 1);

    t.advanceClock(TOTP_STEP_MS);
    expectOk(await login(client, username, password));
    expectOk(
      await client.request('POST', '/api/v1/auth/totp', { code: currentTotp(secret, t.now()) }),
    );
    await failTimes(maxFailedLogins - 1);
  });

  it('refuses a disabled user and ends their open sessions at once', async () => {
    const admin = await signInAs(t, ['admin']);
    const user = await signInAs(t, ['clinical-engineer']);
    expectOk(await user.client.request('GET', '/api/v1/overview'));
    expectOk(
      await admin.client.request('PATCH', `/api/v1/users/${user.userId}`, { disabled: true }),
    );
    expect(failureOf(await user.client.request('GET', '/api/v1/overview'))).toEqual({
      status: 401,
      code: 'WL_AUTH_REQUIRED',
    });
    expect(failureOf(await login(new ApiClient(t.app), user.username, user.password))).toEqual({
      status: 403,
      code: 'WL_AUTH_DISABLED',
    });
  });

  it('refuses the session of a user disabled behind the service, sessions left in place', async () => {
    const user = await signInAs(t, ['clinical-engineer']);
    await sql`update users set disabled = 1 where id = ${user.userId}`.execute(ctx.db);
    expect(failureOf(await user.client.request('GET', '/api/v1/overview')).status).toBe(401);
  });
});

describeEachDialect('second factor', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ctx.store);
  });
  afterAll(() => t.close());

  async function atPasswordStage(user: SignedInUser): Promise<ApiClient> {
    const client = new ApiClient(t.app);
    const response = expectOk(await login(client, user.username, user.password));
    expect(response.json<{ stage: string }>().stage).toBe('password');
    return client;
  }

  /**
   * Checks one second factor in three sessions at once, through the service: requests through
   * inject() on SQLite run one after another, so only this reaches the window between reading
   * the user's last TOTP step (or remaining codes) and writing it.
   */
  async function raceSecondFactor(user: SignedInUser, input: SecondFactorInput) {
    const contexts: AuthContext[] = [];
    for (let i = 0; i < 3; i++) {
      const client = await atPasswordStage(user);
      const auth = await t.services.auth.resolve(client.cookie!, { ip: '192.0.2.1' });
      contexts.push(auth!);
    }
    const client = { ip: '192.0.2.1', userAgent: null };
    const results = await Promise.allSettled(
      contexts.map((auth) => t.services.auth.verifySecondFactor(auth, input, client)),
    );
    return results.map((r) => r.status);
  }

  it('keeps a session at the password stage away from role routes', async () => {
    const user = await enrolledUser(t);
    const client = await atPasswordStage(user);
    expect(failureOf(await client.request('GET', '/api/v1/overview'))).toEqual({
      status: 401,
      code: 'WL_AUTH_MFA_REQUIRED',
    });
    expect(failureOf(await client.request('POST', '/api/v1/auth/logout-all')).code).toBe(
      'WL_AUTH_MFA_REQUIRED',
    );
    // Nor may it enroll a factor of its own choosing in place of the one it failed to give.
    expect(failureOf(await client.request('POST', '/api/v1/auth/enroll/totp'))).toEqual({
      status: 401,
      code: 'WL_AUTH_MFA_REQUIRED',
    });
  });

  it('accepts a TOTP code once and refuses it in a later sign-in', async () => {
    const user = await enrolledUser(t);
    const code = currentTotp(user.totpSecret, t.now());
    const first = await atPasswordStage(user);
    expect(failureOf(await first.request('POST', '/api/v1/auth/totp', { code: '000000' }))).toEqual(
      {
        status: 401,
        code: 'WL_AUTH_INVALID_CREDENTIALS',
      },
    );
    const full = expectOk(await first.request('POST', '/api/v1/auth/totp', { code }));
    expect(full.json<{ stage: string }>().stage).toBe('full');
    expectOk(await first.request('GET', '/api/v1/overview'));

    const replay = await atPasswordStage(user);
    expect(failureOf(await replay.request('POST', '/api/v1/auth/totp', { code }))).toEqual({
      status: 401,
      code: 'WL_AUTH_INVALID_CREDENTIALS',
    });
  });

  it('accepts a code one step old and refuses one two steps old', async () => {
    const user = await enrolledUser(t);
    t.advanceClock(10 * TOTP_STEP_MS);
    const twoStepsOld = currentTotp(
      user.totpSecret,
      new Date(t.now().getTime() - 2 * TOTP_STEP_MS),
    );
    const oneStepOld = currentTotp(user.totpSecret, new Date(t.now().getTime() - TOTP_STEP_MS));
    const client = await atPasswordStage(user);
    expect(
      failureOf(await client.request('POST', '/api/v1/auth/totp', { code: twoStepsOld })).code,
    ).toBe('WL_AUTH_INVALID_CREDENTIALS');
    expectOk(await client.request('POST', '/api/v1/auth/totp', { code: oneStepOld }));
  });

  it('lets only one of simultaneous sign-ins spend the same TOTP code', async () => {
    const user = await enrolledUser(t);
    const code = currentTotp(user.totpSecret, t.now());
    const outcomes = await raceSecondFactor(user, { code });
    expect(outcomes.filter((o) => o === 'fulfilled')).toHaveLength(1);
  });

  it('accepts a recovery code once, in any case, and never again', async () => {
    const user = await enrolledUser(t);
    const recoveryCode = user.recoveryCodes[0]!;
    const first = await atPasswordStage(user);
    const full = expectOk(
      await first.request('POST', '/api/v1/auth/totp', {
        recoveryCode: recoveryCode.toUpperCase(),
      }),
    );
    expect(full.json<{ stage: string }>().stage).toBe('full');

    const again = await atPasswordStage(user);
    expect(failureOf(await again.request('POST', '/api/v1/auth/totp', { recoveryCode }))).toEqual({
      status: 401,
      code: 'WL_AUTH_INVALID_CREDENTIALS',
    });
    // The other codes still work.
    expectOk(
      await again.request('POST', '/api/v1/auth/totp', { recoveryCode: user.recoveryCodes[1]! }),
    );
  });

  it('lets only one of simultaneous sign-ins spend the same recovery code', async () => {
    const user = await enrolledUser(t);
    const outcomes = await raceSecondFactor(user, { recoveryCode: user.recoveryCodes[0]! });
    expect(outcomes.filter((o) => o === 'fulfilled')).toHaveLength(1);
  });

  it('signs in again with the next step after a full sign-in', async () => {
    const user = await enrolledUser(t);
    const client = await signInAgain(t, user);
    const session = expectOk(await client.request('GET', '/api/v1/auth/session'));
    expect(session.json<{ stage: string }>().stage).toBe('full');
  });
});

describe('sign-in rate limit per IP', () => {
  let t: TestApp;
  let store: TestStore;
  const LIMIT = 5;

  beforeAll(async () => {
    store = await openSqliteTestStore();
    t = await startTestApp(store.store, { signInRatePerMinute: LIMIT });
  });
  afterAll(async () => {
    await t.close();
    await store.dispose();
  });

  const attempt = (remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify({ username: 'someone', password: 'a guessed password' }),
    });

  it('answers the sixth attempt within a minute with 429 and the error body', async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect(failureOf(await attempt('192.0.2.10')).status).toBe(401);
    }
    const limited = await attempt('192.0.2.10');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: { code: 'WL_RATE_LIMITED', message: expect.any(String) as string },
    });
    // A forged X-Forwarded-For does not make a new client; another address is one.
    expect(
      failureOf(await attempt('192.0.2.10', { 'x-forwarded-for': '198.51.100.7' })).status,
    ).toBe(429);
    expect(failureOf(await attempt('192.0.2.11')).status).toBe(401);
  });
});

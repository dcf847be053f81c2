/**
 * Sessions through the API, on every store: the cookie's attributes, a new token at each stage,
 * idle and absolute timeouts, and every way a session ends (sign-out here or everywhere, an
 * administrator's reset of the second factor, a password change).
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { currentTotp } from '../../src/services/auth/totp.js';
import {
  ApiClient,
  TEST_SETTINGS,
  TOTP_STEP_MS,
  clientWithToken,
  expectOk,
  failureOf,
  signInAgain,
  signInAs,
  startTestApp,
  type TestApp,
} from '../support/app.js';
import { describeEachDialect } from '../support/stores.js';

const MINUTE_MS = 60_000;

describeEachDialect('sessions', (ctx) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(ctx.store);
  });
  afterAll(() => t.close());

  /** The status of `GET /auth/session` for a client, or for a bare token. */
  const sessionStatus = async (who: ApiClient | string | undefined): Promise<number> => {
    const client = who instanceof ApiClient ? who : clientWithToken(t, who);
    return (await client.request('GET', '/api/v1/auth/session')).statusCode;
  };

  const stageOf = (response: LightMyRequestResponse): string => {
    const body = response.json<{ stage?: string; session?: { stage: string } }>();
    return body.session?.stage ?? body.stage ?? '';
  };

  it('sets a __Host- cookie that is HttpOnly, Secure, SameSite=Strict, for the whole site only', async () => {
    const user = await signInAs(t, ['auditor']);
    t.advanceClock(TOTP_STEP_MS);
    const response = await new ApiClient(t.app).request('POST', '/api/v1/auth/login', {
      username: user.username,
      password: user.password,
    });
    const header = [response.headers['set-cookie'] ?? []].flat();
    expect(header).toHaveLength(1);
    const attributes = header[0]!.split(';').map((part) => part.trim());
    expect(attributes[0]).toMatch(/^__Host-wl_session=[A-Za-z0-9_-]{43}$/);
    expect(attributes.slice(1).map((a) => a.toLowerCase())).toEqual(
      expect.arrayContaining(['path=/', 'httponly', 'secure', 'samesite=strict']),
    );
    expect(attributes.some((a) => a.toLowerCase().startsWith('domain='))).toBe(false);
  });

  it('issues a new token and CSRF token at every stage change and retires the old ones', async () => {
    const user = await signInAs(t, ['security-analyst']);
    t.advanceClock(TOTP_STEP_MS);
    const client = new ApiClient(t.app);
    const password = expectOk(
      await client.request('POST', '/api/v1/auth/login', {
        username: user.username,
        password: user.password,
      }),
    );
    expect(stageOf(password)).toBe('password');
    const passwordStage = { token: client.cookie, csrf: client.csrf };

    const full = expectOk(
      await client.request('POST', '/api/v1/auth/totp', {
        code: currentTotp(user.totpSecret, t.now()),
      }),
    );
    expect(stageOf(full)).toBe('full');
    expect(client.cookie).not.toBe(passwordStage.token);
    expect(client.csrf).not.toBe(passwordStage.csrf);
    expect(await sessionStatus(passwordStage.token)).toBe(401);
    expect(await sessionStatus(client)).toBe(200);

    // Enrollment: the `enroll` session is replaced by the `full` one.
    const admin = await signInAs(t, ['admin']);
    expectOk(await admin.client.request('POST', `/api/v1/users/${user.userId}/reset-mfa`));
    const enrolling = new ApiClient(t.app);
    const enroll = expectOk(
      await enrolling.request('POST', '/api/v1/auth/login', {
        username: user.username,
        password: user.password,
      }),
    );
    expect(stageOf(enroll)).toBe('enroll');
    const enrollToken = enrolling.cookie;
    const { secret } = expectOk(await enrolling.request('POST', '/api/v1/auth/enroll/totp')).json<{
      secret: string;
    }>();
    const confirmed = expectOk(
      await enrolling.request('POST', '/api/v1/auth/enroll/totp/confirm', {
        code: currentTotp(secret, t.now()),
      }),
    );
    expect(stageOf(confirmed)).toBe('full');
    expect(enrolling.cookie).not.toBe(enrollToken);
    expect(await sessionStatus(enrollToken)).toBe(401);
    expect(await sessionStatus(enrolling)).toBe(200);
  });

  it('ends a session left idle, and keeps one in use alive past the idle window', async () => {
    const idle = TEST_SETTINGS.sessionIdleMinutes * MINUTE_MS;
    const busy = (await signInAs(t, ['auditor'])).client;
    const quiet = (await signInAs(t, ['auditor'])).client;
    for (let elapsed = 0; elapsed < 3 * idle; elapsed += idle / 2) {
      t.advanceClock(idle / 2);
      expect(await sessionStatus(busy)).toBe(200);
    }
    expect(failureOf(await quiet.request('GET', '/api/v1/overview'))).toEqual({
      status: 401,
      code: 'WL_AUTH_REQUIRED',
    });
    t.advanceClock(idle - 1000);
    expect(await sessionStatus(busy)).toBe(200);
    t.advanceClock(idle + 1000);
    expect(await sessionStatus(busy)).toBe(401);
  });

  it('ends a session at the absolute timeout however busy it is', async () => {
    const absolute = TEST_SETTINGS.sessionAbsoluteMinutes * MINUTE_MS;
    const step = 5 * MINUTE_MS;
    const { client } = await signInAs(t, ['incident-lead']);
    for (let elapsed = step; elapsed < absolute; elapsed += step) {
      t.advanceClock(step);
      expect(await sessionStatus(client)).toBe(200);
    }
    t.advanceClock(step);
    expect(failureOf(await client.request('GET', '/api/v1/overview'))).toEqual({
      status: 401,
      code: 'WL_AUTH_REQUIRED',
    });
  });

  it('keeps the absolute timeout of the sign-in when a full session enrolls TOTP again', async () => {
    const absolute = TEST_SETTINGS.sessionAbsoluteMinutes * MINUTE_MS;
    const user = await signInAs(t, ['incident-lead']);
    const { client } = user;
    const signedIn = expectOk(await client.request('GET', '/api/v1/auth/session')).json<{
      absoluteExpiresAt: string;
    }>();
    for (let elapsed = 0; elapsed < absolute - 20 * MINUTE_MS; elapsed += 20 * MINUTE_MS) {
      t.advanceClock(20 * MINUTE_MS);
      expect(await sessionStatus(client)).toBe(200);
    }
    const { secret } = expectOk(
      await client.request('POST', '/api/v1/auth/enroll/totp', { currentPassword: user.password }),
    ).json<{ secret: string }>();
    const renewed = expectOk(
      await client.request('POST', '/api/v1/auth/enroll/totp/confirm', {
        code: currentTotp(secret, t.now()),
      }),
    ).json<{ session: { absoluteExpiresAt: string } }>();
    expect(renewed.session.absoluteExpiresAt).toBe(signedIn.absoluteExpiresAt);
    t.advanceClock(20 * MINUTE_MS + 1000);
    expect(await sessionStatus(client)).toBe(401);
  });

  it('signs out only this session', async () => {
    const user = await signInAs(t, ['clinical-engineer']);
    const other = await signInAgain(t, user);
    const token = user.client.cookie;
    expect(expectOk(await user.client.request('POST', '/api/v1/auth/logout')).json()).toEqual({
      ok: true,
    });
    expect(user.client.cookie).toBeUndefined();
    expect(await sessionStatus(token)).toBe(401);
    expect(await sessionStatus(other)).toBe(200);
  });

  it('signs out everywhere: every session of the user ends, other users keep theirs', async () => {
    const user = await signInAs(t, ['clinical-engineer']);
    const bystander = await signInAs(t, ['clinical-engineer']);
    const other = await signInAgain(t, user);
    const tokens = [user.client.cookie, other.cookie];
    const ended = expectOk(await user.client.request('POST', '/api/v1/auth/logout-all'));
    expect(ended.json()).toEqual({ ended: 2 });
    for (const token of tokens) expect(await sessionStatus(token)).toBe(401);
    expect(await sessionStatus(bystander.client)).toBe(200);
  });

  it("ends the user's sessions when an admin resets their second factor; the next sign-in enrolls", async () => {
    const admin = await signInAs(t, ['admin']);
    const user = await signInAs(t, ['security-analyst']);
    const reset = expectOk(
      await admin.client.request('POST', `/api/v1/users/${user.userId}/reset-mfa`),
    );
    expect(reset.json<{ mfaEnrolled: boolean }>().mfaEnrolled).toBe(false);
    expect(await sessionStatus(user.client)).toBe(401);
    t.advanceClock(TOTP_STEP_MS);
    const client = new ApiClient(t.app);
    const next = expectOk(
      await client.request('POST', '/api/v1/auth/login', {
        username: user.username,
        password: user.password,
      }),
    );
    expect(stageOf(next)).toBe('enroll');
    // The old secret is gone with the reset.
    const oldFactor = await client.request('POST', '/api/v1/auth/totp', {
      code: currentTotp(user.totpSecret, t.now()),
    });
    expect(failureOf(oldFactor).code).toBe('WL_AUTH_ENROLLMENT_REQUIRED');
    expect(await sessionStatus(admin.client)).toBe(200);
  });

  it("ends the user's sessions when an admin resets their password; only the new one works", async () => {
    const admin = await signInAs(t, ['admin']);
    const user = await signInAs(t, ['auditor']);
    const reset = expectOk(
      await admin.client.request('POST', `/api/v1/users/${user.userId}/reset-password`),
    ).json<{ temporaryPassword: string }>();
    expect(await sessionStatus(user.client)).toBe(401);
    const login = (password: string) =>
      new ApiClient(t.app).request('POST', '/api/v1/auth/login', {
        username: user.username,
        password,
      });
    expect((await login(user.password)).statusCode).toBe(401);
    expect(stageOf(expectOk(await login(reset.temporaryPassword)))).toBe('password');
  });

  it('ends the other sessions of a user who changes their password, and keeps this one', async () => {
    const user = await signInAs(t, ['auditor']);
    const other = await signInAgain(t, user);
    const newPassword = 'a brand new passphrase for this test';
    expect(
      failureOf(
        await user.client.request('POST', '/api/v1/me/password', {
          currentPassword: 'not my password at all',
          newPassword,
        }),
      ),
    ).toEqual({ status: 401, code: 'WL_AUTH_INVALID_CREDENTIALS' });
    expect(await sessionStatus(other)).toBe(200);

    expectOk(
      await user.client.request('POST', '/api/v1/me/password', {
        currentPassword: user.password,
        newPassword,
      }),
    );
    expect(await sessionStatus(user.client)).toBe(200);
    expect(await sessionStatus(other)).toBe(401);
    const login = (password: string) =>
      new ApiClient(t.app).request('POST', '/api/v1/auth/login', {
        username: user.username,
        password,
      });
    expect((await login(user.password)).statusCode).toBe(401);
    expectOk(await login(newPassword));
  });
});

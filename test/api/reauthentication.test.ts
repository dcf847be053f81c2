/**
 * Moving or adding a second factor from a signed-in session needs the current password: a session
 * left open on a ward workstation must not let someone put the account's authenticator on their own
 * phone or register their own passkey. Wrong passwords here count toward the lockout.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/stores.js';
import { currentTotp } from '../../src/services/auth/totp.js';
import {
  expectOk,
  failureOf,
  signInAgain,
  signInAs,
  startTestApp,
  TEST_SETTINGS,
  type TestApp,
} from '../support/app.js';

describeEachDialect('re-authentication for second-factor changes', (ctx) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(ctx.store);
  });

  afterAll(async () => {
    await t.close();
  });

  it('replaces the authenticator only with the current password', async () => {
    const user = await signInAs(t, ['clinical-engineer']);
    const missing = await user.client.request('POST', '/api/v1/auth/enroll/totp');
    expect(missing.statusCode).toBe(401);
    expect(failureOf(missing).code).toBe('WL_AUTH_INVALID_CREDENTIALS');
    const wrong = await user.client.request('POST', '/api/v1/auth/enroll/totp', {
      currentPassword: 'not the password',
    });
    expect(failureOf(wrong).code).toBe('WL_AUTH_INVALID_CREDENTIALS');
    const right = await user.client.request('POST', '/api/v1/auth/enroll/totp', {
      currentPassword: user.password,
    });
    expect(right.statusCode).toBe(200);
    const audit = await t.services.audit.list({ action: 'mfa.totp-replace', outcome: 'failure' });
    expect(audit.items.filter((e) => e.actorId === user.userId)).toHaveLength(2);
  });

  it('ends the other sessions of a user who replaces the authenticator', async () => {
    const user = await signInAs(t, ['incident-lead']);
    const elsewhere = await signInAgain(t, user);
    expect((await elsewhere.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    const { secret } = expectOk(
      await user.client.request('POST', '/api/v1/auth/enroll/totp', {
        currentPassword: user.password,
      }),
    ).json<{ secret: string }>();
    expectOk(
      await user.client.request('POST', '/api/v1/auth/enroll/totp/confirm', {
        code: currentTotp(secret, t.now()),
      }),
    );
    expect((await elsewhere.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await user.client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('starts passkey registration only with the current password', async () => {
    const user = await signInAs(t, ['auditor']);
    const missing = await user.client.request('POST', '/api/v1/me/passkeys/options');
    expect(failureOf(missing).code).toBe('WL_AUTH_INVALID_CREDENTIALS');
    const right = await user.client.request('POST', '/api/v1/me/passkeys/options', {
      currentPassword: user.password,
    });
    expect(right.statusCode).toBe(200);
    expect(right.json<{ challenge: string }>().challenge.length).toBeGreaterThan(16);
  });

  it('locks the account and ends its sessions after too many wrong passwords', async () => {
    const user = await signInAs(t, ['security-analyst']);
    let last = 0;
    for (let i = 0; i < TEST_SETTINGS.maxFailedLogins; i++) {
      last = (
        await user.client.request('POST', '/api/v1/auth/enroll/totp', {
          currentPassword: `guess ${i}`,
        })
      ).statusCode;
    }
    expect(last).toBe(423);
    expect((await user.client.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });
});

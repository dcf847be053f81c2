/**
 * What every response tells a browser (CSP, HSTS, frame and MIME-sniffing denial), who may read
 * `/metrics`, and what the request log must never hold: passwords, cookie tokens, CSRF tokens,
 * TOTP secrets, recovery codes or the bootstrap token.
 */
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/services/auth/totp.js';
import {
  ApiClient,
  expectOk,
  failureOf,
  signInAs,
  startTestApp,
  type TestApp,
} from '../support/app.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

let store: TestStore;
let t: TestApp;

beforeAll(async () => {
  store = await openSqliteTestStore();
  t = await startTestApp(store.store, { metricsToken: METRICS_TOKEN });
});

afterAll(async () => {
  await t.close();
  await store.dispose();
});

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  const csp = String(response.headers['content-security-policy']);
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
  expect(directives.get('script-src')).toBe("'self'");
  expect(directives.get('frame-ancestors')).toBe("'none'");
  expect(directives.get('default-src')).toBe("'self'");
  expect(directives.get('object-src')).toBe("'none'");
  expect(String(response.headers['strict-transport-security'])).toMatch(
    /^max-age=\d{8,}; includeSubDomains/,
  );
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['access-control-allow-origin']).toBeUndefined();
}

describe('security headers', () => {
  it('are on successes, refusals, errors and unknown routes alike', async () => {
    const admin = await signInAs(t, ['admin']);
    const anonymous = new ApiClient(t.app);
    const responses = [
      await anonymous.request('GET', '/healthz'),
      await anonymous.request('GET', '/api/v1/bootstrap'),
      await anonymous.request('GET', '/api/v1/users'),
      await anonymous.request('POST', '/api/v1/auth/login', { username: 'x' }),
      await anonymous.request('GET', '/api/v1/no-such-route'),
      await admin.client.request('GET', '/api/v1/users'),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 401, 400, 404, 200]);
    for (const response of responses) expectSecurityHeaders(response);
  });
});

describe('/metrics', () => {
  const scrape = (headers: Record<string, string> = {}, client = new ApiClient(t.app)) =>
    client.request('GET', '/metrics', undefined, headers);

  it('answers an admin session and the bearer token, and nobody else', async () => {
    const admin = await signInAs(t, ['admin']);
    const analyst = await signInAs(t, ['security-analyst']);

    const bySession = expectOk(await scrape({}, admin.client));
    expect(bySession.body).toContain('wardline_http_requests_total');
    const byToken = expectOk(await scrape({ authorization: `Bearer ${METRICS_TOKEN}` }));
    expect(byToken.body).toContain('wardline_http_requests_total');

    expect(failureOf(await scrape())).toEqual({ status: 401, code: 'WL_AUTH_REQUIRED' });
    expect(failureOf(await scrape({}, analyst.client))).toEqual({
      status: 403,
      code: 'WL_AUTH_FORBIDDEN',
    });
    for (const authorization of [
      `Bearer ${METRICS_TOKEN}x`,
      `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
      `bearer ${METRICS_TOKEN}`,
      METRICS_TOKEN,
      'Bearer ',
    ]) {
      expect(failureOf(await scrape({ authorization })).status).toBe(401);
    }
  });

  it('gives the bearer token nothing but /metrics', async () => {
    const response = await new ApiClient(t.app).request('GET', '/api/v1/users', undefined, {
      authorization: `Bearer ${METRICS_TOKEN}`,
    });
    expect(failureOf(response)).toEqual({ status: 401, code: 'WL_AUTH_REQUIRED' });
  });

  it('refuses any bearer token when none is configured', async () => {
    const bare = await openSqliteTestStore();
    const app = await startTestApp(bare.store);
    try {
      for (const authorization of ['Bearer ', 'Bearer undefined', `Bearer ${METRICS_TOKEN}`]) {
        const response = await new ApiClient(app.app).request('GET', '/metrics', undefined, {
          authorization,
        });
        expect(response.statusCode).toBe(401);
      }
    } finally {
      await app.close();
      await bare.dispose();
    }
  });
});

describe('log redaction', () => {
  it('keeps passwords, tokens, secrets and codes out of the log at trace level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logged = await openSqliteTestStore();
    const app = await startTestApp(logged.store, { logStream: sink, logLevel: 'trace' });
    try {
      const password = 'correct horse battery staple for the log test';
      const newPassword = 'another long passphrase that must stay secret';
      const issued = await app.services.auth.issueBootstrapToken();
      const client = new ApiClient(app.app);
      expectOk(
        await client.request('POST', '/api/v1/bootstrap', {
          token: issued!.token,
          username: 'log-admin',
          displayName: 'Log Admin',
          password,
        }),
      );
      const enrollToken = client.cookie!;
      const enrollCsrf = client.csrf!;
      const { secret } = expectOk(await client.request('POST', '/api/v1/auth/enroll/totp')).json<{
        secret: string;
      }>();
      const code = currentTotp(secret, app.now());
      const { recoveryCodes } = expectOk(
        await client.request('POST', '/api/v1/auth/enroll/totp/confirm', { code }),
      ).json<{ recoveryCodes: string[] }>();
      expectOk(await client.request('GET', '/api/v1/users'));
      expectOk(
        await client.request('POST', '/api/v1/me/password', {
          currentPassword: password,
          newPassword,
        }),
      );
      // Failures are logged too: a wrong password, a body that fails validation, a secret in a query.
      const stranger = new ApiClient(app.app);
      await stranger.request('POST', '/api/v1/auth/login', { username: 'log-admin', password });
      await stranger.request('POST', '/api/v1/auth/login', {
        username: 'log-admin',
        password,
        x: 1,
      });
      await client.request('GET', `/api/v1/assets?q=${encodeURIComponent(newPassword)}`);

      const log = lines.join('');
      // The log is there and covers the requests; it just holds no secret.
      expect(log).toContain('/api/v1/auth/enroll/totp/confirm');
      expect(log).toContain('WL_AUTH_INVALID_CREDENTIALS');
      const secrets = {
        password,
        newPassword,
        encodedNewPassword: encodeURIComponent(newPassword),
        bootstrapToken: issued!.token,
        enrollToken,
        enrollCsrf,
        sessionToken: client.cookie!,
        csrfToken: client.csrf!,
        totpSecret: secret,
        recoveryCode: recoveryCodes[0]!,
      };
      for (const [name, value] of Object.entries(secrets)) {
        expect(log.includes(value), `${name} appears in the log`).toBe(false);
      }
    } finally {
      await app.close();
      await logged.dispose();
    }
  });
});

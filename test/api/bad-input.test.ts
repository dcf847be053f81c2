/**
 * Hostile and broken requests to every route, as a signed-in administrator (so the access check
 * passes and the input reaches parsing and validation): each must be answered 4xx with the error
 * body, never 500, and never change state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../src/server/app.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { signInAs, startTestApp, type ApiClient, type TestApp } from '../support/app.js';

let store: TestStore;
let t: TestApp;
let admin: ApiClient;

beforeAll(async () => {
  store = await openSqliteTestStore();
  t = await startTestApp(store.store);
  admin = (await signInAs(t, ['admin'])).client;
});

afterAll(async () => {
  await t.close();
  await store.dispose();
});

const concrete = (url: string) => url.replace(':id', 'usr_01jzzzzzzzzzzzzzzzzzzzzzzz');

/** Raw bodies that no route accepts. */
const BAD_BODIES: readonly (readonly [string, string, string])[] = [
  ['malformed JSON', '{"username": "a",', 'application/json'],
  ['a bare string', '"just a string"', 'application/json'],
  ['an array', '[1,2,3]', 'application/json'],
  ['null', 'null', 'application/json'],
  ['__proto__ key', '{"__proto__": {"isAdmin": true}, "username": "x"}', 'application/json'],
  [
    'constructor.prototype key',
    '{"constructor": {"prototype": {"isAdmin": true}}}',
    'application/json',
  ],
  [
    'wrong types',
    '{"username": 12, "password": ["x"], "roles": "admin", "code": 123456, "name": false}',
    'application/json',
  ],
  ['unknown fields', '{"zzUnknown": 1, "isAdmin": true}', 'application/json'],
  ['deep nesting', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`, 'application/json'],
  ['form encoding', 'username=a&password=b', 'application/x-www-form-urlencoded'],
  ['plain text', 'hello', 'text/plain'],
  ['oversized body', `{"username":"${'x'.repeat(BODY_LIMIT_BYTES + 10)}"}`, 'application/json'],
];

const BAD_QUERIES = [
  'limit=abc',
  'limit=-1',
  'limit=100000',
  'offset=-5',
  'zzUnknown=1',
  `q=${'x'.repeat(5000)}`,
  'sort=password',
  'from=yesterday',
];

function expectErrorBody(body: string): void {
  const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof parsed.error?.code).toBe('string');
  expect(parsed.error?.code).toMatch(/^WL_[A-Z_]+$/);
  expect(typeof parsed.error?.message).toBe('string');
}

describe('bad input to every route', () => {
  it('answers every hostile body with a 4xx error body, never 500', async () => {
    const failures: string[] = [];
    const mutating = t.routes.filter((r) => r.method !== 'GET');
    expect(mutating.length).toBeGreaterThan(10);
    for (const route of mutating) {
      // A fresh session per route: a sign-out route given an acceptable body ends its session.
      const admin = (await signInAs(t, ['admin'])).client;
      for (const [name, payload, contentType] of BAD_BODIES) {
        const raw = await t.app.inject({
          method: route.method as 'POST',
          url: concrete(route.url),
          payload: payload,
          headers: {
            'content-type': contentType,
            cookie: `__Host-wl_session=${admin.cookie ?? ''}`,
            'x-csrf-token': admin.csrf ?? '',
          },
        });
        if (raw.statusCode >= 500)
          failures.push(
            `${route.method} ${route.url} with ${name}: ${raw.statusCode} ${raw.body.slice(0, 100)}`,
          );
        if (raw.statusCode >= 400) expectErrorBody(raw.body);
        // A route that takes a body must refuse every one of these.
        if (route.requiresBody && raw.statusCode < 400)
          failures.push(`${route.method} ${route.url} accepted ${name}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('rejects __proto__ with WL_REQUEST_POISONED and does not pollute Object.prototype', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: '{"__proto__": {"polluted": true}, "username": "a", "password": "b"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('WL_REQUEST_POISONED');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses unknown fields and wrong types instead of ignoring or coercing them', async () => {
    const unknown = await admin.request('POST', '/api/v1/users', {
      username: 'new-user',
      displayName: 'New',
      roles: ['auditor'],
      isAdmin: true,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('WL_REQUEST_INVALID');
    const coerced = await admin.request('POST', '/api/v1/users', {
      username: 12345,
      displayName: 'New',
      roles: ['auditor'],
    });
    expect(coerced.statusCode).toBe(400);
    const list = await admin.request('GET', '/api/v1/users?limit=500');
    expect(
      list.json<{ items: { username: string }[] }>().items.map((u) => u.username),
    ).not.toContain('new-user');
  });

  it('answers an oversized body with 413 before reading it all', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: `{"username":"${'x'.repeat(BODY_LIMIT_BYTES + 1)}","password":"p"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('WL_REQUEST_TOO_LARGE');
  });

  it('answers bad query strings and path ids on every GET route with 4xx', async () => {
    const failures: string[] = [];
    for (const route of t.routes.filter((r) => r.method === 'GET')) {
      for (const query of BAD_QUERIES) {
        const response = await admin.request('GET', `${concrete(route.url)}?${query}`);
        if (response.statusCode >= 500)
          failures.push(`${route.url}?${query.slice(0, 20)}: ${response.statusCode}`);
      }
      if (route.url.includes(':id')) {
        for (const id of ['..%2F..%2Fetc', "ast_1' OR '1'='1", 'x'.repeat(500), '%00']) {
          const response = await admin.request('GET', route.url.replace(':id', id));
          if (![400, 404, 414].includes(response.statusCode))
            failures.push(`${route.url} id ${id.slice(0, 20)}: ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

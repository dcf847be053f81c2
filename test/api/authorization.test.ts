/**
 * The authorization matrix, generated from the route table: every route is called as an anonymous
 * caller, as a session at each sign-in stage, and as a fully signed-in user of every role; the
 * status must say allowed or denied exactly as the reviewed policy does.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.js';
import type { SessionStage } from '../../src/domain/user.js';
import type { Access } from '../../src/server/access.js';
import { currentTotp } from '../../src/services/auth/totp.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { ApiClient, expectOk, signInAs, startTestApp, type TestApp } from '../support/app.js';
import { ACCESS_POLICY, type Expected } from './access-policy.js';

type Persona =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'stage'; readonly stage: Exclude<SessionStage, 'full'> }
  | { readonly kind: 'role'; readonly role: Role }
  /** Signed in with TOTP, still holding the password an administrator set. */
  | { readonly kind: 'temporary-password'; readonly role: Role };

const PERSONAS: readonly Persona[] = [
  { kind: 'anonymous' },
  { kind: 'stage', stage: 'password' },
  { kind: 'stage', stage: 'enroll' },
  ...ROLES.map((role) => ({ kind: 'role' as const, role })),
  { kind: 'temporary-password', role: 'admin' },
];

const personaName = (p: Persona) => {
  switch (p.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'stage':
      return `stage ${p.stage}`;
    case 'role':
      return p.role;
    case 'temporary-password':
      return `${p.role} with a temporary password`;
  }
};

function toExpected(access: Access): Expected {
  switch (access.kind) {
    case 'public':
      return 'public';
    case 'stage':
      return { stages: access.stages };
    case 'roles':
      return access.allowTemporaryPassword === true
        ? { roles: access.roles, temporaryPassword: true }
        : { roles: access.roles };
    case 'metrics':
      return { roles: access.roles };
  }
}

function allowed(expected: Expected, persona: Persona): boolean {
  if (expected === 'public') return true;
  if ('stages' in expected) {
    if (persona.kind === 'anonymous') return false;
    return expected.stages.includes(persona.kind === 'stage' ? persona.stage : 'full');
  }
  if (persona.kind === 'temporary-password') {
    return expected.temporaryPassword === true && expected.roles.includes(persona.role);
  }
  return persona.kind === 'role' && expected.roles.includes(persona.role);
}

/** The codes that mean "not for you"; others (a wrong password, a bad body) come after access. */
const ACCESS_DENIALS = new Set([
  'WL_AUTH_REQUIRED',
  'WL_AUTH_FORBIDDEN',
  'WL_AUTH_MFA_REQUIRED',
  'WL_AUTH_ENROLLMENT_REQUIRED',
  'WL_AUTH_PASSWORD_CHANGE_REQUIRED',
  'WL_AUTH_CSRF',
]);

function errorCodeOf(response: LightMyRequestResponse): string | undefined {
  if (response.statusCode < 400) return undefined;
  try {
    return response.json<{ error?: { code?: string } }>().error?.code;
  } catch {
    return undefined;
  }
}

/** A path with placeholders filled by well-formed ids that name nothing. */
const concrete = (url: string) => url.replace(':id', 'usr_01jzzzzzzzzzzzzzzzzzzzzzzz');

let store: TestStore;
let t: TestApp;

async function sessionFor(persona: Persona): Promise<ApiClient> {
  const client = new ApiClient(t.app);
  if (persona.kind === 'anonymous') return client;
  if (persona.kind === 'role') return (await signInAs(t, [persona.role])).client;
  if (persona.kind === 'temporary-password') return signInWithTemporaryPassword(persona.role);
  // A user still at the password step has a second factor to give; one at the enroll step has none.
  const signedIn = await signInAs(t, ['security-analyst']);
  if (persona.stage === 'enroll') await t.services.users.resetMfa(SYSTEM_ACTOR, signedIn.userId);
  expectOk(
    await client.request('POST', '/api/v1/auth/login', {
      username: signedIn.username,
      password: signedIn.password,
    }),
  );
  return client;
}

/** A new user who enrolled TOTP but has not yet replaced the password an administrator set. */
async function signInWithTemporaryPassword(role: Role): Promise<ApiClient> {
  const username = `temporary-${String(Math.random()).slice(2, 10)}`;
  const { temporaryPassword } = await t.services.users.create(SYSTEM_ACTOR, {
    username,
    displayName: username,
    roles: [role],
  });
  const client = new ApiClient(t.app);
  expectOk(
    await client.request('POST', '/api/v1/auth/login', { username, password: temporaryPassword }),
  );
  const { secret } = expectOk(await client.request('POST', '/api/v1/auth/enroll/totp')).json<{
    secret: string;
  }>();
  expectOk(
    await client.request('POST', '/api/v1/auth/enroll/totp/confirm', {
      code: currentTotp(secret, t.now()),
    }),
  );
  return client;
}

beforeAll(async () => {
  store = await openSqliteTestStore();
  t = await startTestApp(store.store);
});

afterAll(async () => {
  await t.close();
  await store.dispose();
});

describe('route table', () => {
  it('declares exactly the reviewed access policy for every guarded route', () => {
    const declared = Object.fromEntries(
      t.routes.map((r) => [`${r.method} ${r.url}`, toExpected(r.access)]),
    );
    expect(declared).toEqual(ACCESS_POLICY);
  });
});

describe('authorization matrix', () => {
  for (const persona of PERSONAS) {
    it(`enforces the policy on every route as ${personaName(persona)}`, async () => {
      const outcomes: string[] = [];
      for (const route of t.routes) {
        // Each call gets its own session: sign-out routes must not spoil the next call.
        const client = await sessionFor(persona);
        const response: LightMyRequestResponse = await client.request(
          route.method,
          concrete(route.url),
          route.method === 'GET' ? undefined : {},
        );
        const denied = ACCESS_DENIALS.has(errorCodeOf(response) ?? '');
        const expected = allowed(toExpected(route.access), persona);
        if (denied === expected || response.statusCode >= 500) {
          outcomes.push(
            `${route.method} ${route.url}: expected ${expected ? 'allowed' : 'denied'}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        }
      }
      expect(outcomes).toEqual([]);
    });
  }

  it('denies a state change without the session CSRF token', async () => {
    const admin = await signInAs(t, ['admin']);
    admin.client.csrf = 'not-the-token';
    const response = await admin.client.request('POST', '/api/v1/users', {
      username: 'csrf-victim',
      displayName: 'x',
      roles: ['admin'],
    });
    expect(response.statusCode).toBe(403);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('WL_AUTH_CSRF');
  });
});

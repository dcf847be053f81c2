/**
 * The audit trail of signing in and of account administration, its hash chain (verified, then
 * broken by a raw SQL edit), and the account rules: the last administrator stays, user names are
 * unique, and no secret leaves the server in a user list. On every store.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { currentTotp } from '../../src/services/auth/totp.js';
import {
  ApiClient,
  TOTP_STEP_MS,
  expectOk,
  failureOf,
  signInAs,
  startTestApp,
  type SignedInUser,
  type TestApp,
} from '../support/app.js';
import { describeEachDialect } from '../support/stores.js';

interface AuditEntry {
  readonly seq: number;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly outcome: 'success' | 'failure';
  readonly targetId: string | null;
  readonly details: Record<string, unknown>;
}

describeEachDialect('audit log of sign-in and administration', (ctx) => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await startTestApp(ctx.store);
    admin = await signInAs(t, ['admin']);
  });
  afterAll(() => t.close());

  const entries = async (query = ''): Promise<AuditEntry[]> =>
    expectOk(await admin.client.request('GET', `/api/v1/audit?limit=500${query}`)).json<{
      items: AuditEntry[];
    }>().items;

  it('records failed and successful sign-ins, enrollment and account changes with their actor', async () => {
    const anonymous = new ApiClient(t.app);
    const login = (username: string, password: string) =>
      anonymous.request('POST', '/api/v1/auth/login', { username, password });
    expect((await login(admin.username, 'a wrong password')).statusCode).toBe(401);
    expect((await login('ghost-user', 'a wrong password')).statusCode).toBe(401);

    t.advanceClock(TOTP_STEP_MS);
    expectOk(await login(admin.username, admin.password));
    expect(
      (await anonymous.request('POST', '/api/v1/auth/totp', { code: '000000' })).statusCode,
    ).toBe(401);
    expectOk(
      await anonymous.request('POST', '/api/v1/auth/totp', {
        code: currentTotp(admin.totpSecret, t.now()),
      }),
    );

    const created = expectOk(
      await admin.client.request('POST', '/api/v1/users', {
        username: 'audited-analyst',
        displayName: 'Audited Analyst',
        roles: ['security-analyst'],
      }),
    ).json<{ user: { id: string } }>().user;
    expectOk(
      await admin.client.request('PATCH', `/api/v1/users/${created.id}`, {
        roles: ['security-analyst', 'incident-lead'],
      }),
    );
    expectOk(await admin.client.request('POST', `/api/v1/users/${created.id}/reset-mfa`));

    const log = await entries();
    const find = (action: string, outcome: string, actorName: string) =>
      log.find((e) => e.action === action && e.outcome === outcome && e.actorName === actorName);

    expect(find('login.password', 'failure', admin.username)).toMatchObject({
      actorId: admin.userId,
      details: { reason: 'wrong password' },
    });
    expect(find('login.password', 'failure', 'ghost-user')).toMatchObject({
      actorId: null,
      details: { reason: 'unknown user' },
    });
    expect(find('login.password', 'success', admin.username)).toMatchObject({
      actorId: admin.userId,
    });
    expect(find('login.second-factor', 'failure', admin.username)).toMatchObject({
      actorId: admin.userId,
      details: { reason: 'totp rejected' },
    });
    expect(find('login.success', 'success', admin.username)).toMatchObject({
      actorId: admin.userId,
      details: { method: 'totp' },
    });
    expect(find('mfa.totp-enroll', 'success', admin.username)).toMatchObject({
      actorId: admin.userId,
      targetId: admin.userId,
    });
    // The admin's own account was made by the system; the analyst's by the admin.
    expect(find('user.create', 'success', 'system')).toMatchObject({
      actorId: null,
      targetId: admin.userId,
    });
    expect(find('user.create', 'success', admin.username)).toMatchObject({
      actorId: admin.userId,
      targetId: created.id,
      details: { username: 'audited-analyst', roles: ['security-analyst'] },
    });
    expect(find('user.update', 'success', admin.username)).toMatchObject({
      targetId: created.id,
      details: {
        rolesBefore: ['security-analyst'],
        rolesAfter: ['security-analyst', 'incident-lead'],
      },
    });
    expect(find('user.reset-mfa', 'success', admin.username)).toMatchObject({
      actorId: admin.userId,
      targetId: created.id,
    });

    const failures = await entries('&outcome=failure');
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(failures.every((e) => e.outcome === 'failure')).toBe(true);
  });

  it('never writes a password, code or token into the audit log', async () => {
    const raw = expectOk(await admin.client.request('GET', '/api/v1/audit?limit=500')).body;
    expect(raw).not.toContain(admin.password);
    expect(raw).not.toContain(admin.totpSecret);
    expect(raw).not.toContain(admin.client.cookie!);
    expect(raw).not.toContain('a wrong password');
  });

  it('verifies the chain, then finds a row edited in the database at that row', async () => {
    const verified = expectOk(await admin.client.request('GET', '/api/v1/audit/verify')).json<{
      ok: boolean;
      checked: number;
    }>();
    expect(verified.ok).toBe(true);
    expect(verified.checked).toBeGreaterThan(10);

    await sql`update audit_log set actor_name = 'mallory' where seq = 3`.execute(ctx.db);
    const broken = expectOk(await admin.client.request('GET', '/api/v1/audit/verify')).json<{
      ok: boolean;
      firstBroken?: { seq: number; reason: string };
    }>();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken?.seq).toBe(3);
  });
});

describeEachDialect('user administration', (ctx) => {
  let t: TestApp;
  let admin: SignedInUser;
  beforeAll(async () => {
    t = await startTestApp(ctx.store);
    admin = await signInAs(t, ['admin']);
  });
  afterAll(() => t.close());

  const patchUser = (id: string, patch: Record<string, unknown>) =>
    admin.client.request('PATCH', `/api/v1/users/${id}`, patch);

  it('keeps the last active administrator: no self-demotion, no disabling', async () => {
    expect(failureOf(await patchUser(admin.userId, { roles: ['auditor'] }))).toEqual({
      status: 409,
      code: 'WL_CONFLICT',
    });
    expect(failureOf(await patchUser(admin.userId, { disabled: true }))).toEqual({
      status: 409,
      code: 'WL_CONFLICT',
    });
    expect(
      failureOf(await patchUser(admin.userId, { roles: ['admin', 'auditor'], disabled: true })),
    ).toEqual({ status: 409, code: 'WL_CONFLICT' });
    // The refused changes changed nothing.
    const me = expectOk(await admin.client.request('GET', '/api/v1/auth/session')).json<{
      user: { roles: string[] };
    }>();
    expect(me.user.roles).toEqual(['admin']);

    // A disabled administrator does not count as the other one.
    const dormant = await t.services.users.create(SYSTEM_ACTOR, {
      username: 'dormant-admin',
      displayName: 'Dormant Admin',
      roles: ['admin'],
    });
    expectOk(await patchUser(dormant.user.id, { disabled: true }));
    expect(failureOf(await patchUser(admin.userId, { roles: ['auditor'] })).code).toBe(
      'WL_CONFLICT',
    );

    // With a second active administrator, the first may step down.
    expectOk(await patchUser(dormant.user.id, { disabled: false }));
    const demoted = expectOk(await patchUser(admin.userId, { roles: ['auditor'] }));
    expect(demoted.json<{ roles: string[] }>().roles).toEqual(['auditor']);
  });

  it('refuses a second user with a name already taken', async () => {
    const boss = await signInAs(t, ['admin']);
    const create = () =>
      boss.client.request('POST', '/api/v1/users', {
        username: 'taken-name',
        displayName: 'Taken',
        roles: ['auditor'],
      });
    expectOk(await create());
    expect(failureOf(await create())).toEqual({ status: 409, code: 'WL_CONFLICT' });
  });

  it('refuses the second of two simultaneous requests for the same new name with WL_CONFLICT', async () => {
    const boss = await signInAs(t, ['admin']);
    const responses = await Promise.all(
      [1, 2].map(() =>
        boss.client.request('POST', '/api/v1/users', {
          username: 'raced-name',
          displayName: 'Raced',
          roles: ['auditor'],
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const conflict = responses.find((r) => r.statusCode === 409)!;
    expect(failureOf(conflict).code).toBe('WL_CONFLICT');
  });

  it('never sends password hashes, TOTP secrets or sealed values in user lists and changes', async () => {
    const boss = await signInAs(t, ['admin']);
    const enrolled = await signInAs(t, ['security-analyst']);
    expectOk(
      await boss.client.request('PATCH', `/api/v1/users/${enrolled.userId}`, {
        email: 'analyst@hospital.example',
      }),
    );
    const bodies = [
      expectOk(await boss.client.request('GET', '/api/v1/users?limit=500')).body,
      expectOk(await boss.client.request('PATCH', `/api/v1/users/${enrolled.userId}`, {})).body,
      expectOk(await boss.client.request('GET', '/api/v1/auth/session')).body,
    ];
    const sealedRow = await ctx.db
      .selectFrom('users')
      .select(['password_hash', 'totp_secret_sealed', 'email_sealed', 'recovery_codes_sealed'])
      .where('id', '=', enrolled.userId)
      .executeTakeFirstOrThrow();
    expect(bodies[0]).toContain('analyst@hospital.example');
    for (const body of bodies) {
      for (const forbidden of [
        'passwordHash',
        'password_hash',
        'scrypt$',
        'totpSecret',
        'recoveryCode',
        'sealed',
        'failedLogins',
        enrolled.totpSecret,
        enrolled.recoveryCodes[0]!,
        sealedRow.password_hash,
        sealedRow.totp_secret_sealed!,
        sealedRow.email_sealed!,
        sealedRow.recovery_codes_sealed!,
      ]) {
        expect(body).not.toContain(forbidden);
      }
    }
  });
});

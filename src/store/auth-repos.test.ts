/**
 * The user, session, passkey and settings repositories on both dialects: sealed columns, the
 * one-statement counters and compare-and-set updates under concurrency, session keys.
 */
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/stores.js';
import { generateMasterKey } from './master-key.js';
import {
  addPasskey,
  deletePasskeysForUser,
  getPasskeyByCredentialId,
  listPasskeys,
  recordPasskeyUse,
} from './passkey-repo.js';
import { openKeyring, type Keyring } from './sealing.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  deleteSessionsForUser,
  getPendingTotp,
  getSessionByToken,
  sessionIdOf,
  setPendingTotp,
  setWebauthnChallenge,
  takeWebauthnChallenge,
  touchSession,
} from './session-repo.js';
import { deleteSetting, getSetting, setSetting } from './settings-repo.js';
import {
  clearTotp,
  countFailedLogin,
  countUsersWithRole,
  createUser,
  getUser,
  getUserByUsername,
  getUserSecrets,
  listUsers,
  lockUser,
  recordSuccessfulLogin,
  replaceRecoveryCodeHashes,
  setPasswordHash,
  setTotp,
  setTotpLastStep,
  updateUser,
  type NewUser,
} from './user-repo.js';

const T0 = '2026-05-01T10:00:00.000Z';
const T1 = '2026-05-01T11:00:00.000Z';
const T2 = '2026-05-01T12:00:00.000Z';

describeEachDialect(
  'user, session, passkey and settings repositories',
  (ctx) => {
    let keyring: Keyring;
    const newUser = (overrides: Partial<NewUser> = {}): NewUser => ({
      username: 'grace',
      displayName: 'Grace Hopper',
      email: 'grace@larkspur.example',
      roles: ['security-analyst'],
      passwordHash: 'scrypt$hash',
      now: T0,
      ...overrides,
    });
    const setUp = async () => {
      keyring = await openKeyring(ctx.store, generateMasterKey());
      return createUser(ctx.db, keyring, newUser());
    };

    it('creates a user and reads it by id, by name and in a page, e-mail sealed at rest', async () => {
      const user = await setUp();
      expect(user).toEqual({
        id: expect.stringMatching(/^usr_/) as unknown,
        username: 'grace',
        displayName: 'Grace Hopper',
        email: 'grace@larkspur.example',
        roles: ['security-analyst'],
        disabled: false,
        mfaEnrolled: false,
        mustChangePassword: false,
        passkeyCount: 0,
        lastLoginAt: null,
        createdAt: T0,
      });
      expect(await getUser(ctx.db, keyring, user.id)).toEqual(user);
      expect(await getUserByUsername(ctx.db, keyring, 'grace')).toEqual(user);
      expect(await getUser(ctx.db, keyring, 'usr_missing')).toBeUndefined();
      const row = await ctx.db.selectFrom('users').select('email_sealed').executeTakeFirstOrThrow();
      expect(row.email_sealed).toMatch(/^wl1\./);

      await createUser(
        ctx.db,
        keyring,
        newUser({ username: 'alan', email: null, roles: ['admin'] }),
      );
      const page = await listUsers(ctx.db, keyring, { limit: 1 });
      expect(page.total).toBe(2);
      expect(page.items.map((u) => u.username)).toEqual(['alan']);
      expect(page.items[0]?.email).toBeNull();
    });

    it('updates display name, e-mail, roles and disabled; counts enabled holders of a role', async () => {
      const user = await setUp();
      await createUser(ctx.db, keyring, newUser({ username: 'ada', roles: ['admin'] }));
      expect(await countUsersWithRole(ctx.db, 'admin')).toBe(1);
      const updated = await updateUser(
        ctx.db,
        keyring,
        user.id,
        { displayName: 'Rear Admiral Hopper', email: null, roles: ['admin', 'auditor'] },
        T1,
      );
      expect(updated).toMatchObject({
        displayName: 'Rear Admiral Hopper',
        email: null,
        roles: ['admin', 'auditor'],
      });
      expect(await countUsersWithRole(ctx.db, 'admin')).toBe(2);
      await updateUser(ctx.db, keyring, user.id, { disabled: true }, T1);
      expect(await countUsersWithRole(ctx.db, 'admin')).toBe(1);
      expect((await getUser(ctx.db, keyring, user.id))?.disabled).toBe(true);
    });

    it('drops stored roles Wardline does not know', async () => {
      const user = await setUp();
      await ctx.db
        .updateTable('users')
        .set({ roles: '["auditor","root"]' })
        .where('id', '=', user.id)
        .execute();
      expect((await getUser(ctx.db, keyring, user.id))?.roles).toEqual(['auditor']);
    });

    it('counts failed sign-ins sent at the same time, each once', async () => {
      const user = await setUp();
      const counts = await Promise.all(
        Array.from({ length: 10 }, () => countFailedLogin(ctx.db, user.id, T0)),
      );
      expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await lockUser(ctx.db, user.id, T1);
      expect((await getUserSecrets(ctx.db, keyring, user.id))?.lockedUntil).toBe(T1);
      // Still locked at T0; once the lock has run out the count starts afresh.
      expect(await countFailedLogin(ctx.db, user.id, T0)).toBe(11);
      expect(await countFailedLogin(ctx.db, user.id, T2)).toBe(1);
      expect(await getUserSecrets(ctx.db, keyring, user.id)).toMatchObject({
        failedLogins: 1,
        lockedUntil: null,
      });
      await recordSuccessfulLogin(ctx.db, user.id, T2);
      expect(await getUserSecrets(ctx.db, keyring, user.id)).toMatchObject({
        failedLogins: 0,
        user: { lastLoginAt: T2 },
      });
    });

    it('enrolls TOTP sealed, accepts each time step once, and clears it', async () => {
      const user = await setUp();
      await setTotp(ctx.db, keyring, user.id, {
        secret: 'JBSWY3DPEHPK3PXP',
        lastStep: 100,
        recoveryCodeHashes: ['h1', 'h2'],
        enrolledAt: T1,
      });
      expect(await getUserSecrets(ctx.db, keyring, user.id)).toMatchObject({
        user: { mfaEnrolled: true },
        totpSecret: 'JBSWY3DPEHPK3PXP',
        totpLastStep: 100,
        recoveryCodeHashes: ['h1', 'h2'],
      });
      const row = await ctx.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(row.totp_secret_sealed).toMatch(/^wl1\./);
      expect(row.recovery_codes_sealed).toMatch(/^wl1\./);

      expect(await setTotpLastStep(ctx.db, user.id, 100)).toBe(false);
      const racing = await Promise.all(
        Array.from({ length: 8 }, () => setTotpLastStep(ctx.db, user.id, 101)),
      );
      expect(racing.filter(Boolean)).toHaveLength(1);

      await clearTotp(ctx.db, user.id, T2);
      expect(await getUserSecrets(ctx.db, keyring, user.id)).toMatchObject({
        user: { mfaEnrolled: false },
        totpSecret: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
      });
    });

    it('spends a recovery code once when two sign-ins race for it', async () => {
      const user = await setUp();
      await setTotp(ctx.db, keyring, user.id, {
        secret: 'S',
        lastStep: 1,
        recoveryCodeHashes: ['h1', 'h2', 'h3'],
        enrolledAt: T0,
      });
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          replaceRecoveryCodeHashes(ctx.db, keyring, user.id, ['h1', 'h2', 'h3'], ['h1', 'h3']),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await getUserSecrets(ctx.db, keyring, user.id))?.recoveryCodeHashes).toEqual([
        'h1',
        'h3',
      ]);
      expect(
        await replaceRecoveryCodeHashes(ctx.db, keyring, user.id, ['h1', 'h2', 'h3'], []),
      ).toBe(false);
    });

    it('sets a password hash and clears failures with it', async () => {
      const user = await setUp();
      await countFailedLogin(ctx.db, user.id, T0);
      await setPasswordHash(ctx.db, user.id, 'scrypt$new', T1);
      expect(await getUserSecrets(ctx.db, keyring, user.id)).toMatchObject({
        passwordHash: 'scrypt$new',
        failedLogins: 0,
      });
    });

    it('marks a password an administrator set as temporary until the user sets their own', async () => {
      const user = await setUp();
      await setPasswordHash(ctx.db, user.id, 'scrypt$admin-set', T1, true);
      expect((await getUser(ctx.db, keyring, user.id))?.mustChangePassword).toBe(true);
      await setPasswordHash(ctx.db, user.id, 'scrypt$own', T1);
      expect((await getUser(ctx.db, keyring, user.id))?.mustChangePassword).toBe(false);
    });

    it('keeps passkeys per user and counts them on the user', async () => {
      const user = await setUp();
      const publicKey = new Uint8Array([1, 2, 3, 250, 251]);
      const added = await addPasskey(ctx.db, {
        userId: user.id,
        credentialId: 'cred-1',
        publicKey,
        counter: 0,
        transports: ['usb', 'carrier-pigeon'],
        name: 'YubiKey',
        createdAt: T0,
      });
      expect(added).toMatchObject({
        credentialId: 'cred-1',
        transports: ['usb'],
        lastUsedAt: null,
      });
      expect(Array.from(added.publicKey)).toEqual([1, 2, 3, 250, 251]);
      await recordPasskeyUse(ctx.db, added.id, 7, T1);
      expect(await getPasskeyByCredentialId(ctx.db, 'cred-1')).toMatchObject({
        counter: 7,
        lastUsedAt: T1,
      });
      expect(await listPasskeys(ctx.db, user.id)).toHaveLength(1);
      expect((await getUser(ctx.db, keyring, user.id))?.passkeyCount).toBe(1);
      expect(await deletePasskeysForUser(ctx.db, user.id)).toBe(1);
      expect(await getPasskeyByCredentialId(ctx.db, 'cred-1')).toBeUndefined();
    });

    it('keys sessions by the SHA-256 of the token and never stores the token', async () => {
      const user = await setUp();
      const token = 'cookie-token-abc';
      const session = await createSession(ctx.db, token, {
        userId: user.id,
        stage: 'password',
        csrfToken: 'csrf-1',
        createdAt: T0,
        expiresAt: T2,
        ip: '192.0.2.1',
        userAgent: 'test',
      });
      expect(session.id).toBe(createHash('sha256').update(token).digest('hex'));
      expect(sessionIdOf(token)).toBe(session.id);
      const rows = await ctx.db.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(await getSessionByToken(ctx.db, token)).toEqual(session);
      expect(await getSessionByToken(ctx.db, session.id)).toBeUndefined();

      await touchSession(ctx.db, token, T1);
      expect((await getSessionByToken(ctx.db, token))?.lastSeenAt).toBe(T1);
      await setPendingTotp(ctx.db, keyring, token, 'PENDINGSECRET');
      expect(await getPendingTotp(ctx.db, keyring, token)).toBe('PENDINGSECRET');
      const row = await ctx.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
      expect(row.pending_totp_sealed).toMatch(/^wl1\./);

      await setWebauthnChallenge(ctx.db, token, 'challenge-1');
      expect(await takeWebauthnChallenge(ctx.db, token)).toBe('challenge-1');
      expect(await takeWebauthnChallenge(ctx.db, token)).toBeNull();
      await setWebauthnChallenge(ctx.db, token, 'challenge-2');
      const racing = await Promise.all(
        Array.from({ length: 8 }, () => takeWebauthnChallenge(ctx.db, token)),
      );
      expect(racing.filter((challenge) => challenge !== null)).toEqual(['challenge-2']);

      await deleteSession(ctx.db, token);
      expect(await getSessionByToken(ctx.db, token)).toBeUndefined();
    });

    it('ends other sessions, all of a user, and expired ones', async () => {
      const user = await setUp();
      const other = await createUser(ctx.db, keyring, newUser({ username: 'other' }));
      const open = (token: string, userId: string, expiresAt: string) =>
        createSession(ctx.db, token, {
          userId,
          stage: 'full',
          csrfToken: 'c',
          createdAt: T0,
          expiresAt,
          ip: null,
          userAgent: null,
        });
      await open('a', user.id, T2);
      await open('b', user.id, T2);
      await open('c', user.id, T1);
      await open('d', other.id, T1);
      expect(await deleteOtherSessions(ctx.db, user.id, 'a')).toBe(2);
      expect(await getSessionByToken(ctx.db, 'a')).toBeDefined();
      expect(await deleteExpiredSessions(ctx.db, T1)).toBe(1);
      expect(await getSessionByToken(ctx.db, 'd')).toBeUndefined();
      expect(await deleteSessionsForUser(ctx.db, user.id)).toBe(1);
      expect(await ctx.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    });

    it('stores settings as JSON, replaces and deletes them', async () => {
      expect(await getSetting(ctx.db, 'organization.name')).toBeUndefined();
      await setSetting(ctx.db, 'organization.name', 'Larkspur Valley', T0);
      await setSetting(ctx.db, 'limits', { maxAssets: 100_000, zones: ['a', 'b'] }, T0);
      expect(await getSetting(ctx.db, 'organization.name')).toBe('Larkspur Valley');
      await setSetting(ctx.db, 'organization.name', 'Larkspur Valley MC', T1);
      expect(await getSetting(ctx.db, 'organization.name')).toBe('Larkspur Valley MC');
      expect(await getSetting(ctx.db, 'limits')).toEqual({ maxAssets: 100_000, zones: ['a', 'b'] });
      await deleteSetting(ctx.db, 'limits');
      expect(await getSetting(ctx.db, 'limits')).toBeUndefined();
    });
  },
  { resetBeforeEach: true },
);

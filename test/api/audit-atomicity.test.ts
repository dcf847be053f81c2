/**
 * A change and its audit entry land together or not at all: when the audit log cannot be written,
 * the change it records is rolled back, so no unaudited change survives.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { openSqliteTestStore, type TestStore } from '../support/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';

let store: TestStore;
let t: TestApp;

beforeAll(async () => {
  store = await openSqliteTestStore();
  t = await startTestApp(store.store);
});

afterAll(async () => {
  await t.close();
  await store.dispose();
});

describe('audited changes', () => {
  it('roll back when their audit entry cannot be written', async () => {
    const { user } = await t.services.users.create(SYSTEM_ACTOR, {
      username: 'kept',
      displayName: 'Kept',
      roles: ['auditor'],
    });
    await sql`create trigger refuse_audit before insert on audit_log begin select raise(abort, 'audit log unavailable'); end`.execute(
      store.store.db,
    );
    try {
      await expect(
        t.services.users.create(SYSTEM_ACTOR, {
          username: 'ghost',
          displayName: 'Ghost',
          roles: ['admin'],
        }),
      ).rejects.toThrow();
      await expect(
        t.services.users.update(SYSTEM_ACTOR, user.id, { roles: ['admin'] }),
      ).rejects.toThrow();
      await expect(t.services.users.resetPassword(SYSTEM_ACTOR, user.id)).rejects.toThrow();
    } finally {
      await sql`drop trigger refuse_audit`.execute(store.store.db);
    }
    expect(await t.services.users.findByUsername('ghost').catch(() => null)).toBeNull();
    expect((await t.services.users.findByUsername('kept')).roles).toEqual(['auditor']);
    const verification = await t.services.audit.verify();
    expect(verification).toMatchObject({ ok: true, checked: 1 });
  });

  it('let only one of two simultaneous bootstraps with the same token create an administrator', async () => {
    const fresh = await openSqliteTestStore();
    const app = await startTestApp(fresh.store);
    try {
      const issued = await app.services.auth.issueBootstrapToken();
      if (issued === null) throw new Error('A fresh store needs bootstrapping.');
      const client = { ip: '127.0.0.1', userAgent: null };
      const attempts = await Promise.allSettled(
        ['first', 'second'].map((username) =>
          app.services.auth.bootstrap(
            {
              token: issued.token,
              username,
              displayName: username,
              password: 'a long enough passphrase',
            },
            client,
          ),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const admins = await app.services.users.list({});
      expect(admins.items.filter((u) => u.roles.includes('admin'))).toHaveLength(1);
    } finally {
      await app.close();
      await fresh.dispose();
    }
  });
});

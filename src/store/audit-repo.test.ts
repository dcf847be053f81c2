import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { AuditEvent } from '../domain/audit.js';
import { GENESIS_PREV_HASH, computeAuditHash } from '../domain/audit-hash.js';
import { describeEachDialect } from '../../test/support/stores.js';
import { appendAudit, getAuditHead, listAudit, verifyAuditLog } from './audit-repo.js';

function event(n: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    actorId: 'usr_admin',
    actorName: n % 3 === 0 ? 'Grace Hopper' : 'admin',
    action: n % 2 === 0 ? 'user.create' : 'auth.login',
    outcome: n % 5 === 0 ? 'failure' : 'success',
    targetType: 'user',
    targetId: `usr_${n}`,
    ip: '192.0.2.7',
    details: { n, nested: { b: [1, 2], a: 'x' } },
    ...overrides,
  };
}

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const minute = (n: number): Date => new Date(T0 + n * 60_000);

describeEachDialect(
  'audit log',
  (ctx) => {
    async function appendMany(count: number): Promise<void> {
      for (let n = 1; n <= count; n += 1) await appendAudit(ctx.db, event(n), minute(n));
    }

    it('assigns seq, id, time and a chain starting at 64 zeros', async () => {
      const first = await appendAudit(ctx.db, event(1), minute(1));
      const second = await appendAudit(
        ctx.db,
        { actorName: 'system', action: 'store.init', outcome: 'success' },
        minute(2),
      );
      expect(first).toMatchObject({
        seq: 1,
        at: minute(1).toISOString(),
        prevHash: GENESIS_PREV_HASH,
      });
      expect(first.id).toMatch(/^aud_[0-9a-z]{26}$/);
      expect(first.hash).toBe(computeAuditHash(first));
      expect(second).toMatchObject({
        seq: 2,
        prevHash: first.hash,
        actorId: null,
        targetType: null,
        targetId: null,
        ip: null,
        details: {},
      });
      expect(await getAuditHead(ctx.db)).toEqual({ seq: 2, hash: second.hash });
    });

    it('stores details as they read back: dates become strings, undefined members go', async () => {
      const entry = await appendAudit(
        ctx.db,
        event(1, { details: { when: new Date(T0), gone: undefined, kept: 0 } }),
        minute(1),
      );
      expect(entry.details).toEqual({ when: new Date(T0).toISOString(), kept: 0 });
      const { items } = await listAudit(ctx.db);
      expect(items[0]!.details).toEqual(entry.details);
      expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, checked: 1 });
    });

    it('verifies an intact log, in batches smaller than the log', async () => {
      await appendMany(12);
      expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, checked: 12 });
      expect(await verifyAuditLog(ctx.db, { batchSize: 5 })).toEqual({ ok: true, checked: 12 });
      expect(await verifyAuditLog(ctx.db, { batchSize: 1 })).toEqual({ ok: true, checked: 12 });
    });

    it('reads the log in batches, never more than batchSize rows at once', async () => {
      await appendMany(25);
      const batches: number[] = [];
      const observed = ctx.db.withPlugin({
        transformQuery: ({ node }) => node,
        transformResult: ({ result }) => {
          batches.push(result.rows.length);
          return Promise.resolve(result);
        },
      });
      expect(await verifyAuditLog(observed, { batchSize: 10 })).toEqual({ ok: true, checked: 25 });
      expect(batches).toEqual([10, 10, 5]);
    });

    it('verifies an empty log', async () => {
      expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, checked: 0 });
    });

    it('finds a field edited in the database at that row', async () => {
      await appendMany(8);
      await sql`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 5`.execute(ctx.db);
      expect(await verifyAuditLog(ctx.db, { batchSize: 3 })).toEqual({
        ok: false,
        checked: 4,
        firstBroken: { seq: 5, reason: 'hash-mismatch' },
      });
    });

    it('finds edited details, an edited outcome and unparseable details without crashing', async () => {
      await appendMany(6);
      await sql`UPDATE audit_log SET details = '{"n":2}' WHERE seq = 2`.execute(ctx.db);
      expect((await verifyAuditLog(ctx.db)).firstBroken).toEqual({
        seq: 2,
        reason: 'hash-mismatch',
      });
      await ctx.reset();
      await appendMany(6);
      await sql`UPDATE audit_log SET outcome = 'ok' WHERE seq = 3`.execute(ctx.db);
      expect((await verifyAuditLog(ctx.db)).firstBroken).toEqual({
        seq: 3,
        reason: 'hash-mismatch',
      });
      await ctx.reset();
      await appendMany(6);
      await sql`UPDATE audit_log SET details = 'not json' WHERE seq = 4`.execute(ctx.db);
      expect((await verifyAuditLog(ctx.db)).firstBroken).toEqual({
        seq: 4,
        reason: 'hash-mismatch',
      });
    });

    it('finds a deleted middle row at the row after the gap', async () => {
      await appendMany(7);
      await sql`DELETE FROM audit_log WHERE seq = 4`.execute(ctx.db);
      expect(await verifyAuditLog(ctx.db, { batchSize: 2 })).toEqual({
        ok: false,
        checked: 3,
        firstBroken: { seq: 5, reason: 'seq-gap' },
      });
    });

    it('finds a deleted first row', async () => {
      await appendMany(3);
      await sql`DELETE FROM audit_log WHERE seq = 1`.execute(ctx.db);
      expect((await verifyAuditLog(ctx.db)).firstBroken).toEqual({ seq: 2, reason: 'seq-gap' });
    });

    it('finds a row re-hashed after an edit at the next row', async () => {
      await appendMany(5);
      const row = await ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', 3)
        .executeTakeFirstOrThrow();
      const { items } = await listAudit(ctx.db);
      const forged = { ...items.find((e) => e.seq === 3)!, actorName: 'mallory' };
      await ctx.db
        .updateTable('audit_log')
        .set({ actor_name: 'mallory', hash: computeAuditHash(forged) })
        .where('seq', '=', row.seq)
        .execute();
      expect((await verifyAuditLog(ctx.db)).firstBroken).toEqual({
        seq: 4,
        reason: 'prev-hash-mismatch',
      });
    });

    it('keeps one chain under 50 concurrent appends', async () => {
      const entries = await Promise.all(
        Array.from({ length: 50 }, (_, n) => appendAudit(ctx.db, event(n + 1))),
      );
      expect(new Set(entries.map((e) => e.seq)).size).toBe(50);
      expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, n) => n + 1),
      );
      expect(await verifyAuditLog(ctx.db, { batchSize: 7 })).toEqual({ ok: true, checked: 50 });
    });

    it('joins a caller transaction, and rolls back with it', async () => {
      await appendMany(2);
      await expect(
        ctx.db.transaction().execute(async (trx) => {
          await appendAudit(trx, event(3));
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');
      expect((await listAudit(ctx.db)).total).toBe(2);
      const entry = await ctx.db.transaction().execute((trx) => appendAudit(trx, event(3)));
      expect(entry.seq).toBe(3);
      expect(await verifyAuditLog(ctx.db)).toEqual({ ok: true, checked: 3 });
    });

    it('lists newest first with paging and a total', async () => {
      await appendMany(12);
      const page = await listAudit(ctx.db, { limit: 5, offset: 5 });
      expect(page.total).toBe(12);
      expect(page.items.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3]);
      expect(page.items[0]).toMatchObject({
        actorName: 'admin',
        action: 'auth.login',
        targetId: 'usr_7',
        details: { n: 7, nested: { a: 'x', b: [1, 2] } },
      });
    });

    it('filters by action, actor (part of the name, any case), outcome and time', async () => {
      await appendMany(12);
      const seqs = async (filters: Parameters<typeof listAudit>[1]) => {
        const page = await listAudit(ctx.db, filters);
        expect(page.total).toBe(page.items.length);
        return page.items.map((e) => e.seq);
      };
      expect(await seqs({ action: 'user.create' })).toEqual([12, 10, 8, 6, 4, 2]);
      expect(await seqs({ actor: 'hOPP' })).toEqual([12, 9, 6, 3]);
      expect(await seqs({ outcome: 'failure' })).toEqual([10, 5]);
      expect(await seqs({ from: minute(4).toISOString(), to: minute(7).toISOString() })).toEqual([
        6, 5, 4,
      ]);
      expect(await seqs({ action: 'user.create', actor: 'grace', outcome: 'success' })).toEqual([
        12, 6,
      ]);
      expect(await seqs({ action: 'user.create', from: '2026-03-01T08:09:00Z' })).toEqual([12, 10]);
    });

    it('treats LIKE wildcards in the actor filter as plain text', async () => {
      await appendAudit(ctx.db, event(1, { actorName: '100% admin' }), minute(1));
      await appendAudit(ctx.db, event(2, { actorName: '100 admins' }), minute(2));
      await appendAudit(ctx.db, event(3, { actorName: 'a_b' }), minute(3));
      await appendAudit(ctx.db, event(4, { actorName: 'axb' }), minute(4));
      expect((await listAudit(ctx.db, { actor: '0% a' })).items.map((e) => e.seq)).toEqual([1]);
      expect((await listAudit(ctx.db, { actor: 'a_b' })).items.map((e) => e.seq)).toEqual([3]);
    });

    it('refuses a time filter that is not a time', async () => {
      await expect(listAudit(ctx.db, { from: 'yesterday' })).rejects.toMatchObject({
        code: 'WL_REQUEST_INVALID',
      });
    });
  },
  { resetBeforeEach: true },
);

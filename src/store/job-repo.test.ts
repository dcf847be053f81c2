import { expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/stores.js';
import { createJob, getJob, listJobs, updateJob } from './job-repo.js';

const at = (minute: number) => new Date(Date.UTC(2026, 4, 1, 9, minute));

describeEachDialect(
  'job repository',
  (ctx) => {
    it('creates a queued job and reads it back', async () => {
      const job = await createJob(ctx.db, { kind: 'import.nmap', createdBy: 'usr_1' }, at(0));
      expect(job).toEqual({
        id: expect.stringMatching(/^job_[0-9a-z]{26}$/) as unknown,
        kind: 'import.nmap',
        status: 'queued',
        progress: 0,
        message: null,
        createdBy: 'usr_1',
        createdAt: at(0).toISOString(),
        startedAt: null,
        finishedAt: null,
        result: null,
        error: null,
      });
      expect(await getJob(ctx.db, job.id)).toEqual(job);
      expect(await getJob(ctx.db, 'job_missing')).toBeUndefined();
    });

    it('stamps start once, clamps progress, and finishes with a parsed result', async () => {
      const { id } = await createJob(ctx.db, { kind: 'feeds.sync' }, at(0));
      await updateJob(ctx.db, id, { status: 'running', message: 'KEV' }, at(1));
      await updateJob(ctx.db, id, { status: 'running', progress: 0.25 }, at(2));
      expect(await getJob(ctx.db, id)).toMatchObject({
        status: 'running',
        progress: 0.25,
        message: 'KEV',
        startedAt: at(1).toISOString(),
        finishedAt: null,
      });
      expect((await updateJob(ctx.db, id, { progress: 7 }, at(3)))?.progress).toBe(1);
      expect((await updateJob(ctx.db, id, { progress: -1 }, at(3)))?.progress).toBe(0);
      const done = await updateJob(
        ctx.db,
        id,
        { status: 'succeeded', result: { added: 3, ids: ['a', 'b'] } },
        at(4),
      );
      expect(done).toMatchObject({
        status: 'succeeded',
        progress: 1,
        finishedAt: at(4).toISOString(),
        result: { added: 3, ids: ['a', 'b'] },
      });
    });

    it('leaves a finished job as it is', async () => {
      const { id } = await createJob(ctx.db, { kind: 'hunt' }, at(0));
      await updateJob(ctx.db, id, { status: 'cancelled' }, at(1));
      const after = await updateJob(ctx.db, id, { status: 'running', progress: 0.5 }, at(2));
      expect(after).toMatchObject({
        status: 'cancelled',
        progress: 0,
        finishedAt: at(1).toISOString(),
      });
      expect(await updateJob(ctx.db, 'job_missing', { progress: 0.5 })).toBeUndefined();
    });

    it('records a failure with its error', async () => {
      const { id } = await createJob(ctx.db, { kind: 'import.nmap' }, at(0));
      const failed = await updateJob(
        ctx.db,
        id,
        { status: 'failed', error: 'WL_INTERNAL: boom' },
        at(1),
      );
      expect(failed).toMatchObject({ status: 'failed', error: 'WL_INTERNAL: boom', result: null });
    });

    it('lists newest first, filtered by status and kind, with totals', async () => {
      const ids: string[] = [];
      for (let n = 0; n < 6; n += 1) {
        const job = await createJob(ctx.db, { kind: n % 2 === 0 ? 'import' : 'sync' }, at(n));
        ids.push(job.id);
        if (n < 2) await updateJob(ctx.db, job.id, { status: 'succeeded' }, at(n));
      }
      const all = await listJobs(ctx.db, { limit: 4 });
      expect(all.total).toBe(6);
      expect(all.items.map((job) => job.id)).toEqual([...ids].reverse().slice(0, 4));
      expect((await listJobs(ctx.db, { kind: 'import' })).items.map((job) => job.id)).toEqual([
        ids[4],
        ids[2],
        ids[0],
      ]);
      const queued = await listJobs(ctx.db, { status: 'queued', offset: 1, limit: 2 });
      expect(queued.total).toBe(4);
      expect(queued.items.map((job) => job.id)).toEqual([ids[4], ids[3]]);
    });
  },
  { resetBeforeEach: true },
);

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WardlineError } from '../domain/errors.js';
import { generateMasterKey } from '../store/master-key.js';
import { openKeyring } from '../store/sealing.js';
import { openSqliteTestStore, type TestStore } from '../../test/support/stores.js';
import { TEST_SETTINGS } from '../../test/support/app.js';
import { SYSTEM_ACTOR, type ServiceContext } from './context.js';
import { createJobService } from './job-service.js';

describe('job service', () => {
  let test: TestStore;
  let ctx: ServiceContext;
  beforeAll(async () => {
    test = await openSqliteTestStore();
    ctx = {
      db: test.store.db,
      keyring: await openKeyring(test.store, generateMasterKey()),
      clock: () => new Date(),
      settings: TEST_SETTINGS,
    };
  });
  afterAll(() => test.dispose());

  const options = { kind: 'import.test', actor: SYSTEM_ACTOR };

  it('records a finished job with its result and progress 1', async () => {
    const jobs = createJobService(ctx, 0);
    const seen: number[] = [];
    const { job, result } = await jobs.run(
      { ...options, onProgress: (fraction) => seen.push(fraction) },
      (handle) => {
        handle.progress(0.5, 'half way');
        return Promise.resolve({ hosts: 3 });
      },
    );
    expect(result).toEqual({ hosts: 3 });
    expect(seen).toEqual([0.5]);
    const stored = await jobs.get(job.id);
    expect(stored).toMatchObject({ status: 'succeeded', progress: 1, result: { hosts: 3 } });
    expect(stored.startedAt).not.toBeNull();
    expect(stored.finishedAt).not.toBeNull();
  });

  it('records a failure with the error code, and rethrows it', async () => {
    const jobs = createJobService(ctx, 0);
    const failure = new WardlineError('WL_IMPORT_UNREADABLE', 'not a scan');
    let id = '';
    await expect(
      jobs.run(options, (handle) => {
        id = handle.id;
        return Promise.reject(failure);
      }),
    ).rejects.toBe(failure);
    const stored = await jobs.get(id);
    expect(stored.status).toBe('failed');
    expect(stored.error).toBe('WL_IMPORT_UNREADABLE: not a scan');
  });

  it('hides the text of unexpected errors from the job record', async () => {
    const jobs = createJobService(ctx, 0);
    let id = '';
    await expect(
      jobs.run(options, (handle) => {
        id = handle.id;
        return Promise.reject(new Error('password=hunter2 in a stack'));
      }),
    ).rejects.toThrow();
    expect((await jobs.get(id)).error).toBe('WL_INTERNAL: the job stopped on an unexpected error.');
  });

  it('a job cancelled by another process is aborted at its next progress report', async () => {
    const worker = createJobService(ctx, 0);
    const other = createJobService(ctx, 0);
    let id = '';
    const run = worker.run(options, async (handle) => {
      id = handle.id;
      await other.cancel(handle.id);
      for (let step = 0; step < 50 && !handle.signal.aborted; step += 1) {
        handle.progress(step / 50);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return handle.signal.aborted ? 'stopped' : 'ran to the end';
    });
    await expect(run).rejects.toMatchObject({ code: 'WL_JOB_CANCELLED' });
    const stored = await worker.get(id);
    expect(stored.status).toBe('cancelled');
    expect(stored.result).toBeNull();
  });

  it('start returns at once and the work finishes in the background', async () => {
    const jobs = createJobService(ctx, 0);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const job = await jobs.start(options, async () => {
      await gate;
      return 'done';
    });
    expect((await jobs.get(job.id)).status).toMatch(/queued|running/);
    release();
    await expect.poll(async () => (await jobs.get(job.id)).status).toBe('succeeded');
  });

  it('throttles progress writes but always reports to the caller', async () => {
    const jobs = createJobService(ctx, 60_000);
    const seen: number[] = [];
    const { job } = await jobs.run({ ...options, onProgress: (f) => seen.push(f) }, (handle) => {
      for (let i = 1; i <= 100; i += 1) handle.progress(i / 100);
      return Promise.resolve(null);
    });
    expect(seen).toHaveLength(100);
    expect((await jobs.get(job.id)).status).toBe('succeeded');
  });
});

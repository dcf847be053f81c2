/**
 * Runs long work as jobs: a row in `jobs` that the CLI and the UI follow, progress written at most
 * every `progressIntervalMs`, and cancellation. A job cancelled from another process (several
 * `--workers` share one store) is noticed at the next progress write, when the runner finds the
 * row already finished.
 */
import { WardlineError } from '../domain/errors.js';
import type { Job, JobStatus } from '../domain/job.js';
import type { Page } from '../domain/page.js';
import * as jobRepo from '../store/job-repo.js';
import type { Actor, ServiceContext } from './context.js';

/** What running work sees of its job. */
export interface JobHandle {
  readonly id: string;
  /** Aborted when the job is cancelled; work checks it between steps. */
  readonly signal: AbortSignal;
  /** Report progress (0–1) and what is happening now; cheap to call often. */
  progress(fraction: number, message?: string): void;
}

export interface JobRunOptions {
  readonly kind: string;
  readonly actor: Actor;
  readonly message?: string;
  /** Called on every progress report, before throttling: the CLI draws its progress bar with it. */
  readonly onProgress?: (fraction: number, message: string | undefined) => void;
}

export type JobService = ReturnType<typeof createJobService>;

const DEFAULT_PROGRESS_INTERVAL_MS = 250;

export function createJobService(
  ctx: ServiceContext,
  progressIntervalMs = DEFAULT_PROGRESS_INTERVAL_MS,
) {
  const { db, clock } = ctx;
  const running = new Map<string, AbortController>();

  async function execute<T>(
    job: Job,
    options: JobRunOptions,
    work: (handle: JobHandle) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    running.set(job.id, controller);
    let lastWrite = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const handle: JobHandle = {
      id: job.id,
      signal: controller.signal,
      progress(fraction, message) {
        options.onProgress?.(fraction, message);
        const now = Date.now();
        if (now - lastWrite < progressIntervalMs) return;
        lastWrite = now;
        pending = pending
          .then(() => jobRepo.updateJob(db, job.id, { progress: fraction, message }, clock()))
          .then((current) => {
            if (current?.status === 'cancelled') controller.abort();
          })
          .catch(() => undefined);
      },
    };
    try {
      await jobRepo.updateJob(db, job.id, { status: 'running' }, clock());
      const result = await work(handle);
      await pending;
      if (controller.signal.aborted) throw cancelled(job.id);
      await jobRepo.updateJob(db, job.id, { status: 'succeeded', result, message: null }, clock());
      return result;
    } catch (error) {
      await pending;
      const status: JobStatus = controller.signal.aborted ? 'cancelled' : 'failed';
      const reason =
        error instanceof WardlineError
          ? `${error.code}: ${error.message}`
          : 'WL_INTERNAL: the job stopped on an unexpected error.';
      await jobRepo.updateJob(db, job.id, { status, error: reason }, clock());
      throw controller.signal.aborted && !(error instanceof WardlineError)
        ? cancelled(job.id)
        : error;
    } finally {
      running.delete(job.id);
    }
  }

  return {
    /** Creates the job, runs the work and waits for it: what the CLI does. */
    async run<T>(
      options: JobRunOptions,
      work: (handle: JobHandle) => Promise<T>,
    ): Promise<{ job: Job; result: T }> {
      const job = await jobRepo.createJob(
        db,
        { kind: options.kind, createdBy: options.actor.id, message: options.message },
        clock(),
      );
      const result = await execute(job, options, work);
      return { job, result };
    },

    /**
     * Creates the job and returns it at once; the work goes on in the background and its end is
     * recorded on the job. What the API does: the UI polls the job.
     */
    async start<T>(options: JobRunOptions, work: (handle: JobHandle) => Promise<T>): Promise<Job> {
      const job = await jobRepo.createJob(
        db,
        { kind: options.kind, createdBy: options.actor.id, message: options.message },
        clock(),
      );
      execute(job, options, work).catch(() => undefined);
      return job;
    },

    async get(id: string): Promise<Job> {
      const job = await jobRepo.getJob(db, id);
      if (job === undefined) throw new WardlineError('WL_NOT_FOUND', `No job ${id}.`);
      return job;
    },

    list: (filters: jobRepo.JobFilters): Promise<Page<Job>> => jobRepo.listJobs(db, filters),

    /** Cancels a job that has not finished; a finished one is returned as it is. */
    async cancel(id: string): Promise<Job> {
      const job = await jobRepo.updateJob(
        db,
        id,
        { status: 'cancelled', error: 'WL_JOB_CANCELLED: cancelled by a user.' },
        clock(),
      );
      if (job === undefined) throw new WardlineError('WL_NOT_FOUND', `No job ${id}.`);
      running.get(id)?.abort();
      return job;
    },

    /** Jobs this process is running now. */
    runningIds: (): string[] => [...running.keys()],
  };
}

function cancelled(id: string): WardlineError {
  return new WardlineError('WL_JOB_CANCELLED', `Job ${id} was cancelled.`);
}

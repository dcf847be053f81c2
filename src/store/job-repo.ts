/** Jobs: long work with progress. The services run them; this file only records their state. */
import type { Kysely, Selectable } from 'kysely';
import { newId } from '../domain/ids.js';
import { JOB_STATUSES, isFinishedJobStatus, type Job, type JobStatus } from '../domain/job.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { toCount } from './db-helpers.js';
import { readEnum, readJson, writeJson } from './json-columns.js';
import type { Database, JobTable } from './schema.js';

/** What a caller supplies to create a job. */
export interface NewJob {
  readonly kind: string;
  readonly createdBy?: string | null | undefined;
  readonly message?: string | null | undefined;
}

/** Records a queued job. */
export async function createJob(
  db: Kysely<Database>,
  input: NewJob,
  now: Date = new Date(),
): Promise<Job> {
  const row: JobTable = {
    id: newId('job', now.getTime()),
    kind: input.kind,
    status: 'queued',
    progress: 0,
    message: input.message ?? null,
    created_by: input.createdBy ?? null,
    created_at: now.toISOString(),
    started_at: null,
    finished_at: null,
    result: null,
    error: null,
  };
  await db.insertInto('jobs').values(row).execute();
  return toJob(row);
}

/** What a job reports as it runs; absent fields stay as they are. */
export interface JobUpdate {
  readonly status?: JobStatus | undefined;
  /** Fraction done; clamped to 0–1. */
  readonly progress?: number | undefined;
  readonly message?: string | null | undefined;
  /** Any JSON value. */
  readonly result?: unknown;
  readonly error?: string | null | undefined;
}

/**
 * Updates a job that has not finished. Moving to `running` stamps `startedAt` (once); moving to a
 * finished status stamps `finishedAt`, and `succeeded` sets progress to 1. A finished job is left
 * as it is, so a late progress report cannot revive a cancelled job.
 * @returns the job as it now stands, or `undefined` when there is no such job.
 */
export async function updateJob(
  db: Kysely<Database>,
  id: string,
  update: JobUpdate,
  now: Date = new Date(),
): Promise<Job | undefined> {
  const stamp = now.toISOString();
  const { status } = update;
  const progress = status === 'succeeded' ? 1 : update.progress;
  await db
    .updateTable('jobs')
    .set((eb) => ({
      ...(status === undefined ? {} : { status }),
      ...(progress === undefined ? {} : { progress: Math.min(Math.max(progress, 0), 1) }),
      ...(update.message === undefined ? {} : { message: update.message }),
      ...(update.result === undefined ? {} : { result: writeJson(update.result) }),
      ...(update.error === undefined ? {} : { error: update.error }),
      ...(status === 'running' ? { started_at: eb.fn.coalesce('started_at', eb.val(stamp)) } : {}),
      ...(status !== undefined && isFinishedJobStatus(status) ? { finished_at: stamp } : {}),
    }))
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .execute();
  return getJob(db, id);
}

/** One job, or `undefined`. */
export async function getJob(db: Kysely<Database>, id: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toJob(row);
}

/** Paging and filters of the job list. */
export interface JobFilters extends PageRequest {
  readonly status?: JobStatus | undefined;
  readonly kind?: string | undefined;
}

/** Jobs newest first, with the count of all that match. */
export async function listJobs(db: Kysely<Database>, filters: JobFilters = {}): Promise<Page<Job>> {
  const { limit, offset } = normalizePage(filters);
  let query = db.selectFrom('jobs');
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  if (filters.kind !== undefined) query = query.where('kind', '=', filters.kind);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(toJob), total: toCount(count?.n) };
}

function toJob(row: Selectable<JobTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: readEnum(row.status, JOB_STATUSES, 'jobs.status'),
    progress: row.progress,
    message: row.message,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    result: row.result === null ? null : readJson(row.result, 'jobs.result'),
    error: row.error,
  };
}

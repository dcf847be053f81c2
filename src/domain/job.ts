/**
 * Long work (imports, feed syncs, matching, hunts, reports) runs as a job: it has progress, shows
 * in the CLI and the UI, and can be cancelled.
 */

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves. */
export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** True for a status a job never leaves. */
export function isFinishedJobStatus(status: JobStatus): boolean {
  return FINISHED_JOB_STATUSES.includes(status);
}

/** A job as the CLI and the UI show it. */
export interface Job {
  readonly id: string;
  /** What the job does, e.g. `import.nmap`, `feeds.sync`. */
  readonly kind: string;
  readonly status: JobStatus;
  /** Fraction done, 0 to 1. */
  readonly progress: number;
  /** What it is doing now, for people: "Matching 1,200 assets". */
  readonly message: string | null;
  /** The user who started it; null for the system. */
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** What it produced, as JSON (counts, ids); null until it succeeds. */
  readonly result: unknown;
  /** Why it failed: a WardlineError code and message. */
  readonly error: string | null;
}

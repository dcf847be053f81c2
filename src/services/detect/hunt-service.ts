/**
 * Hunts: rules run after the fact over the events Wardline kept (within a time range), as a job
 * with progress. The rules are stored ones picked by id, or pasted text. A hunt raises no alerts;
 * its detections are the job's result, the first `MAX_HUNT_DETECTIONS` kept with a count per rule.
 */
import type { Detection } from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import type { Job } from '../../domain/job.js';
import * as ruleRepo from '../../store/detection-rule-repo.js';
import { countEvents, iterateEvents, type EventRange } from '../../store/event-source-repo.js';
import type { Actor, ServiceContext } from '../context.js';
import type { JobService } from '../job-service.js';
import { buildPlaceholders } from './placeholders.js';
import { readRuleText, type RuleEntry } from './rule-files.js';
import { detectorFor } from './rule-service.js';

export const MAX_HUNT_DETECTIONS = 1_000;

export interface HuntRequest extends EventRange {
  readonly ruleIds?: readonly string[];
  readonly yaml?: string;
}

export interface HuntResult {
  readonly events: number;
  readonly detections: readonly Detection[];
  readonly byRule: Readonly<Record<string, number>>;
  readonly truncated: boolean;
  readonly problems: readonly string[];
}

/** Collects detections up to the cap, counting every one per rule. */
export function createHuntCollector() {
  const detections: Detection[] = [];
  const byRule: Record<string, number> = {};
  let total = 0;
  return {
    add(found: readonly Detection[]): void {
      for (const detection of found) {
        total += 1;
        byRule[detection.ruleId] = (byRule[detection.ruleId] ?? 0) + 1;
        if (detections.length < MAX_HUNT_DETECTIONS) detections.push(detection);
      }
    },
    result(events: number, problems: readonly string[]): HuntResult {
      return { events, detections, byRule, truncated: total > detections.length, problems };
    },
  };
}

export function createHuntService(ctx: ServiceContext, jobs: JobService) {
  const { db, keyring } = ctx;

  async function entriesFor(
    request: HuntRequest,
  ): Promise<{ entries: RuleEntry[]; problems: string[] }> {
    if (request.yaml !== undefined && request.yaml.trim() !== '') {
      const read = readRuleText(request.yaml, 'hunt.yml');
      return { entries: [...read.entries], problems: [...read.problems] };
    }
    const ids = request.ruleIds ?? [];
    if (ids.length === 0) {
      throw new WardlineError('WL_REQUEST_INVALID', 'Pick rules or paste rule text.');
    }
    const entries: RuleEntry[] = [];
    const problems: string[] = [];
    for (const id of ids) {
      const stored = await ruleRepo.getRule(db, id);
      if (stored === undefined) {
        problems.push(`${id}: no such rule`);
        continue;
      }
      entries.push(
        ...readRuleText(stored.yaml, stored.path).entries.filter((e) => e.ruleId === stored.ruleId),
      );
    }
    return { entries, problems };
  }

  return {
    async start(request: HuntRequest, actor: Actor): Promise<Job> {
      const { entries, problems } = await entriesFor(request);
      const built = detectorFor(entries, await buildPlaceholders(db));
      const allProblems = [
        ...problems,
        ...[...built.problems].flatMap(([id, list]) => list.map((p) => `${id}: ${p}`)),
      ];
      const range: EventRange = {
        ...(request.from === undefined ? {} : { from: request.from }),
        ...(request.to === undefined ? {} : { to: request.to }),
      };
      return jobs.start({ kind: 'hunt', actor, message: 'Counting events' }, async (handle) => {
        const total = await countEvents(db, range);
        const collector = createHuntCollector();
        let seen = 0;
        for await (const event of iterateEvents(db, keyring, range)) {
          collector.add(built.detector.process(event));
          seen += 1;
          if (seen % 1_000 === 0) {
            if (handle.signal.aborted)
              throw new WardlineError('WL_JOB_CANCELLED', 'Hunt cancelled.');
            handle.progress(
              total === 0 ? 1 : seen / total,
              `${String(seen)} of ${String(total)} events`,
            );
          }
        }
        collector.add(built.detector.flush());
        handle.progress(1, `${String(seen)} events`);
        return collector.result(seen, allProblems);
      });
    },

    async result(jobId: string): Promise<HuntResult> {
      const job = await jobs.get(jobId);
      if (job.kind !== 'hunt') throw new WardlineError('WL_NOT_FOUND', 'No such hunt.');
      if (job.result === null || job.result === undefined) {
        throw new WardlineError('WL_CONFLICT', `The hunt is ${job.status}.`);
      }
      return job.result as HuntResult;
    },
  };
}

export type HuntService = ReturnType<typeof createHuntService>;

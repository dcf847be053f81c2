/**
 * The rules Wardline runs: the bundled healthcare pack (loaded at start, kept in step with the
 * files), rule directories a user loads (the SigmaHQ tree), and rules uploaded one file at a time.
 * Each stored rule keeps its text and the problems that keep it from running; the detector is
 * built from the enabled rules without problems and rebuilt when rules or placeholders change.
 */
import type { Kysely } from 'kysely';
import {
  EVENT_SHAPES,
  type Detection,
  type DetectionRule,
  type EventData,
  type EventShape,
  type LogEvent,
  type LogSource,
  type RuleOrigin,
} from '../../domain/detection.js';
import { readJsonLogText } from '../../formats/jsonlog/index.js';
import { completeEvent } from './classify.js';
import { WardlineError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Page } from '../../domain/page.js';
import { createDetector, type Detector } from '../../engines/detect/detector.js';
import type { SigmaCorrelation, SigmaRule } from '../../engines/detect/sigma/index.js';
import * as ruleRepo from '../../store/detection-rule-repo.js';
import type { Database } from '../../store/schema.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from '../context.js';
import { buildPlaceholders } from './placeholders.js';
import { readRuleDirectory, readRuleText, type RuleEntry } from './rule-files.js';

export interface RuleLoadResult {
  readonly rules: readonly DetectionRule[];
  /** Stored rules that do not run, and files that held no rule: `path or rule id: reason`. */
  readonly problems: readonly string[];
}

/** The compiled form of a set of rule entries, with every rule's problems (parse and compile). */
export function detectorFor(
  entries: readonly RuleEntry[],
  placeholders: ReadonlyMap<string, readonly string[]>,
): { detector: Detector; problems: Map<string, string[]> } {
  const rules: SigmaRule[] = [];
  const correlations: SigmaCorrelation[] = [];
  const problems = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.problems.length > 0) problems.set(entry.ruleId, [...entry.problems]);
    else if (entry.rule !== undefined) rules.push(entry.rule);
    else if (entry.correlation !== undefined) correlations.push(entry.correlation);
  }
  const built = createDetector({ rules, correlations, placeholders });
  for (const problem of built.problems) {
    const list = problems.get(problem.ruleId) ?? [];
    list.push(`${problem.code}: ${problem.message}`);
    problems.set(problem.ruleId, list);
  }
  return { detector: built.detector, problems };
}

export interface RuleTestReport {
  readonly detections: readonly Detection[];
  readonly problems: readonly string[];
  readonly events: number;
  readonly rejected: readonly { readonly line: number; readonly message: string }[];
}

/** An event pasted in Wardline's own form (`{time, logsource, shape, data}`) taken as that. */
function unwrapped(event: LogEvent): LogEvent {
  const { data } = event;
  const inner = data['data'];
  const shape = data['shape'];
  if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return event;
  if (typeof shape !== 'string' || !isEventShape(shape)) return event;
  const logsource = data['logsource'];
  const time = data['time'];
  return {
    ...event,
    data: inner as EventData,
    shape,
    logsource:
      typeof logsource === 'object' && logsource !== null && !Array.isArray(logsource)
        ? (logsource as LogSource)
        : {},
    time: typeof time === 'string' ? time : event.time,
  };
}

function isEventShape(value: string): value is EventShape {
  return (EVENT_SHAPES as readonly string[]).includes(value);
}

export function createRuleService(ctx: ServiceContext, audit: AuditService) {
  const { db, clock } = ctx;
  let cached: Detector | undefined;

  async function store(
    trx: Kysely<Database>,
    entries: readonly RuleEntry[],
    origin: RuleOrigin,
    enabled: boolean,
  ): Promise<DetectionRule[]> {
    const placeholders = await buildPlaceholders(trx);
    const { problems } = detectorFor(entries, placeholders);
    const at = clock().toISOString();
    const stored: DetectionRule[] = [];
    for (const entry of entries) {
      const row = {
        id: newId('ruleFile'),
        ruleId: entry.ruleId,
        title: entry.title,
        level: entry.level,
        kind: entry.kind,
        origin,
        path: entry.path,
        yaml: entry.yaml,
        logsource: entry.logsource,
        tags: entry.tags,
        enabled,
        problems: problems.get(entry.ruleId) ?? [],
        updatedAt: at,
      };
      await ruleRepo.upsertRule(trx, row);
      stored.push(ruleRepo.withoutText({ ...row, yaml: entry.yaml }));
    }
    return stored;
  }

  function summarize(
    rules: readonly DetectionRule[],
    fileProblems: readonly string[],
  ): RuleLoadResult {
    const problems = [
      ...fileProblems,
      ...rules.flatMap((r) => r.problems.map((p) => `${r.path} (${r.ruleId}): ${p}`)),
    ];
    return { rules, problems };
  }

  async function loadEntries(
    entries: readonly RuleEntry[],
    fileProblems: readonly string[],
    origin: RuleOrigin,
    actor: Actor,
    target: string,
  ): Promise<RuleLoadResult> {
    const rules = await audit.recordChange(
      (trx) => store(trx, entries, origin, true),
      (stored) => ({
        ...auditedBy(actor),
        action: 'detection.rules.load',
        targetType: 'rules',
        targetId: target,
        details: { origin, rules: stored.length, problems: fileProblems.length },
      }),
    );
    cached = undefined;
    return summarize(rules, fileProblems);
  }

  return {
    /** Loads (or refreshes) rules from a directory of YAML files, such as the bundled pack. */
    async loadDirectory(
      dir: string,
      actor: Actor,
      origin: RuleOrigin = 'directory',
      prefix = '',
    ): Promise<RuleLoadResult> {
      const read = await readRuleDirectory(dir, prefix);
      return loadEntries(read.entries, read.problems, origin, actor, dir);
    },

    async upload(yaml: string, actor: Actor, name = 'uploaded.yml'): Promise<RuleLoadResult> {
      const read = readRuleText(yaml, name);
      if (read.entries.length === 0) {
        throw new WardlineError(
          'WL_RULE_INVALID',
          read.problems.join('; ') || 'No rule in the text.',
        );
      }
      return loadEntries(read.entries, read.problems, 'uploaded', actor, name);
    },

    async setEnabled(id: string, enabled: boolean, actor: Actor): Promise<DetectionRule> {
      const rule = await audit.recordChange(
        (trx) => ruleRepo.setRuleEnabled(trx, id, enabled, clock().toISOString()),
        (result) => ({
          ...auditedBy(actor),
          action: enabled ? 'detection.rule.enable' : 'detection.rule.disable',
          targetType: 'rule',
          targetId: result?.ruleId ?? id,
        }),
      );
      if (rule === undefined) throw new WardlineError('WL_NOT_FOUND', 'No such rule.');
      cached = undefined;
      return ruleRepo.withoutText(rule);
    },

    list: (filters: ruleRepo.RuleFilters): Promise<Page<DetectionRule>> =>
      ruleRepo.listRules(db, filters),

    async get(id: string): Promise<ruleRepo.StoredRule> {
      const rule = await ruleRepo.getRule(db, id);
      if (rule === undefined) throw new WardlineError('WL_NOT_FOUND', 'No such rule.');
      return rule;
    },

    /** The live detector over the enabled rules; built once and kept until rules change. */
    async detector(): Promise<Detector> {
      if (cached !== undefined) return cached;
      const texts = await ruleRepo.enabledRuleTexts(db);
      const entries = new Map<string, RuleEntry>();
      for (const text of texts) {
        for (const entry of readRuleText(text.yaml, text.path).entries) {
          if (entry.ruleId === text.ruleId) entries.set(entry.ruleId, entry);
        }
      }
      cached = detectorFor([...entries.values()], await buildPlaceholders(db)).detector;
      return cached;
    },

    /** Rebuild the detector at next use: after the inventory or placeholders changed. */
    invalidate(): void {
      cached = undefined;
    },

    /**
     * Runs pasted rule text over pasted events (NDJSON or a JSON array; raw events, or events in
     * Wardline's `{time, logsource, shape, data}` form), storing nothing.
     */
    async testText(yaml: string, eventsText: string): Promise<RuleTestReport> {
      const at = clock().toISOString();
      const events: LogEvent[] = [];
      const rejected: { line: number; message: string }[] = [];
      for (const item of readJsonLogText(eventsText, { source: 'pasted' })) {
        if (item.kind === 'rejected') {
          rejected.push({ line: item.diagnostic.line ?? 0, message: item.diagnostic.message });
        } else {
          events.push(completeEvent(unwrapped(item.event), null, at));
        }
      }
      const result = await this.test(yaml, events);
      return { ...result, events: events.length, rejected };
    },

    /** Runs pasted rule text over events, storing nothing. */
    async test(
      yaml: string,
      events: readonly LogEvent[],
    ): Promise<{ detections: Detection[]; problems: string[] }> {
      const read = readRuleText(yaml, 'pasted.yml');
      const { detector, problems } = detectorFor(read.entries, await buildPlaceholders(db));
      const detections: Detection[] = [];
      for (const event of events) detections.push(...detector.process(event));
      detections.push(...detector.flush());
      return {
        detections,
        problems: [
          ...read.problems,
          ...[...problems].flatMap(([id, list]) => list.map((p) => `${id}: ${p}`)),
        ],
      };
    },
  };
}

export type RuleService = ReturnType<typeof createRuleService>;

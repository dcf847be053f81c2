/**
 * Event sources and the ingest pipeline. A source is a syslog listener, an HTTP token or a file
 * import, with what the user declared about its events. Every batch a source delivers goes the
 * same way: rejected records to the dead-letter store with their reason; events completed
 * (shape, log source, time, host), kept for hunting, run through the live detector; detections
 * written as alerts; new alerts notified; the source's counters and rate updated.
 */
import {
  MAX_DEAD_LETTER_RAW_CHARS,
  type Alert,
  type DeadLetter,
  type Detection,
  type EventShape,
  type EventSource,
  type IngestProtocol,
  type LogReadItem,
  type LogSource,
} from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Page, PageRequest } from '../../domain/page.js';
import { conflictAsError } from '../../store/db-helpers.js';
import * as sourceRepo from '../../store/event-source-repo.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from '../context.js';
import { notifyAlerts } from './alert-notify.js';
import { writeAlerts } from './alert-writer.js';
import { createAssetResolver } from './asset-resolver.js';
import { completeEvent } from './classify.js';
import { hashSourceToken, newSourceToken, SOURCE_TOKEN_PREFIX } from './ingest/http-ingest.js';
import type { RuleService } from './rule-service.js';

export interface IngestResult {
  readonly accepted: number;
  readonly rejected: number;
  readonly detections: number;
  readonly alertsOpened: readonly Alert[];
}

export interface SourceServiceOptions {
  readonly version: string;
  /** Keep accepted events for hunts (sealed); default true. */
  readonly keepEvents?: boolean;
  /** Days events are kept; default 30. */
  readonly retentionDays?: number;
  readonly aggregationMinutes?: number;
}

export interface NewSource {
  readonly name: string;
  readonly protocol: IngestProtocol;
  readonly logsource?: LogSource;
  readonly shape?: EventShape | null;
}

const RATE_WINDOW_MS = 60_000;
const PRUNE_EVERY_MS = 3_600_000;

/** Events per second over the last minute, per source, from batch sizes and times. */
function createRateMeter() {
  const batches = new Map<string, { at: number; n: number }[]>();
  return (sourceId: string, n: number, at: number): number => {
    const list = (batches.get(sourceId) ?? []).filter((b) => at - b.at < RATE_WINDOW_MS);
    list.push({ at, n });
    batches.set(sourceId, list);
    const total = list.reduce((sum, b) => sum + b.n, 0);
    const span = Math.max(1_000, Math.min(RATE_WINDOW_MS, at - (list[0]?.at ?? at) + 1_000));
    return Math.round((total * 1_000 * 100) / span) / 100;
  };
}

export function createSourceService(
  ctx: ServiceContext,
  audit: AuditService,
  rules: RuleService,
  options: SourceServiceOptions,
) {
  const { db, keyring, clock } = ctx;
  const resolver = createAssetResolver(db);
  const rate = createRateMeter();
  let lastPrune = 0;
  // Batches run one after another: the detector's correlation windows and alert folding see
  // events in arrival order, and two batches never open the same alert twice.
  let queue: Promise<unknown> = Promise.resolve();

  async function prune(now: Date): Promise<void> {
    if (now.getTime() - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now.getTime();
    const before = new Date(now.getTime() - (options.retentionDays ?? 30) * 86_400_000);
    await sourceRepo.pruneEvents(db, before.toISOString());
  }

  async function runBatch(
    source: EventSource | null,
    items: readonly LogReadItem[],
    flush: boolean,
  ): Promise<IngestResult> {
    const now = clock();
    const at = now.toISOString();
    const sourceId = source?.id ?? null;
    const detector = await rules.detector();
    const events = [];
    const letters: sourceRepo.NewDeadLetter[] = [];
    for (const item of items) {
      if (item.kind === 'event') {
        events.push(completeEvent(item.event, source, at));
        continue;
      }
      if (sourceId === null) continue;
      letters.push({
        id: newId('deadLetter'),
        sourceId,
        receivedAt: at,
        code: item.diagnostic.code,
        message: item.diagnostic.message,
        position:
          item.diagnostic.line === undefined
            ? String(item.diagnostic.offset)
            : `line ${String(item.diagnostic.line)}`,
        raw: item.raw === undefined ? null : item.raw.slice(0, MAX_DEAD_LETTER_RAW_CHARS),
      });
    }
    const detections: Detection[] = [];
    for (const event of events) detections.push(...detector.process(event));
    if (flush) detections.push(...detector.flush());
    if (options.keepEvents !== false && events.length > 0) {
      await sourceRepo.insertEvents(
        db,
        keyring,
        events.map((event) => ({ id: newId('logEvent'), sourceId, receivedAt: at, event })),
      );
      await prune(now);
    }
    await sourceRepo.insertDeadLetters(db, keyring, letters);
    const written = await writeAlerts(
      { db, keyring, resolver, aggregationMinutes: options.aggregationMinutes },
      detections,
      sourceId,
      at,
    );
    if (sourceId !== null) {
      const lastEvent = events.reduce<string | null>(
        (latest, e) => (latest === null || e.time > latest ? e.time : latest),
        null,
      );
      await sourceRepo.addSourceCounts(db, sourceId, {
        events: events.length,
        errors: items.length - events.length,
        dropped: 0,
        lastEventAt: lastEvent === null ? null : at,
        eps: rate(sourceId, events.length, now.getTime()),
      });
    }
    await notifyAlerts(db, audit, written.opened, options.version);
    return {
      accepted: events.length,
      rejected: items.length - events.length,
      detections: detections.length,
      alertsOpened: written.opened,
    };
  }

  return {
    async create(input: NewSource, actor: Actor): Promise<{ source: EventSource; token?: string }> {
      const name = input.name.trim();
      // eslint-disable-next-line no-control-regex -- control characters are what is refused
      if (name === '' || name.length > 64 || /[\u0000-\u001f\u007f]/.test(name)) {
        throw new WardlineError(
          'WL_REQUEST_INVALID',
          'A source name is 1–64 characters with no control characters.',
        );
      }
      const token = input.protocol === 'http' ? newSourceToken() : undefined;
      const id = newId('eventSource');
      await conflictAsError(
        audit.recordChange(
          (trx) =>
            sourceRepo.insertSource(trx, {
              id,
              name,
              protocol: input.protocol,
              logsource: input.logsource ?? {},
              shape: input.shape ?? null,
              tokenHash: token === undefined ? null : hashSourceToken(token),
              createdBy: actor.name,
              createdAt: clock().toISOString(),
            }),
          () => ({
            ...auditedBy(actor),
            action: 'detection.source.create',
            targetType: 'event-source',
            targetId: id,
            details: { name, protocol: input.protocol },
          }),
        ),
        `A source named ${name} exists.`,
      );
      const source = await sourceRepo.getSource(db, id);
      if (source === undefined) throw new WardlineError('WL_INTERNAL', 'The source vanished.');
      return token === undefined ? { source } : { source, token };
    },

    list: (): Promise<EventSource[]> => sourceRepo.listSources(db),

    async get(id: string): Promise<EventSource> {
      const source = await sourceRepo.getSource(db, id);
      if (source === undefined) throw new WardlineError('WL_NOT_FOUND', 'No such source.');
      return source;
    },

    /** The source for a listener or file import, created on first use. */
    async ensure(name: string, protocol: IngestProtocol, actor: Actor): Promise<EventSource> {
      const found = await sourceRepo.getSource(db, name);
      if (found !== undefined) return found;
      try {
        return (await this.create({ name, protocol }, actor)).source;
      } catch (error) {
        const again = await sourceRepo.getSource(db, name);
        if (again !== undefined) return again;
        throw error;
      }
    },

    async authenticate(token: string | undefined): Promise<EventSource> {
      if (token === undefined || !token.startsWith(SOURCE_TOKEN_PREFIX)) {
        throw new WardlineError('WL_INGEST_TOKEN_INVALID', 'No source token.');
      }
      const hash = hashSourceToken(token);
      const source = await sourceRepo.sourceByTokenHash(db, hash);
      if (source === undefined) {
        throw new WardlineError('WL_INGEST_TOKEN_INVALID', 'No enabled source holds this token.');
      }
      return source;
    },

    deadLetters: (id: string, page: PageRequest): Promise<Page<DeadLetter>> =>
      sourceRepo.listDeadLetters(db, keyring, id, page),

    /** Counts records a listener lost before they could be read (UDP overflow). */
    async recordDropped(sourceId: string, dropped: number): Promise<void> {
      if (dropped <= 0) return;
      await sourceRepo.addSourceCounts(db, sourceId, {
        events: 0,
        errors: 0,
        dropped,
        lastEventAt: null,
        eps: rate(sourceId, 0, clock().getTime()),
      });
    },

    /**
     * Runs one batch through the pipeline. `flush` closes the correlation windows afterwards: set
     * it at the end of a file, never for a live stream.
     */
    ingest(
      source: EventSource | null,
      items: readonly LogReadItem[],
      flush = false,
    ): Promise<IngestResult> {
      const run = queue.then(() => runBatch(source, items, flush));
      queue = run.catch(() => undefined);
      return run;
    },

    /** Forget resolved assets: after an inventory import. */
    inventoryChanged(): void {
      resolver.clear();
      rules.invalidate();
    },
  };
}

export type SourceService = ReturnType<typeof createSourceService>;

/**
 * Where events come from: sources with their declaration and counters, the records they could not
 * read (dead letters, raw text sealed), and the events kept for hunting (sealed).
 */
import type { Kysely } from 'kysely';
import {
  EVENT_SHAPES,
  INGEST_PROTOCOLS,
  type DeadLetter,
  type EventShape,
  type EventSource,
  type IngestProtocol,
  type LogEvent,
  type LogSource,
} from '../domain/detection.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { toCount } from './db-helpers.js';
import { fromFlag, readEnum, readJson, readJsonObject, toFlag, writeJson } from './json-columns.js';
import type { Database, EventSourceTable } from './schema.js';
import type { Keyring } from './sealing.js';

function toSource(row: EventSourceTable): EventSource {
  return {
    id: row.id,
    name: row.name,
    protocol: readEnum(row.protocol, INGEST_PROTOCOLS, 'event_sources.protocol'),
    logsource: readJsonObject(row.logsource, 'event_sources.logsource'),
    shape: row.shape === null ? null : readEnum(row.shape, EVENT_SHAPES, 'event_sources.shape'),
    enabled: fromFlag(row.enabled),
    eventsTotal: toCount(row.events_total),
    errorsTotal: toCount(row.errors_total),
    droppedTotal: toCount(row.dropped_total),
    lastEventAt: row.last_event_at,
    eps: row.eps,
    createdAt: row.created_at,
  };
}

export interface NewEventSource {
  readonly id: string;
  readonly name: string;
  readonly protocol: IngestProtocol;
  readonly logsource: LogSource;
  readonly shape: EventShape | null;
  readonly tokenHash: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

export async function insertSource(db: Kysely<Database>, input: NewEventSource): Promise<void> {
  await db
    .insertInto('event_sources')
    .values({
      id: input.id,
      name: input.name,
      protocol: input.protocol,
      logsource: writeJson(input.logsource),
      shape: input.shape,
      token_hash: input.tokenHash,
      enabled: 1,
      events_total: 0,
      errors_total: 0,
      dropped_total: 0,
      last_event_at: null,
      eps: 0,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .execute();
}

export async function listSources(db: Kysely<Database>): Promise<EventSource[]> {
  const rows = await db.selectFrom('event_sources').selectAll().orderBy('name').execute();
  return rows.map(toSource);
}

export async function getSource(
  db: Kysely<Database>,
  id: string,
): Promise<EventSource | undefined> {
  const row = await db
    .selectFrom('event_sources')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', id), eb('name', '=', id)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toSource(row);
}

/** The enabled source whose HTTP token hashes to this value. */
export async function sourceByTokenHash(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<EventSource | undefined> {
  const row = await db
    .selectFrom('event_sources')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('enabled', '=', toFlag(true))
    .executeTakeFirst();
  return row === undefined ? undefined : toSource(row);
}

export interface SourceCounts {
  readonly events: number;
  readonly errors: number;
  readonly dropped: number;
  readonly lastEventAt: string | null;
  readonly eps: number;
}

export async function addSourceCounts(
  db: Kysely<Database>,
  id: string,
  counts: SourceCounts,
): Promise<void> {
  await db
    .updateTable('event_sources')
    .set((eb) => ({
      events_total: eb('events_total', '+', counts.events),
      errors_total: eb('errors_total', '+', counts.errors),
      dropped_total: eb('dropped_total', '+', counts.dropped),
      eps: counts.eps,
      ...(counts.lastEventAt === null ? {} : { last_event_at: counts.lastEventAt }),
    }))
    .where('id', '=', id)
    .execute();
}

export interface NewDeadLetter {
  readonly id: string;
  readonly sourceId: string;
  readonly receivedAt: string;
  readonly code: string;
  readonly message: string;
  readonly position: string | null;
  readonly raw: string | null;
}

export async function insertDeadLetters(
  db: Kysely<Database>,
  keyring: Keyring,
  letters: readonly NewDeadLetter[],
): Promise<void> {
  if (letters.length === 0) return;
  await db
    .insertInto('dead_letters')
    .values(
      letters.map((letter) => ({
        id: letter.id,
        source_id: letter.sourceId,
        received_at: letter.receivedAt,
        code: letter.code,
        message: letter.message,
        position: letter.position,
        raw_sealed:
          letter.raw === null ? null : keyring.seal(letter.raw, 'dead_letters.raw_sealed'),
      })),
    )
    .execute();
}

export async function listDeadLetters(
  db: Kysely<Database>,
  keyring: Keyring,
  sourceId: string,
  page: PageRequest,
): Promise<Page<DeadLetter>> {
  const { limit, offset } = normalizePage(page);
  const query = db.selectFrom('dead_letters').where('source_id', '=', sourceId);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      id: row.id,
      sourceId: row.source_id,
      receivedAt: row.received_at,
      code: row.code,
      message: row.message,
      position: row.position,
      raw: keyring.openNullable(row.raw_sealed, 'dead_letters.raw_sealed'),
    })),
    total: toCount(count.n),
  };
}

export interface StoredEvent {
  readonly id: string;
  readonly sourceId: string | null;
  readonly receivedAt: string;
  readonly event: LogEvent;
}

export async function insertEvents(
  db: Kysely<Database>,
  keyring: Keyring,
  events: readonly StoredEvent[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('log_events')
    .values(
      events.map((stored) => ({
        id: stored.id,
        source_id: stored.sourceId,
        time: stored.event.time,
        received_at: stored.receivedAt,
        host: stored.event.host ?? null,
        product: stored.event.logsource.product ?? null,
        category: stored.event.logsource.category ?? null,
        service: stored.event.logsource.service ?? null,
        event_sealed: keyring.seal(JSON.stringify(stored.event), 'log_events.event_sealed'),
      })),
    )
    .execute();
}

export interface EventRange {
  readonly from?: string;
  readonly to?: string;
}

export async function countEvents(db: Kysely<Database>, range: EventRange): Promise<number> {
  let query = db.selectFrom('log_events');
  if (range.from !== undefined) query = query.where('time', '>=', range.from);
  if (range.to !== undefined) query = query.where('time', '<=', range.to);
  const row = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** Stored events in time order, a batch at a time, so a hunt over millions stays flat in memory. */
export async function* iterateEvents(
  db: Kysely<Database>,
  keyring: Keyring,
  range: EventRange,
  batchSize = 1_000,
): AsyncGenerator<LogEvent> {
  let after: { time: string; id: string } | undefined;
  for (;;) {
    let query = db.selectFrom('log_events').select(['id', 'time', 'event_sealed']);
    if (range.from !== undefined) query = query.where('time', '>=', range.from);
    if (range.to !== undefined) query = query.where('time', '<=', range.to);
    if (after !== undefined) {
      const { time, id } = after;
      query = query.where((eb) =>
        eb.or([eb('time', '>', time), eb.and([eb('time', '=', time), eb('id', '>', id)])]),
      );
    }
    const rows = await query.orderBy('time').orderBy('id').limit(batchSize).execute();
    for (const row of rows) {
      yield readJson(
        keyring.open(row.event_sealed, 'log_events.event_sealed'),
        'log_events',
      ) as LogEvent;
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < batchSize) return;
    after = { time: last.time, id: last.id };
  }
}

/** Deletes events received before a time (retention); returns how many. */
export async function pruneEvents(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db
    .deleteFrom('log_events')
    .where('received_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

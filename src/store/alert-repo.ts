/**
 * Alerts and what hangs on them: the matched events (sealed, they hold PHI), the status history,
 * suppressions, and the incident an alert was handed to.
 */
import type { Kysely } from 'kysely';
import {
  ALERT_STATUSES,
  DETECTION_LEVELS,
  type Alert,
  type AlertDetail,
  type AlertHistoryEntry,
  type AlertStatus,
  type LogEvent,
  type Suppression,
} from '../domain/detection.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import { containsInsensitive, isPostgres, toCount } from './db-helpers.js';
import { readEnum, readJson, readStringArray, writeJson } from './json-columns.js';
import type { AlertTable, AlertSuppressionTable, Database } from './schema.js';
import type { Keyring } from './sealing.js';

type AlertRow = AlertTable & { asset_name: string | null };

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    ruleId: row.rule_id,
    title: row.title,
    level: readEnum(row.level, DETECTION_LEVELS, 'alerts.level'),
    kind: row.kind === 'correlation' ? 'correlation' : 'rule',
    tags: readStringArray(row.tags, 'alerts.tags'),
    techniques: readStringArray(row.techniques, 'alerts.techniques'),
    ...(row.description === null ? {} : { description: row.description }),
    status: readEnum(row.status, ALERT_STATUSES, 'alerts.status'),
    assetId: row.asset_id,
    assetName: row.asset_name,
    host: row.host,
    groupKey: row.group_key,
    count: row.count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    sourceId: row.source_id,
    incidentId: row.incident_id,
    statusNote: row.status_note,
    updatedAt: row.updated_at,
  };
}

function alertQuery(db: Kysely<Database>) {
  return db
    .selectFrom('alerts')
    .leftJoin('assets', 'assets.id', 'alerts.asset_id')
    .selectAll('alerts')
    .select('assets.name as asset_name');
}

export interface NewAlert {
  readonly alert: Omit<Alert, 'assetName'>;
  readonly dedupKey: string;
  readonly events: readonly LogEvent[];
}

export async function insertAlert(
  db: Kysely<Database>,
  keyring: Keyring,
  input: NewAlert,
): Promise<void> {
  const a = input.alert;
  await db
    .insertInto('alerts')
    .values({
      id: a.id,
      rule_id: a.ruleId,
      title: a.title,
      level: a.level,
      kind: a.kind,
      tags: writeJson(a.tags),
      techniques: writeJson(a.techniques),
      description: a.description ?? null,
      status: a.status,
      asset_id: a.assetId,
      host: a.host,
      group_key: a.groupKey,
      dedup_key: input.dedupKey,
      count: a.count,
      first_seen: a.firstSeen,
      last_seen: a.lastSeen,
      source_id: a.sourceId,
      incident_id: null,
      status_note: null,
      events_sealed: keyring.seal(JSON.stringify(input.events), 'alerts.events_sealed'),
      updated_at: a.updatedAt,
    })
    .execute();
  await db
    .insertInto('alert_history')
    .values({
      alert_id: a.id,
      seq: 1,
      at: a.firstSeen,
      by_user: null,
      from_status: null,
      to_status: a.status,
      note: null,
    })
    .execute();
}

/** The open alert (new or acknowledged) with this key last seen at or after `since`. */
export async function findOpenAlert(
  db: Kysely<Database>,
  dedupKey: string,
  since: string,
): Promise<{ id: string; count: number; lastSeen: string; eventsSealed: string } | undefined> {
  return db
    .selectFrom('alerts')
    .select(['id', 'count', 'last_seen as lastSeen', 'events_sealed as eventsSealed'])
    .where('dedup_key', '=', dedupKey)
    .where('last_seen', '>=', since)
    .where('status', 'in', ['new', 'acknowledged'])
    .orderBy('last_seen', 'desc')
    .executeTakeFirst();
}

/** Folds more detections into an alert: count, last seen, and events up to `maxEvents`. */
export async function foldIntoAlert(
  db: Kysely<Database>,
  keyring: Keyring,
  input: {
    id: string;
    eventsSealed: string;
    add: number;
    lastSeen: string;
    events: readonly LogEvent[];
    maxEvents: number;
    at: string;
  },
): Promise<void> {
  const held = readJson(
    keyring.open(input.eventsSealed, 'alerts.events_sealed'),
    'alerts.events_sealed',
  ) as LogEvent[];
  const room = Math.max(0, input.maxEvents - held.length);
  const events = room === 0 ? held : [...held, ...input.events.slice(0, room)];
  await db
    .updateTable('alerts')
    .set((eb) => ({
      count: eb('count', '+', input.add),
      last_seen: input.lastSeen,
      updated_at: input.at,
      ...(room === 0
        ? {}
        : { events_sealed: keyring.seal(JSON.stringify(events), 'alerts.events_sealed') }),
    }))
    .where('id', '=', input.id)
    .execute();
}

export interface AlertFilters extends PageRequest {
  readonly status?: AlertStatus;
  readonly level?: string;
  readonly ruleId?: string;
  readonly assetId?: string;
  readonly q?: string;
}

/** The alerts the filters select, not yet joined or paged: the list and its count share it. */
function filteredAlerts(db: Kysely<Database>, filters: AlertFilters) {
  let query = db.selectFrom('alerts');
  if (filters.status !== undefined) query = query.where('alerts.status', '=', filters.status);
  if (filters.level !== undefined) query = query.where('alerts.level', '=', filters.level);
  if (filters.ruleId !== undefined) query = query.where('alerts.rule_id', '=', filters.ruleId);
  if (filters.assetId !== undefined) query = query.where('alerts.asset_id', '=', filters.assetId);
  const q = filters.q;
  if (q !== undefined && q !== '') {
    const postgres = isPostgres(db);
    query = query.where((eb) =>
      eb.or([
        containsInsensitive(postgres, eb.ref('alerts.title'), q),
        containsInsensitive(postgres, eb.ref('alerts.host'), q),
        containsInsensitive(postgres, eb.ref('alerts.rule_id'), q),
      ]),
    );
  }
  return query;
}

export async function listAlerts(
  db: Kysely<Database>,
  filters: AlertFilters,
): Promise<Page<Alert>> {
  const { limit, offset } = normalizePage(filters);
  const selected = filteredAlerts(db, filters);
  const [rows, count] = await Promise.all([
    selected
      .leftJoin('assets', 'assets.id', 'alerts.asset_id')
      .selectAll('alerts')
      .select('assets.name as asset_name')
      .orderBy('alerts.last_seen', 'desc')
      .orderBy('alerts.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    selected.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toAlert), total: toCount(count.n) };
}

export async function getAlert(db: Kysely<Database>, id: string): Promise<Alert | undefined> {
  const row = await alertQuery(db).where('alerts.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toAlert(row);
}

export async function getAlertDetail(
  db: Kysely<Database>,
  keyring: Keyring,
  id: string,
): Promise<AlertDetail | undefined> {
  const row = await alertQuery(db).where('alerts.id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const history = await db
    .selectFrom('alert_history')
    .selectAll()
    .where('alert_id', '=', id)
    .orderBy('seq')
    .execute();
  const events = readJson(
    keyring.open(row.events_sealed, 'alerts.events_sealed'),
    'alerts.events_sealed',
  ) as LogEvent[];
  return {
    ...toAlert(row),
    events,
    history: history.map((h): AlertHistoryEntry => ({
      at: h.at,
      by: h.by_user,
      from:
        h.from_status === null
          ? null
          : readEnum(h.from_status, ALERT_STATUSES, 'alert_history.from_status'),
      to: readEnum(h.to_status, ALERT_STATUSES, 'alert_history.to_status'),
      note: h.note,
    })),
  };
}

export async function setAlertStatus(
  db: Kysely<Database>,
  input: {
    id: string;
    from: AlertStatus;
    to: AlertStatus;
    note: string | null;
    by: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ status: input.to, status_note: input.note, updated_at: input.at })
    .where('id', '=', input.id)
    .execute();
  const last = await db
    .selectFrom('alert_history')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('alert_id', '=', input.id)
    .executeTakeFirst();
  await db
    .insertInto('alert_history')
    .values({
      alert_id: input.id,
      seq: toCount(last?.seq) + 1,
      at: input.at,
      by_user: input.by,
      from_status: input.from,
      to_status: input.to,
      note: input.note,
    })
    .execute();
}

export async function setAlertIncident(
  db: Kysely<Database>,
  id: string,
  incidentId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ incident_id: incidentId, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function insertIncident(
  db: Kysely<Database>,
  input: {
    id: string;
    title: string;
    severity: string;
    alertId: string;
    assetId: string | null;
    createdBy: string | null;
    createdAt: string;
  },
): Promise<void> {
  await db
    .insertInto('incidents')
    .values({
      id: input.id,
      title: input.title,
      severity: input.severity,
      status: 'open',
      alert_id: input.alertId,
      asset_id: input.assetId,
      created_by: input.createdBy,
      created_at: input.createdAt,
    })
    .execute();
}

function toSuppression(row: AlertSuppressionTable): Suppression {
  return {
    id: row.id,
    ruleId: row.rule_id,
    host: row.host,
    assetId: row.asset_id,
    reason: row.reason,
    until: row.until,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertSuppression(db: Kysely<Database>, s: Suppression): Promise<void> {
  await db
    .insertInto('alert_suppressions')
    .values({
      id: s.id,
      rule_id: s.ruleId,
      host: s.host,
      asset_id: s.assetId,
      reason: s.reason,
      until: s.until,
      created_by: s.createdBy,
      created_at: s.createdAt,
      revoked_at: null,
    })
    .execute();
}

export async function listSuppressions(db: Kysely<Database>): Promise<Suppression[]> {
  const rows = await db
    .selectFrom('alert_suppressions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toSuppression);
}

/** Suppressions neither revoked nor past their end at `now`. */
export async function activeSuppressions(
  db: Kysely<Database>,
  now: string,
): Promise<Suppression[]> {
  const rows = await db
    .selectFrom('alert_suppressions')
    .selectAll()
    .where('revoked_at', 'is', null)
    .where('until', '>', now)
    .execute();
  return rows.map(toSuppression);
}

export async function revokeSuppression(
  db: Kysely<Database>,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('alert_suppressions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

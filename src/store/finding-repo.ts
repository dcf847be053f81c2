/**
 * Findings (asset × vulnerability), their status history and the exception register. Matching
 * writes findings through `writeFindings` in the caller's transaction; people change their status
 * through `recordStatus`.
 */
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import {
  FINDING_STATUSES,
  MATCH_KINDS,
  SSVC_DECISIONS,
  type Finding,
  type FindingMatch,
  type FindingStatus,
  type Prioritization,
  type SsvcDecision,
  type VexStatement,
} from '../domain/vulnerability.js';
import { containsInsensitive, isPostgres, toCount } from './db-helpers.js';
import { readJson, readJsonObject } from './json-columns.js';
import type { Database, FindingTable } from './schema.js';
import { WardlineError } from '../domain/errors.js';

const CHUNK = 100;

/** What matching needs to know of a stored finding to decide what changes. */
export interface FindingState {
  readonly id: string;
  readonly assetId: string;
  readonly vulnId: string;
  readonly status: FindingStatus;
  readonly firstSeen: string;
  readonly dueAt: string;
  readonly riskAcceptedUntil: string | null;
}

export type FindingRow = Omit<Selectable<FindingTable>, 'id'> & { readonly id: string };

export interface FindingEventRow {
  readonly id: string;
  readonly findingId: string;
  readonly at: string;
  readonly actor: string | null;
  readonly from: FindingStatus | null;
  readonly to: FindingStatus;
  readonly note: string | null;
}

function asStatus(value: string): FindingStatus {
  const status = FINDING_STATUSES.find((s) => s === value);
  if (status === undefined)
    throw new WardlineError('WL_INTERNAL', `Unknown finding status ${value}.`);
  return status;
}

/** Stored findings of these assets (all assets when `assetIds` is null). */
export async function loadFindingStates(
  db: Kysely<Database>,
  assetIds: readonly string[] | null,
): Promise<FindingState[]> {
  const columns = [
    'id',
    'asset_id',
    'vuln_id',
    'status',
    'first_seen',
    'due_at',
    'risk_accepted_until',
  ] as const;
  const rows: Pick<Selectable<FindingTable>, (typeof columns)[number]>[] = [];
  if (assetIds === null) {
    rows.push(...(await db.selectFrom('findings').select(columns).execute()));
  } else {
    for (let i = 0; i < assetIds.length; i += 500) {
      rows.push(
        ...(await db
          .selectFrom('findings')
          .select(columns)
          .where('asset_id', 'in', assetIds.slice(i, i + 500))
          .execute()),
      );
    }
  }
  return rows.map((row) => ({
    id: row.id,
    assetId: row.asset_id,
    vulnId: row.vuln_id,
    status: asStatus(row.status),
    firstSeen: row.first_seen,
    dueAt: row.due_at,
    riskAcceptedUntil: row.risk_accepted_until,
  }));
}

export interface FindingWrites {
  readonly inserts: readonly FindingRow[];
  /** Findings that exist (by id); an absent column keeps its stored value. */
  readonly updates: readonly (Partial<FindingRow> & { readonly id: string })[];
  /** Findings a rescan no longer sees: only their status changes. */
  readonly closed: readonly {
    readonly id: string;
    readonly status: FindingStatus;
    readonly note: string | null;
    readonly at: string;
  }[];
  readonly events: readonly FindingEventRow[];
}

export async function writeFindings(db: Kysely<Database>, writes: FindingWrites): Promise<void> {
  for (let i = 0; i < writes.inserts.length; i += CHUNK) {
    await db
      .insertInto('findings')
      .values(writes.inserts.slice(i, i + CHUNK))
      .execute();
  }
  for (const row of writes.updates) {
    const { id, ...rest } = row;
    await db.updateTable('findings').set(rest).where('id', '=', id).execute();
  }
  for (const row of writes.closed) {
    await db
      .updateTable('findings')
      .set({ status: row.status, status_note: row.note, closed_at: row.at, updated_at: row.at })
      .where('id', '=', row.id)
      .execute();
  }
  await insertEvents(db, writes.events);
}

async function insertEvents(db: Kysely<Database>, events: readonly FindingEventRow[]) {
  for (let i = 0; i < events.length; i += CHUNK) {
    await db
      .insertInto('finding_events')
      .values(
        events.slice(i, i + CHUNK).map((event) => ({
          id: event.id,
          finding_id: event.findingId,
          at: event.at,
          actor: event.actor,
          from_status: event.from,
          to_status: event.to,
          note: event.note,
        })),
      )
      .execute();
  }
}

/** A person's status change, with its history entry. */
export async function recordStatus(
  db: Kysely<Database>,
  change: {
    readonly id: string;
    readonly status: FindingStatus;
    readonly note: string | null;
    readonly riskAcceptedUntil: string | null;
    readonly closedAt: string | null;
    /** A person's not-affected statement; absent leaves the stored one. */
    readonly vex?: VexStatement | undefined;
    readonly event: FindingEventRow;
  },
): Promise<void> {
  await db
    .updateTable('findings')
    .set({
      status: change.status,
      status_note: change.note,
      risk_accepted_until: change.riskAcceptedUntil,
      closed_at: change.closedAt,
      updated_at: change.event.at,
      ...(change.vex === undefined ? {} : { vex: JSON.stringify(change.vex) }),
    })
    .where('id', '=', change.id)
    .execute();
  await insertEvents(db, [change.event]);
}

/** Re-ranks one finding after KEV or EPSS changed, without touching its status. */
export async function updatePriority(
  db: Kysely<Database>,
  id: string,
  values: Pick<
    FindingRow,
    'decision' | 'priority' | 'prioritization' | 'kev' | 'ransomware' | 'epss' | 'due_at'
  >,
): Promise<void> {
  await db.updateTable('findings').set(values).where('id', '=', id).execute();
}

export const FINDING_SORTS = ['priority', 'dueAt', 'firstSeen', 'asset', 'vulnerability'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export interface FindingQuery extends PageRequest {
  readonly assetId?: string;
  readonly vulnId?: string;
  readonly statuses?: readonly FindingStatus[];
  readonly decisions?: readonly SsvcDecision[];
  readonly kev?: boolean;
  readonly ransomware?: boolean;
  readonly overdueAt?: string;
  readonly zoneId?: string;
  readonly category?: string;
  readonly siteId?: string;
  readonly q?: string;
  readonly sort?: FindingSort;
  /** Missed patches: the advisory names a fixed version, and the finding is still open. */
  readonly fixAvailable?: boolean;
}

type FindingEb = ExpressionBuilder<Database & { a: Database['assets'] }, 'findings' | 'a'>;

function findingConditions(eb: FindingEb, query: FindingQuery & { postgres?: boolean }) {
  const conditions = [];
  if (query.assetId !== undefined) conditions.push(eb('findings.asset_id', '=', query.assetId));
  if (query.vulnId !== undefined) conditions.push(eb('findings.vuln_id', '=', query.vulnId));
  if (query.statuses !== undefined && query.statuses.length > 0) {
    conditions.push(eb('findings.status', 'in', query.statuses));
  }
  if (query.decisions !== undefined && query.decisions.length > 0) {
    conditions.push(eb('findings.decision', 'in', query.decisions));
  }
  if (query.kev !== undefined) conditions.push(eb('findings.kev', '=', query.kev ? 1 : 0));
  if (query.ransomware !== undefined) {
    conditions.push(eb('findings.ransomware', '=', query.ransomware ? 1 : 0));
  }
  if (query.overdueAt !== undefined) {
    conditions.push(eb('findings.due_at', '<', query.overdueAt));
    conditions.push(eb('findings.status', 'in', ['open', 'in_progress', 'reopened']));
  }
  return [...conditions, ...assetConditions(eb, query)];
}

function assetConditions(eb: FindingEb, query: FindingQuery & { postgres?: boolean }) {
  const conditions = [];
  if (query.zoneId !== undefined) conditions.push(eb('a.zone_id', '=', query.zoneId));
  if (query.fixAvailable === true) conditions.push(eb('findings.fixed_version', 'is not', null));
  if (query.category !== undefined) conditions.push(eb('a.category', '=', query.category));
  if (query.siteId !== undefined) conditions.push(eb('a.site_id', '=', query.siteId));
  const text = query.q?.trim() ?? '';
  if (text !== '') {
    const postgres = query.postgres === true;
    conditions.push(
      eb.or([
        containsInsensitive(postgres, eb.ref('findings.vuln_id'), text),
        containsInsensitive(postgres, eb.ref('findings.title'), text),
        containsInsensitive(postgres, eb.ref('a.name'), text),
      ]),
    );
  }
  return conditions;
}

const SORT_COLUMNS = {
  priority: ['findings.priority', 'desc'],
  dueAt: ['findings.due_at', 'asc'],
  firstSeen: ['findings.first_seen', 'desc'],
  asset: ['a.name', 'asc'],
  vulnerability: ['findings.vuln_id', 'asc'],
} as const satisfies Record<FindingSort, readonly [string, 'asc' | 'desc']>;

export async function listFindings(
  db: Kysely<Database>,
  query: FindingQuery,
  now: string,
): Promise<Page<Finding>> {
  const { limit, offset } = normalizePage(query);
  const base = db
    .selectFrom('findings')
    .innerJoin('assets as a', 'a.id', 'findings.asset_id')
    .where((eb) => eb.and(findingConditions(eb, { ...query, postgres: isPostgres(db) })));
  const [column, direction] = SORT_COLUMNS[query.sort ?? 'priority'];
  const rows = await base
    .leftJoin('zones', 'zones.id', 'a.zone_id')
    .leftJoin('sites', 'sites.id', 'a.site_id')
    .selectAll('findings')
    .select([
      'a.name as asset_name',
      'a.category as asset_category',
      'a.owner as asset_owner',
      'zones.name as zone_name',
      'sites.name as site_name',
    ])
    .orderBy(column, direction)
    .orderBy('findings.id')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await base
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst()
    .then((row) => toCount(row?.n));
  return { items: rows.map((row) => toFinding(row, now)), total };
}

export async function getFinding(
  db: Kysely<Database>,
  id: string,
  now: string,
): Promise<Finding | undefined> {
  const row = await db
    .selectFrom('findings')
    .innerJoin('assets as a', 'a.id', 'findings.asset_id')
    .leftJoin('zones', 'zones.id', 'a.zone_id')
    .leftJoin('sites', 'sites.id', 'a.site_id')
    .selectAll('findings')
    .select([
      'a.name as asset_name',
      'a.category as asset_category',
      'a.owner as asset_owner',
      'zones.name as zone_name',
      'sites.name as site_name',
    ])
    .where('findings.id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toFinding(row, now);
}

export async function findingEvents(
  db: Kysely<Database>,
  findingId: string,
): Promise<FindingEventRow[]> {
  const rows = await db
    .selectFrom('finding_events')
    .selectAll()
    .where('finding_id', '=', findingId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    findingId: row.finding_id,
    at: row.at,
    actor: row.actor,
    from: row.from_status === null ? null : asStatus(row.from_status),
    to: asStatus(row.to_status),
    note: row.note,
  }));
}

const ACTIVE = ['open', 'in_progress', 'reopened'] as const;

function pick<T extends string>(list: readonly T[], value: string, what: string): T {
  const found = list.find((item) => item === value);
  if (found === undefined) throw new WardlineError('WL_INTERNAL', `Unknown ${what} ${value}.`);
  return found;
}

function toFinding(
  row: Selectable<FindingTable> & {
    asset_name: string;
    asset_category: string;
    asset_owner: string | null;
    zone_name: string | null;
    site_name: string | null;
  },
  now: string,
): Finding {
  const status = asStatus(row.status);
  const vex = row.vex === null ? null : (readJsonObject(row.vex, 'findings.vex') as unknown);
  return {
    id: row.id,
    assetId: row.asset_id,
    assetName: row.asset_name,
    assetCategory: row.asset_category,
    zoneName: row.zone_name,
    siteName: row.site_name,
    owner: row.asset_owner,
    vulnId: row.vuln_id,
    title: row.title,
    status,
    matchKind: pick(MATCH_KINDS, row.match_kind, 'match kind'),
    confidence: row.confidence,
    matches: readJson(row.matches, 'findings.matches') as FindingMatch[],
    decision: pick(SSVC_DECISIONS, row.decision, 'SSVC decision'),
    priority: row.priority,
    prioritization: readJsonObject(
      row.prioritization,
      'findings.prioritization',
    ) as unknown as Prioritization,
    cvssScore: row.cvss_score,
    kev: row.kev === 1,
    ransomware: row.ransomware === 1,
    epss: row.epss,
    fixedVersion: row.fixed_version,
    vex: vex as VexStatement | null,
    statusNote: row.status_note,
    riskAcceptedUntil: row.risk_accepted_until,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    dueAt: row.due_at,
    overdue: (ACTIVE as readonly string[]).includes(status) && row.due_at < now,
    closedAt: row.closed_at,
  };
}

export interface FindingCounts {
  readonly decision: SsvcDecision;
  readonly open: number;
  readonly overdue: number;
}

/** Open and overdue findings per SSVC decision. */
export async function countByDecision(db: Kysely<Database>, now: string): Promise<FindingCounts[]> {
  const rows = await db
    .selectFrom('findings')
    .select((eb) => [
      'decision',
      eb.fn.countAll<string>().as('open'),
      eb.fn.sum<string>(eb.case().when('due_at', '<', now).then(1).else(0).end()).as('overdue'),
    ])
    .where('status', 'in', ACTIVE)
    .groupBy('decision')
    .execute();
  return SSVC_DECISIONS.map((decision) => {
    const row = rows.find((r) => r.decision === decision);
    return { decision, open: toCount(row?.open), overdue: toCount(row?.overdue) };
  });
}

export interface GroupCount {
  readonly key: string | null;
  readonly open: number;
  readonly overdue: number;
}

/** Open and overdue findings per site or per owner. */
export async function countByAssetField(
  db: Kysely<Database>,
  field: 'site' | 'owner',
  now: string,
): Promise<GroupCount[]> {
  const key = field === 'site' ? sql<string | null>`s.name` : sql<string | null>`a.owner`;
  const rows = await db
    .selectFrom('findings')
    .innerJoin('assets as a', 'a.id', 'findings.asset_id')
    .leftJoin('sites as s', 's.id', 'a.site_id')
    .select((eb) => [
      key.as('key'),
      eb.fn.countAll<string>().as('open'),
      eb.fn
        .sum<string>(eb.case().when('findings.due_at', '<', now).then(1).else(0).end())
        .as('overdue'),
    ])
    .where('findings.status', 'in', ACTIVE)
    .groupBy(key)
    .orderBy(sql`count(*)`, 'desc')
    .limit(50)
    .execute();
  return rows.map((row) => ({
    key: row.key,
    open: toCount(row.open),
    overdue: toCount(row.overdue),
  }));
}

/** First-seen and closed times of every finding: what the trend chart is drawn from. */
export async function findingSpans(
  db: Kysely<Database>,
  since: string,
): Promise<{ firstSeen: string; closedAt: string | null; dueAt: string }[]> {
  const rows = await db
    .selectFrom('findings')
    .select(['first_seen', 'closed_at', 'due_at'])
    .where((eb) => eb.or([eb('closed_at', 'is', null), eb('closed_at', '>=', since)]))
    .execute();
  return rows.map((row) => ({
    firstSeen: row.first_seen,
    closedAt: row.closed_at,
    dueAt: row.due_at,
  }));
}

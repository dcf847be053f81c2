/**
 * The audit log table: append (hash-chained), list with filters, verify in sequence order.
 *
 * Hashing and the link rule come from `domain/audit-hash.ts`, which the audit engine shares; the
 * store may not import engines, and appending must hash inside the transaction that picks `seq`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { AuditEntry, AuditEvent } from '../domain/audit.js';
import {
  GENESIS_ANCHOR,
  checkAuditLink,
  computeAuditHash,
  normalizeAuditDetails,
  type AuditChainAnchor,
  type AuditChainVerification,
} from '../domain/audit-hash.js';
import { WardlineError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import { normalizePage, type Page, type PageRequest } from '../domain/page.js';
import {
  inTransaction,
  isPostgres,
  containsInsensitive,
  lockForWrite,
  toCount,
} from './db-helpers.js';
import { readEnum, readJsonObject, writeJson } from './json-columns.js';
import type { AuditLogTable, Database } from './schema.js';

const OUTCOMES = ['success', 'failure'] as const;

/**
 * Appends one entry: the next `seq`, a new id, the time and both hashes are assigned inside one
 * transaction that holds the audit write lock, so concurrent appenders form one chain. Inside a
 * caller's transaction it joins it, so a state change and its audit entry commit together.
 */
export async function appendAudit(
  db: Kysely<Database>,
  event: AuditEvent,
  now: Date = new Date(),
): Promise<AuditEntry> {
  return inTransaction(db, async (trx) => {
    await lockForWrite(trx, 'audit_log');
    const previous = (await getAuditHead(trx)) ?? GENESIS_ANCHOR;
    const unhashed = {
      seq: previous.seq + 1,
      id: newId('audit', now.getTime()),
      at: now.toISOString(),
      actorId: event.actorId ?? null,
      actorName: event.actorName,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      outcome: event.outcome,
      ip: event.ip ?? null,
      details: normalizeAuditDetails(event.details),
      prevHash: previous.hash,
    };
    const entry: AuditEntry = { ...unhashed, hash: computeAuditHash(unhashed) };
    await trx.insertInto('audit_log').values(toRow(entry)).execute();
    return entry;
  });
}

/** The newest entry's `seq` and `hash`, to anchor or publish the head; none for an empty log. */
export async function getAuditHead(db: Kysely<Database>): Promise<AuditChainAnchor | undefined> {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Filters of the audit list; each given one must match. */
/** The `seq` and `hash` of the entry at `seq`, to compare with an anchor kept elsewhere. */
export async function getAuditLink(
  db: Kysely<Database>,
  seq: number,
): Promise<AuditChainAnchor | undefined> {
  return db
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .where('seq', '=', seq)
    .executeTakeFirst();
}

export interface AuditFilters {
  /** Exact action, e.g. `user.create`. */
  readonly action?: string | undefined;
  /** Part of the actor's name, any case. */
  readonly actor?: string | undefined;
  readonly outcome?: AuditEntry['outcome'] | undefined;
  /** ISO time, inclusive. */
  readonly from?: string | undefined;
  /** ISO time, exclusive. */
  readonly to?: string | undefined;
}

/** Entries matching every given filter, newest first, with the count of all matches. */
export async function listAudit(
  db: Kysely<Database>,
  filters: AuditFilters & PageRequest = {},
): Promise<Page<AuditEntry>> {
  const { limit, offset } = normalizePage(filters);
  const from = filters.from === undefined ? undefined : toIsoTime(filters.from, 'from');
  const to = filters.to === undefined ? undefined : toIsoTime(filters.to, 'to');
  let query = db.selectFrom('audit_log');
  if (filters.action !== undefined) query = query.where('action', '=', filters.action);
  if (filters.outcome !== undefined) query = query.where('outcome', '=', filters.outcome);
  if (filters.actor !== undefined && filters.actor !== '') {
    const text = filters.actor;
    const postgres = isPostgres(db);
    query = query.where((eb) => containsInsensitive(postgres, eb.ref('actor_name'), text));
  }
  if (from !== undefined) query = query.where('at', '>=', from);
  if (to !== undefined) query = query.where('at', '<', to);

  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(toAuditEntry), total: toCount(count?.n) };
}

/**
 * Verifies the whole log in `seq` order, reading `batchSize` rows at a time (keyset paging, so a
 * log of millions is never held in memory), and stops at the first broken link.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  options: { readonly batchSize?: number } = {},
): Promise<AuditChainVerification> {
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  let previous = GENESIS_ANCHOR;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', previous.seq)
      .orderBy('seq', 'asc')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const entry = toVerifiableEntry(row);
      const reason = entry === undefined ? 'hash-mismatch' : checkAuditLink(entry, previous);
      if (reason !== undefined)
        return { ok: false, checked, firstBroken: { seq: row.seq, reason } };
      previous = { seq: row.seq, hash: row.hash };
      checked += 1;
    }
    if (rows.length < batchSize) return { ok: true, checked };
  }
}

/**
 * An entry exactly as stored, without narrowing: a row edited to an unknown outcome or to other
 * JSON must fail its hash check, not abort the verification. `undefined` when its details are no
 * longer JSON at all, which only an edit can cause.
 */
function toVerifiableEntry(row: Selectable<AuditLogTable>): AuditEntry | undefined {
  let details: unknown;
  try {
    details = JSON.parse(row.details);
  } catch {
    return undefined;
  }
  return {
    ...toAuditEntryFields(row),
    outcome: row.outcome as AuditEntry['outcome'],
    details: details as AuditEntry['details'],
  };
}

function toIsoTime(value: string, name: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new WardlineError('WL_REQUEST_INVALID', `The ${name} time is not a valid ISO 8601 time.`);
  }
  return time.toISOString();
}

function toRow(entry: AuditEntry): AuditLogTable {
  return {
    seq: entry.seq,
    id: entry.id,
    at: entry.at,
    actor_id: entry.actorId,
    actor_name: entry.actorName,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    outcome: entry.outcome,
    ip: entry.ip,
    details: writeJson(entry.details),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    ...toAuditEntryFields(row),
    outcome: readEnum(row.outcome, OUTCOMES, 'audit_log.outcome'),
    details: readJsonObject(row.details, 'audit_log.details'),
  };
}

function toAuditEntryFields(
  row: Selectable<AuditLogTable>,
): Omit<AuditEntry, 'outcome' | 'details'> {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

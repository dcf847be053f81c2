/**
 * Feed snapshots and what they carried: advisories (one row per source and id, the normalized
 * record as JSON), the KEV catalog and EPSS scores. A snapshot is written in the caller's
 * transaction, so a feed file lands whole or not at all.
 */
import type { Kysely } from 'kysely';
import type { Diagnostic } from '../domain/diagnostic.js';
import { WardlineError } from '../domain/errors.js';
import { vulnIdOf, type Advisory, type EpssScore, type KevEntry } from '../domain/vulnerability.js';
import { readJsonObject } from './json-columns.js';
import type { Database } from './schema.js';

const CHUNK = 100;
const DIAGNOSTICS_KEPT = 1000;

export const FEED_KINDS = ['kev', 'epss', 'nvd', 'cve', 'osv', 'csaf'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export interface SnapshotRecord {
  readonly id: string;
  readonly feed: FeedKind;
  readonly source: string;
  readonly sha256: string;
  readonly version: string | null;
  readonly records: number;
  readonly errors: number;
  readonly importedAt: string;
  readonly importedBy: string | null;
}

export async function insertSnapshot(
  db: Kysely<Database>,
  snapshot: SnapshotRecord,
  diagnostics: readonly Diagnostic[],
): Promise<void> {
  await db
    .insertInto('feed_snapshots')
    .values({
      id: snapshot.id,
      feed: snapshot.feed,
      source: snapshot.source,
      sha256: snapshot.sha256,
      version: snapshot.version,
      records: snapshot.records,
      errors: snapshot.errors,
      status: 'complete',
      imported_at: snapshot.importedAt,
      imported_by: snapshot.importedBy,
    })
    .execute();
  const kept = diagnostics.slice(0, DIAGNOSTICS_KEPT).map((d, seq) => ({
    snapshot_id: snapshot.id,
    seq,
    source: d.source,
    position: d.line ?? d.offset,
    code: d.code,
    severity: d.severity,
    message: d.message,
  }));
  for (let i = 0; i < kept.length; i += CHUNK) {
    await db
      .insertInto('feed_diagnostics')
      .values(kept.slice(i, i + CHUNK))
      .execute();
  }
}

/** True when a snapshot of this feed with the same bytes was already imported. */
export async function hasSnapshot(
  db: Kysely<Database>,
  feed: FeedKind,
  sha256: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('feed_snapshots')
    .select('id')
    .where('feed', '=', feed)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row !== undefined;
}

export function advisoryKey(advisory: Pick<Advisory, 'source' | 'id'>): string {
  return `${advisory.source}:${advisory.id}`;
}

/** Inserts or replaces advisories; a record whose `modified` is older than the stored one is kept out. */
export async function upsertAdvisories(
  db: Kysely<Database>,
  advisories: readonly Advisory[],
  snapshotId: string,
  now: string,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < advisories.length; i += CHUNK) {
    const rows = advisories.slice(i, i + CHUNK).map((advisory) => ({
      key: advisoryKey(advisory),
      id: advisory.id,
      source: advisory.source,
      vuln_id: vulnIdOf(advisory),
      document: advisory.document,
      title: advisory.title,
      published: advisory.published,
      modified: advisory.modified,
      withdrawn: advisory.withdrawn,
      body: JSON.stringify(advisory),
      snapshot_id: snapshotId,
      updated_at: now,
    }));
    await db
      .insertInto('advisories')
      .values(rows)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          vuln_id: eb.ref('excluded.vuln_id'),
          document: eb.ref('excluded.document'),
          title: eb.ref('excluded.title'),
          published: eb.ref('excluded.published'),
          modified: eb.ref('excluded.modified'),
          withdrawn: eb.ref('excluded.withdrawn'),
          body: eb.ref('excluded.body'),
          snapshot_id: eb.ref('excluded.snapshot_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    written += rows.length;
  }
  return written;
}

/** The KEV catalog is published whole: a new snapshot replaces the previous one. */
export async function replaceKev(
  db: Kysely<Database>,
  entries: readonly KevEntry[],
  snapshotId: string,
): Promise<void> {
  await db.deleteFrom('kev_entries').execute();
  const unique = new Map(entries.map((entry) => [entry.cveId, entry]));
  const rows = [...unique.values()].map((entry) => ({
    cve_id: entry.cveId,
    vendor_project: entry.vendorProject,
    product: entry.product,
    name: entry.name,
    date_added: entry.dateAdded,
    due_date: entry.dueDate,
    required_action: entry.requiredAction,
    ransomware: entry.knownRansomwareCampaignUse ? 1 : 0,
    snapshot_id: snapshotId,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('kev_entries')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/** EPSS is published whole each day: a new snapshot replaces the previous scores. */
export async function replaceEpss(
  db: Kysely<Database>,
  scores: readonly EpssScore[],
  scoreDate: string | null,
  snapshotId: string,
): Promise<void> {
  await db.deleteFrom('epss_scores').execute();
  const unique = new Map(scores.map((score) => [score.cveId, score]));
  const rows = [...unique.values()].map((score) => ({
    cve_id: score.cveId,
    epss: score.epss,
    percentile: score.percentile,
    score_date: scoreDate,
    snapshot_id: snapshotId,
  }));
  for (let i = 0; i < rows.length; i += CHUNK * 2) {
    await db
      .insertInto('epss_scores')
      .values(rows.slice(i, i + CHUNK * 2))
      .execute();
  }
}

function readAdvisory(body: string, key: string): Advisory {
  const value = readJsonObject(body, 'advisories.body');
  // The body is the record Wardline itself serialized; checking the identifying fields catches a
  // row edited by hand without re-validating every nested list on each load.
  if (typeof value.id !== 'string' || `${String(value.source)}:${value.id}` !== key) {
    throw new WardlineError('WL_INTERNAL', `Stored advisory ${key} does not match its key.`);
  }
  return value as unknown as Advisory;
}

/** Every stored advisory, streamed in key order a page at a time. */
export async function* iterateAdvisories(
  db: Kysely<Database>,
  pageSize = 2000,
): AsyncGenerator<Advisory> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('advisories')
      .select(['key', 'body'])
      .where('key', '>', after)
      .orderBy('key')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield readAdvisory(row.body, row.key);
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return;
    after = last.key;
  }
}

export async function advisoriesByKeys(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Advisory[]> {
  const found: Advisory[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom('advisories')
      .select(['key', 'body'])
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const row of rows) found.push(readAdvisory(row.body, row.key));
  }
  return found;
}

export async function advisoriesForVuln(db: Kysely<Database>, vulnId: string): Promise<Advisory[]> {
  const rows = await db
    .selectFrom('advisories')
    .select(['key', 'body'])
    .where('vuln_id', '=', vulnId)
    .orderBy('key')
    .execute();
  return rows.map((row) => readAdvisory(row.body, row.key));
}

export interface KevFacts {
  readonly dateAdded: string;
  readonly dueDate: string;
  readonly ransomware: boolean;
  readonly requiredAction: string;
  readonly name: string;
}

export interface Enrichment {
  readonly kev: ReadonlyMap<string, KevFacts>;
  readonly epss: ReadonlyMap<string, { readonly epss: number; readonly percentile: number }>;
}

/** KEV and EPSS facts for a set of CVE ids. */
export async function enrichmentFor(
  db: Kysely<Database>,
  cveIds: readonly string[],
): Promise<Enrichment> {
  const kev = new Map<string, KevFacts>();
  const epss = new Map<string, { epss: number; percentile: number }>();
  for (let i = 0; i < cveIds.length; i += 500) {
    const batch = cveIds.slice(i, i + 500);
    const kevRows = await db
      .selectFrom('kev_entries')
      .selectAll()
      .where('cve_id', 'in', batch)
      .execute();
    for (const row of kevRows) {
      kev.set(row.cve_id, {
        dateAdded: row.date_added,
        dueDate: row.due_date,
        ransomware: row.ransomware === 1,
        requiredAction: row.required_action,
        name: row.name,
      });
    }
    const epssRows = await db
      .selectFrom('epss_scores')
      .select(['cve_id', 'epss', 'percentile'])
      .where('cve_id', 'in', batch)
      .execute();
    for (const row of epssRows) {
      epss.set(row.cve_id, { epss: row.epss, percentile: row.percentile });
    }
  }
  return { kev, epss };
}

export interface FeedStatus {
  readonly feed: FeedKind;
  readonly snapshots: number;
  readonly lastImportedAt: string | null;
  readonly lastVersion: string | null;
  readonly lastSource: string | null;
  readonly records: number;
}

/** Per feed: how many snapshots, the newest one, and the records now held. */
export async function feedStatuses(db: Kysely<Database>): Promise<FeedStatus[]> {
  const held = {
    kev: await countRows(db, 'kev_entries'),
    epss: await countRows(db, 'epss_scores'),
  };
  const bySource = await db
    .selectFrom('advisories')
    .select((eb) => ['source', eb.fn.countAll<string>().as('n')])
    .groupBy('source')
    .execute();
  const advisoryCounts = new Map(bySource.map((row) => [row.source, Number(row.n)]));
  const statuses: FeedStatus[] = [];
  for (const feed of FEED_KINDS) {
    const newest = await db
      .selectFrom('feed_snapshots')
      .select(['imported_at', 'version', 'source'])
      .where('feed', '=', feed)
      .orderBy('imported_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const count = await db
      .selectFrom('feed_snapshots')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('feed', '=', feed)
      .executeTakeFirstOrThrow();
    statuses.push({
      feed,
      snapshots: Number(count.n),
      lastImportedAt: newest?.imported_at ?? null,
      lastVersion: newest?.version ?? null,
      lastSource: newest?.source ?? null,
      records:
        feed === 'kev' ? held.kev : feed === 'epss' ? held.epss : (advisoryCounts.get(feed) ?? 0),
    });
  }
  return statuses;
}

async function countRows(
  db: Kysely<Database>,
  table: 'kev_entries' | 'epss_scores',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

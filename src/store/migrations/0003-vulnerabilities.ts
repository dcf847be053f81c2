/**
 * Vulnerability management: feed snapshots and what they carried (advisories, the KEV catalog,
 * EPSS scores), the findings matching produces on assets with their history, and exceptions for
 * devices that cannot be patched.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per feed file or page imported: what it was, when, and how many records it carried.
  await db.schema
    .createTable('feed_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .execute();
  await db.schema
    .createIndex('feed_snapshots_feed_idx')
    .on('feed_snapshots')
    .columns(['feed', 'imported_at'])
    .execute();
  await db.schema
    .createTable('feed_diagnostics')
    .addColumn('snapshot_id', 'text', (c) =>
      c.notNull().references('feed_snapshots.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feed_diagnostics_pk', ['snapshot_id', 'seq'])
    .execute();

  // One advisory per source and id; `vuln_id` is the CVE when any alias is one, so an NVD record,
  // an OSV record and a CSAF advisory about one CVE become one vulnerability.
  await db.schema
    .createTable('advisories')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('vuln_id', 'text', (c) => c.notNull())
    .addColumn('document', 'text')
    .addColumn('title', 'text')
    .addColumn('published', 'text')
    .addColumn('modified', 'text')
    .addColumn('withdrawn', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('advisories_vuln_idx')
    .on('advisories')
    .columns(['vuln_id'])
    .execute();

  await db.schema
    .createTable('kev_entries')
    .addColumn('cve_id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_project', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date_added', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('required_action', 'text', (c) => c.notNull())
    .addColumn('ransomware', 'integer', (c) => c.notNull())
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('epss_scores')
    .addColumn('cve_id', 'text', (c) => c.primaryKey())
    .addColumn('epss', 'double precision', (c) => c.notNull())
    .addColumn('percentile', 'double precision', (c) => c.notNull())
    .addColumn('score_date', 'text')
    .addColumn('snapshot_id', 'text', (c) => c.notNull())
    .execute();

  // An asset × vulnerability finding: the components that matched, the priority and its inputs,
  // the due date, and where it stands.
  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('vuln_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('match_kind', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    .addColumn('matches', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('priority', 'double precision', (c) => c.notNull())
    .addColumn('prioritization', 'text', (c) => c.notNull())
    .addColumn('cvss_score', 'double precision')
    .addColumn('kev', 'integer', (c) => c.notNull())
    .addColumn('ransomware', 'integer', (c) => c.notNull())
    .addColumn('epss', 'double precision')
    .addColumn('fixed_version', 'text')
    .addColumn('vex', 'text')
    .addColumn('status_note', 'text')
    .addColumn('risk_accepted_until', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('findings_asset_vuln_uq')
    .on('findings')
    .columns(['asset_id', 'vuln_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('findings_queue_idx')
    .on('findings')
    .columns(['status', 'priority'])
    .execute();
  await db.schema.createIndex('findings_vuln_idx').on('findings').columns(['vuln_id']).execute();

  // Every change of a finding's status: who, when, why.
  await db.schema
    .createTable('finding_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) =>
      c.notNull().references('findings.id').onDelete('cascade'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('finding_events_finding_idx')
    .on('finding_events')
    .columns(['finding_id', 'at'])
    .execute();

  // A recorded exception: a device that cannot be patched (or one finding on it), the
  // compensating controls, and until when it holds.
  await db.schema
    .createTable('vuln_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('vuln_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('controls', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createIndex('vuln_exceptions_asset_idx')
    .on('vuln_exceptions')
    .columns(['asset_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'vuln_exceptions',
    'finding_events',
    'findings',
    'epss_scores',
    'kev_entries',
    'advisories',
    'feed_diagnostics',
    'feed_snapshots',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/**
 * Detection: the Sigma rules Wardline runs, the sources events come from with their counters and
 * dead letters, the events kept for hunting, the alerts people work through with their history
 * and suppressions, and the incidents alerts are handed to.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per rule or correlation; `rule_id` is the Sigma id (or name), unique across origins.
  await db.schema
    .createTable('detection_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('logsource', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('event_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('logsource', 'text', (c) => c.notNull())
    .addColumn('shape', 'text')
    .addColumn('token_hash', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('events_total', 'bigint', (c) => c.notNull())
    .addColumn('errors_total', 'bigint', (c) => c.notNull())
    .addColumn('dropped_total', 'bigint', (c) => c.notNull())
    .addColumn('last_event_at', 'text')
    .addColumn('eps', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // What a source could not read: the reason, where, and the raw text (sealed: it may hold PHI).
  await db.schema
    .createTable('dead_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) =>
      c.notNull().references('event_sources.id').onDelete('cascade'),
    )
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    .addColumn('raw_sealed', 'text')
    .execute();
  await db.schema
    .createIndex('dead_letters_source_idx')
    .on('dead_letters')
    .columns(['source_id', 'received_at'])
    .execute();

  // Events kept for hunting after the fact; the event itself is sealed (logs hold PHI).
  await db.schema
    .createTable('log_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text')
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('host', 'text')
    .addColumn('product', 'text')
    .addColumn('category', 'text')
    .addColumn('service', 'text')
    .addColumn('event_sealed', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('log_events_time_idx').on('log_events').columns(['time']).execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('techniques', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('asset_id', 'text', (c) => c.references('assets.id').onDelete('set null'))
    .addColumn('host', 'text')
    .addColumn('group_key', 'text')
    .addColumn('dedup_key', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('status_note', 'text')
    .addColumn('events_sealed', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alerts_dedup_idx')
    .on('alerts')
    .columns(['dedup_key', 'last_seen'])
    .execute();
  await db.schema
    .createIndex('alerts_status_idx')
    .on('alerts')
    .columns(['status', 'last_seen'])
    .execute();

  await db.schema
    .createTable('alert_history')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('alert_history_pk', ['alert_id', 'seq'])
    .execute();

  await db.schema
    .createTable('alert_suppressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text')
    .addColumn('host', 'text')
    .addColumn('asset_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  // The hand-off to incident response: an incident opened from an alert.
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('asset_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'incidents',
    'alert_suppressions',
    'alert_history',
    'alerts',
    'log_events',
    'dead_letters',
    'event_sources',
    'detection_rules',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

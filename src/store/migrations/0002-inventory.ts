/**
 * The inventory as imports fill it: every fact with its provenance, services, software, SBOMs,
 * protocol facts from traffic, scanner findings, the communication map, and the imports
 * themselves with their diagnostics.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('assets').addColumn('serial', 'text').execute();
  for (const column of ['firmware', 'location', 'owner', 'category_reasons'] as const) {
    await db.schema.alterTable('assets').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('assets')
    .addColumn('category_confidence', 'real', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('assets_vendor_model_idx')
    .on('assets')
    .columns(['vendor', 'model'])
    .execute();
  await db.schema.createIndex('assets_serial_idx').on('assets').columns(['serial']).execute();

  // Imports upsert identifiers by (asset, kind, value).
  await db.schema
    .createIndex('asset_identifiers_uq')
    .on('asset_identifiers')
    .columns(['asset_id', 'kind', 'value'])
    .unique()
    .execute();

  // The winning value of each fact, with where it came from: what the merge engine compares a new
  // observation against. One row per asset and field.
  await db.schema
    .createTable('asset_facts')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('origin', 'text')
    .addPrimaryKeyConstraint('asset_facts_pk', ['asset_id', 'field'])
    .execute();

  // Which kinds of source have reported each asset, and when last: the asset list's source filter.
  await db.schema
    .createTable('asset_sources')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_sources_pk', ['asset_id', 'source_kind'])
    .execute();
  await db.schema
    .createIndex('asset_sources_kind_idx')
    .on('asset_sources')
    .columns(['source_kind', 'asset_id'])
    .execute();

  // Every fact every source reported, in time order: the asset's provenance timeline.
  await db.schema
    .createTable('asset_observations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('asset_observations_asset_idx')
    .on('asset_observations')
    .columns(['asset_id', 'observed_at', 'id'])
    .execute();

  await db.schema
    .createTable('asset_services')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('product', 'text')
    .addColumn('version', 'text')
    .addColumn('cpes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_services_pk', ['asset_id', 'transport', 'port'])
    .execute();

  await db.schema
    .createTable('asset_software')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('supplier', 'text')
    .addColumn('purl', 'text')
    .addColumn('cpe', 'text')
    .addColumn('hashes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('end_of_support', 'text')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addUniqueConstraint('asset_software_identity_uq', ['asset_id', 'identity'])
    .execute();
  await db.schema
    .createIndex('asset_software_purl_idx')
    .on('asset_software')
    .columns(['purl'])
    .execute();
  await db.schema
    .createIndex('asset_software_cpe_idx')
    .on('asset_software')
    .columns(['cpe'])
    .execute();

  // Merged per-protocol facts from traffic (DICOM AE titles and SOP classes, HL7 applications…).
  await db.schema
    .createTable('asset_protocols')
    .addColumn('asset_id', 'text', (c) =>
      c.primaryKey().references('assets.id').onDelete('cascade'),
    )
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('asset_scan_findings')
    .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id').onDelete('cascade'))
    .addColumn('scanner_id', 'text', (c) => c.notNull())
    .addColumn('port_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('severity', 'real')
    .addColumn('cves', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_scan_findings_pk', ['asset_id', 'scanner_id', 'port_key'])
    .execute();

  // An SBOM attaches to one asset, or to a device model (vendor + model) and so to every asset of it.
  await db.schema
    .createTable('sboms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text')
    .addColumn('asset_id', 'text', (c) => c.references('assets.id').onDelete('cascade'))
    .addColumn('vendor', 'text')
    .addColumn('model', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('spec_version', 'text')
    .addColumn('document_id', 'text')
    .addColumn('name', 'text')
    .addColumn('version', 'text')
    .addColumn('supplier', 'text')
    .addColumn('end_of_support', 'text')
    .addColumn('components', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sboms_model_idx').on('sboms').columns(['vendor', 'model']).execute();
  await db.schema.createIndex('sboms_asset_idx').on('sboms').columns(['asset_id']).execute();

  await db.schema
    .createTable('sbom_components')
    .addColumn('sbom_id', 'text', (c) => c.notNull().references('sboms.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('type', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text')
    .addColumn('supplier', 'text')
    .addColumn('purl', 'text')
    .addColumn('cpe', 'text')
    .addColumn('hashes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('licenses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('sbom_components_pk', ['sbom_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('sbom_components_purl_idx')
    .on('sbom_components')
    .columns(['purl'])
    .execute();

  // The communication map: one row per (client, server, protocol, server port).
  await db.schema
    .createTable('flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('client_ip', 'text', (c) => c.notNull())
    .addColumn('server_ip', 'text', (c) => c.notNull())
    .addColumn('server_port', 'integer', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull())
    .addColumn('client_asset_id', 'text', (c) => c.references('assets.id').onDelete('set null'))
    .addColumn('server_asset_id', 'text', (c) => c.references('assets.id').onDelete('set null'))
    .addColumn('packets', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('encrypted', 'integer', (c) => c.notNull())
    .addColumn('carries_ephi', 'integer', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addUniqueConstraint('flows_key_uq', [
      'client_ip',
      'server_ip',
      'transport',
      'server_port',
      'protocol',
    ])
    .execute();
  await db.schema
    .createIndex('flows_client_asset_idx')
    .on('flows')
    .columns(['client_asset_id'])
    .execute();
  await db.schema
    .createIndex('flows_server_asset_idx')
    .on('flows')
    .columns(['server_asset_id'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('job_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('diagnostics', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('imports_sha_idx')
    .on('imports')
    .columns(['kind', 'sha256'])
    .execute();
  await db.schema
    .createIndex('imports_created_idx')
    .on('imports')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('import_diagnostics')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('byte_offset', 'bigint', (c) => c.notNull())
    .addColumn('line', 'integer')
    .addColumn('message', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_diagnostics_pk', ['import_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'import_diagnostics',
    'imports',
    'flows',
    'sbom_components',
    'sboms',
    'asset_scan_findings',
    'asset_protocols',
    'asset_software',
    'asset_services',
    'asset_observations',
    'asset_facts',
    'asset_sources',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

/**
 * What an import reads before merging and writes after: the assets that share an identifier with
 * a batch, whole enough for the merge engine, and the engine's verdict written back in multi-row
 * batches. Callers run both inside one transaction, after `lockForWrite(trx, 'assets')`, so two
 * imports never both create the same device.
 */
import { sql, type Expression, type Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import { inTransaction, isPostgres } from './db-helpers.js';
import type {
  AssetObservationTable,
  AssetScanFindingTable,
  AssetFactTable,
  AssetIdentifierTable,
  AssetServiceTable,
  AssetSoftwareTable,
  AssetTable,
  Database,
} from './schema.js';

/** Rows per multi-row statement: within both dialects' parameter limits for these tables. */
const CHUNK = 400;

export interface IdentifierKey {
  readonly kind: string;
  readonly value: string;
}

/**
 * Ids of assets holding any of the identifiers. Host names are stored lower-case; a short name
 * also finds its FQDNs (`ct1` finds `ct1.larkspur.local`) and an FQDN its short name, so the
 * engine can decide whether they are one device.
 */
export async function findAssetIdsByIdentifiers(
  db: Kysely<Database>,
  keys: readonly IdentifierKey[],
): Promise<string[]> {
  const found = new Set<string>();
  const exact = dedupe(keys.flatMap(expandHostname));
  for (const chunk of chunks(exact, CHUNK)) {
    const rows = await db
      .selectFrom('asset_identifiers')
      .select('asset_id')
      .where((eb) =>
        eb.or(chunk.map((key) => eb.and([eb('kind', '=', key.kind), eb('value', '=', key.value)]))),
      )
      .execute();
    for (const row of rows) found.add(row.asset_id);
  }
  const shortNames = dedupe(
    keys.filter((key) => key.kind === 'hostname' && !key.value.includes('.')),
  );
  for (const chunk of chunks(shortNames, CHUNK)) {
    const rows = await db
      .selectFrom('asset_identifiers')
      .select('asset_id')
      .where('kind', '=', 'hostname')
      .where((eb) =>
        eb.or(
          // A range on the (kind, value) index: every value starting with `name.`.
          chunk.map((key) =>
            eb.and([eb('value', '>=', `${key.value}.`), eb('value', '<', `${key.value}/`)]),
          ),
        ),
      )
      .execute();
    for (const row of rows) found.add(row.asset_id);
  }
  return [...found].sort();
}

function expandHostname(key: IdentifierKey): IdentifierKey[] {
  if (key.kind !== 'hostname') return [key];
  const lower = key.value.toLowerCase();
  const short = lower.split('.')[0] ?? lower;
  return short === lower
    ? [{ kind: key.kind, value: lower }]
    : [
        { kind: key.kind, value: lower },
        { kind: key.kind, value: short },
      ];
}

/** An asset as the merge engine needs it: its row, identifiers, winning facts and lists. */
export interface StoredAssetState {
  readonly row: AssetTable;
  readonly identifiers: AssetIdentifierTable[];
  readonly facts: AssetFactTable[];
  readonly services: AssetServiceTable[];
  readonly software: AssetSoftwareTable[];
  readonly scanFindings: AssetScanFindingTable[];
  /** Merged protocol facts as JSON text, or null. */
  protocols: string | null;
}

export async function loadAssetStates(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<StoredAssetState[]> {
  const states = new Map<string, StoredAssetState>();
  for (const chunk of chunks(ids, CHUNK)) {
    const [rows, identifiers, facts, protocols, services, software, findings] = await Promise.all([
      db.selectFrom('assets').selectAll().where('id', 'in', chunk).execute(),
      db.selectFrom('asset_identifiers').selectAll().where('asset_id', 'in', chunk).execute(),
      db.selectFrom('asset_facts').selectAll().where('asset_id', 'in', chunk).execute(),
      db.selectFrom('asset_protocols').selectAll().where('asset_id', 'in', chunk).execute(),
      db.selectFrom('asset_services').selectAll().where('asset_id', 'in', chunk).execute(),
      db.selectFrom('asset_software').selectAll().where('asset_id', 'in', chunk).execute(),
      db.selectFrom('asset_scan_findings').selectAll().where('asset_id', 'in', chunk).execute(),
    ]);
    for (const row of rows) {
      states.set(row.id, {
        row,
        identifiers: [],
        facts: [],
        services: [],
        software: [],
        scanFindings: [],
        protocols: null,
      });
    }
    for (const service of services) states.get(service.asset_id)?.services.push(service);
    for (const item of software) states.get(item.asset_id)?.software.push(item);
    for (const finding of findings) states.get(finding.asset_id)?.scanFindings.push(finding);
    for (const identifier of identifiers)
      states.get(identifier.asset_id)?.identifiers.push(identifier);
    for (const fact of facts) states.get(fact.asset_id)?.facts.push(fact);
    for (const p of protocols) {
      const state = states.get(p.asset_id);
      if (state !== undefined) state.protocols = p.facts;
    }
  }
  return [...states.values()];
}

/** Everything one import decided about one asset. */
export interface AssetWrite {
  readonly isNew: boolean;
  /** The asset row as it now stands (`created_at` is kept for existing assets). */
  readonly row: AssetTable;
  /** Upserted by (asset, kind, value): first seen keeps the earliest, last seen the latest. */
  readonly identifiers: readonly Omit<AssetIdentifierTable, 'id' | 'asset_id'>[];
  /** The winning value of each fact that changed. */
  readonly facts: readonly Omit<AssetFactTable, 'asset_id'>[];
  /** New entries of the provenance timeline. */
  readonly observations: readonly {
    readonly field: string;
    readonly value: string;
    readonly source_kind: string;
    readonly source_name: string;
    readonly import_id: string | null;
    readonly observed_at: string;
  }[];
  /** Upserted by (asset, transport, port); an older report never replaces a newer one. */
  readonly services: readonly Omit<AssetServiceTable, 'asset_id'>[];
  /** Upserted by (asset, identity); likewise. */
  readonly software: readonly Omit<AssetSoftwareTable, 'id' | 'asset_id'>[];
  readonly scanFindings: readonly {
    readonly scanner_id: string;
    readonly port_key: string;
    readonly title: string;
    readonly severity: number | null;
    readonly cves: string;
    readonly source_kind: string;
    readonly source_name: string;
    readonly seen: string;
  }[];
  /** The merged protocol facts as JSON, when they changed. */
  readonly protocols: string | null;
  /** The kinds of source this import saw the asset in, with the latest time each saw it. */
  readonly sources: readonly { readonly kind: string; readonly lastSeen: string }[];
}

/** Writes an import's decisions: inserts and updates in multi-row batches. */
export async function applyAssetWrites(
  db: Kysely<Database>,
  writes: readonly AssetWrite[],
  now: Date,
): Promise<void> {
  const stamp = now.toISOString();
  const ms = now.getTime();
  await inTransaction(db, async (trx) => {
    const created = writes.filter((w) => w.isNew).map((w) => w.row);
    for (const chunk of chunks(created, CHUNK / 2))
      await trx.insertInto('assets').values(chunk).execute();
    for (const write of writes.filter((w) => !w.isNew)) {
      const { id, ...rest } = write.row;
      await trx
        .updateTable('assets')
        .set({ ...rest, updated_at: stamp })
        .where('id', '=', id)
        .execute();
    }
    await upsertIdentifiers(trx, writes, ms);
    await upsertFacts(
      trx,
      writes.flatMap((w) => w.facts.map((f) => ({ ...f, asset_id: w.row.id }))),
    );
    await insertObservations(
      trx,
      writes.flatMap((w) => w.observations.map((o) => ({ ...o, asset_id: w.row.id }))),
      ms,
    );
    await upsertServices(trx, writes);
    await upsertSoftware(trx, writes, ms);
    await upsertScanFindings(trx, writes);
    await upsertSources(trx, writes);
    for (const write of writes) {
      if (write.protocols === null) continue;
      await trx
        .insertInto('asset_protocols')
        .values({ asset_id: write.row.id, facts: write.protocols, updated_at: stamp })
        .onConflict((oc) =>
          oc.column('asset_id').doUpdateSet({ facts: write.protocols ?? '{}', updated_at: stamp }),
        )
        .execute();
    }
  });
}

async function upsertIdentifiers(trx: Kysely<Database>, writes: readonly AssetWrite[], ms: number) {
  const rows = writes.flatMap((w) =>
    w.identifiers.map((i) => ({ ...i, id: newId('identifier', ms), asset_id: w.row.id })),
  );
  for (const chunk of chunks(rows, CHUNK / 2)) {
    await trx
      .insertInto('asset_identifiers')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'kind', 'value']).doUpdateSet((eb) => ({
          first_seen: earliest(
            trx,
            eb.ref('asset_identifiers.first_seen'),
            eb.ref('excluded.first_seen'),
          ),
          last_seen: latest(
            trx,
            eb.ref('asset_identifiers.last_seen'),
            eb.ref('excluded.last_seen'),
          ),
          source: eb.ref('excluded.source'),
        })),
      )
      .execute();
  }
}

/** Winning values replace what was there, provenance and all. */
async function upsertFacts(trx: Kysely<Database>, rows: readonly AssetFactTable[]) {
  for (const chunk of chunks(rows, CHUNK / 2)) {
    await trx
      .insertInto('asset_facts')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'field']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          source_kind: eb.ref('excluded.source_kind'),
          source_name: eb.ref('excluded.source_name'),
          import_id: eb.ref('excluded.import_id'),
          observed_at: eb.ref('excluded.observed_at'),
          overridden: eb.ref('excluded.overridden'),
          origin: eb.ref('excluded.origin'),
        })),
      )
      .execute();
  }
}

/** Appends to the provenance timeline. */
async function insertObservations(
  trx: Kysely<Database>,
  rows: readonly Omit<AssetObservationTable, 'id'>[],
  ms: number,
) {
  const withIds = rows.map((row) => ({ ...row, id: newId('observation', ms) }));
  for (const chunk of chunks(withIds, CHUNK / 2))
    await trx.insertInto('asset_observations').values(chunk).execute();
}

async function upsertServices(trx: Kysely<Database>, writes: readonly AssetWrite[]) {
  const rows = writes.flatMap((w) => w.services.map((s) => ({ ...s, asset_id: w.row.id })));
  for (const chunk of chunks(rows, CHUNK / 4)) {
    await trx
      .insertInto('asset_services')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'transport', 'port']).doUpdateSet((eb) => ({
          name: newer(eb.ref('excluded.name'), eb.ref('asset_services.name')),
          product: newer(eb.ref('excluded.product'), eb.ref('asset_services.product')),
          version: newer(eb.ref('excluded.version'), eb.ref('asset_services.version')),
          cpes: newer(eb.ref('excluded.cpes'), eb.ref('asset_services.cpes')),
          tls: newer(eb.ref('excluded.tls'), eb.ref('asset_services.tls')),
          source_kind: newer(eb.ref('excluded.source_kind'), eb.ref('asset_services.source_kind')),
          source_name: newer(eb.ref('excluded.source_name'), eb.ref('asset_services.source_name')),
          first_seen: earliest(
            trx,
            eb.ref('asset_services.first_seen'),
            eb.ref('excluded.first_seen'),
          ),
          last_seen: latest(trx, eb.ref('asset_services.last_seen'), eb.ref('excluded.last_seen')),
        })),
      )
      .execute();
  }

  /** The incoming value when the incoming report is at least as recent as the stored one. */
  function newer<T>(incoming: Expression<T>, stored: Expression<T>) {
    return sql<T>`case when excluded.last_seen >= asset_services.last_seen then ${incoming} else ${stored} end`;
  }
}

async function upsertSoftware(trx: Kysely<Database>, writes: readonly AssetWrite[], ms: number) {
  const rows = writes.flatMap((w) =>
    w.software.map((s) => ({ ...s, id: newId('software', ms), asset_id: w.row.id })),
  );
  for (const chunk of chunks(rows, CHUNK / 4)) {
    await trx
      .insertInto('asset_software')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'identity']).doUpdateSet((eb) => ({
          kind: eb.ref('excluded.kind'),
          name: eb.ref('excluded.name'),
          version: eb.ref('excluded.version'),
          supplier: sql<
            string | null
          >`coalesce(${eb.ref('excluded.supplier')}, ${eb.ref('asset_software.supplier')})`,
          purl: sql<
            string | null
          >`coalesce(${eb.ref('excluded.purl')}, ${eb.ref('asset_software.purl')})`,
          cpe: sql<
            string | null
          >`coalesce(${eb.ref('excluded.cpe')}, ${eb.ref('asset_software.cpe')})`,
          hashes: eb.ref('excluded.hashes'),
          end_of_support: sql<
            string | null
          >`coalesce(${eb.ref('excluded.end_of_support')}, ${eb.ref('asset_software.end_of_support')})`,
          source_kind: eb.ref('excluded.source_kind'),
          source_name: eb.ref('excluded.source_name'),
          first_seen: earliest(
            trx,
            eb.ref('asset_software.first_seen'),
            eb.ref('excluded.first_seen'),
          ),
          last_seen: latest(trx, eb.ref('asset_software.last_seen'), eb.ref('excluded.last_seen')),
        })),
      )
      .execute();
  }
}

async function upsertScanFindings(trx: Kysely<Database>, writes: readonly AssetWrite[]) {
  const rows = writes.flatMap((w) =>
    w.scanFindings.map(({ seen, ...f }) => ({
      ...f,
      asset_id: w.row.id,
      first_seen: seen,
      last_seen: seen,
    })),
  );
  for (const chunk of chunks(rows, CHUNK / 4)) {
    await trx
      .insertInto('asset_scan_findings')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'scanner_id', 'port_key']).doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          severity: eb.ref('excluded.severity'),
          cves: eb.ref('excluded.cves'),
          source_kind: eb.ref('excluded.source_kind'),
          source_name: eb.ref('excluded.source_name'),
          first_seen: earliest(
            trx,
            eb.ref('asset_scan_findings.first_seen'),
            eb.ref('excluded.first_seen'),
          ),
          last_seen: latest(
            trx,
            eb.ref('asset_scan_findings.last_seen'),
            eb.ref('excluded.last_seen'),
          ),
        })),
      )
      .execute();
  }
}

/** The earlier of two ISO times: `least` on PostgreSQL, the scalar `min` on SQLite. */
function earliest(db: Kysely<Database>, a: Expression<unknown>, b: Expression<unknown>) {
  return isPostgres(db) ? sql<string>`least(${a}, ${b})` : sql<string>`min(${a}, ${b})`;
}

function latest(db: Kysely<Database>, a: Expression<unknown>, b: Expression<unknown>) {
  return isPostgres(db) ? sql<string>`greatest(${a}, ${b})` : sql<string>`max(${a}, ${b})`;
}

/** Every value sources reported for one fact of one asset, oldest first. */
export function factHistory(db: Kysely<Database>, assetId: string, field: string) {
  return db
    .selectFrom('asset_observations')
    .selectAll()
    .where('asset_id', '=', assetId)
    .where('field', '=', field)
    .orderBy('observed_at')
    .orderBy('id')
    .execute();
}

/** A person's corrections to an asset, with the recomputed category and criticality. */
export interface FactEdit {
  readonly assetId: string;
  readonly name: string;
  readonly category: string;
  readonly confidence: number;
  readonly reasons: readonly string[];
  readonly patientSafety: string;
  readonly holdsEphi: boolean;
  readonly criticalityOverridden: boolean;
  readonly location: string | null;
  readonly owner: string | null;
  /** Overrides set: JSON values. */
  readonly set: readonly { readonly field: string; readonly value: string }[];
  /** Overrides removed with no source value to fall back on. */
  readonly cleared: readonly string[];
  /** Overrides removed, replaced by the best value a source reported. */
  readonly restored: readonly {
    readonly field: string;
    readonly fact: {
      readonly value: unknown;
      readonly provenance: {
        readonly sourceKind: string;
        readonly sourceName: string;
        readonly importId: string | null;
        readonly observedAt: string;
      };
    };
  }[];
  readonly actor: string;
  readonly now: Date;
}

export async function applyFactEdit(db: Kysely<Database>, edit: FactEdit): Promise<void> {
  const stamp = edit.now.toISOString();
  await db
    .updateTable('assets')
    .set({
      name: edit.name,
      category: edit.category,
      category_confidence: edit.confidence,
      category_reasons: JSON.stringify(edit.reasons),
      patient_safety: edit.patientSafety,
      holds_ephi: edit.holdsEphi ? 1 : 0,
      criticality_overridden: edit.criticalityOverridden ? 1 : 0,
      location: edit.location,
      owner: edit.owner,
      updated_at: stamp,
    })
    .where('id', '=', edit.assetId)
    .execute();
  if (edit.cleared.length > 0) {
    await db
      .deleteFrom('asset_facts')
      .where('asset_id', '=', edit.assetId)
      .where('field', 'in', edit.cleared)
      .execute();
  }
  const facts = [
    ...edit.set.map((f) => ({
      asset_id: edit.assetId,
      field: f.field,
      value: f.value,
      source_kind: 'user',
      source_name: edit.actor,
      import_id: null,
      observed_at: stamp,
      overridden: 1,
      origin: null,
    })),
    ...edit.restored.map(({ field, fact }) => ({
      asset_id: edit.assetId,
      field,
      value: JSON.stringify(fact.value),
      source_kind: fact.provenance.sourceKind,
      source_name: fact.provenance.sourceName,
      import_id: fact.provenance.importId,
      observed_at: fact.provenance.observedAt,
      overridden: 0,
      origin: null,
    })),
  ];
  await upsertFacts(db, facts);
  await insertObservations(
    db,
    edit.set.map((f) => ({
      asset_id: edit.assetId,
      field: f.field,
      value: f.value,
      source_kind: 'user',
      source_name: edit.actor,
      import_id: null,
      observed_at: stamp,
    })),
    edit.now.getTime(),
  );
}

async function upsertSources(trx: Kysely<Database>, writes: readonly AssetWrite[]) {
  const rows = writes.flatMap((w) =>
    w.sources.map((s) => ({ asset_id: w.row.id, source_kind: s.kind, last_seen: s.lastSeen })),
  );
  for (const chunk of chunks(rows, CHUNK)) {
    await trx
      .insertInto('asset_sources')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'source_kind']).doUpdateSet((eb) => ({
          last_seen: latest(trx, eb.ref('asset_sources.last_seen'), eb.ref('excluded.last_seen')),
        })),
      )
      .execute();
  }
}

function dedupe(keys: readonly IdentifierKey[]): IdentifierKey[] {
  const seen = new Map<string, IdentifierKey>();
  for (const key of keys) seen.set(`${key.kind}\u0000${key.value}`, key);
  return [...seen.values()];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

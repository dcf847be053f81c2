/**
 * Translation between the store's rows and the inventory engine's values: stored assets become
 * `KnownAsset`s for the merge, and each merged asset becomes the rows to write.
 */
import type {
  CurrentAssetFacts,
  FactProvenance,
  KnownAsset,
  MergedAsset,
  MergedProtocols,
} from '../../engines/inventory/index.js';
import { NO_PROTOCOLS, softwareKey } from '../../engines/inventory/index.js';
import {
  ASSET_CATEGORIES,
  IDENTIFIER_KINDS,
  PATIENT_SAFETY_IMPACTS,
} from '../../domain/inventory.js';
import {
  HOSTNAME_ORIGINS,
  OBSERVATION_SOURCE_KINDS,
  SOFTWARE_KINDS,
  TRANSPORT_PROTOCOLS,
  type ObservationSourceKind,
} from '../../domain/observation.js';
import type { AssetWrite, StoredAssetState } from '../../store/inventory-merge-repo.js';
import { readEnum, readJsonObject, readStringArray } from '../../store/json-columns.js';
import type { AssetFactTable, AssetTable } from '../../store/schema.js';
import type { Placement } from '../zone-placement.js';

export function toKnownAsset(state: StoredAssetState): KnownAsset {
  const { row } = state;
  return {
    id: row.id,
    identifiers: state.identifiers.map((i) => ({
      kind: readEnum(i.kind, IDENTIFIER_KINDS, 'asset_identifiers.kind'),
      value: i.value,
      source: i.source,
      firstSeen: i.first_seen,
      lastSeen: i.last_seen,
    })),
    facts: factsOf(state.facts),
    services: state.services.map((s) => ({
      transport: readEnum(s.transport, TRANSPORT_PROTOCOLS, 'asset_services.transport'),
      port: s.port,
      name: s.name,
      product: s.product,
      version: s.version,
      cpes: readStringArray(s.cpes, 'asset_services.cpes'),
      tls: s.tls === 1,
      firstSeen: s.first_seen,
      lastSeen: s.last_seen,
      source: { kind: sourceKind(s.source_kind), name: s.source_name, importId: null },
    })),
    software: state.software.map((s) => ({
      kind: readEnum(s.kind, SOFTWARE_KINDS, 'asset_software.kind'),
      name: s.name,
      version: s.version,
      supplier: s.supplier,
      purl: s.purl,
      cpe: s.cpe,
      hashes: readStringRecord(s.hashes, 'asset_software.hashes'),
      endOfSupport: s.end_of_support,
      firstSeen: s.first_seen,
      lastSeen: s.last_seen,
      source: { kind: sourceKind(s.source_kind), name: s.source_name, importId: null },
    })),
    scanFindings: state.scanFindings.map((f) => {
      const [port, transport] = f.port_key.split('/');
      return {
        scannerId: f.scanner_id,
        title: f.title,
        severity: f.severity,
        cves: readStringArray(f.cves, 'asset_scan_findings.cves'),
        port: port === undefined || port === '-' ? null : Number(port),
        transport:
          transport === undefined || transport === '-'
            ? null
            : readEnum(transport, TRANSPORT_PROTOCOLS, 'asset_scan_findings.port_key'),
        firstSeen: f.first_seen,
        lastSeen: f.last_seen,
        source: { kind: sourceKind(f.source_kind), name: f.source_name, importId: null },
      };
    }),
    protocols: parseProtocols(state.protocols),
    category: readEnum(row.category, ASSET_CATEGORIES, 'assets.category'),
    criticality: {
      patientSafety: readEnum(row.patient_safety, PATIENT_SAFETY_IMPACTS, 'assets.patient_safety'),
      holdsEphi: row.holds_ephi === 1,
      overridden: row.criticality_overridden === 1,
    },
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

function factsOf(rows: readonly AssetFactTable[]): CurrentAssetFacts {
  // Each row's field names one fact key and its JSON value has that key's type: the store holds
  // only what `toAssetWrite` wrote from a merged asset.
  return Object.fromEntries(
    rows.map((row) => [
      row.field,
      { value: JSON.parse(row.value) as unknown, provenance: provenanceOf(row) },
    ]),
  );
}

function provenanceOf(row: AssetFactTable): FactProvenance {
  const origin =
    row.origin === 'oui'
      ? 'oui'
      : row.origin === null
        ? null
        : readEnum(row.origin, HOSTNAME_ORIGINS, 'asset_facts.origin');
  return {
    sourceKind: sourceKind(row.source_kind),
    sourceName: row.source_name,
    importId: row.import_id,
    observedAt: row.observed_at,
    overridden: row.overridden === 1,
    origin,
  };
}

/** The rows one merged asset writes. */
export function toAssetWrite(
  asset: MergedAsset,
  stored: AssetTable | undefined,
  placement: Placement,
  now: Date,
  sources: AssetWrite['sources'],
): AssetWrite {
  const stamp = now.toISOString();
  const current = asset.current;
  const text = (key: 'vendor' | 'model' | 'os' | 'firmware' | 'serial' | 'location' | 'owner') =>
    current[key]?.value ?? null;
  return {
    isNew: asset.isNew,
    row: {
      id: asset.id,
      site_id: placement.siteId ?? stored?.site_id ?? null,
      zone_id: placement.zoneId ?? stored?.zone_id ?? null,
      name: asset.displayName,
      category: asset.classification.category,
      vendor: text('vendor'),
      model: text('model'),
      os: text('os'),
      serial: text('serial'),
      firmware: text('firmware'),
      location: text('location'),
      owner: text('owner'),
      category_confidence: asset.classification.confidence,
      category_reasons: JSON.stringify(asset.classification.reasons),
      patient_safety: asset.criticality.patientSafety,
      holds_ephi: asset.criticality.holdsEphi ? 1 : 0,
      criticality_overridden: asset.criticality.overridden ? 1 : 0,
      first_seen: asset.firstSeen,
      last_seen: asset.lastSeen,
      created_at: stored?.created_at ?? stamp,
      updated_at: stamp,
    },
    identifiers: asset.identifiers
      .filter((i) => i.status !== 'unchanged')
      .map((i) => ({
        kind: i.kind,
        value: i.value,
        source: i.source,
        first_seen: i.firstSeen,
        last_seen: i.lastSeen,
      })),
    facts: Object.entries(current).map(([field, fact]) => {
      const { value, provenance } = fact as { value: unknown; provenance: FactProvenance };
      return {
        field,
        value: JSON.stringify(value),
        source_kind: provenance.sourceKind,
        source_name: provenance.sourceName,
        import_id: provenance.importId,
        observed_at: provenance.observedAt,
        overridden: provenance.overridden ? 1 : 0,
        origin: provenance.origin,
      };
    }),
    observations: asset.facts.map((fact) => ({
      field: fact.key,
      value: JSON.stringify(fact.value),
      source_kind: fact.provenance.sourceKind,
      source_name: fact.provenance.sourceName,
      import_id: fact.provenance.importId,
      observed_at: fact.provenance.observedAt,
    })),
    services: asset.services.map((s) => ({
      transport: s.transport,
      port: s.port,
      name: s.name,
      product: s.product,
      version: s.version,
      cpes: JSON.stringify(s.cpes),
      tls: s.tls ? 1 : 0,
      source_kind: s.source.kind,
      source_name: s.source.name,
      first_seen: s.firstSeen,
      last_seen: s.lastSeen,
    })),
    software: asset.software.map((s) => ({
      identity: softwareKey(s),
      kind: s.kind,
      name: s.name,
      version: s.version,
      supplier: s.supplier,
      purl: s.purl,
      cpe: s.cpe,
      hashes: JSON.stringify(s.hashes),
      end_of_support: s.endOfSupport,
      source_kind: s.source.kind,
      source_name: s.source.name,
      first_seen: s.firstSeen,
      last_seen: s.lastSeen,
    })),
    scanFindings: asset.scanFindings.map((f) => ({
      scanner_id: f.scannerId,
      port_key: `${f.port === null ? '-' : String(f.port)}/${f.transport ?? '-'}`,
      title: f.title,
      severity: f.severity,
      cves: JSON.stringify(f.cves),
      source_kind: f.source.kind,
      source_name: f.source.name,
      seen: f.lastSeen,
    })),
    protocols: JSON.stringify(asset.protocols),
    sources,
  };
}

function parseProtocols(text: string | null): MergedProtocols {
  if (text === null) return NO_PROTOCOLS;
  const value = JSON.parse(text) as Partial<MergedProtocols>;
  return { facts: value.facts ?? {}, seen: value.seen ?? {} };
}

function sourceKind(text: string): ObservationSourceKind {
  return readEnum(text, OBSERVATION_SOURCE_KINDS, 'source_kind');
}

/** A JSON object of strings (hash algorithm → digest); other values are left out. */
function readStringRecord(text: string, column: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(readJsonObject(text, column)).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

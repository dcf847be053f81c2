/**
 * Merges what one file said into the inventory, inside the import's transaction: find the assets
 * the observations may be, let the inventory engine decide (match, conflicts, classification,
 * criticality), place each asset in its zone, and write the result, the conversations and the SBOM.
 */
import type { ImportCounts } from '../../domain/import.js';
import { newId } from '../../domain/ids.js';
import type { Zone } from '../../domain/inventory.js';
import {
  normalizeMac,
  type DeviceObservation,
  type SoftwareKind,
} from '../../domain/observation.js';
import {
  countServerPeers,
  mergeObservations,
  normalizeAeTitle,
  normalizeAssetTag,
  normalizeHostname,
  normalizeIp,
  normalizeSerial,
  softwareKey,
  type MergedAsset,
} from '../../engines/inventory/index.js';
import { lockForWrite } from '../../store/db-helpers.js';
import * as mergeRepo from '../../store/inventory-merge-repo.js';
import * as flowRepo from '../../store/flow-repo.js';
import * as sbomRepo from '../../store/sbom-repo.js';
import * as zoneRepo from '../../store/zone-repo.js';
import type { ServiceContext } from '../context.js';
import { zonePlacer, type Placement } from '../zone-placement.js';
import type { ImportRequest } from './import-service.js';
import { toAssetWrite, toKnownAsset } from './known-assets.js';
import type { Reading } from './reading.js';

export interface MergeOutcome {
  readonly counts: ImportCounts;
  readonly assetIds: readonly string[];
}

export async function mergeReading(
  ctx: ServiceContext,
  reading: Reading,
  imported: { readonly id: string; readonly sha256: string },
  request: ImportRequest,
): Promise<MergeOutcome> {
  const { db } = ctx;
  const now = ctx.clock();
  await lockForWrite(db, 'assets');
  const candidateIds = await mergeRepo.findAssetIdsByIdentifiers(
    db,
    identifierKeys(reading.observations),
  );
  const states = await mergeRepo.loadAssetStates(db, candidateIds);
  const stored = new Map(states.map((state) => [state.row.id, state.row]));
  const result = mergeObservations(states.map(toKnownAsset), reading.observations, {
    now,
    newId: () => newId('asset', now.getTime()),
    peers: countServerPeers(reading.flows),
  });
  const zones = (await zoneRepo.listZones(db)).items;
  const place = placer(zones);
  const writes = result.assets
    .filter((asset) => asset.changed)
    .map((asset) =>
      toAssetWrite(
        asset,
        stored.get(asset.id),
        place(asset),
        now,
        sourcesOf(asset, reading.observations),
      ),
    );
  await mergeRepo.applyAssetWrites(db, writes, now);
  const flows = await flowRepo.recordFlows(db, reading.flows);
  const components =
    reading.sbom === null
      ? 0
      : await sbomRepo.attachSbom(db, {
          sbom: reading.sbom,
          importId: imported.id,
          sha256: imported.sha256,
          fileName: request.fileName,
          assetId: request.options?.assetId ?? null,
          vendor: request.options?.vendor ?? null,
          model: request.options?.model ?? null,
          now,
          identityOf: (component) =>
            softwareKey({
              ...component,
              kind: component.kind as SoftwareKind,
              hashes: component.hashes,
              endOfSupport: null,
            }),
        });
  return {
    counts: {
      observations: reading.observations.length,
      created: result.counts.created,
      updated: result.counts.updated,
      unchanged: result.counts.unchanged,
      flows,
      components,
    },
    assetIds: writes.map((write) => write.row.id),
  };
}

/** The placement of a merged asset; where no zone fits, it stays where it was. */
function placer(zones: readonly Zone[]): (asset: MergedAsset) => Placement {
  const place = zonePlacer(zones);
  return (asset) =>
    place({
      ips: currentIps(asset),
      vlan: asset.current.vlan?.value ?? null,
      zoneName: asset.current.zoneName?.value ?? null,
    }) ?? { zoneId: null, siteId: null };
}

/** The kinds of source the batch saw the asset in, each with the latest time it did. */
function sourcesOf(asset: MergedAsset, observations: readonly DeviceObservation[]) {
  const latest = new Map<string, string>();
  for (const position of asset.observations) {
    const observation = observations[position];
    if (observation === undefined) continue;
    const seen = latest.get(observation.source.kind);
    if (seen === undefined || observation.observedAt > seen) {
      latest.set(observation.source.kind, observation.observedAt);
    }
  }
  return [...latest].map(([kind, lastSeen]) => ({ kind, lastSeen }));
}

/** The addresses the asset was last seen with: an old lease says nothing of where it is now. */
function currentIps(asset: MergedAsset): string[] {
  const ips = asset.identifiers.filter((i) => i.kind === 'ip');
  const latest = ips.reduce((max, i) => (i.lastSeen > max ? i.lastSeen : max), '');
  return ips.filter((i) => i.lastSeen === latest).map((i) => i.value);
}

/** Every identifier in the batch, normalized as the engine normalizes them. */
function identifierKeys(observations: readonly DeviceObservation[]): mergeRepo.IdentifierKey[] {
  const keys: mergeRepo.IdentifierKey[] = [];
  const add = (kind: string, value: string | null) => {
    if (value !== null) keys.push({ kind, value });
  };
  for (const { identifiers } of observations) {
    if (identifiers.mac !== null) add('mac', normalizeMac(identifiers.mac));
    for (const ip of identifiers.ips) add('ip', normalizeIp(ip));
    for (const hostname of identifiers.hostnames) add('hostname', normalizeHostname(hostname.name));
    if (identifiers.serial !== null) add('serial', normalizeSerial(identifiers.serial));
    if (identifiers.assetTag !== null) add('asset-tag', normalizeAssetTag(identifiers.assetTag));
    for (const ae of identifiers.aeTitles) add('ae-title', normalizeAeTitle(ae));
  }
  return keys;
}

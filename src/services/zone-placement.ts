/**
 * Which zone an asset belongs to: the zone a source named (a CMMS "zone" column) when Wardline has
 * one by that name, else the zone whose network holds the asset's current address (longest
 * prefix), else its VLAN's zone. Imports place the assets they touch; editing zones re-places all.
 */
import type { Zone } from '../domain/inventory.js';
import { compileZones } from '../engines/inventory/index.js';
import * as zoneRepo from '../store/zone-repo.js';
import type { ServiceContext } from './context.js';

export interface Placement {
  readonly zoneId: string | null;
  readonly siteId: string | null;
}

export interface PlacementFacts {
  readonly ips: readonly string[];
  readonly vlan: number | null;
  readonly zoneName: string | null;
}

export type ZonePlacer = (facts: PlacementFacts) => Placement | null;

/** A placer for these zones; `null` when no zone fits. */
export function zonePlacer(zones: readonly Zone[]): ZonePlacer {
  const byName = new Map(zones.map((zone) => [zone.name.toLowerCase(), zone]));
  const byId = new Map(zones.map((zone) => [zone.id, zone]));
  const matcher = compileZones(zones);
  return ({ ips, vlan, zoneName }) => {
    const named = zoneName === null ? undefined : byName.get(zoneName.toLowerCase());
    const zone = named ?? byId.get(matcher.match(ips, vlan)?.zoneId ?? '');
    return zone === undefined ? null : { zoneId: zone.id, siteId: zone.siteId };
  };
}

const PAGE = 1000;

/** Re-places every asset after zones changed; returns how many moved. */
export async function replaceAllAssets(ctx: ServiceContext): Promise<number> {
  const { db } = ctx;
  const place = zonePlacer((await zoneRepo.listZones(db)).items);
  let moved = 0;
  let after = '';
  for (;;) {
    const page = await zoneRepo.placementInputs(db, after, PAGE);
    if (page.length === 0) return moved;
    after = page[page.length - 1]?.id ?? after;
    const moves = page.flatMap((asset) => {
      const placement = place({
        ips: asset.ip === null ? [] : [asset.ip],
        vlan: parseNumber(asset.vlan),
        zoneName: parseString(asset.zoneName),
      }) ?? { zoneId: null, siteId: asset.siteId };
      return placement.zoneId === asset.zoneId ? [] : [{ id: asset.id, ...placement }];
    });
    await zoneRepo.placeAssets(db, moves);
    moved += moves.length;
  }
}

function parseNumber(json: string | null): number | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return typeof value === 'number' ? value : null;
}

function parseString(json: string | null): string | null {
  if (json === null) return null;
  const value: unknown = JSON.parse(json);
  return typeof value === 'string' ? value : null;
}

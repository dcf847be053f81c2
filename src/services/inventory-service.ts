/**
 * The inventory as use cases: reads for the API, and the writes that imports (and the demo
 * hospital) go through. Later issues add scan, SBOM and capture imports here.
 */
import { WardlineError } from '../domain/errors.js';
import type { Asset, Site, Zone } from '../domain/inventory.js';
import type { Page } from '../domain/page.js';
import * as assetRepo from '../store/asset-repo.js';
import * as settingsRepo from '../store/settings-repo.js';
import * as siteRepo from '../store/site-repo.js';
import * as zoneRepo from '../store/zone-repo.js';
import type { AuditService } from './audit-service.js';
import type { Actor, ServiceContext } from './context.js';

const ORGANIZATION_KEY = 'organization.name';

export interface Overview {
  readonly organization: string;
  readonly sites: number;
  readonly zones: number;
  readonly assets: number;
  readonly assetsByCategory: Readonly<Record<string, number>>;
  readonly assetsByZoneKind: Readonly<Record<string, number>>;
}

export type InventoryService = ReturnType<typeof createInventoryService>;

export function createInventoryService(ctx: ServiceContext, audit: AuditService) {
  const { db, clock } = ctx;

  return {
    async overview(): Promise<Overview> {
      const [organization, sites, zones, assets, byCategory, byZoneKind] = await Promise.all([
        settingsRepo.getSetting(db, ORGANIZATION_KEY),
        siteRepo.countSites(db),
        zoneRepo.countZones(db),
        assetRepo.countAssets(db),
        assetRepo.countAssetsByCategory(db),
        assetRepo.countAssetsByZoneKind(db),
      ]);
      return {
        organization: typeof organization === 'string' ? organization : 'Your organization',
        sites,
        zones,
        assets,
        assetsByCategory: byCategory,
        assetsByZoneKind: byZoneKind,
      };
    },

    listSites: (): Promise<Page<Site>> => siteRepo.listSites(db),
    listZones: (siteId?: string): Promise<Page<Zone>> => zoneRepo.listZones(db, { siteId }),
    listAssets: (query: assetRepo.AssetQuery) => assetRepo.listAssets(db, query),

    async getAsset(id: string): Promise<Asset> {
      const asset = await assetRepo.getAsset(db, id);
      if (asset === undefined) throw new WardlineError('WL_NOT_FOUND', `No asset ${id}.`);
      return asset;
    },

    async setOrganizationName(actor: Actor, name: string): Promise<void> {
      await settingsRepo.setSetting(db, ORGANIZATION_KEY, name, clock().toISOString());
      await audit.record({
        actorId: actor.id,
        actorName: actor.name,
        ip: actor.ip,
        action: 'settings.organization',
        outcome: 'success',
        details: { name },
      });
    },

    async createSite(actor: Actor, site: siteRepo.NewSite): Promise<Site> {
      const created = await siteRepo.createSite(db, site, clock());
      await audit.record({
        actorId: actor.id,
        actorName: actor.name,
        ip: actor.ip,
        action: 'site.create',
        outcome: 'success',
        targetType: 'site',
        targetId: created.id,
        details: { code: site.code },
      });
      return created;
    },

    async createZone(actor: Actor, zone: zoneRepo.NewZone): Promise<Zone> {
      const created = await zoneRepo.createZone(db, zone, clock());
      await audit.record({
        actorId: actor.id,
        actorName: actor.name,
        ip: actor.ip,
        action: 'zone.create',
        outcome: 'success',
        targetType: 'zone',
        targetId: created.id,
        details: { name: zone.name },
      });
      return created;
    },

    /** Adds many assets in one transaction with one audit entry: an import lands whole or not at all. */
    async addAssets(
      actor: Actor,
      assets: readonly assetRepo.NewAsset[],
      source: string,
    ): Promise<number> {
      const added = await assetRepo.createAssets(db, assets, clock());
      await audit.record({
        actorId: actor.id,
        actorName: actor.name,
        ip: actor.ip,
        action: 'asset.import',
        outcome: 'success',
        details: { source, count: added.length },
      });
      return added.length;
    },
  };
}

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
import { auditedBy, type Actor, type ServiceContext } from './context.js';

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

    setOrganizationName: (actor: Actor, name: string): Promise<void> =>
      audit.recordChange(
        (trx) => settingsRepo.setSetting(trx, ORGANIZATION_KEY, name, clock().toISOString()),
        () => ({ ...auditedBy(actor), action: 'settings.organization', details: { name } }),
      ),

    createSite: (actor: Actor, site: siteRepo.NewSite): Promise<Site> =>
      audit.recordChange(
        (trx) => siteRepo.createSite(trx, site, clock()),
        (created) => ({
          ...auditedBy(actor),
          action: 'site.create',
          targetType: 'site',
          targetId: created.id,
          details: { code: site.code },
        }),
      ),

    createZone: (actor: Actor, zone: zoneRepo.NewZone): Promise<Zone> =>
      audit.recordChange(
        (trx) => zoneRepo.createZone(trx, zone, clock()),
        (created) => ({
          ...auditedBy(actor),
          action: 'zone.create',
          targetType: 'zone',
          targetId: created.id,
          details: { name: zone.name },
        }),
      ),

    /** Adds many assets with one audit entry, in one transaction: an import lands whole or not at all. */
    addAssets: async (
      actor: Actor,
      assets: readonly assetRepo.NewAsset[],
      source: string,
    ): Promise<number> => {
      const added = await audit.recordChange(
        (trx) => assetRepo.createAssets(trx, assets, clock()),
        (created) => ({
          ...auditedBy(actor),
          action: 'asset.import',
          details: { source, count: created.length },
        }),
      );
      return added.length;
    },
  };
}

/**
 * The inventory as use cases: reads for the API, and the writes that imports (and the demo
 * hospital) go through. Later issues add scan, SBOM and capture imports here.
 */
import { WardlineError } from '../domain/errors.js';
import type { Asset, Site, Zone } from '../domain/inventory.js';
import type { Page } from '../domain/page.js';
import type {
  AssetDetail,
  Communication,
  CommunicationMap,
  MapNode,
  ProvenanceEntry,
} from '../domain/asset-detail.js';
import type { PageRequest } from '../domain/page.js';
import * as detailRepo from '../store/asset-detail-repo.js';
import * as assetRepo from '../store/asset-repo.js';
import * as flowRepo from '../store/flow-repo.js';
import * as settingsRepo from '../store/settings-repo.js';
import * as siteRepo from '../store/site-repo.js';
import * as zoneRepo from '../store/zone-repo.js';
import type { AuditService } from './audit-service.js';
import { createAssetEdits, type AssetEdit } from './asset-edits.js';
import { auditedBy, type Actor, type ServiceContext } from './context.js';
import { replaceAllAssets } from './zone-placement.js';

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
  const edits = createAssetEdits(ctx, audit);

  async function getAssetDetail(id: string): Promise<AssetDetail> {
    const asset = await assetRepo.getAsset(db, id);
    if (asset === undefined) throw new WardlineError('WL_NOT_FOUND', `No asset ${id}.`);
    const [facts, services, software, scanFindings, protocols, sources, sboms] = await Promise.all([
      detailRepo.assetFacts(db, id),
      detailRepo.assetServices(db, id),
      detailRepo.assetSoftware(db, id),
      detailRepo.assetScanFindings(db, id),
      detailRepo.assetProtocols(db, id),
      detailRepo.assetSources(db, id),
      detailRepo.assetSboms(db, id),
    ]);
    return { ...asset, facts, services, software, scanFindings, protocols, sources, sboms };
  }

  /** Changes zones, then re-places every asset by the new zones, all in one audited transaction. */
  function changeZones<T>(
    actor: Actor,
    change: (trx: typeof db) => Promise<T>,
    event: (result: T) => { action: string; targetId: string; details: Record<string, unknown> },
  ): Promise<T> {
    return audit
      .recordChange(
        async (trx) => {
          const result = await change(trx);
          const moved = await replaceAllAssets({ ...ctx, db: trx });
          return { result, moved };
        },
        ({ result, moved }) => {
          const { action, targetId, details } = event(result);
          return {
            ...auditedBy(actor),
            action,
            targetType: 'zone',
            targetId,
            details: { ...details, assetsMoved: moved },
          };
        },
      )
      .then(({ result }) => result);
  }

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

    getAssetDetail,

    assetProvenance: (id: string, page: PageRequest): Promise<Page<ProvenanceEntry>> =>
      detailRepo.assetProvenance(db, id, page),

    assetCommunications: (id: string): Promise<Communication[]> =>
      flowRepo.listFlows(db, { assetId: id, limit: 500 }),

    /** Who talks to whom, heaviest conversations first, as nodes and edges. */
    async communicationMap(filters: {
      zoneId?: string;
      protocol?: string;
    }): Promise<CommunicationMap> {
      const edges = await flowRepo.listFlows(db, { ...filters, limit: 2000 });
      const assetIds = [
        ...new Set(
          edges.flatMap((e) => [e.clientAssetId, e.serverAssetId]).filter((id) => id !== null),
        ),
      ];
      const assets = await assetRepo.mapNodes(db, assetIds);
      const nodes = new Map<string, MapNode>();
      for (const asset of assets) nodes.set(asset.id, { ...asset, assetId: asset.id });
      for (const edge of edges) {
        for (const [assetId, ip] of [
          [edge.clientAssetId, edge.clientIp],
          [edge.serverAssetId, edge.serverIp],
        ] as const) {
          if (assetId === null && !nodes.has(`ip:${ip}`)) {
            nodes.set(`ip:${ip}`, {
              id: `ip:${ip}`,
              assetId: null,
              label: ip,
              category: null,
              zoneId: null,
              zoneName: null,
              patientSafety: null,
            });
          }
        }
      }
      return { nodes: [...nodes.values()], edges };
    },

    /** A person's corrections; returns the asset as it now stands. */
    async editAsset(actor: Actor, id: string, edit: AssetEdit): Promise<AssetDetail> {
      await edits.edit(actor, id, edit);
      return getAssetDetail(id);
    },

    updateZone: (actor: Actor, id: string, update: zoneRepo.ZoneUpdate): Promise<Zone> =>
      changeZones(
        actor,
        async (trx) => {
          const zone = await zoneRepo.updateZone(trx, id, update);
          if (zone === undefined) throw new WardlineError('WL_NOT_FOUND', `No zone ${id}.`);
          return zone;
        },
        (zone) => ({ action: 'zone.update', targetId: zone.id, details: { ...update } }),
      ),

    deleteZone: (actor: Actor, id: string): Promise<void> =>
      changeZones(
        actor,
        async (trx) => {
          const zone = await zoneRepo.getZone(trx, id);
          if (zone === undefined || !(await zoneRepo.deleteZone(trx, id))) {
            throw new WardlineError('WL_NOT_FOUND', `No zone ${id}.`);
          }
          return zone;
        },
        (zone) => ({ action: 'zone.delete', targetId: zone.id, details: { name: zone.name } }),
      ).then(() => undefined),

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
      changeZones(
        actor,
        (trx) => zoneRepo.createZone(trx, zone, clock()),
        (created) => ({
          action: 'zone.create',
          targetId: created.id,
          details: { name: zone.name },
        }),
      ),
  };
}

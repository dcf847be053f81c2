/**
 * Loads the demo hospital through the inventory service, the same path real imports take, once:
 * a store that already has the demo's main site is left as it is.
 */
import type { InventoryService } from '../inventory-service.js';
import { DEMO_ASSETS, DEMO_ORGANIZATION, DEMO_SITES } from './demo-hospital.js';

const DEMO_ACTOR = { id: null, name: 'demo', ip: null };

export interface DemoLoad {
  readonly loaded: boolean;
  readonly organization: string;
  readonly assets: number;
}

export type DemoService = ReturnType<typeof createDemoService>;

export function createDemoService(inventory: InventoryService) {
  return {
    async load(): Promise<DemoLoad> {
      const existing = await inventory.listSites();
      if (existing.items.some((site) => site.code === DEMO_SITES[0]?.code)) {
        return { loaded: false, organization: DEMO_ORGANIZATION, assets: DEMO_ASSETS.length };
      }
      await inventory.setOrganizationName(DEMO_ACTOR, DEMO_ORGANIZATION);
      const zoneIds = new Map<string, { siteId: string; zoneId: string }>();
      for (const site of DEMO_SITES) {
        const created = await inventory.createSite(DEMO_ACTOR, {
          code: site.code,
          name: site.name,
          address: site.address,
        });
        for (const zone of site.zones) {
          const createdZone = await inventory.createZone(DEMO_ACTOR, {
            ...zone,
            siteId: created.id,
          });
          zoneIds.set(`${site.code}/${zone.name}`, { siteId: created.id, zoneId: createdZone.id });
        }
      }
      const assets = DEMO_ASSETS.map((asset) => {
        const place = zoneIds.get(`${asset.site}/${asset.zone}`);
        if (place === undefined)
          throw new Error(`Demo asset ${asset.name} names an unknown zone ${asset.zone}.`);
        const identifiers = [
          { kind: 'ip' as const, value: asset.ip },
          { kind: 'mac' as const, value: asset.mac },
          { kind: 'hostname' as const, value: asset.name.toLowerCase() },
          ...(asset.serial !== undefined ? [{ kind: 'serial' as const, value: asset.serial }] : []),
          ...(asset.aeTitle !== undefined
            ? [{ kind: 'ae-title' as const, value: asset.aeTitle }]
            : []),
        ];
        return {
          siteId: place.siteId,
          zoneId: place.zoneId,
          name: asset.name,
          category: asset.category,
          vendor: asset.vendor,
          model: asset.model,
          os: asset.os,
          patientSafety: asset.patientSafety,
          holdsEphi: asset.holdsEphi,
          identifiers: identifiers.map((id) => ({ ...id, source: 'demo' })),
        };
      });
      const added = await inventory.addAssets(DEMO_ACTOR, assets, 'demo hospital');
      return { loaded: true, organization: DEMO_ORGANIZATION, assets: added };
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { AssetSummary } from '../domain/inventory.js';
import { describeEachDialect } from '../../test/support/stores.js';
import {
  countAssets,
  countAssetsByCategory,
  countAssetsByZoneKind,
  createAsset,
  createAssets,
  getAsset,
  listAssets,
  type AssetQuery,
  type NewAsset,
} from './asset-repo.js';
import { countSites, createSite, getSite, getSiteByCode, listSites } from './site-repo.js';
import { countZones, createZone, getZone, listZones } from './zone-repo.js';

const NOW = new Date('2026-04-01T12:00:00.000Z');

describeEachDialect(
  'inventory repositories',
  (ctx) => {
    async function hospital() {
      const main = await createSite(
        ctx.db,
        { name: 'Main Campus', code: 'MAIN', address: '1 Road' },
        NOW,
      );
      const clinic = await createSite(ctx.db, { name: 'Clinic', code: 'CLN' }, NOW);
      const icu = await createZone(ctx.db, {
        siteId: main.id,
        name: 'ICU devices',
        kind: 'clinical-device',
        cidrs: ['10.20.0.0/22'],
        vlan: 200,
        description: 'Monitors and pumps',
      });
      const imaging = await createZone(ctx.db, {
        siteId: main.id,
        name: 'Imaging',
        kind: 'imaging',
      });
      const office = await createZone(ctx.db, {
        siteId: clinic.id,
        name: 'Office',
        kind: 'workstation',
      });
      return { main, clinic, icu, imaging, office };
    }

    it('creates and reads sites and zones as domain objects', async () => {
      const { main, clinic, icu, imaging, office } = await hospital();
      expect(main).toEqual({ id: main.id, name: 'Main Campus', code: 'MAIN', address: '1 Road' });
      expect(main.id).toMatch(/^sit_/);
      expect(await getSite(ctx.db, clinic.id)).toEqual({ ...clinic, address: null });
      expect(await getSiteByCode(ctx.db, 'MAIN')).toEqual(main);
      expect(await getSite(ctx.db, 'sit_missing')).toBeUndefined();
      expect(await listSites(ctx.db)).toEqual({ items: [clinic, main], total: 2 });
      expect(await countSites(ctx.db)).toBe(2);

      expect(await getZone(ctx.db, icu.id)).toEqual({
        id: icu.id,
        siteId: main.id,
        name: 'ICU devices',
        kind: 'clinical-device',
        cidrs: ['10.20.0.0/22'],
        vlan: 200,
        description: 'Monitors and pumps',
      });
      expect(imaging).toMatchObject({ cidrs: [], vlan: null, description: null });
      expect((await listZones(ctx.db, { siteId: main.id })).items.map((z) => z.name)).toEqual([
        'ICU devices',
        'Imaging',
      ]);
      expect((await listZones(ctx.db)).total).toBe(3);
      expect(await countZones(ctx.db)).toBe(3);
      expect(office.siteId).toBe(clinic.id);
    });

    it('refuses a second site with the same code and a second zone with the same name', async () => {
      const { main } = await hospital();
      await expect(createSite(ctx.db, { name: 'Other', code: 'MAIN' })).rejects.toMatchObject({
        code: 'WL_CONFLICT',
      });
      await expect(
        createZone(ctx.db, { siteId: main.id, name: 'Imaging', kind: 'imaging' }),
      ).rejects.toMatchObject({ code: 'WL_CONFLICT' });
    });

    it('creates an asset with identifiers and reads it back whole', async () => {
      const { main, icu } = await hospital();
      const created = await createAsset(
        ctx.db,
        {
          siteId: main.id,
          zoneId: icu.id,
          name: 'Infusion pump 7',
          category: 'infusion-pump',
          vendor: 'Baxter',
          model: 'Sigma Spectrum',
          os: null,
          patientSafety: 'high',
          holdsEphi: false,
          firstSeen: '2026-01-01T00:00:00.000Z',
          lastSeen: '2026-03-01T00:00:00.000Z',
          identifiers: [
            {
              kind: 'mac',
              value: '00:1b:44:11:3a:b7',
              source: 'nmap',
              lastSeen: '2026-02-01T00:00:00.000Z',
            },
            {
              kind: 'ip',
              value: '10.20.0.7',
              source: 'nmap',
              lastSeen: '2026-03-01T00:00:00.000Z',
            },
          ],
        },
        NOW,
      );
      expect(created.id).toMatch(/^ast_/);
      const fetched = await getAsset(ctx.db, created.id);
      expect(fetched).toEqual({
        id: created.id,
        siteId: main.id,
        zoneId: icu.id,
        name: 'Infusion pump 7',
        category: 'infusion-pump',
        vendor: 'Baxter',
        model: 'Sigma Spectrum',
        os: null,
        serial: null,
        firmware: null,
        location: null,
        owner: null,
        classification: { confidence: 1, reasons: [] },
        criticality: { patientSafety: 'high', holdsEphi: false, overridden: false },
        firstSeen: '2026-01-01T00:00:00.000Z',
        lastSeen: '2026-03-01T00:00:00.000Z',
        identifiers: [
          {
            kind: 'ip',
            value: '10.20.0.7',
            source: 'nmap',
            firstSeen: '2026-01-01T00:00:00.000Z',
            lastSeen: '2026-03-01T00:00:00.000Z',
          },
          {
            kind: 'mac',
            value: '00:1b:44:11:3a:b7',
            source: 'nmap',
            firstSeen: '2026-01-01T00:00:00.000Z',
            lastSeen: '2026-02-01T00:00:00.000Z',
          },
        ],
      });
      // What createAsset returns is what getAsset reads, identifiers in input order.
      expect(created).toEqual({ ...fetched, identifiers: [...fetched!.identifiers].reverse() });
      expect(await getAsset(ctx.db, 'ast_missing')).toBeUndefined();
    });

    it('inserts many assets in one transaction: all or none', async () => {
      const { icu } = await hospital();
      const good: NewAsset = {
        zoneId: icu.id,
        name: 'ok',
        category: 'iot',
        patientSafety: 'none',
        holdsEphi: false,
      };
      const bad: NewAsset = { ...good, name: 'bad', zoneId: 'zon_does_not_exist' };
      await expect(createAssets(ctx.db, [good, good, bad])).rejects.toThrow();
      expect(await countAssets(ctx.db)).toBe(0);
      expect(await createAssets(ctx.db, [good, good])).toHaveLength(2);
      expect(await countAssets(ctx.db)).toBe(2);
    });

    describe('listAssets', () => {
      async function seed() {
        const { main, icu, imaging, office } = await hospital();
        const rows: NewAsset[] = [
          {
            zoneId: icu.id,
            siteId: main.id,
            name: 'Pump A',
            category: 'infusion-pump',
            vendor: 'Baxter',
            model: 'Sigma',
            patientSafety: 'high',
            holdsEphi: false,
            lastSeen: '2026-03-05T00:00:00.000Z',
            identifiers: [
              {
                kind: 'ip',
                value: '10.20.0.5',
                source: 'dhcp',
                lastSeen: '2026-03-01T00:00:00.000Z',
              },
              {
                kind: 'ip',
                value: '10.20.0.99',
                source: 'dhcp',
                lastSeen: '2026-03-05T00:00:00.000Z',
              },
              { kind: 'mac', value: '00:1B:44:11:3A:B7', source: 'dhcp' },
            ],
          },
          {
            zoneId: icu.id,
            siteId: main.id,
            name: 'Monitor B',
            category: 'patient-monitor',
            vendor: 'Philips',
            model: 'IntelliVue MX450',
            patientSafety: 'high',
            holdsEphi: true,
            lastSeen: '2026-03-02T00:00:00.000Z',
            identifiers: [{ kind: 'hostname', value: 'icu-mon-b.lvmc.local', source: 'dns' }],
          },
          {
            zoneId: imaging.id,
            siteId: main.id,
            name: 'CT Scanner',
            category: 'imaging-modality',
            vendor: 'Siemens',
            model: 'SOMATOM',
            patientSafety: 'medium',
            holdsEphi: true,
            lastSeen: '2026-03-04T00:00:00.000Z',
            identifiers: [{ kind: 'ae-title', value: 'CT_MAIN_100%', source: 'dicom' }],
          },
          {
            zoneId: office.id,
            name: 'Front desk PC',
            category: 'workstation',
            vendor: 'Dell',
            model: 'OptiPlex',
            patientSafety: 'none',
            holdsEphi: true,
            lastSeen: '2026-03-03T00:00:00.000Z',
          },
          {
            name: 'Unknown thing',
            category: 'unknown',
            patientSafety: 'low',
            holdsEphi: false,
            lastSeen: '2026-03-01T00:00:00.000Z',
          },
        ];
        await createAssets(ctx.db, rows, NOW);
        return { main, icu, imaging, office };
      }
      const names = async (query: AssetQuery) => {
        const page = await listAssets(ctx.db, query);
        return page.items.map((item) => item.name);
      };

      it('returns summaries with zone name and the most recently seen IP and MAC', async () => {
        const { icu, main } = await seed();
        const page = await listAssets(ctx.db);
        expect(page.total).toBe(5);
        const pump = page.items.find((item) => item.name === 'Pump A');
        expect(pump).toEqual({
          id: expect.stringMatching(/^ast_/) as unknown,
          name: 'Pump A',
          category: 'infusion-pump',
          vendor: 'Baxter',
          model: 'Sigma',
          zoneId: icu.id,
          zoneName: 'ICU devices',
          siteId: main.id,
          patientSafety: 'high',
          holdsEphi: false,
          lastSeen: '2026-03-05T00:00:00.000Z',
          ip: '10.20.0.99',
          mac: '00:1B:44:11:3A:B7',
        } satisfies AssetSummary | Record<string, unknown>);
        expect(page.items.find((item) => item.name === 'Unknown thing')).toMatchObject({
          zoneId: null,
          zoneName: null,
          ip: null,
          mac: null,
        });
      });

      it('sorts by name, category, last seen and criticality, both ways', async () => {
        await seed();
        expect(await names({})).toEqual([
          'CT Scanner',
          'Front desk PC',
          'Monitor B',
          'Pump A',
          'Unknown thing',
        ]);
        expect(await names({ sort: 'name', order: 'desc' })).toEqual([
          'Unknown thing',
          'Pump A',
          'Monitor B',
          'Front desk PC',
          'CT Scanner',
        ]);
        expect(await names({ sort: 'category' })).toEqual([
          'CT Scanner',
          'Pump A',
          'Monitor B',
          'Unknown thing',
          'Front desk PC',
        ]);
        expect(await names({ sort: 'lastSeen', order: 'desc' })).toEqual([
          'Pump A',
          'CT Scanner',
          'Front desk PC',
          'Monitor B',
          'Unknown thing',
        ]);
        // high+ePHI, high, medium, low, none — not alphabetical order of the impact names.
        expect(await names({ sort: 'criticality', order: 'desc' })).toEqual([
          'Monitor B',
          'Pump A',
          'CT Scanner',
          'Unknown thing',
          'Front desk PC',
        ]);
        expect(await names({ sort: 'criticality', order: 'asc' })).toEqual([
          'Front desk PC',
          'Unknown thing',
          'CT Scanner',
          'Pump A',
          'Monitor B',
        ]);
      });

      it('pages without overlap or gaps, also among equal sort keys', async () => {
        const { icu } = await seed();
        await createAssets(
          ctx.db,
          Array.from({ length: 23 }, () => ({
            zoneId: icu.id,
            name: 'Same name',
            category: 'iot' as const,
            patientSafety: 'low' as const,
            holdsEphi: false,
          })),
        );
        for (const sort of ['name', 'category', 'lastSeen', 'criticality'] as const) {
          const seen: string[] = [];
          for (let offset = 0; offset < 28; offset += 5) {
            const page = await listAssets(ctx.db, { sort, order: 'desc', limit: 5, offset });
            expect(page.total).toBe(28);
            seen.push(...page.items.map((item) => item.id));
          }
          expect(new Set(seen).size).toBe(28);
        }
        expect((await listAssets(ctx.db, { offset: 100 })).items).toEqual([]);
        expect((await listAssets(ctx.db, { offset: 100, q: 'same' })).total).toBe(23);
        expect((await listAssets(ctx.db, { limit: 100_000 })).items).toHaveLength(28);
      });

      it('filters by zone, site, category and criticality, with matching totals', async () => {
        const { icu, main } = await seed();
        expect(await names({ zoneId: icu.id })).toEqual(['Monitor B', 'Pump A']);
        expect(await names({ siteId: main.id, sort: 'lastSeen' })).toEqual([
          'Monitor B',
          'CT Scanner',
          'Pump A',
        ]);
        expect(await names({ category: 'workstation' })).toEqual(['Front desk PC']);
        expect(await names({ criticality: 'high', sort: 'criticality', order: 'desc' })).toEqual([
          'Monitor B',
          'Pump A',
        ]);
        expect((await listAssets(ctx.db, { zoneId: icu.id, limit: 1 })).total).toBe(2);
      });

      it('searches name, vendor, model and identifier values in any case', async () => {
        await seed();
        expect(await names({ q: 'pump' })).toEqual(['Pump A']);
        expect(await names({ q: 'PHILIPS' })).toEqual(['Monitor B']);
        expect(await names({ q: 'somatom' })).toEqual(['CT Scanner']);
        expect(await names({ q: '10.20.0.5' })).toEqual(['Pump A']);
        expect(await names({ q: '00:1b:44' })).toEqual(['Pump A']);
        expect(await names({ q: 'icu-mon' })).toEqual(['Monitor B']);
        expect(await names({ q: '  desk ' })).toEqual(['Front desk PC']);
        const page = await listAssets(ctx.db, { q: 'e', sort: 'lastSeen', limit: 2 });
        expect(page.total).toBe(4); // every asset but 'Unknown thing'
        expect(page.items.map((item) => item.name)).toEqual(['Monitor B', 'Front desk PC']);
      });

      it('treats LIKE wildcards in the search as text', async () => {
        await seed();
        expect(await names({ q: '100%' })).toEqual(['CT Scanner']);
        expect(await names({ q: '%' })).toEqual(['CT Scanner']);
        expect(await names({ q: 'CT_' })).toEqual(['CT Scanner']);
        expect(await names({ q: '_' })).toEqual(['CT Scanner']);
        expect(await names({ q: "'; drop table assets; --" })).toEqual([]);
        expect(await countAssets(ctx.db)).toBe(5);
      });

      it('counts assets by category and by zone kind for the overview', async () => {
        await seed();
        expect(await countAssets(ctx.db)).toBe(5);
        expect(await countAssetsByCategory(ctx.db)).toEqual({
          'infusion-pump': 1,
          'patient-monitor': 1,
          'imaging-modality': 1,
          workstation: 1,
          unknown: 1,
        });
        expect(await countAssetsByZoneKind(ctx.db)).toEqual({
          'clinical-device': 2,
          imaging: 1,
          workstation: 1,
          unzoned: 1,
        });
      });
    });
  },
  { resetBeforeEach: true },
);

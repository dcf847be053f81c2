import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/stores.js';
import { TEST_SETTINGS } from '../../../test/support/app.js';
import { writeNmapReport } from '../../../test/support/nmap-files.js';
import { generateMasterKey } from '../../store/master-key.js';
import { openKeyring } from '../../store/sealing.js';
import { SYSTEM_ACTOR } from '../context.js';
import { createServices, type Services } from '../services.js';

const ACTOR = { ...SYSTEM_ACTOR, name: 'test' };

describeEachDialect(
  'import service: Nmap scans into the inventory',
  (ctx) => {
    let dir: string;
    let services: Services;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'wardline-import-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));
    beforeEach(async () => {
      services = createServices({
        db: ctx.db,
        keyring: await openKeyring(ctx.store, generateMasterKey()),
        clock: () => new Date('2026-11-20T12:00:00.000Z'),
        settings: TEST_SETTINGS,
      });
      const site = await services.inventory.createSite(ACTOR, { code: 'MAIN', name: 'Main' });
      await services.inventory.createZone(ACTOR, {
        siteId: site.id,
        name: 'Imaging',
        kind: 'imaging',
        cidrs: ['10.20.0.0/24'],
        vlan: 20,
        description: null,
      });
    });

    const pacs = {
      ip: '10.20.0.5',
      mac: '00:1F:3C:87:66:50',
      hostname: 'pacs01.larkspur.example',
      ports: [{ port: 104, name: 'dicom', product: 'Orthanc', version: '1.12.1' }],
    };
    const workstation = {
      ip: '10.20.0.40',
      mac: '00:1A:2B:3C:4D:5E',
      os: 'Microsoft Windows 10 22H2',
      ports: [{ port: 3389, name: 'ms-wbt-server' }],
    };

    async function ingest(
      name: string,
      time: string,
      hosts: Parameters<typeof writeNmapReport>[2],
    ) {
      const path = await writeNmapReport(join(dir, name), time, hosts);
      return (await services.imports.run(ACTOR, { kind: 'nmap', path, fileName: name })).summary;
    }

    it('turns each host into one asset placed in its zone, with services and provenance', async () => {
      const summary = await ingest('night.xml', '2026-11-19T02:00:00.000Z', [pacs, workstation]);
      expect(summary).toMatchObject({
        status: 'imported',
        counts: { observations: 2, created: 2, updated: 0 },
      });
      const page = await services.inventory.listAssets({});
      expect(page.total).toBe(2);
      const row = page.items.find((a) => a.ip === '10.20.0.5');
      expect(row).toMatchObject({ zoneName: 'Imaging', mac: '00:1f:3c:87:66:50' });
      const services_ = await ctx.db
        .selectFrom('asset_services')
        .selectAll()
        .where('asset_id', '=', row!.id)
        .execute();
      expect(services_).toMatchObject([{ port: 104, name: 'dicom', product: 'Orthanc' }]);
      const provenance = await ctx.db
        .selectFrom('asset_facts')
        .selectAll()
        .where('asset_id', '=', row!.id)
        .where('field', '=', 'hostname')
        .executeTakeFirstOrThrow();
      expect(provenance).toMatchObject({
        source_kind: 'nmap',
        source_name: 'night.xml',
        import_id: summary.id,
        origin: 'dns-ptr',
      });
      const audit = await services.audit.list({ action: 'inventory.import' });
      expect(audit.items[0]).toMatchObject({ targetId: summary.id, outcome: 'success' });
    });

    it('records the same file twice as a duplicate and changes nothing', async () => {
      const first = await ingest('dup.xml', '2026-11-19T02:00:00.000Z', [pacs]);
      const before = await ctx.db.selectFrom('asset_observations').selectAll().execute();
      const second = (
        await services.imports.run(ACTOR, {
          kind: 'nmap',
          path: join(dir, 'dup.xml'),
          fileName: 'again.xml',
        })
      ).summary;
      expect(second).toMatchObject({ status: 'duplicate', duplicateOf: first.id });
      expect(await ctx.db.selectFrom('asset_observations').selectAll().execute()).toEqual(before);
    });

    it('a newer scan beats an older one, whatever order they are imported in', async () => {
      await ingest('tuesday.xml', '2026-11-18T02:00:00.000Z', [workstation]);
      await ingest('thursday.xml', '2026-11-20T02:00:00.000Z', [
        { ...workstation, os: 'Microsoft Windows 11 23H2' },
      ]);
      const late = await ingest('monday-late-upload.xml', '2026-11-17T02:00:00.000Z', [
        { ...workstation, os: 'Microsoft Windows 7 SP1' },
      ]);
      const page = await services.inventory.listAssets({});
      expect(page.total).toBe(1);
      const asset = await services.inventory.getAsset(page.items[0]!.id);
      expect(asset.os).toBe('Microsoft Windows 11 23H2');
      expect(late.counts.created).toBe(0);
      const timeline = await ctx.db
        .selectFrom('asset_observations')
        .select(['value', 'source_name'])
        .where('field', '=', 'os')
        .orderBy('observed_at')
        .execute();
      expect(timeline.map((t) => t.source_name)).toEqual([
        'monday-late-upload.xml',
        'tuesday.xml',
        'thursday.xml',
      ]);
    });

    it('a file that is not Nmap XML fails the job and writes nothing', async () => {
      const path = join(dir, 'not-a-scan.xml');
      await writeFile(path, 'this is a shopping list, not a scan');
      await expect(
        services.imports.run(ACTOR, { kind: 'nmap', path, fileName: 'not-a-scan.xml' }),
      ).rejects.toMatchObject({ code: 'WL_NMAP_UNREADABLE' });
      expect((await services.inventory.listAssets({})).total).toBe(0);
      const imports = await services.imports.list({});
      expect(imports.items[0]).toMatchObject({ fileName: 'not-a-scan.xml', status: 'failed' });
      const jobs = await services.jobs.list({});
      expect(jobs.items[0]).toMatchObject({ status: 'failed', kind: 'import.nmap' });
      expect(jobs.items[0]?.error).toMatch(/^WL_NMAP_UNREADABLE/);
    });
  },
  { resetBeforeEach: true },
);

describeEachDialect(
  'import service: CMMS exports, SBOMs and scanner reports',
  (ctx) => {
    let dir: string;
    let services: Services;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'wardline-import-files-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));
    beforeEach(async () => {
      services = createServices({
        db: ctx.db,
        keyring: await openKeyring(ctx.store, generateMasterKey()),
        clock: () => new Date('2026-11-20T12:00:00.000Z'),
        settings: TEST_SETTINGS,
      });
    });

    async function ingest(
      kind: 'inventory' | 'sbom' | 'nmap',
      name: string,
      text: string,
      options = {},
    ) {
      const path = join(dir, name);
      await writeFile(path, text);
      return (await services.imports.run(ACTOR, { kind, path, fileName: name, options })).summary;
    }

    it('a CMMS export declares category and criticality, and a later scan merges into the same device', async () => {
      const csv =
        'Asset #,Device Type,Manufacturer,Model Number,Serial No.,MAC Address,IP Address,Location\n' +
        'BME-00412,Infusion Pump,Baxter,Sigma Spectrum,SP-77812,00:1B:44:11:3A:B7,10.30.1.17,ICU Bed 4\n';
      const imported = await ingest('inventory', 'cmms.csv', csv);
      expect(imported.counts).toMatchObject({ observations: 1, created: 1 });
      await ingest(
        'nmap',
        'scan.xml',
        (await import('../../../test/support/nmap-files.js')).nmapReport(
          '2026-11-19T02:00:00.000Z',
          [{ ip: '10.30.1.17', mac: '00:1B:44:11:3A:B7', ports: [{ port: 443, name: 'https' }] }],
        ),
      );
      const page = await services.inventory.listAssets({});
      expect(page.total).toBe(1);
      const asset = await services.inventory.getAssetDetail(page.items[0]!.id);
      expect(asset).toMatchObject({
        category: 'infusion-pump',
        vendor: 'Baxter',
        model: 'Sigma Spectrum',
        serial: 'SP-77812',
        location: 'ICU Bed 4',
        criticality: { patientSafety: 'high' },
      });
      expect(asset.services.map((s) => s.port)).toEqual([443]);
      expect(asset.sources.map((s) => s.kind).sort()).toEqual(['inventory', 'nmap']);
      const bySource = await services.inventory.listAssets({ source: 'inventory' });
      expect(bySource.total).toBe(1);
      expect((await services.inventory.listAssets({ source: 'capture' })).total).toBe(0);
    });

    it('an SBOM attached to an asset becomes its software; one attached to a model is listed for it', async () => {
      await ingest(
        'inventory',
        'pumps.csv',
        'Asset Tag,Manufacturer,Model,IP Address\nP-1,Baxter,Sigma Spectrum,10.30.1.18\n',
      );
      const asset = (await services.inventory.listAssets({})).items[0]!;
      const bom = {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 1,
        metadata: { component: { type: 'device', name: 'Sigma Spectrum', version: '8.01' } },
        components: [
          {
            type: 'operating-system',
            name: 'linux',
            version: '4.9.11',
            purl: 'pkg:generic/linux@4.9.11',
          },
          {
            type: 'library',
            name: 'openssl',
            version: '1.0.2k',
            purl: 'pkg:generic/openssl@1.0.2k',
          },
        ],
      };
      const attached = await ingest('sbom', 'pump.cdx.json', JSON.stringify(bom), {
        assetId: asset.id,
      });
      expect(attached.counts.components).toBe(2);
      const detail = await services.inventory.getAssetDetail(asset.id);
      expect(detail.software.map((s) => s.purl).sort()).toEqual([
        'pkg:generic/linux@4.9.11',
        'pkg:generic/openssl@1.0.2k',
      ]);
      expect(detail.sboms).toMatchObject([{ attachedTo: 'asset', components: 2 }]);

      const modelBom = { ...bom, serialNumber: 'urn:uuid:5f5c-model' };
      await ingest('sbom', 'model.cdx.json', JSON.stringify(modelBom), {
        vendor: 'Baxter',
        model: 'Sigma Spectrum',
      });
      const again = await services.inventory.getAssetDetail(asset.id);
      expect(again.sboms.map((s) => s.attachedTo).sort()).toEqual(['asset', 'model']);
    });

    it('an SBOM for an asset that does not exist fails and stores nothing', async () => {
      const bom = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [] };
      await expect(
        ingest('sbom', 'orphan.json', JSON.stringify(bom), { assetId: 'ast_nothere' }),
      ).rejects.toMatchObject({ code: 'WL_NOT_FOUND' });
      expect(await ctx.db.selectFrom('sboms').selectAll().execute()).toEqual([]);
    });
  },
  { resetBeforeEach: true },
);

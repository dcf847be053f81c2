import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { TEST_SETTINGS } from '../../../test/support/app.js';
import { describeEachDialect } from '../../../test/support/stores.js';
import type { AssetDetail } from '../../domain/asset-detail.js';
import { generateMasterKey } from '../../store/master-key.js';
import { openKeyring } from '../../store/sealing.js';
import { createServices, type Services } from '../services.js';
import { DEMO_FILES } from './demo-files.js';
import { DEMO_ORGANIZATION, DEMO_SITES } from './demo-hospital.js';
import { createDemoService, type DemoLoad } from './demo-service.js';

describeEachDialect('demo hospital: loaded through the imports', (ctx) => {
  let services: Services;
  let load: DemoLoad;

  beforeAll(async () => {
    services = createServices({
      db: ctx.db,
      keyring: await openKeyring(ctx.store, generateMasterKey()),
      clock: () => new Date('2026-11-20T12:00:00.000Z'),
      settings: TEST_SETTINGS,
    });
    load = await services.demo.load();
  }, 60_000);

  async function asset(name: string): Promise<AssetDetail> {
    const page = await services.inventory.listAssets({ q: name, limit: 5 });
    const found = page.items.find((a) => a.name === name);
    expect(found, `asset ${name}`).toBeDefined();
    return services.inventory.getAssetDetail(found!.id);
  }

  it('imports every demo file, in order, each as an import with no error diagnostic', async () => {
    expect(load.loaded).toBe(true);
    expect(load.organization).toBe(DEMO_ORGANIZATION);
    expect(load.imports.map((i) => [i.kind, i.fileName])).toEqual(
      DEMO_FILES.map((f) => [f.kind, f.path.split('/').pop()]),
    );
    for (const summary of load.imports) {
      expect(summary.status, summary.fileName).toBe('imported');
      const diagnostics = await services.imports.diagnostics(summary.id, { limit: 500 });
      expect(
        diagnostics.items.filter((d) => d.severity === 'error'),
        summary.fileName,
      ).toEqual([]);
    }
    const listed = await services.imports.list({ limit: 50 });
    expect(listed.total).toBe(load.imports.length);
    const audited = await services.audit.list({ action: 'inventory.import', limit: 50 });
    expect(audited.total).toBe(load.imports.length);
    expect(audited.items.every((entry) => entry.actorName === 'demo')).toBe(true);
  });

  it('creates the sites and zones, and places the assets in them', async () => {
    const sites = await services.inventory.listSites();
    expect(sites.items.map((s) => s.code).sort()).toEqual(DEMO_SITES.map((s) => s.code).sort());
    const zones = await services.inventory.listZones();
    expect(zones.total).toBe(DEMO_SITES.reduce((n, s) => n + s.zones.length, 0));
    const pump = await services.inventory.listAssets({ q: 'PUMP-ICU-01' });
    expect(pump.items[0]?.zoneName).toBe('Clinical devices');
    const ct = await services.inventory.listAssets({ q: 'CT-ED-01' });
    expect(ct.items[0]?.zoneName).toBe('Imaging');
    expect(load.assets).toBeGreaterThanOrEqual(60);
  });

  it('merges what several sources say of one device: provenance from each', async () => {
    const ct = await asset('CT-ED-01');
    expect(ct.sources.map((s) => s.kind).sort()).toEqual(['capture', 'inventory', 'nmap']);
    const ehr = await asset('EHR-APP-01');
    expect(ehr.sources.map((s) => s.kind).sort()).toEqual([
      'capture',
      'inventory',
      'nmap',
      'openvas',
    ]);
    expect(ehr.category).toBe('ehr-server');
    expect(ehr.scanFindings.flatMap((f) => f.cves)).toContain('CVE-2022-21907');
  });

  it('knows a pump from the CMMS (and its DHCP) alone: an infusion pump, high patient safety', async () => {
    const pump = await asset('PUMP-ICU-01');
    expect(pump.category).toBe('infusion-pump');
    expect(pump.criticality.patientSafety).toBe('high');
    const sources = pump.sources.map((s) => s.kind).sort();
    expect(sources).toEqual(['capture', 'inventory']);
    expect(pump.identifiers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'mac', value: '00:57:51:00:00:01' }),
        expect.objectContaining({ kind: 'ip', value: '10.20.1.10' }),
      ]),
    );
    expect(pump.identifiers).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'hostname', value: 'fs300-20417' })]),
    );
    expect(pump.protocols.dhcp).toMatchObject({ vendorClass: 'Tidewell FlowSure 300' });
    const monitor = await asset('MON-ICU-01');
    expect(monitor.sources.map((s) => s.kind)).toEqual(['inventory']);
  });

  it('gives the CT its AE title, its CMMS facts and its maker’s SBOM', async () => {
    const ct = await asset('CT-ED-01');
    expect(ct.identifiers).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'ae-title', value: 'CT_ED_01' })]),
    );
    expect(ct).toMatchObject({
      category: 'imaging-modality',
      vendor: 'Meridian Imaging',
      model: 'Helix CT 64',
      serial: 'MHX64-10021',
      location: 'Main / ED CT Suite',
    });
    expect(ct.sboms).toEqual([
      expect.objectContaining({
        attachedTo: 'model',
        name: 'Helix CT 64',
        endOfSupport: expect.stringMatching(/^2030-09-30/) as string,
      }),
    ]);
    const pump = await asset('PUMP-ICU-07');
    expect(pump.sboms.map((s) => s.name)).toEqual(['FlowSure 300']);
  });

  it('imports the feed bundle last, and its advisories become findings on the demo devices', async () => {
    expect(load.feeds?.files.map((f) => [f.file, f.status])).toEqual([
      ['known_exploited_vulnerabilities.json', 'imported'],
      ['epss_scores-2026-11-27.csv.gz', 'imported'],
      ['csaf/meridian-vex-2099-02.json', 'imported'],
      ['csaf/tidewell-2099-01.json', 'imported'],
      ['nvd/nvdcve-2099-page-0.json', 'imported'],
      ['osv/DEMO-2099-1006.json', 'imported'],
    ]);
    const findingsOf = async (name: string) => {
      const page = await services.vuln.listFindings({ q: name, limit: 100 });
      return new Map(
        page.items.filter((f) => f.assetName === name).map((f) => [f.vulnId, f] as const),
      );
    };
    // Every pump: the maker's advisory on its firmware (4.2.1 < 4.3.0), listed in KEV.
    const pump = await findingsOf('PUMP-ICU-07');
    expect(pump.get('CVE-2099-1008')).toMatchObject({ status: 'open', kev: true });
    expect(pump.get('CVE-2099-1008')!.matchKind).toMatch(/^device-/);
    expect(pump.get('CVE-2099-1005')).toMatchObject({ status: 'open', matchKind: 'cpe-range' });
    // The CT's maker says its OpenSSL is not reachable: closed with the maker's reason.
    const ct = await findingsOf('CT-ED-01');
    expect(ct.get('CVE-2099-1005')).toMatchObject({
      status: 'not_affected',
      vex: { justification: 'vulnerable_code_not_in_execute_path' },
    });
    expect(ct.get('CVE-2099-1007')).toMatchObject({ status: 'open' });
    // The monitors' BusyBox, through the OSV record's purl range.
    expect((await findingsOf('MON-ICU-01')).get('CVE-2099-1006')).toMatchObject({
      matchKind: 'purl',
    });
    // The queue starts with what is exploited in the wild.
    const queue = await services.vuln.listVulnerabilities({ limit: 3 });
    expect(queue.items[0]!.kev).toBe(true);
  });

  it('loads once: a second start finds the demo site and imports nothing', async () => {
    const again = await services.demo.load();
    expect(again).toMatchObject({ loaded: false, imports: [], assets: load.assets });
    expect((await services.imports.list({ limit: 50 })).total).toBe(load.imports.length);
  });
});

describeEachDialect('demo hospital: a package without its demo files', (ctx) => {
  it('stops with WL_DEMO_FAILED naming the first file it could not import', async () => {
    const services = createServices({
      db: ctx.db,
      keyring: await openKeyring(ctx.store, generateMasterKey()),
      clock: () => new Date('2026-11-20T12:00:00.000Z'),
      settings: TEST_SETTINGS,
    });
    const demo = createDemoService(
      services.inventory,
      services.imports,
      services.feeds,
      services.detection,
      { folder: join(tmpdir(), 'wardline-no-demo-here') },
    );
    await expect(demo.load()).rejects.toMatchObject({
      code: 'WL_DEMO_FAILED',
      message: expect.stringContaining(DEMO_FILES[0]?.path ?? '') as string,
    });
  });
});

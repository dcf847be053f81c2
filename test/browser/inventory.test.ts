/**
 * The inventory screens in a real browser against `wardline serve --demo`: a security lead
 * imports an Nmap scan and follows the job, finds the new assets by source, corrects an asset's
 * patient-safety impact, draws a zone around the scanned network and sees the asset move into it,
 * and opens the communication map the demo's captures drew. A second case fixes the map's data to
 * check the drawing's interactions exactly: find a system, click it, open its page, the table.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserTests, suiteTitle } from './chromium.js';
import { nmapReport } from '../support/nmap-files.js';
import { startWardline, type RunningServer } from '../support/wardline-server.js';
import { WardlinePages } from './wardline-pages.js';

const SCREENSHOTS = new URL('../../test-results/', import.meta.url).pathname;
/** A device maker's CycloneDX SBOM the demo hospital ships (a repository file, not test data). */
const DEMO_SBOM = new URL('../../demo/sbom/meridian-helix-ct-64.cdx.json', import.meta.url)
  .pathname;
const MAIN_CAMPUS = 'Larkspur Valley Medical Center — Main Campus';
/** Waits for a value on screen; the API answers slower than vitest's 1 s default on a busy host. */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 100 });
/** Evaluated in the page (whose DOM types this Node project does not load): two frames pass. */
const TWO_FRAMES =
  'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))';

/** A scan of a network no demo zone covers, an hour ago, with one host the reader must skip. */
function scanFile(dir: string): string {
  const scannedAt = new Date(Date.now() - 3_600_000).toISOString();
  const report = nmapReport(scannedAt, [
    {
      ip: '10.99.0.21',
      mac: '00:1B:63:84:45:E6',
      hostname: 'research-ws-21',
      os: 'Microsoft Windows 10',
      ports: [{ port: 3389, name: 'ms-wbt-server' }],
    },
    {
      ip: '10.99.0.22',
      hostname: 'research-dicom-22',
      ports: [{ port: 104, name: 'dicom', product: 'Orthanc', version: '1.12.1' }],
    },
  ]).replace('</nmaprun>', '<host><status state="up" reason="echo-reply"/></host></nmaprun>');
  const path = join(dir, 'research-scan.xml');
  writeFileSync(path, report);
  return path;
}

/**
 * The demo's SBOM with a serial number of its own: the demo imported the original already, and
 * the same bytes twice are a duplicate that changes nothing.
 */
function sbomFile(dir: string): string {
  const sbom = JSON.parse(readFileSync(DEMO_SBOM, 'utf8')) as Record<string, unknown>;
  const path = join(dir, 'research-dicom-22.cdx.json');
  writeFileSync(
    path,
    JSON.stringify({ ...sbom, serialNumber: 'urn:uuid:8f0c1c7e-5b7e-4a43-9d55-2f1e7b0c9a22' }),
  );
  return path;
}

describe.skipIf(skipBrowserTests)(suiteTitle('inventory screens in a browser'), () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let ui: WardlinePages;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wardline-inventory-ui-'));
    server = await startWardline();
    browser = await launchChromium();
    context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1440, height: 900 },
    });
    ui = new WardlinePages(await context.newPage(), server.origin);
    await ui.bootstrap(
      server.bootstrapToken,
      'lead',
      'Dana Okafor',
      'a long admin passphrase 2026',
    );
    await ui.page.waitForURL(/\/enroll/);
    await ui.enrollTotp();
    await ui.page.getByTestId('organization-name').waitFor();
  }, 90_000);

  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a scan, filters, overrides criticality, zones the assets and opens the map', async () => {
    const { page } = ui;
    await poll(() => ui.navigationLabels()).toContain('Imports');

    // Import: the job runs to the end and says what it did; the skipped host is a diagnostic.
    const status = await ui.importFile('Nmap scan', scanFile(dir));
    expect(status).toBe('succeeded');
    const counts = await page.getByTestId('import-counts').first().innerText();
    expect(counts).toContain('New assets: 2');
    await page.getByRole('button', { name: /Show the changed assets/ }).click();
    const drawer = page.getByRole('dialog');
    await poll(() => drawer.getByTestId('import-assets').innerText()).toContain('research-ws-21');
    await poll(() => drawer.getByTestId('import-diagnostics').innerText()).toContain(
      'WL_NMAP_HOST_INVALID',
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}inventory-import-drawer.png` });
    await drawer.getByRole('button', { name: 'Close' }).click();
    await poll(() => page.getByRole('dialog').count()).toBe(0);
    await poll(() => page.getByTestId('imports-table').innerText()).toContain('Imported');

    // The asset list, filtered by source and last seen, shows the scanned hosts only.
    await ui.openArea('Assets');
    await poll(() => page.getByTestId('assets-table').innerText()).toContain('PUMP-ICU-01');
    await ui.filterAssetsBySource('Nmap');
    // The demo's scans saw its servers and modalities, not its pumps (only the CMMS and DHCP did).
    await poll(() => page.getByTestId('assets-table').innerText()).not.toContain('PUMP-ICU-01');
    const listed = await page.getByTestId('assets-table').innerText();
    expect(listed).toContain('research-ws-21');
    expect(listed).toContain('research-dicom-22');
    expect(listed).toContain('PACS-01');
    await ui.choose(page, 'Last seen', 'Last 24 hours');
    await page.waitForURL(/source=nmap&seen=24h/);
    await poll(() => page.getByTestId('assets-list').getAttribute('aria-busy')).toBe('false');
    await poll(() => page.getByTestId('assets-table').innerText()).toContain('research-dicom-22');
    await page.screenshot({ path: `${SCREENSHOTS}inventory-assets.png`, fullPage: true });

    // The asset page: outside every zone at first; a person raises its patient-safety impact.
    await ui.openAsset('research-dicom-22');
    expect(await page.getByTestId('asset-zone').innerText()).toBe('Outside every zone');
    await expect(page.getByTestId('criticality-overridden').count()).resolves.toBe(0);
    await page.getByRole('tab', { name: /Services/ }).click();
    await poll(() => page.getByRole('table', { name: 'Services' }).innerText()).toContain(
      'Orthanc',
    );
    await ui.overridePatientSafety('High');
    await page.getByTestId('criticality-overridden').waitFor();
    expect(await page.getByTestId('criticality').textContent()).toContain('Patient safety: High');
    await page.getByRole('tab', { name: /Provenance/ }).click();
    await poll(() => page.getByTestId('asset-facts').innerText()).toMatch(
      /Patient-safety impact\s+High\s+Overridden/i,
    );
    await page.screenshot({ path: `${SCREENSHOTS}inventory-asset.png`, fullPage: true });
    const assetUrl = page.url().replace(/\?.*$/, '');

    // An SBOM from the asset's page: the upload form arrives with the kind and the asset set.
    await page.getByRole('tab', { name: /SBOMs/ }).click();
    await page.getByRole('link', { name: 'Import an SBOM for this asset' }).click();
    const form = page.getByRole('form', { name: 'Import a file' });
    expect(await form.getByRole('combobox', { name: 'Kind of file' }).inputValue()).toBe('SBOM');
    expect(await form.getByLabel('Asset', { exact: true }).inputValue()).toBe(
      assetUrl.split('/').pop(),
    );
    expect(await ui.submitImport(sbomFile(dir))).toBe('succeeded');
    expect(await page.getByTestId('import-counts').first().textContent()).toContain(
      'Components: 8',
    );
    await page.screenshot({ path: `${SCREENSHOTS}inventory-imports.png`, fullPage: true });
    await page.goto(`${assetUrl}?tab=sboms`);
    await poll(() => page.getByRole('table', { name: 'SBOMs' }).innerText()).toContain(
      'This asset',
    );

    // A zone around the scanned network re-places the asset.
    await ui.createZone(MAIN_CAMPUS, {
      name: 'Research lab',
      kindLabel: 'Servers',
      cidrs: ['10.99.0.0/24'],
    });
    await poll(() =>
      page.getByRole('table', { name: `Zones of ${MAIN_CAMPUS}` }).innerText(),
    ).toMatch(/Research lab\s+Servers\s+10\.99\.0\.0\/24/);
    await page.screenshot({ path: `${SCREENSHOTS}inventory-zones.png`, fullPage: true });
    await page.goto(assetUrl);
    await poll(() => page.getByTestId('asset-zone').innerText()).toBe('Research lab (Servers)');

    // Clearing the override gives the sources' criticality back.
    await ui.clearOverride('patient-safety impact');
    await poll(() => page.getByTestId('criticality-overridden').count()).toBe(0);

    // The map the demo's captures drew: DICOM on the imaging VLAN among the conversations.
    await ui.openArea('Communication map');
    await page.locator('[data-testid="map-canvas"] canvas').first().waitFor();
    expect(await page.getByTestId('map-summary').innerText()).toMatch(
      /^Communication map: \d+ systems, [1-9]\d* conversations/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}inventory-map-demo.png`, fullPage: true });
    await ui.choose(page, 'Protocol', 'DICOM');
    await page.waitForURL(/protocol=dicom/);
    await page.locator('label', { hasText: /^Table$/ }).click();
    await poll(() => page.getByTestId('map-edges').innerText()).toContain('DICOM');
    expect(await page.getByTestId('map-edges').innerText()).not.toMatch(/\bHL7\b/);
  }, 180_000);

  it('draws conversations on the map, finds and opens a system, and lists them as a table', async () => {
    const { page } = ui;
    const map = await demoMap(ui);
    // Captures are what fill the map; the API's answer is fixed here so the drawing is known.
    await page.route(/\/api\/v1\/map(\?|$)/, (route) => route.fulfill({ json: map }));
    await page.goto(`${server.origin}/map`);
    await page.locator('[data-testid="map-canvas"] canvas').first().waitFor();
    expect(await page.getByTestId('map-summary').innerText()).toBe(
      'Communication map: 6 systems, 5 conversations, 2 with patient data in plaintext.',
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}inventory-map.png`, fullPage: true });

    // Finding a system centres it; a click on it on the canvas selects it again.
    await ui.choose(page, 'Find a system', 'PACS-01');
    await poll(() => page.getByTestId('map-selection').innerText()).toContain('PACS-01');
    await page.getByRole('button', { name: 'Clear the chosen system' }).click();
    await page.getByTestId('map-selection').waitFor({ state: 'detached' });
    // A person scrolls, then clicks: let the scroll event reach Cytoscape before the click does.
    await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
    await page.evaluate(TWO_FRAMES);
    await page.getByTestId('map-canvas').click();
    await poll(() => page.getByTestId('map-selection').innerText()).toContain('4 conversations');
    await page.getByRole('link', { name: 'Open asset page' }).click();
    await poll(() => page.getByTestId('asset-name').innerText()).toBe('PACS-01');
    // Its page, from the real demo captures: DICOM it answered, plaintext patient data flagged.
    await page.getByRole('tab', { name: /Traffic/ }).click();
    await poll(() => page.getByRole('tabpanel').innerText()).toContain('AE TITLES');
    await page.screenshot({ path: `${SCREENSHOTS}inventory-asset-traffic.png`, fullPage: true });
    await page.getByRole('tab', { name: /Communications/ }).click();
    await poll(() => page.getByTestId('communications-table').innerText()).toMatch(
      /DICOM[\s\S]*ePHI in plaintext/i,
    );

    await page.goBack();
    await page.locator('label', { hasText: /^Table$/ }).click();
    await page.waitForURL(/view=table/);
    const table = page.getByTestId('map-edges');
    await poll(() => table.locator('tbody tr').count()).toBe(5);
    const firstRow = await table.locator('tbody tr').first().innerText();
    expect(firstRow).toMatch(/CT-ED-01[\s\S]*PACS-01[\s\S]*DICOM[\s\S]*ePHI in plaintext/i);
    await page.unroute(/\/api\/v1\/map(\?|$)/);
  }, 120_000);

  it('shows an auditor the inventory without any control that would change it', async () => {
    const { page } = ui;
    // The session as an auditor's: the server refuses their writes anyway (test/api covers it);
    // here the screens must not offer them.
    await page.route(/\/api\/v1\/auth\/session$/, async (route) => {
      const response = await route.fetch();
      const session = (await response.json()) as { user: Record<string, unknown> };
      await route.fulfill({
        response,
        json: { ...session, user: { ...session.user, roles: ['auditor'] } },
      });
    });
    await page.goto(`${server.origin}/imports`);
    await page.getByTestId('imports-table').waitFor();
    expect(await page.getByRole('form', { name: 'Import a file' }).count()).toBe(0);
    await ui.openArea('Zones');
    await page.getByRole('table', { name: `Zones of ${MAIN_CAMPUS}` }).waitFor();
    expect(await page.getByRole('button', { name: /^Add a zone/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    await ui.openArea('Assets');
    await page.getByTestId('assets-table').getByRole('link', { name: 'PACS-01' }).click();
    await page.getByTestId('asset-name').filter({ hasText: 'PACS-01' }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    await page.unroute(/\/api\/v1\/auth\/session$/);
  }, 60_000);
});

/** A map of demo assets: a PACS with four peers, one of them a bare address. */
async function demoMap(ui: WardlinePages) {
  const ids = await ui.page.evaluate(
    async (names) => {
      const found: Record<string, string> = {};
      for (const name of names) {
        const response = await fetch(`/api/v1/assets?q=${encodeURIComponent(name)}`);
        const page = (await response.json()) as { items: { id: string; name: string }[] };
        found[name] = page.items.find((item) => item.name === name)?.id ?? '';
      }
      return found;
    },
    ['PACS-01', 'CT-ED-01', 'MR-01', 'EHR-APP-01', 'HL7-ENGINE-01'],
  );
  const node = (name: string, category: string, zoneName: string) => ({
    id: ids[name] ?? name,
    assetId: ids[name] ?? null,
    label: name,
    category,
    zoneId: `zon_${zoneName.toLowerCase()}`,
    zoneName,
    patientSafety: 'medium',
  });
  let n = 0;
  const edge = (client: string, server: string, protocol: string, extra: object) => ({
    id: `flo_${String((n += 1))}`,
    clientIp: `10.30.0.${String(n)}`,
    serverIp: '10.30.0.20',
    serverPort: 104,
    transport: 'tcp',
    protocol,
    clientAssetId: client.startsWith('ip:') ? null : (ids[client] ?? null),
    serverAssetId: ids[server] ?? null,
    packets: 100 * n,
    bytes: 1_000_000 / n,
    encrypted: false,
    carriesEphi: false,
    firstSeen: '2026-03-01T08:00:00.000Z',
    lastSeen: '2026-03-01T09:00:00.000Z',
    ...extra,
  });
  return {
    nodes: [
      node('PACS-01', 'pacs', 'Imaging'),
      node('CT-ED-01', 'imaging-modality', 'Imaging'),
      node('MR-01', 'imaging-modality', 'Imaging'),
      node('EHR-APP-01', 'ehr-server', 'EHR'),
      node('HL7-ENGINE-01', 'hl7-interface-engine', 'EHR'),
      {
        id: 'ip:192.0.2.50',
        assetId: null,
        label: '192.0.2.50',
        category: null,
        zoneId: null,
        zoneName: null,
        patientSafety: null,
      },
    ],
    edges: [
      edge('CT-ED-01', 'PACS-01', 'dicom', { carriesEphi: true }),
      edge('MR-01', 'PACS-01', 'dicom', { carriesEphi: true, encrypted: true }),
      edge('EHR-APP-01', 'PACS-01', 'http', {}),
      edge('HL7-ENGINE-01', 'EHR-APP-01', 'hl7', { carriesEphi: true, serverPort: 2575 }),
      { ...edge('ip:192.0.2.50', 'PACS-01', 'tls', { encrypted: true }), clientIp: '192.0.2.50' },
    ],
  };
}

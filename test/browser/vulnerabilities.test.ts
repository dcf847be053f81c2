/**
 * The vulnerability screens in a real browser against `wardline serve --demo`: a security lead
 * attaches an SBOM to a demo asset, uploads a KEV catalog and an OSV record from the Feeds page,
 * finds the CVE in the prioritized list with its KEV badge and SSVC decision, opens it, starts
 * work on the affected asset's finding through the status dialog, sees the same finding in
 * progress on the asset's Vulnerabilities tab and counted on the patch-SLA dashboard; an auditor
 * then sees the same screens without any control that would change them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserTests, suiteTitle } from './chromium.js';
import { startWardline, type RunningServer } from '../support/wardline-server.js';
import { WardlinePages } from './wardline-pages.js';

const SCREENSHOTS = new URL('../../test-results/', import.meta.url).pathname;
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const CVE = 'CVE-2026-41001';
const ASSET = 'PACS-01';

/** A CycloneDX SBOM of the PACS's web front end: one npm package the OSV record covers. */
function sbomFile(dir: string): string {
  const path = join(dir, 'pacs-01-web.cdx.json');
  writeFileSync(
    path,
    JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      serialNumber: 'urn:uuid:2b1f4e7a-6a0c-4f7e-9d61-0b9f7c3e5a11',
      version: 1,
      metadata: {
        timestamp: '2026-10-01T00:00:00.000Z',
        component: { type: 'application', 'bom-ref': 'pacs-web', name: 'PACS web viewer' },
      },
      components: [
        {
          type: 'library',
          'bom-ref': 'pkg:npm/express@4.17.1',
          name: 'express',
          version: '4.17.1',
          purl: 'pkg:npm/express@4.17.1',
        },
      ],
    }),
  );
  return path;
}

/** The KEV catalog as CISA publishes it, with one entry: the CVE, used by ransomware. */
function kevFile(dir: string): string {
  const path = join(dir, 'known_exploited_vulnerabilities.json');
  writeFileSync(
    path,
    JSON.stringify({
      title: 'CISA Catalog of Known Exploited Vulnerabilities',
      catalogVersion: '2026.11.20',
      dateReleased: '2026-11-20T17:00:00.000Z',
      count: 1,
      vulnerabilities: [
        {
          cveID: CVE,
          vendorProject: 'Express',
          product: 'Express',
          vulnerabilityName: 'Express Open Redirect Vulnerability',
          dateAdded: '2026-11-20',
          shortDescription: 'Express contains an open redirect vulnerability.',
          requiredAction: 'Apply mitigations per vendor instructions or discontinue use.',
          dueDate: '2026-12-11',
          knownRansomwareCampaignUse: 'Known',
          notes: 'https://github.com/expressjs/express/security/advisories',
          cwes: ['CWE-601'],
        },
      ],
    }),
  );
  return path;
}

/** An OSV record (GitHub advisory style) for express below 4.19.2, aliased to the CVE. */
function osvFile(dir: string): string {
  const path = join(dir, 'GHSA-rv95-896h-c2vc.json');
  writeFileSync(
    path,
    JSON.stringify({
      schema_version: '1.6.0',
      id: 'GHSA-rv95-896h-c2vc',
      aliases: [CVE],
      modified: '2026-11-01T00:00:00Z',
      published: '2026-10-20T00:00:00Z',
      summary: 'Express.js open redirect in malformed URLs',
      details: 'Versions of Express before 4.19.2 may redirect to an attacker-chosen site.',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'express', purl: 'pkg:npm/express' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.19.2' }] }],
        },
      ],
      references: [{ type: 'ADVISORY', url: 'https://github.com/advisories/GHSA-rv95-896h-c2vc' }],
      database_specific: { cwe_ids: ['CWE-601'] },
    }),
  );
  return path;
}

async function assetId(page: Page, name: string): Promise<string> {
  return page.evaluate(async (wanted) => {
    const response = await fetch(`/api/v1/assets?q=${encodeURIComponent(wanted)}`);
    const found = (await response.json()) as { items: { id: string; name: string }[] };
    return found.items.find((item) => item.name === wanted)?.id ?? '';
  }, name);
}

describe.skipIf(skipBrowserTests)(suiteTitle('vulnerability screens in a browser'), () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let ui: WardlinePages;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wardline-vuln-ui-'));
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

  it('finds a KEV vulnerability from an SBOM and feeds, starts work on it and counts it', async () => {
    const { page } = ui;
    mkdirSync(SCREENSHOTS, { recursive: true });

    // The SBOM, attached to the PACS from the import form the asset page links to.
    const pacs = await assetId(page, ASSET);
    expect(pacs).toMatch(/^ast_/);
    await page.goto(`${server.origin}/imports?kind=sbom&assetId=${pacs}`);
    expect(await ui.submitImport(sbomFile(dir))).toBe('succeeded');

    // The feeds, uploaded from the Feeds page; each file says what it was.
    await ui.openArea('Vulnerabilities');
    await page.getByRole('tab', { name: 'Feeds' }).click();
    await page.waitForURL(/\/vulnerabilities\/feeds$/);
    const upload = page.getByRole('form', { name: 'Upload feed files' });
    await upload.locator('input[type="file"]').setInputFiles([kevFile(dir), osvFile(dir)]);
    await upload.getByRole('button', { name: 'Upload' }).click();
    await poll(() => page.getByTestId('feed-results').locator('tbody tr').count()).toBe(2);
    const results = await page.getByTestId('feed-results').innerText();
    expect(results).toMatch(/known_exploited_vulnerabilities\.json\s+CISA KEV\s+Imported\s+1\s+0/i);
    expect(results).toMatch(/GHSA-rv95-896h-c2vc\.json\s+OSV\s+Imported\s+1\s+0/i);
    await poll(() => page.getByTestId('feeds-table').innerText()).toContain('CISA KEV');
    await page.screenshot({ path: `${SCREENSHOTS}vulnerabilities-feeds.png`, fullPage: true });

    // The list: the CVE, its KEV and ransomware badges, its decision, one asset open.
    await page.getByRole('tab', { name: 'Vulnerabilities' }).click();
    await page.waitForURL(/\/vulnerabilities$/);
    const row = page.getByTestId('vuln-row').filter({ hasText: CVE });
    await row.waitFor({ timeout: 20_000 });
    const rowText = await row.innerText();
    // Badges read in capitals on screen.
    expect(rowText).toMatch(/\bKEV\b/);
    expect(rowText).toMatch(/\bRansomware\b/i);
    const decision = (await row.getByTestId('decision').getAttribute('data-decision')) ?? '';
    expect(['act', 'attend', 'track*', 'track']).toContain(decision);
    // The KEV filter keeps it; nothing else is known to be exploited.
    // The box follows the URL, which the router updates in a transition: click, then wait.
    await page.getByLabel('Known exploited (KEV)').click();
    await page.waitForURL(/kev=1/);
    await poll(() => page.getByLabel('Known exploited (KEV)').isChecked()).toBe(true);
    await poll(() => page.getByTestId('vuln-row').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}vulnerabilities-list.png`, fullPage: true });

    // The detail: KEV facts, the SSVC explanation, the advisory, the affected PACS.
    await row.click();
    await page.waitForURL(new RegExp(`/vulnerabilities/${CVE}$`));
    await poll(() => page.getByTestId('vuln-id').innerText()).toBe(CVE);
    expect(await page.getByTestId('kev-facts').innerText()).toContain('known ransomware use');
    expect(
      await page
        .getByTestId('ssvc-explanation')
        .getByTestId('decision')
        .getAttribute('data-decision'),
    ).toBe(decision);
    expect(await page.getByRole('table', { name: 'SSVC inputs' }).innerText()).toMatch(
      /Exploitation\s+Active/,
    );
    expect(await page.getByRole('table', { name: 'CVSS scores' }).innerText()).toContain(
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N',
    );
    expect(await page.getByTestId('advisory').first().innerText()).toContain(
      'Express.js open redirect',
    );
    const affected = page.getByTestId('affected-assets');
    const finding = affected.locator('tbody tr').filter({ hasText: ASSET });
    await finding.waitFor();
    expect(await finding.innerText()).toMatch(/Open[\s\S]*Package URL[\s\S]*express\s+4\.17\.1/i);
    expect(await finding.innerText()).toContain('4.19.2');

    // Start work through the status dialog.
    await finding.getByRole('button', { name: `Change the status of ${CVE} on ${ASSET}` }).click();
    await page.getByRole('menuitem', { name: 'Start work' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Note (optional)').fill('Vendor asked for the validated update.');
    await page.screenshot({ path: `${SCREENSHOTS}vulnerabilities-status.png`, fullPage: true });
    await dialog.getByRole('button', { name: 'Start work' }).click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => finding.getByTestId('finding-status').getAttribute('data-status')).toBe(
      'in_progress',
    );
    await page.screenshot({ path: `${SCREENSHOTS}vulnerabilities-detail.png`, fullPage: true });

    // The asset's Vulnerabilities tab shows the same finding in progress.
    await finding.getByRole('link', { name: ASSET }).click();
    await page.getByTestId('asset-name').filter({ hasText: ASSET }).waitFor();
    await page.getByRole('tab', { name: /Vulnerabilities/ }).click();
    const onAsset = page.getByTestId('asset-findings').locator('tbody tr').filter({ hasText: CVE });
    await poll(() => onAsset.getByTestId('finding-status').getAttribute('data-status')).toBe(
      'in_progress',
    );
    await page.screenshot({ path: `${SCREENSHOTS}vulnerabilities-asset.png`, fullPage: true });

    // The dashboard counts open findings (in progress is still open) and draws the trend.
    await ui.openArea('Vulnerabilities');
    await page.getByRole('tab', { name: 'Patch SLA' }).click();
    // The demo hospital's own findings are open too: the card shows what the API counts.
    const open = await page.evaluate(async () => {
      const response = await fetch('/api/v1/vuln-dashboard');
      return ((await response.json()) as { totals: { open: number } }).totals.open;
    });
    expect(open).toBeGreaterThan(1);
    await poll(() => page.getByTestId('stat-open').innerText()).toMatch(
      new RegExp(`Open findings\\s+${String(open)}$`, 'i'),
    );
    expect(
      await page
        .getByRole('table', { name: 'By decision' })
        .locator(`[data-decision="${decision}"]`)
        .count(),
    ).toBe(1);
    await page.getByTestId('sla-trend-chart').locator('svg').first().waitFor();
    await page.locator('label', { hasText: /^Table$/ }).click();
    await poll(() =>
      page
        .getByRole('table', { name: 'Open and overdue findings by day' })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: `${SCREENSHOTS}vulnerabilities-dashboard.png`, fullPage: true });
  }, 180_000);

  it('records an exception with the asset picker, revokes it, and sets the patch policy in days', async () => {
    const { page } = ui;
    await page.goto(`${server.origin}/vulnerabilities/exceptions`);
    await page.getByRole('button', { name: 'Record an exception' }).click();
    const dialog = page.getByRole('dialog');
    const form = dialog.getByRole('form', { name: 'Record an exception' });
    await form.getByLabel('Asset', { exact: true }).fill('PACS');
    await page.getByRole('option', { name: ASSET, exact: true }).click();
    await form.getByLabel('Vulnerability (optional)').fill(CVE);
    await form.getByText('Mitigated', { exact: true }).click();
    await form.getByLabel('Reason').fill('Validated build; the vendor ships the fix next quarter.');
    await form.getByLabel('Compensating controls').fill('Web viewer reachable from VLAN 40 only');
    await form.getByLabel('Until').fill('2099-06-30');
    await form.getByRole('button', { name: 'Record exception' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('exceptions-table').locator('tbody tr').filter({ hasText: CVE });
    await poll(() => row.getByTestId('exception-state').innerText()).toMatch(/^Active$/i);
    expect(await row.innerText()).toMatch(/PACS-01[\s\S]*Mitigated[\s\S]*VLAN 40[\s\S]*2099-06-30/);
    await page.screenshot({ path: `${SCREENSHOTS}vulnerabilities-exceptions.png`, fullPage: true });

    await row.getByRole('button', { name: `Revoke the exception for ${ASSET} and ${CVE}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await poll(() => row.getByTestId('exception-state').innerText()).toMatch(/^Revoked$/i);

    // The patch policy, typed in days and saved as hours.
    const policy = page.getByRole('form', { name: 'Patch policy' });
    await policy.getByLabel('Deadline for act in days').fill('3');
    await policy.getByRole('button', { name: 'Save policy' }).click();
    await policy.getByRole('status').waitFor();
    const saved = await page.evaluate(async () => {
      const response = await fetch('/api/v1/patch-policy');
      return (await response.json()) as Record<string, number>;
    });
    expect(saved['act']).toBe(72);
  }, 90_000);

  it('shows an auditor the vulnerability screens without any control that would change them', async () => {
    const { page } = ui;
    await page.route(/\/api\/v1\/auth\/session$/, async (route) => {
      const response = await route.fetch();
      const session = (await response.json()) as { user: Record<string, unknown> };
      await route.fulfill({
        response,
        json: { ...session, user: { ...session.user, roles: ['auditor'] } },
      });
    });
    await page.goto(`${server.origin}/vulnerabilities/${CVE}`);
    const finding = page
      .getByTestId('affected-assets')
      .locator('tbody tr')
      .filter({ hasText: ASSET });
    await finding.waitFor();
    expect(await page.getByRole('button', { name: /^Change the status of/ }).count()).toBe(0);
    // Reading the history stays open to everyone.
    await finding.getByRole('button', { name: `History of ${CVE} on ${ASSET}` }).click();
    await page.getByRole('menuitem', { name: 'Show history' }).click();
    await poll(() => page.getByRole('table', { name: 'Finding history' }).innerText()).toContain(
      'Vendor asked for the validated update.',
    );
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

    await page.goto(`${server.origin}/vulnerabilities/exceptions`);
    await page.getByRole('table', { name: 'Patch deadlines' }).waitFor();
    expect(await page.getByRole('button', { name: 'Record an exception' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Patch policy' }).count()).toBe(0);

    await page.goto(`${server.origin}/vulnerabilities/feeds`);
    await page.getByTestId('feeds-table').waitFor();
    expect(await page.getByRole('form', { name: 'Upload feed files' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await page.unroute(/\/api\/v1\/auth\/session$/);
  }, 60_000);
});

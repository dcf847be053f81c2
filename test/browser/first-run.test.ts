/**
 * The first hour of a security lead with Wardline, in a real browser (Debian's Chromium driven by
 * playwright-core) against the real `wardline serve --demo`: set up the first administrator with
 * the bootstrap token, enroll an authenticator, sign in with password and TOTP, create an analyst,
 * and check that the analyst cannot open Admin.
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserTests, suiteTitle } from './chromium.js';
import { startWardline, type RunningServer } from '../support/wardline-server.js';
import { WardlinePages, waitForFreshTotpStep } from './wardline-pages.js';

const SCREENSHOTS = new URL('../../test-results/', import.meta.url).pathname;

describe.skipIf(skipBrowserTests)(suiteTitle('first run in a browser'), () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWardline();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('bootstraps an admin, enrolls TOTP, signs in, creates an analyst who cannot open Admin', async () => {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      viewport: { width: 1280, height: 800 },
    });
    const ui = new WardlinePages(await context.newPage(), server.origin);
    const adminPassword = 'a long admin passphrase 2026';

    await ui.bootstrap(server.bootstrapToken, 'lead', 'Dana Okafor', adminPassword);
    await ui.page.waitForURL(/\/enroll/);
    const { secret, recoveryCodes } = await ui.enrollTotp();
    expect(recoveryCodes).toHaveLength(10);
    await expect
      .poll(() => ui.page.getByTestId('organization-name').innerText())
      .toBe('Larkspur Valley Medical Center');

    await ui.logout();
    await waitForFreshTotpStep();
    await ui.login('lead', adminPassword);
    await ui.enterTotp(secret);
    await expect.poll(() => ui.navigationLabels()).toContain('Admin');

    const temporaryPassword = await ui.createUser('analyst', 'Sam Reyes', 'Security analyst');
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(16);
    await expect.poll(() => ui.page.getByTestId('user-row-analyst').count()).toBe(1);
    await ui.openArea('Audit log');
    await expect
      .poll(() => ui.page.getByTestId('audit-table').innerText())
      .toContain('user.create');
    await ui.logout();

    await ui.login('analyst', temporaryPassword);
    await ui.page.waitForURL(/\/enroll/);
    await ui.enrollTotp();
    await ui.chooseOwnPassword(temporaryPassword, 'an analyst passphrase of my own');
    await expect.poll(() => ui.page.getByTestId('user-display-name').innerText()).toBe('Sam Reyes');
    const navigation = await ui.navigationLabels();
    expect(navigation).toContain('Assets');
    expect(navigation).not.toContain('Admin');

    await ui.page.goto(`${server.origin}/admin`);
    await expect.poll(() => ui.page.getByText('Not available to your role').count()).toBe(1);
    const api = await ui.page.evaluate(async () => (await fetch('/api/v1/users')).status);
    expect(api).toBe(403);

    await ui.openArea('Assets');
    await expect
      .poll(() => ui.page.getByTestId('assets-table').innerText())
      .toContain('PUMP-ICU-01');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await ui.page.screenshot({
      path: `${SCREENSHOTS}first-run-analyst-assets.png`,
      fullPage: true,
    });
    await context.close();
  }, 180_000);
});

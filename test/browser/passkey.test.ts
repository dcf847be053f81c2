/**
 * Passkeys end to end: Chromium's virtual authenticator (DevTools WebAuthn domain) stands in for a
 * security key; an analyst registers it from the Security page and then signs in with password +
 * passkey instead of a TOTP code.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserTests, suiteTitle } from './chromium.js';
import { startWardline, type RunningServer } from '../support/wardline-server.js';
import { WardlinePages } from './wardline-pages.js';

describe.skipIf(skipBrowserTests)(suiteTitle('passkey sign-in'), () => {
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

  it('registers a passkey and signs in with it instead of a TOTP code', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const ui = new WardlinePages(page, server.origin);
    const password = 'passkey holder passphrase 2026';

    await ui.bootstrap(server.bootstrapToken, 'keyholder', 'Kim Ito', password);
    await page.waitForURL(/\/enroll/);
    await ui.enrollTotp();
    await ui.registerPasskey('Virtual key', password);
    await ui.logout();

    await ui.login('keyholder', password);
    await ui.usePasskey();
    await expect.poll(() => ui.page.getByTestId('user-display-name').innerText()).toBe('Kim Ito');
    const session = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/auth/session')).json()) as {
          stage: string;
          user: { passkeyCount: number };
        },
    );
    expect(session.stage).toBe('full');
    expect(session.user.passkeyCount).toBe(1);
    const audit = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/audit?action=login.success&limit=1')).json()) as {
          items: { details: { method?: string } }[];
        },
    );
    expect(audit.items[0]?.details.method).toBe('passkey');
    await context.close();
  }, 120_000);
});

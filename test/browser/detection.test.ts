/**
 * The detection screens in a real browser against `wardline serve --demo`: a security lead uploads
 * a Sigma rule and checks it in the test panel, adds an HTTP event source (its token shown once),
 * a sender posts a Sysmon process-creation event of `vssadmin delete shadows` with that token, the
 * alert appears in the queue, and the lead opens it, reads the event's CommandLine, acknowledges
 * and suppresses it; an auditor then sees the same screens without any control.
 *
 * The server's detection routes arrive separately: until `GET /api/v1/detection-rules` exists (an
 * anonymous call answers 401, not 404) the suite is skipped with a title saying so.
 */
import { request as httpsRequest } from 'node:https';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowserTests, suiteTitle } from './chromium.js';
import { startWardline, type RunningServer } from '../support/wardline-server.js';
import { WardlinePages } from './wardline-pages.js';

const SCREENSHOTS = new URL('../../test-results/', import.meta.url).pathname;
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 200 });

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One HTTPS call to the test server (its certificate is self-signed), as an outside sender. */
function call(
  url: string,
  method: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, rejectUnauthorized: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// One server for the probe and the suite; stopped at once when the suite cannot run.
const server: RunningServer | undefined = skipBrowserTests ? undefined : await startWardline();
const serverHasDetection =
  server !== undefined &&
  (await call(`${server.origin}/api/v1/detection-rules`, 'GET')).status !== 404;
if (server !== undefined && !serverHasDetection) await server.stop();

const RULE_TITLE = 'Wardline test - shadow copies deleted with vssadmin';
const RULE_YAML = `title: ${RULE_TITLE}
id: 5b4f6a2e-8c1d-4e7a-9f3b-2a6c0d1e9b47
status: test
description: vssadmin deleting volume shadow copies, as ransomware does before it encrypts.
tags:
  - attack.impact
  - attack.t1490
logsource:
  category: process_creation
  product: windows
detection:
  selection:
    Image|endswith: '\\vssadmin.exe'
    CommandLine|contains|all:
      - delete
      - shadows
  condition: selection
level: high
`;

const COMMAND_LINE = 'vssadmin.exe delete shadows /all /quiet';

/** A Sysmon event 1 (process creation) as evtx_dump writes it, happening now. */
function sysmonEvent(recordId: number): string {
  return JSON.stringify({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        EventID: 1,
        EventRecordID: recordId,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Computer: 'WS-RAD-07.hospital.local',
        TimeCreated: { '#attributes': { SystemTime: new Date().toISOString() } },
      },
      EventData: {
        RuleName: '-',
        UtcTime: new Date().toISOString().replace('T', ' ').replace('Z', ''),
        ProcessId: 4412,
        Image: 'C:\\Windows\\System32\\vssadmin.exe',
        OriginalFileName: 'VSSADMIN.EXE',
        CommandLine: COMMAND_LINE,
        CurrentDirectory: 'C:\\Windows\\system32\\',
        User: 'HOSPITAL\\radtech',
        IntegrityLevel: 'High',
        ParentImage: 'C:\\Windows\\System32\\cmd.exe',
        ParentCommandLine: 'cmd.exe /c "vssadmin.exe delete shadows /all /quiet"',
      },
    },
  });
}

describe.skipIf(skipBrowserTests || !serverHasDetection)(
  suiteTitle(
    serverHasDetection || skipBrowserTests
      ? 'detection screens in a browser'
      : 'detection screens in a browser [SKIPPED: the server has no detection routes yet]',
  ),
  () => {
    let running: RunningServer;
    let browser: Browser;
    let context: BrowserContext;
    let ui: WardlinePages;
    let alertPath = '';

    beforeAll(async () => {
      if (server === undefined) throw new Error('No server.');
      running = server;
      browser = await launchChromium();
      context = await browser.newContext({
        ignoreHTTPSErrors: true,
        viewport: { width: 1440, height: 900 },
      });
      ui = new WardlinePages(await context.newPage(), running.origin);
      await ui.bootstrap(
        running.bootstrapToken,
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
      await running.stop();
    });

    it('uploads a Sigma rule and sees it fire in the test panel', async () => {
      const { page } = ui;
      await page
        .getByRole('navigation', { name: 'Main navigation' })
        .getByRole('button', { name: 'Detect' })
        .click();
      await ui.openArea('Rules');
      await page.waitForURL(/\/detection\/rules$/);

      const upload = page.getByRole('form', { name: 'Upload rules' });
      await upload.getByLabel('Rule YAML').fill(RULE_YAML);
      await upload.getByRole('button', { name: 'Upload rules' }).click();
      await poll(() => page.getByTestId('rule-upload-result').innerText()).toContain(
        `Stored 1 rule: ${RULE_TITLE}`,
      );

      await page.getByLabel('Search rules').fill('shadow copies deleted with vssadmin');
      const row = page.getByTestId('rule-row').filter({ hasText: RULE_TITLE });
      await row.waitFor();
      expect(await row.innerText()).toMatch(
        // Badges read in capitals on screen.
        /high[\s\S]*windows \/ process_creation[\s\S]*uploaded/i,
      );
      const enabled = row.getByRole('switch', { name: `Run the rule ${RULE_TITLE}` });
      if (!(await enabled.isChecked())) await enabled.click();
      await poll(() => enabled.isChecked()).toBe(true);

      const test = page.getByRole('form', { name: 'Test a rule' });
      await test.getByLabel('Rule to test').fill(RULE_YAML);
      await test
        .getByLabel('Events (NDJSON)')
        .fill(`${sysmonEvent(1)}\n${JSON.stringify({ Event: { System: { EventID: 4688 } } })}`);
      await test.getByRole('button', { name: 'Run test' }).click();
      const detections = page.getByTestId('rule-test-detections');
      await poll(() => detections.getByTestId('detection-row').count()).toBe(1);
      expect(await detections.innerText()).toMatch(
        new RegExp(`high\\s+${RULE_TITLE}\\s+T1490`, 'i'),
      );
      expect(await page.getByTestId('rule-test-result').getByRole('status').innerText()).toMatch(
        /^\d events? read, 1 detection\b/,
      );
      await page.screenshot({ path: `${SCREENSHOTS}detection-rules.png`, fullPage: true });
    }, 90_000);

    it('adds an HTTP source, receives a Sysmon event with its token and works the alert', async () => {
      const { page } = ui;
      await ui.openArea('Sources');
      await page.waitForURL(/\/detection\/sources$/);
      await page.getByRole('button', { name: 'Add a source' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Radiology workstations (Sysmon)');
      await dialog.getByRole('button', { name: 'Add source' }).click();
      const token = (await dialog.getByTestId('source-token').innerText()).trim();
      expect(token.length).toBeGreaterThanOrEqual(20);
      const curl = await dialog.getByTestId('curl-example').innerText();
      expect(curl).toContain(`Authorization: Bearer ${token}`);
      expect(curl).toContain(`${running.origin}/api/v1/ingest/events`);
      await dialog.getByRole('button', { name: 'Done' }).click();
      await dialog.waitFor({ state: 'detached' });
      const source = page.getByTestId('source-row').filter({ hasText: 'Radiology workstations' });
      expect(await source.innerText()).toContain('HTTP (NDJSON)');

      // The sender: the event and one line that is not JSON, which goes to the dead letters.
      const sent = await call(
        `${running.origin}/api/v1/ingest/events`,
        'POST',
        { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        `${sysmonEvent(2)}\nthis line is not json\n`,
      );
      expect(sent.status).toBe(200);
      expect(JSON.parse(sent.body)).toMatchObject({ accepted: 1, rejected: 1 });
      const refused = await call(
        `${running.origin}/api/v1/ingest/events`,
        'POST',
        { authorization: 'Bearer not-the-token', 'content-type': 'application/x-ndjson' },
        sysmonEvent(3),
      );
      expect(refused.status).toBe(401);

      await poll(() => source.innerText()).toMatch(/\b1\s+1\s+0\b/);
      await source.getByRole('button', { name: 'Unreadable records of Radiology' }).click();
      await poll(() => page.getByTestId('dead-letters').innerText()).toContain(
        'this line is not json',
      );
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

      // The queue shows the alert; its detail shows the event and takes the status change.
      await ui.openArea('Alerts');
      await page.waitForURL(/\/alerts$/);
      const alert = page
        .getByTestId('alert-row')
        .filter({ hasText: /shadow/i })
        .first();
      await poll(() => alert.count()).toBe(1);
      expect(await alert.innerText()).toMatch(/T1490[\s\S]*WS-RAD-07/i);
      await alert.getByRole('link', { name: /shadow/i }).click();
      await page.waitForURL(/\/alerts\/[^/]+$/);
      alertPath = new URL(page.url()).pathname;
      await page.getByTestId('alert-title').waitFor();
      const fields = page.getByTestId('event-fields').first();
      await poll(() => fields.innerText()).toContain('CommandLine');
      expect(await fields.innerText()).toContain(COMMAND_LINE);
      expect(await page.getByRole('link', { name: 'T1490' }).first().getAttribute('href')).toBe(
        'https://attack.mitre.org/techniques/T1490/',
      );
      await page.screenshot({ path: `${SCREENSHOTS}detection-alert.png`, fullPage: true });

      await page.getByRole('button', { name: 'Acknowledge', exact: true }).click();
      const status = page.getByRole('dialog');
      await status
        .getByLabel('Note (optional)')
        .fill('Asked radiology IT whether this was planned.');
      await status.getByRole('button', { name: 'Acknowledge' }).click();
      await status.waitFor({ state: 'detached' });
      await poll(() => page.getByTestId('alert-status').first().getAttribute('data-status')).toBe(
        'acknowledged',
      );
      await poll(() => page.getByTestId('alert-history').innerText()).toContain(
        'Asked radiology IT whether this was planned.',
      );

      await page.getByRole('button', { name: 'Suppress', exact: true }).click();
      const suppress = page.getByRole('form', { name: 'Suppress alerts' });
      await suppress.getByLabel('Reason').fill('Nightly backup software rotates shadow copies.');
      await suppress.getByRole('button', { name: 'Suppress' }).click();
      await page.getByTestId('suppression-saved').waitFor();
      const suppressions = await page.evaluate(async () => {
        const response = await fetch('/api/v1/alert-suppressions');
        return ((await response.json()) as { items: { reason: string }[] }).items;
      });
      expect(suppressions.map((s) => s.reason)).toContain(
        'Nightly backup software rotates shadow copies.',
      );

      await page.goto(`${running.origin}/alerts?status=acknowledged`);
      await poll(() =>
        page
          .getByTestId('alert-row')
          .filter({ hasText: /shadow/i })
          .count(),
      ).toBe(1);
      await page.screenshot({ path: `${SCREENSHOTS}detection-queue.png`, fullPage: true });
    }, 120_000);

    it('shows an auditor the detection screens without any control that would change them', async () => {
      const { page } = ui;
      expect(alertPath).not.toBe('');
      await page.route(/\/api\/v1\/auth\/session$/, async (route) => {
        const response = await route.fetch();
        const session = (await response.json()) as { user: Record<string, unknown> };
        await route.fulfill({
          response,
          json: { ...session, user: { ...session.user, roles: ['auditor'] } },
        });
      });
      await page.goto(`${running.origin}${alertPath}`);
      await page.getByTestId('alert-title').waitFor();
      await poll(() => page.getByTestId('event-fields').first().innerText()).toContain(
        'CommandLine',
      );
      expect(await page.getByTestId('alert-actions').count()).toBe(0);
      for (const name of ['Acknowledge', 'Close', 'Reopen', 'False positive', 'Suppress']) {
        expect(await page.getByRole('button', { name, exact: true }).count()).toBe(0);
      }
      expect(await page.getByRole('button', { name: 'Open incident' }).count()).toBe(0);

      await page.goto(`${running.origin}/detection/rules`);
      await page.getByTestId('rules-table').waitFor();
      expect(await page.getByRole('switch').count()).toBe(0);
      expect(await page.getByRole('form', { name: 'Upload rules' }).count()).toBe(0);
      expect(await page.getByRole('form', { name: 'Test a rule' }).count()).toBe(0);

      await page.goto(`${running.origin}/detection/sources`);
      await page.getByTestId('sources-table').waitFor();
      expect(await page.getByRole('button', { name: 'Add a source' }).count()).toBe(0);

      await page.goto(`${running.origin}/detection/hunt`);
      await page.getByText('Hunts are run by administrators and security analysts.').waitFor();
      expect(await page.getByRole('form', { name: 'Run a hunt' }).count()).toBe(0);
      await page.unroute(/\/api\/v1\/auth\/session$/);
    }, 60_000);
  },
);

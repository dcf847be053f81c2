/**
 * Vulnerability management end to end through the services, on both stores: devices from a CMMS
 * export, a device maker's SBOM for their model, a feed bundle (KEV, EPSS, NVD, OSV, CSAF advisory
 * and CSAF VEX) — then findings with their match kinds, priorities and due dates, the vendor's
 * VEX closing one, a firmware update closing another and a downgrade reopening it, a person's
 * status changes and exceptions, and the dashboard.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { TEST_SETTINGS } from '../../../test/support/app.js';
import {
  FLOWSURE_SBOM as SBOM,
  flowsureCmms as cmms,
  osvRecord,
  writeFlowsureBundle,
} from '../../../test/support/feed-files.js';
import { describeEachDialect } from '../../../test/support/stores.js';
import { generateMasterKey } from '../../store/master-key.js';
import { openKeyring } from '../../store/sealing.js';
import { SYSTEM_ACTOR } from '../context.js';
import { createServices, type Services } from '../services.js';

const ACTOR = { ...SYSTEM_ACTOR, name: 'test' };
const NOW = '2026-11-28T12:00:00.000Z';

describeEachDialect(
  'vulnerability service: feeds, matching, findings and their lifecycle',
  (ctx) => {
    let dir: string;
    let services: Services;
    let clock = new Date(NOW);

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'wardline-vuln-'));
      await writeFlowsureBundle(join(dir, 'bundle'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    beforeEach(async () => {
      clock = new Date(NOW);
      services = createServices({
        db: ctx.db,
        keyring: await openKeyring(ctx.store, generateMasterKey()),
        clock: () => clock,
        settings: TEST_SETTINGS,
      });
      const site = await services.inventory.createSite(ACTOR, { code: 'MAIN', name: 'Main' });
      await services.inventory.createZone(ACTOR, {
        siteId: site.id,
        name: 'Infusion',
        kind: 'clinical-device',
        cidrs: ['10.40.0.0/24'],
        vlan: 40,
        description: null,
      });
      await importCmms('1.5');
      await writeFile(join(dir, 'flowsure.cdx.json'), SBOM);
      await services.imports.run(ACTOR, {
        kind: 'sbom',
        path: join(dir, 'flowsure.cdx.json'),
        fileName: 'flowsure.cdx.json',
        options: { vendor: 'Tidewell Medical', model: 'FlowSure 300' },
      });
    });

    async function importCmms(firmware: string) {
      const path = join(dir, `cmms-${firmware}.csv`);
      await writeFile(path, cmms(firmware));
      await services.imports.run(ACTOR, {
        kind: 'inventory',
        path,
        fileName: `cmms-${firmware}.csv`,
      });
    }

    async function findingsOf(assetName: string) {
      const page = await services.vuln.listFindings({ q: assetName, limit: 100 });
      return new Map(page.items.map((f) => [f.vulnId, f]));
    }

    it('imports the bundle whole and turns matches into explained, prioritized findings', async () => {
      const summary = await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
      const statuses = Object.fromEntries(summary.files.map((f) => [f.file, f.status]));
      expect(statuses).toMatchObject({
        'known_exploited_vulnerabilities.json': 'imported',
        'epss_scores-2026-11-27.csv.gz': 'imported',
        'nvd/page-0.json': 'imported',
        'osv/GHSA-demo-0002.json': 'imported',
        'csaf/tidewell-2099-001.json': 'imported',
        'csaf/tidewell-vex-2099-002.json': 'imported',
      });
      expect(summary.kevEntries).toBe(1);
      expect(summary.epssScores).toBe(2);

      const found = await findingsOf('PUMP-4W-01');
      expect([...found.keys()].sort()).toEqual([
        'CVE-2099-0001',
        'CVE-2099-0002',
        'CVE-2099-0003',
        'CVE-2099-0004',
      ]);
      const openssl = found.get('CVE-2099-0001')!;
      expect(openssl).toMatchObject({
        status: 'open',
        matchKind: 'cpe-range',
        kev: true,
        ransomware: true,
        epss: 0.93,
        cvssScore: 9.8,
      });
      expect(openssl.matches[0]).toMatchObject({ component: 'openssl', version: '1.0.2u' });
      expect(openssl.prioritization.exploitation).toBe('active');
      expect(openssl.prioritization.explanation.join(' ')).toMatch(/KEV/);
      // Due per the default policy for its decision, from the time it was first seen.
      const hours = (await services.vuln.patchPolicy())[openssl.decision];
      expect(Date.parse(openssl.dueAt) - Date.parse(NOW)).toBe(hours * 3_600_000);

      expect(found.get('CVE-2099-0002')).toMatchObject({
        matchKind: 'purl',
        status: 'open',
        kev: false,
      });
      expect(found.get('CVE-2099-0002')!.matches[0]!.fixedVersion).toBe('4.17.21');
      expect(found.get('CVE-2099-0004')).toMatchObject({ status: 'open' });
      expect(found.get('CVE-2099-0004')!.matchKind).toMatch(/^device-/);
      // The vendor's VEX closes the zlib finding with its reason.
      expect(found.get('CVE-2099-0003')).toMatchObject({
        status: 'not_affected',
        vex: { justification: 'vulnerable_code_not_in_execute_path' },
      });

      // The exploited, ransomware-used CVE tops the queue; the VEX'd one is not in it.
      const queue = await services.vuln.listVulnerabilities({});
      expect(queue.items[0]!.vulnId).toBe('CVE-2099-0001');
      expect(queue.items.map((v) => v.vulnId)).not.toContain('CVE-2099-0003');
      expect(queue.items[0]).toMatchObject({ assets: 2, open: 2, kev: true });

      // The same bundle again changes nothing.
      const again = await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
      expect(new Set(again.files.map((f) => f.status))).toEqual(new Set(['duplicate']));
    });

    it('adds a second source’s advisory about a known CVE without closing what the first found', async () => {
      await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
      const before = (await findingsOf('PUMP-4W-01')).get('CVE-2099-0001')!;
      expect(before.matches.map((m) => m.component)).toEqual(['openssl']);
      const result = await services.feeds.importReading(
        ACTOR,
        'GHSA-demo-extra.json',
        Buffer.from(
          osvRecord({
            id: 'GHSA-7x7x-0001-demo',
            aliases: ['CVE-2099-0001'],
            summary: 'The same flaw, reached through lodash',
            purl: 'pkg:npm/lodash',
            ecosystem: 'npm',
            name: 'lodash',
            introduced: '4.0.0',
            fixed: '4.17.19',
          }),
        ),
      );
      expect(result.status).toBe('imported');
      const after = (await findingsOf('PUMP-4W-01')).get('CVE-2099-0001')!;
      expect(after.id).toBe(before.id);
      expect(after.status).toBe('open');
      expect(after.matches.map((m) => m.component).sort()).toEqual(['lodash', 'openssl']);
    });

    it('closes what a firmware update fixed and reopens it when the firmware goes back', async () => {
      await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
      clock = new Date('2026-11-29T12:00:00.000Z');
      await importCmms('2.0.0');
      let found = await findingsOf('PUMP-4W-01');
      expect(found.get('CVE-2099-0004')).toMatchObject({ status: 'verified_fixed' });
      expect(found.get('CVE-2099-0004')!.closedAt).not.toBeNull();
      expect(found.get('CVE-2099-0001')!.status).toBe('open');

      clock = new Date('2026-11-30T12:00:00.000Z');
      await importCmms('1.6');
      found = await findingsOf('PUMP-4W-01');
      const reopened = found.get('CVE-2099-0004')!;
      expect(reopened.status).toBe('reopened');
      expect(reopened.firstSeen).toBe('2026-11-30T12:00:00.000Z');
      const history = await services.vuln.findingHistory(reopened.id);
      expect(history.map((e) => e.to)).toEqual(['open', 'verified_fixed', 'reopened']);
    });

    it('moves findings through their lifecycle and honours exceptions until they end', async () => {
      await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
      const finding = (await findingsOf('PUMP-4W-02')).get('CVE-2099-0001')!;
      const working = await services.vuln.changeStatus(ACTOR, finding.id, { event: 'start_work' });
      expect(working.status).toBe('in_progress');
      await expect(
        services.vuln.changeStatus(ACTOR, finding.id, { event: 'start_work' }),
      ).rejects.toMatchObject({ code: 'WL_FINDING_TRANSITION' });
      await expect(
        services.vuln.changeStatus(ACTOR, finding.id, { event: 'mitigate', controls: [] }),
      ).rejects.toMatchObject({ code: 'WL_FINDING_TRANSITION' });

      const mitigated = await services.vuln.changeStatus(ACTOR, finding.id, {
        event: 'mitigate',
        controls: ['Pump VLAN blocks all inbound traffic but the gateway'],
        until: '2026-12-31',
        note: 'Firmware 2.0 is not validated by biomed yet.',
      });
      expect(mitigated.status).toBe('mitigated');
      const exceptions = await services.vuln.listExceptions({ assetId: finding.assetId });
      expect(exceptions).toMatchObject([
        { kind: 'mitigated', state: 'active', vulnId: 'CVE-2099-0001' },
      ]);

      // A rescan while the exception holds keeps it mitigated.
      await services.vuln.rematchAll();
      expect((await services.vuln.getFinding(finding.id)).status).toBe('mitigated');

      // Past the expiry the finding opens again.
      clock = new Date('2027-01-02T00:00:00.000Z');
      const dashboard = await services.vuln.dashboard();
      expect((await services.vuln.getFinding(finding.id)).status).toBe('open');
      expect(dashboard.totals.open).toBeGreaterThanOrEqual(1);
      expect(dashboard.totals.overdue).toBeGreaterThanOrEqual(1);
      expect(dashboard.trend).toHaveLength(90);
      expect(dashboard.byDecision.reduce((n, d) => n + d.open, 0)).toBe(dashboard.totals.open);
    });

    it('posts a summary to the webhook when a feed import opens findings, and audits it', async () => {
      const received: unknown[] = [];
      const server = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          received.push(JSON.parse(body));
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        await expect(
          services.vuln.setNotificationSettings(ACTOR, { webhookUrl: 'http://example.com/hook' }),
        ).rejects.toMatchObject({ code: 'WL_REQUEST_INVALID' });
        await services.vuln.setNotificationSettings(ACTOR, {
          webhookUrl: `http://127.0.0.1:${String(port)}/hook?token=secret`,
        });
        await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
        expect(received).toHaveLength(1);
        expect(received[0]).toMatchObject({
          event: 'wardline.vulnerabilities.new-findings',
          findings: 6,
        });
        const listed = (received[0] as { vulnerabilities: { vulnId: string; assets: number }[] })
          .vulnerabilities;
        expect(listed.map((v) => v.vulnId).sort()).toEqual([
          'CVE-2099-0001',
          'CVE-2099-0002',
          'CVE-2099-0004',
        ]);
        const audited = await services.audit.list({ action: 'vuln.notify', limit: 5 });
        expect(audited.items).toMatchObject([{ outcome: 'success' }]);
        const setting = await services.audit.list({ action: 'vuln.notifications', limit: 5 });
        expect(JSON.stringify(setting.items)).not.toContain('secret');
      } finally {
        server.close();
      }
    });

    it('keeps a person’s not-affected through rescans, and gives a mitigation without a date 90 days', async () => {
      await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
      const found = await findingsOf('PUMP-4W-01');
      const lodash = found.get('CVE-2099-0002')!;
      const cleared = await services.vuln.changeStatus(ACTOR, lodash.id, {
        event: 'mark_not_affected',
        justification: 'vulnerable_code_not_in_execute_path',
        note: 'The pump UI never calls lodash.merge.',
      });
      expect(cleared).toMatchObject({
        status: 'not_affected',
        vex: { advisory: 'person', justification: 'vulnerable_code_not_in_execute_path' },
      });
      await services.vuln.rematchAll();
      expect((await services.vuln.getFinding(lodash.id)).status).toBe('not_affected');

      const openssl = found.get('CVE-2099-0001')!;
      const mitigated = await services.vuln.changeStatus(ACTOR, openssl.id, {
        event: 'mitigate',
        controls: ['Inbound blocked at the pump VLAN firewall'],
      });
      expect(mitigated.status).toBe('mitigated');
      const [exception] = await services.vuln.listExceptions({ assetId: openssl.assetId });
      expect(Date.parse(exception!.until) - Date.parse(NOW)).toBe(90 * 86_400_000);
    });

    it('refuses an exception without a reason, controls for a mitigation, or a future expiry', async () => {
      await services.feeds.importPath(ACTOR, join(dir, 'bundle'));
      const asset = (await services.inventory.listAssets({ q: 'PUMP-4W-01' })).items[0]!;
      const base = {
        assetId: asset.id,
        vulnId: null,
        reason: 'End of support',
        controls: ['VLAN'],
        until: '2027-06-30',
      };
      await expect(
        services.vuln.createException(ACTOR, { ...base, kind: 'risk_accepted', reason: ' ' }),
      ).rejects.toMatchObject({ code: 'WL_VULN_EXCEPTION_INVALID' });
      await expect(
        services.vuln.createException(ACTOR, { ...base, kind: 'mitigated', controls: [] }),
      ).rejects.toMatchObject({ code: 'WL_VULN_EXCEPTION_INVALID' });
      await expect(
        services.vuln.createException(ACTOR, {
          ...base,
          kind: 'risk_accepted',
          until: '2026-01-01',
        }),
      ).rejects.toMatchObject({ code: 'WL_VULN_EXCEPTION_INVALID' });

      // An asset-wide exception covers every open finding on the device.
      const created = await services.vuln.createException(ACTOR, {
        ...base,
        kind: 'risk_accepted',
      });
      const found = await findingsOf('PUMP-4W-01');
      expect(found.get('CVE-2099-0001')!.status).toBe('risk_accepted');
      expect(found.get('CVE-2099-0002')!.status).toBe('risk_accepted');
      await services.vuln.revokeException(ACTOR, created.id);
      expect((await findingsOf('PUMP-4W-01')).get('CVE-2099-0001')!.status).toBe('open');
    });
  },
  { resetBeforeEach: true },
);

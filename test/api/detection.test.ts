/**
 * The detection API end to end, on every store: an HTTP source created with its token, events
 * sent as NDJSON through the token-opened ingest route (bad lines kept as dead letters), the
 * bundled healthcare pack raising an alert tied to the inventory's asset, the alert worked
 * through its statuses by the people allowed to, suppressions, incidents, rule upload and test,
 * and a hunt over the kept events.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Alert, AlertDetail, EventSource } from '../../src/domain/detection.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import {
  expectOk,
  failureOf,
  signInAs,
  startTestApp,
  type SignedInUser,
  type TestApp,
} from '../support/app.js';
import { writeNmapReport } from '../support/nmap-files.js';
import { describeEachDialect } from '../support/stores.js';

const ACTOR = { ...SYSTEM_ACTOR, name: 'test' };

/** A Sysmon process creation in evtx-json shape: vssadmin deleting shadow copies on NVH-FS01. */
function vssadminEvent(time: string, computer = 'NVH-FS01.nvh.local'): string {
  return JSON.stringify({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        EventID: 1,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
        Computer: computer,
        TimeCreated: { '#attributes': { SystemTime: time } },
      },
      EventData: {
        Image: 'C:\\Windows\\System32\\vssadmin.exe',
        OriginalFileName: 'VSSADMIN.EXE',
        CommandLine: 'vssadmin.exe delete shadows /all /quiet',
        ParentImage: 'C:\\Windows\\System32\\cmd.exe',
        User: 'NVH\\svc-backup',
      },
    },
  });
}

const SHADOW_RULE = `
title: Test shadow copy deletion
id: 0b5f2a9e-8f0c-4f7e-9c61-2f3c1d6e7a10
status: test
level: high
tags: [attack.impact, attack.t1490]
logsource: { product: windows, category: process_creation }
detection:
  selection:
    Image|endswith: '\\vssadmin.exe'
    CommandLine|contains|all: [delete, shadows]
  condition: selection
`;

describeEachDialect('detection API', (ctx) => {
  let t: TestApp;
  let analyst: SignedInUser;
  let lead: SignedInUser;
  let auditor: SignedInUser;
  let source: EventSource;
  let token: string;
  let assetId: string;
  let dir: string;

  function ingest(body: string, auth = `Bearer ${token}`) {
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/ingest/events',
      headers: { authorization: auth, 'content-type': 'application/x-ndjson' },
      payload: body,
    });
  }

  beforeAll(async () => {
    t = await startTestApp(ctx.store);
    analyst = await signInAs(t, ['security-analyst']);
    lead = await signInAs(t, ['incident-lead']);
    auditor = await signInAs(t, ['auditor']);
    dir = await mkdtemp(join(tmpdir(), 'wardline-detect-api-'));
    const scan = join(dir, 'scan.xml');
    await writeNmapReport(scan, '2026-11-26T08:00:00Z', [
      { ip: '10.20.0.15', hostname: 'nvh-fs01.nvh.local', os: 'Microsoft Windows Server 2019' },
    ]);
    await t.services.imports.run(ACTOR, { kind: 'nmap', path: scan, fileName: 'scan.xml' });
    const assets = await t.services.inventory.listAssets({ q: 'nvh-fs01' });
    assetId = assets.items[0]?.id ?? '';
    expect(assetId).not.toBe('');
    const created = await analyst.client.request('POST', '/api/v1/event-sources', {
      name: 'edr-forwarder',
      protocol: 'http',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json<{ source: EventSource; token: string }>();
    source = body.source;
    token = body.token;
  });

  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses ingest without a valid source token, before reading the body', async () => {
    expect(failureOf(await ingest('{}', 'Bearer wl_src_not-a-token'))).toEqual({
      status: 401,
      code: 'WL_INGEST_TOKEN_INVALID',
    });
    expect(failureOf(await ingest('{}', ''))).toEqual({
      status: 401,
      code: 'WL_INGEST_TOKEN_INVALID',
    });
  });

  it('takes NDJSON, keeps a bad line as a dead letter, and raises an alert on the asset', async () => {
    const response = await ingest(
      `${vssadminEvent('2026-11-27T03:10:00.000Z')}\n{not json\n${vssadminEvent('2026-11-27T03:11:00.000Z')}\n`,
    );
    expect(response.json()).toEqual({ accepted: 2, rejected: 1 });

    const letters = expectOk(
      await analyst.client.request('GET', `/api/v1/event-sources/${source.id}/dead-letters`),
    ).json<{ items: { raw: string | null; code: string }[]; total: number }>();
    expect(letters.total).toBe(1);
    expect(letters.items[0]?.raw).toBe('{not json');

    const sources = expectOk(await auditor.client.request('GET', '/api/v1/event-sources')).json<{
      items: EventSource[];
    }>();
    const counted = sources.items.find((s) => s.id === source.id);
    expect(counted).toMatchObject({ eventsTotal: 2, errorsTotal: 1 });
    expect(counted?.lastEventAt).not.toBeNull();

    const page = expectOk(await auditor.client.request('GET', '/api/v1/alerts?q=shadow')).json<{
      items: Alert[];
    }>();
    const alert = page.items.find((a) => a.assetId === assetId);
    expect(alert).toBeDefined();
    // Two detections of one rule on one asset within the window fold into one alert.
    expect(alert).toMatchObject({ status: 'new', assetName: 'nvh-fs01.nvh.local', count: 2 });
    expect(alert?.techniques).toContain('T1490');
  });

  it('shows the alert with its events and moves it through its statuses', async () => {
    const [alert] = expectOk(
      await analyst.client.request('GET', `/api/v1/alerts?assetId=${assetId}`),
    ).json<{ items: Alert[] }>().items;
    if (alert === undefined) throw new Error('no alert');
    const detail = expectOk(
      await auditor.client.request('GET', `/api/v1/alerts/${alert.id}`),
    ).json<AlertDetail>();
    expect(JSON.stringify(detail.events[0]?.data)).toContain('delete shadows');
    expect(detail.events[0]?.logsource).toMatchObject({ category: 'process_creation' });

    expect(
      failureOf(
        await auditor.client.request('POST', `/api/v1/alerts/${alert.id}/status`, {
          status: 'acknowledged',
        }),
      ).status,
    ).toBe(403);
    expectOk(
      await lead.client.request('POST', `/api/v1/alerts/${alert.id}/status`, {
        status: 'closed',
        note: 'Backup job misconfigured; fixed.',
      }),
    );
    expect(
      failureOf(
        await lead.client.request('POST', `/api/v1/alerts/${alert.id}/status`, {
          status: 'acknowledged',
        }),
      ),
    ).toEqual({ status: 409, code: 'WL_ALERT_TRANSITION' });
    const reopened = expectOk(
      await lead.client.request('POST', `/api/v1/alerts/${alert.id}/status`, { status: 'new' }),
    ).json<Alert>();
    expect(reopened.status).toBe('new');

    const incident = expectOk(
      await lead.client.request('POST', `/api/v1/alerts/${alert.id}/incident`, {}),
    ).json<{ incidentId: string }>();
    expect(incident.incidentId).toMatch(/^inc_/);
    const after = expectOk(
      await lead.client.request('GET', `/api/v1/alerts/${alert.id}`),
    ).json<AlertDetail>();
    expect(after.incidentId).toBe(incident.incidentId);
    expect(after.status).toBe('acknowledged');
    expect(after.history.map((h) => h.to)).toEqual(['new', 'closed', 'new', 'acknowledged']);
  });

  it('suppresses a host with a reason and an end, so new detections raise no alert', async () => {
    expect(
      failureOf(
        await lead.client.request('POST', '/api/v1/alert-suppressions', {
          reason: 'no scope',
          until: '2099-01-01',
        }),
      ),
    ).toEqual({ status: 400, code: 'WL_SUPPRESSION_INVALID' });
    const created = await lead.client.request('POST', '/api/v1/alert-suppressions', {
      host: 'NVH-LAB02.nvh.local',
      reason: 'Imaging lab rebuild this week',
      until: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(created.statusCode).toBe(201);
    const before = expectOk(await auditor.client.request('GET', '/api/v1/alerts')).json<{
      total: number;
    }>().total;
    await ingest(`${vssadminEvent('2026-11-27T05:00:00.000Z', 'NVH-LAB02.nvh.local')}\n`);
    const after = expectOk(await auditor.client.request('GET', '/api/v1/alerts')).json<{
      total: number;
    }>().total;
    expect(after).toBe(before);
    await ingest(`${vssadminEvent('2026-11-27T05:01:00.000Z', 'NVH-LAB03.nvh.local')}\n`);
    const other = expectOk(await auditor.client.request('GET', '/api/v1/alerts')).json<{
      total: number;
    }>().total;
    expect(other).toBeGreaterThan(after);
  });

  it('uploads a rule, tests rules on pasted events, and keeps auditors to reading', async () => {
    const uploaded = expectOk(
      await analyst.client.request('POST', '/api/v1/detection-rules', { yaml: SHADOW_RULE }),
    ).json<{ rules: { id: string; enabled: boolean; problems: string[] }[] }>();
    expect(uploaded.rules).toHaveLength(1);
    expect(uploaded.rules[0]).toMatchObject({ enabled: true, problems: [] });
    expect(
      failureOf(
        await auditor.client.request('POST', '/api/v1/detection-rules', { yaml: SHADOW_RULE }),
      ).status,
    ).toBe(403);

    const tested = expectOk(
      await analyst.client.request('POST', '/api/v1/detection-rules/test', {
        yaml: SHADOW_RULE,
        events: `${vssadminEvent('2026-11-27T06:00:00.000Z')}\nnot json\n`,
      }),
    ).json<{ detections: { ruleId: string }[]; events: number; rejected: unknown[] }>();
    expect(tested.events).toBe(1);
    expect(tested.rejected).toHaveLength(1);
    expect(tested.detections.map((d) => d.ruleId)).toEqual([
      '0b5f2a9e-8f0c-4f7e-9c61-2f3c1d6e7a10',
    ]);

    const id = uploaded.rules[0]?.id ?? '';
    const disabled = expectOk(
      await analyst.client.request('POST', `/api/v1/detection-rules/${id}/enabled`, {
        enabled: false,
      }),
    ).json<{ enabled: boolean }>();
    expect(disabled.enabled).toBe(false);
    const bundled = expectOk(
      await auditor.client.request('GET', '/api/v1/detection-rules?origin=bundled&limit=500'),
    ).json<{ total: number; items: { problems: string[] }[] }>();
    expect(bundled.total).toBeGreaterThanOrEqual(30);
    expect(bundled.items.filter((r) => r.problems.length > 0)).toEqual([]);
  });

  it('hunts over the kept events with pasted rules as a job', async () => {
    const started = await analyst.client.request('POST', '/api/v1/hunts', {
      yaml: SHADOW_RULE,
      from: '2026-11-27T00:00:00.000Z',
    });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json<{ jobId: string }>();
    let result: { events: number; detections: unknown[] } | undefined;
    for (let i = 0; i < 100 && result === undefined; i += 1) {
      const response = await analyst.client.request('GET', `/api/v1/hunts/${jobId}`);
      if (response.statusCode === 200) result = response.json();
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Two events on the asset, one on the suppressed host, one on the other host: all kept.
    expect(result?.events).toBe(4);
    expect(result?.detections).toHaveLength(4);
  });

  it('lets the security lead set notifications and placeholders, which the rules then use', async () => {
    expect(
      failureOf(
        await analyst.client.request('PUT', '/api/v1/detection-settings/notifications', {
          minLevel: 'high',
          webhookUrl: 'http://hooks.example.org/x',
          cef: null,
          email: null,
        }),
      ),
    ).toEqual({ status: 400, code: 'WL_REQUEST_INVALID' });
    expectOk(
      await analyst.client.request('PUT', '/api/v1/detection-settings/notifications', {
        minLevel: 'critical',
        webhookUrl: null,
        cef: { host: '127.0.0.1', port: 5514, protocol: 'udp' },
        email: null,
      }),
    );
    expectOk(
      await analyst.client.request('PUT', '/api/v1/detection-settings/placeholders', {
        values: { home_countries: ['US', 'CA'] },
      }),
    );
    const settings = expectOk(
      await analyst.client.request('GET', '/api/v1/detection-settings'),
    ).json<{ notifications: { minLevel: string }; placeholders: Record<string, string[]> }>();
    expect(settings.notifications.minLevel).toBe('critical');
    expect(settings.placeholders['home_countries']).toEqual(['US', 'CA']);
    expect(failureOf(await lead.client.request('GET', '/api/v1/detection-settings')).status).toBe(
      403,
    );
  });
});

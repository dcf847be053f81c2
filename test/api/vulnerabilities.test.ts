/**
 * The vulnerability API as the UI and integrations use it, on every store: feed files uploaded as
 * raw bytes, the prioritized list and a vulnerability's detail, a finding moved along its
 * lifecycle by the people allowed to (a clinical engineer may work it, only the security lead may
 * accept the risk), the patch policy re-dating findings, exports and the dashboard.
 */
import { readFile, readdir } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/vulnerability.js';
import { SESSION_COOKIE } from '../../src/server/access.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import {
  expectOk,
  signInAs,
  startTestApp,
  type SignedInUser,
  type TestApp,
} from '../support/app.js';
import { FLOWSURE_SBOM, flowsureCmms, writeFlowsureBundle } from '../support/feed-files.js';
import { describeEachDialect } from '../support/stores.js';

const ACTOR = { ...SYSTEM_ACTOR, name: 'test' };

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

describeEachDialect('vulnerability API', (ctx) => {
  let t: TestApp;
  let dir: string;
  let analyst: SignedInUser;
  let engineer: SignedInUser;
  let auditor: SignedInUser;

  function upload(
    user: SignedInUser,
    fileName: string,
    bytes: Buffer,
  ): Promise<LightMyRequestResponse> {
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/feeds/files?fileName=${encodeURIComponent(fileName)}`,
      headers: {
        cookie: `${SESSION_COOKIE}=${user.client.cookie ?? ''}`,
        'x-csrf-token': user.client.csrf ?? '',
        'content-type': 'application/octet-stream',
      },
      payload: bytes,
    });
  }

  beforeAll(async () => {
    t = await startTestApp(ctx.store);
    dir = await mkdtemp(join(tmpdir(), 'wardline-vuln-api-'));
    analyst = await signInAs(t, ['security-analyst']);
    engineer = await signInAs(t, ['clinical-engineer']);
    auditor = await signInAs(t, ['auditor']);
    const site = await t.services.inventory.createSite(ACTOR, { code: 'MAIN', name: 'Main' });
    await t.services.inventory.createZone(ACTOR, {
      siteId: site.id,
      name: 'Infusion',
      kind: 'clinical-device',
      cidrs: ['10.40.0.0/24'],
      vlan: 40,
      description: null,
    });
    await writeFile(join(dir, 'cmms.csv'), flowsureCmms('1.5'));
    await t.services.imports.run(ACTOR, {
      kind: 'inventory',
      path: join(dir, 'cmms.csv'),
      fileName: 'cmms.csv',
    });
    await writeFile(join(dir, 'sbom.json'), FLOWSURE_SBOM);
    await t.services.imports.run(ACTOR, {
      kind: 'sbom',
      path: join(dir, 'sbom.json'),
      fileName: 'sbom.json',
      options: { vendor: 'Tidewell Medical', model: 'FlowSure 300' },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes feed files as raw bytes from the security lead, not from an auditor', async () => {
    const bundle = await writeFlowsureBundle(join(dir, 'bundle'));
    const denied = await upload(auditor, 'kev.json', Buffer.from('{}'));
    expect(denied.statusCode).toBe(403);
    const results: { file: string; status: string; records: number }[] = [];
    for (const file of await filesUnder(bundle)) {
      const response = await upload(
        analyst,
        file.split('/').pop()!,
        await readFile(join(bundle, file)),
      );
      results.push(expectOk(response).json());
    }
    expect(results.every((r) => r.status === 'imported')).toBe(true);
    const again = await upload(
      analyst,
      'known_exploited_vulnerabilities.json',
      await readFile(join(bundle, 'known_exploited_vulnerabilities.json')),
    );
    expect(expectOk(again).json<{ status: string }>().status).toBe('duplicate');
    const notAFeed = await upload(analyst, 'notes.json', Buffer.from('{"hello": "world"}'));
    expect(expectOk(notAFeed).json<{ status: string }>().status).toBe('skipped');
    const feeds = expectOk(await auditor.client.request('GET', '/api/v1/feeds')).json<
      { feed: string; records: number }[]
    >();
    expect(feeds.find((f) => f.feed === 'kev')?.records).toBe(1);
  });

  it('lists vulnerabilities by priority and shows one with its advisories, KEV and findings', async () => {
    const list = expectOk(
      await auditor.client.request('GET', '/api/v1/vulnerabilities?kev=true'),
    ).json<{ items: { vulnId: string; assets: number; decision: string }[]; total: number }>();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ vulnId: 'CVE-2099-0001', assets: 2 });
    const detail = expectOk(
      await auditor.client.request('GET', '/api/v1/vulnerabilities/CVE-2099-0001'),
    ).json<{
      advisories: { source: string }[];
      kev: { ransomware: boolean };
      findings: Finding[];
    }>();
    expect(detail.advisories.map((a) => a.source)).toEqual(['nvd']);
    expect(detail.kev.ransomware).toBe(true);
    expect(detail.findings).toHaveLength(2);
    expect(
      (await auditor.client.request('GET', '/api/v1/vulnerabilities/CVE-1999-0000')).statusCode,
    ).toBe(404);
    const decisions = expectOk(
      await auditor.client.request(
        'GET',
        '/api/v1/vulnerabilities?decision=act,attend,track*,track',
      ),
    ).json<{ total: number }>();
    expect(decisions.total).toBeGreaterThanOrEqual(3);
    // Missed patches: a fixed version is named for OpenSSL (NVD's end bound, 1.1.1), lodash
    // (OSV, 4.17.21) and the pump firmware (CSAF, 2.0.0); the VEX'd zlib finding is closed.
    const fixable = expectOk(
      await auditor.client.request('GET', '/api/v1/vulnerabilities?fixAvailable=true'),
    ).json<{ items: { vulnId: string }[] }>();
    expect(fixable.items.map((v) => v.vulnId).sort()).toEqual([
      'CVE-2099-0001',
      'CVE-2099-0002',
      'CVE-2099-0004',
    ]);
    const bad = await auditor.client.request('GET', '/api/v1/vulnerabilities?decision=urgent');
    expect(bad.statusCode).toBe(400);
  });

  it('lets a clinical engineer work a finding, and only the security lead accept its risk', async () => {
    const page = expectOk(
      await engineer.client.request('GET', '/api/v1/findings?vulnId=CVE-2099-0001&sort=asset'),
    ).json<{ items: Finding[] }>();
    const finding = page.items[0]!;
    const url = `/api/v1/findings/${finding.id}/status`;
    const started = expectOk(await engineer.client.request('POST', url, { event: 'start_work' }));
    expect(started.json<Finding>().status).toBe('in_progress');
    const refused = await engineer.client.request('POST', url, {
      event: 'accept_risk',
      until: '2027-03-31',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('WL_AUTH_FORBIDDEN');
    const auditorTry = await auditor.client.request('POST', url, { event: 'fix' });
    expect(auditorTry.statusCode).toBe(403);

    const accepted = expectOk(
      await analyst.client.request('POST', url, {
        event: 'accept_risk',
        until: '2027-03-31',
        note: 'Replacement pumps arrive in March.',
      }),
    ).json<Finding>();
    expect(accepted).toMatchObject({ status: 'risk_accepted' });
    const exceptions = expectOk(
      await auditor.client.request('GET', `/api/v1/vuln-exceptions?assetId=${finding.assetId}`),
    ).json<{ kind: string; reason: string; state: string }[]>();
    expect(exceptions).toMatchObject([
      { kind: 'risk_accepted', reason: 'Replacement pumps arrive in March.', state: 'active' },
    ]);
    const history = expectOk(
      await auditor.client.request('GET', `/api/v1/findings/${finding.id}/history`),
    ).json<{ to: string; actor: string | null }[]>();
    expect(history.map((h) => h.to)).toEqual(['open', 'in_progress', 'risk_accepted']);
    expect(history.map((h) => h.actor)).toEqual([null, engineer.username, analyst.username]);

    const invalid = await engineer.client.request('POST', url, { event: 'mark_not_affected' });
    expect(invalid.statusCode).toBe(409);
    expect(invalid.json<{ error: { code: string } }>().error.code).toBe('WL_FINDING_TRANSITION');
  });

  it('re-dates open findings when the patch policy changes, and refuses a nonsense policy', async () => {
    const before = expectOk(await analyst.client.request('GET', '/api/v1/patch-policy')).json<
      Record<string, number>
    >();
    expect(before).toEqual({ track: 2160, 'track*': 720, attend: 336, act: 48 });
    const zero = await analyst.client.request('PUT', '/api/v1/patch-policy', { ...before, act: 0 });
    expect(zero.statusCode).toBe(400);
    expect((await engineer.client.request('PUT', '/api/v1/patch-policy', before)).statusCode).toBe(
      403,
    );

    const findings = async () =>
      expectOk(await analyst.client.request('GET', '/api/v1/findings?status=open&limit=100')).json<{
        items: Finding[];
      }>().items;
    const earlier = new Map((await findings()).map((f) => [f.id, f]));
    const longer = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v * 2]));
    expectOk(await analyst.client.request('PUT', '/api/v1/patch-policy', longer));
    for (const finding of await findings()) {
      const old = earlier.get(finding.id)!;
      const span = (f: Finding) => Date.parse(f.dueAt) - Date.parse(f.firstSeen);
      expect(span(finding)).toBe(span(old) * 2);
    }
    expectOk(await analyst.client.request('PUT', '/api/v1/patch-policy', before));
  });

  it('exports CSV and VEX, and draws the dashboard', async () => {
    const csv = await auditor.client.request('GET', '/api/v1/vuln-exports?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="fleet-findings.csv"');
    expect(csv.body).toContain('CVE-2099-0002');
    const vex = await auditor.client.request(
      'GET',
      '/api/v1/vuln-exports?format=cyclonedx-vex&vendor=Tidewell%20Medical&model=FlowSure%20300',
    );
    const document = JSON.parse(vex.body) as {
      vulnerabilities: { id: string; analysis: { state: string; justification?: string } }[];
    };
    const zlib = document.vulnerabilities.find((v) => v.id === 'CVE-2099-0003');
    expect(zlib?.analysis).toMatchObject({
      state: 'not_affected',
      justification: 'code_not_reachable',
    });
    const oneSided = await auditor.client.request(
      'GET',
      '/api/v1/vuln-exports?format=csv&vendor=Tidewell',
    );
    expect(oneSided.statusCode).toBe(400);

    const dashboard = expectOk(await auditor.client.request('GET', '/api/v1/vuln-dashboard')).json<{
      totals: { open: number };
      byDecision: { open: number }[];
      trend: unknown[];
    }>();
    expect(dashboard.totals.open).toBe(dashboard.byDecision.reduce((n, d) => n + d.open, 0));
    expect(dashboard.totals.open).toBeGreaterThan(0);
    expect(dashboard.trend).toHaveLength(90);
  });
});

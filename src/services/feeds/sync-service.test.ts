/**
 * `feeds sync` against a real local publisher (node:http on an ephemeral port, no fetch mocks):
 * KEV and EPSS fetched conditionally, a failing feed leaving the previous snapshot in force, the
 * NVD paged and resumed from its saved cursor, CSAF providers read through provider metadata and
 * ROLIE feeds with SHA-512 and OpenPGP checks, and findings coming out of what the sync brought.
 * Time is a fixed clock the tests move; the NVD client's rate-limit waits go to a fake sleep.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { TEST_SETTINGS } from '../../../test/support/app.js';
import {
  FLOWSURE_SBOM,
  csafDeviceAdvisory,
  csafVex,
  flowsureCmms,
  kevEntry,
  nvdPage,
  type NvdCveSpec,
} from '../../../test/support/feed-files.js';
import { startFeedServer, type FeedServer } from '../../../test/support/feed-server.js';
import { describeEachDialect } from '../../../test/support/stores.js';
import type { EpssScore } from '../../domain/vulnerability.js';
import { writeEpssGzip } from '../../formats/epss/index.js';
import { writeKev } from '../../formats/kev/index.js';
import { generateMasterKey } from '../../store/master-key.js';
import { openKeyring } from '../../store/sealing.js';
import { SYSTEM_ACTOR } from '../context.js';
import { createServices, type Services } from '../services.js';
import type { SyncFeedResult, SyncRequest, SyncSummary } from './sync-service.js';

const ACTOR = { ...SYSTEM_ACTOR, name: 'test' };
const NOW = '2026-11-28T12:00:00.000Z';
const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

function kevFile(cves: readonly string[], version: string): string {
  return writeKev(
    cves.map((cve) => kevEntry(cve)),
    { catalogVersion: version, dateReleased: '2026-11-27T12:00:00.000Z' },
  );
}

function epssFile(scores: readonly EpssScore[], date: string): Uint8Array {
  return writeEpssGzip(scores, { modelVersion: 'v2025.03.14', scoreDate: `${date}T00:00:00Z` });
}

const EPSS_A: EpssScore[] = [
  { cveId: 'CVE-2099-0001', epss: 0.93, percentile: 0.99 },
  { cveId: 'CVE-2099-0002', epss: 0.02, percentile: 0.4 },
  { cveId: 'CVE-2099-0003', epss: 0.1, percentile: 0.7 },
];

/** NVD API items for CVE-2099-<from>..: one CPE range each. */
function nvdItems(from: number, count: number): unknown[] {
  const specs: NvdCveSpec[] = Array.from({ length: count }, (_, i) => ({
    id: `CVE-2099-${String(from + i).padStart(4, '0')}`,
    description: `Generated flaw ${String(from + i)} in the example product.`,
    vector: CRITICAL,
    score: 9.8,
    cpeMatch: [
      { criteria: 'cpe:2.3:a:example:product:*:*:*:*:*:*:*:*', versionEndExcluding: '2.0' },
    ],
  }));
  return (JSON.parse(nvdPage(specs)) as { vulnerabilities: unknown[] }).vulnerabilities;
}

/** An NVD endpoint that serves `items()` two at a time, whatever page size was asked. */
function serveNvd(res: ServerResponse, query: URLSearchParams, items: readonly unknown[]): void {
  const start = Number(query.get('startIndex'));
  const slice = items.slice(start, start + 2);
  res.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      resultsPerPage: slice.length,
      startIndex: start,
      totalResults: items.length,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2026-11-28T06:00:00.000',
      vulnerabilities: slice,
    }),
  );
}

/** NVD wants `+00:00`, not `Z`. */
const nvdDate = (iso: string) => iso.replace(/Z$/, '+00:00');

/** A fake clock for the NVD client: sleeping moves it forward at once. */
function fakeNvdTime() {
  let time = Date.parse(NOW);
  const sleeps: number[] = [];
  return {
    sleeps,
    tuning: {
      now: () => time,
      sleep: (ms: number) => {
        sleeps.push(ms);
        time += ms;
        return Promise.resolve();
      },
      random: () => 0.5,
      maxAttempts: 2,
    },
  };
}

function byFeed(summary: SyncSummary): Record<string, SyncFeedResult> {
  return Object.fromEntries(summary.feeds.map((f) => [f.feed, f]));
}

const sha512 = (text: string, name: string) =>
  `${createHash('sha512').update(text).digest('hex')}  ${name}\n`;

async function detachedSignature(text: string, armoredKey: string): Promise<string> {
  const privateKey = await openpgp.readPrivateKey({ armoredKey });
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(text) });
  // openpgp's overloaded `sign` typing resolves to an error type under the linter's project service.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
  const signed: string = await openpgp.sign({
    message,
    signingKeys: privateKey,
    detached: true,
    format: 'armored',
  });
  return signed;
}

const PUMP_ADVISORY = csafDeviceAdvisory({
  trackingId: 'TW-2099-001',
  title: 'FlowSure 300 firmware accepts unauthenticated dose-limit changes',
  cve: 'CVE-2099-0004',
  vendor: 'Tidewell Medical',
  product: 'FlowSure 300',
  modelNumber: 'FS-300',
  affectedRange: 'vers:generic/<2.0.0',
  fixedVersion: '2.0.0',
  vector: CRITICAL,
  remediation: 'Update the pump firmware to 2.0.0.',
});

const PUMP_VEX = csafVex({
  trackingId: 'TW-VEX-2099-002',
  vendor: 'Tidewell Medical',
  product: 'FlowSure 300',
  version: '1.5',
  cve: 'CVE-2099-0003',
  justification: 'vulnerable_code_not_in_execute_path',
  impactStatement: 'The pump never inflates zlib streams it receives.',
});

interface Keys {
  readonly signer: { publicKey: string; privateKey: string; fingerprint: string };
  readonly other: { publicKey: string; privateKey: string; fingerprint: string };
}

async function generateSigner(name: string) {
  const key = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name, email: 'psirt@tidewell.example' }],
    format: 'armored',
  });
  const fingerprint = (await openpgp.readKey({ armoredKey: key.publicKey }))
    .getFingerprint()
    .toUpperCase();
  return { publicKey: key.publicKey, privateKey: key.privateKey, fingerprint };
}

interface CsafEntry {
  readonly name: string;
  readonly text: string;
  readonly updated: string;
  /** What the `.sha512` file states; the text's own hash by default. */
  readonly hashOf?: string;
  /** Signed with this private key; the provider's signer by default. */
  readonly signWith?: string;
}

/**
 * A CSAF trusted provider on `server` under `/csaf/`: provider metadata naming the signer's key
 * and two ROLIE feeds, TLP:WHITE with `entries` and TLP:AMBER (which sync must not read).
 */
async function publishProvider(
  server: FeedServer,
  keys: Keys,
  entries: readonly CsafEntry[],
  options: { fingerprint?: string } = {},
): Promise<string> {
  const rolie = entries.map((entry) => {
    const url = server.url(`/csaf/white/2026/${entry.name}`);
    return {
      id: entry.name.replace(/\.json$/, ''),
      title: entry.name,
      updated: entry.updated,
      published: entry.updated,
      link: [
        { rel: 'self', href: url },
        { rel: 'hash', href: `${url}.sha512` },
        { rel: 'signature', href: `${url}.asc` },
      ],
      content: { type: 'application/json', src: url },
      format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json' },
    };
  });
  for (const entry of entries) {
    const path = `/csaf/white/2026/${entry.name}`;
    server.file(path, { body: entry.text, contentType: 'application/json' });
    server.file(`${path}.sha512`, { body: sha512(entry.hashOf ?? entry.text, entry.name) });
    server.file(`${path}.asc`, {
      body: await detachedSignature(entry.text, entry.signWith ?? keys.signer.privateKey),
    });
  }
  const feed = (label: string, items: unknown[]) =>
    JSON.stringify({
      feed: {
        id: `tidewell-csaf-${label}`,
        title: `Tidewell CSAF feed (TLP:${label})`,
        updated: '2026-11-20T00:00:00Z',
        entry: items,
      },
    });
  server.file('/csaf/white/feed.json', { body: feed('WHITE', rolie) });
  server.file('/csaf/amber/feed.json', { body: feed('AMBER', rolie) });
  server.file('/csaf/key.asc', { body: keys.signer.publicKey });
  server.file('/.well-known/csaf/provider-metadata.json', {
    body: JSON.stringify({
      canonical_url: server.url('/.well-known/csaf/provider-metadata.json'),
      distributions: [
        {
          rolie: {
            feeds: [
              { summary: 'Public', tlp_label: 'WHITE', url: server.url('/csaf/white/feed.json') },
              { summary: 'Partners', tlp_label: 'AMBER', url: server.url('/csaf/amber/feed.json') },
            ],
          },
        },
      ],
      last_updated: '2026-11-20T00:00:00Z',
      list_on_CSAF_aggregators: true,
      metadata_version: '2.0',
      mirror_on_CSAF_aggregators: true,
      public_openpgp_keys: [
        {
          fingerprint: options.fingerprint ?? keys.signer.fingerprint,
          url: server.url('/csaf/key.asc'),
        },
      ],
      publisher: {
        category: 'vendor',
        name: 'Tidewell Medical',
        namespace: 'https://psirt.tidewell.example',
      },
      role: 'csaf_trusted_provider',
    }),
  });
  return server.url('/.well-known/csaf/provider-metadata.json');
}

let keys: Keys;
beforeAll(async () => {
  keys = { signer: await generateSigner('Tidewell PSIRT'), other: await generateSigner('Other') };
}, 30_000);

describeEachDialect(
  'feed sync against a local publisher',
  (ctx) => {
    let server: FeedServer;
    let services: Services;
    let clock = new Date(NOW);

    beforeEach(async () => {
      clock = new Date(NOW);
      server = await startFeedServer();
      services = createServices({
        db: ctx.db,
        keyring: await openKeyring(ctx.store, generateMasterKey()),
        clock: () => clock,
        settings: TEST_SETTINGS,
      });
    });
    afterEach(() => server.close());

    const count = async (table: 'kev_entries' | 'epss_scores' | 'feed_snapshots' | 'advisories') =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const kevIds = async () =>
      (await ctx.db.selectFrom('kev_entries').select('cve_id').orderBy('cve_id').execute()).map(
        (r) => r.cve_id,
      );

    function sync(only: string[], extra: Partial<SyncRequest> = {}): Promise<SyncSummary> {
      return services.feedSync.sync(ACTOR, { only, nvdApiKey: null, ...extra });
    }

    async function useKevAndEpss() {
      await services.feedSync.setUrls({
        kev: server.url('/kev.json'),
        epss: server.url('/epss.csv.gz'),
      });
      server.file('/kev.json', {
        body: kevFile(['CVE-2099-0001', 'CVE-2099-0002'], '2026.11.27'),
        etag: '"kev-1"',
        lastModified: 'Fri, 27 Nov 2026 12:00:00 GMT',
        contentType: 'application/json',
      });
      server.file('/epss.csv.gz', {
        body: epssFile(EPSS_A, '2026-11-27'),
        lastModified: 'Fri, 27 Nov 2026 00:00:00 GMT',
      });
    }

    it('imports KEV and EPSS, asks conditionally next time and imports only what changed', async () => {
      await useKevAndEpss();
      const first = byFeed(await sync(['kev', 'epss']));
      expect(first['kev']).toMatchObject({ status: 'imported', records: 2, reason: null });
      expect(first['epss']).toMatchObject({ status: 'imported', records: 3, reason: null });
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);
      expect(await count('epss_scores')).toBe(3);
      expect(server.seen('/kev.json')[0]!.headers['if-none-match']).toBeUndefined();
      const snapshots = await count('feed_snapshots');

      const second = byFeed(await sync(['kev', 'epss']));
      expect(second['kev']).toMatchObject({ status: 'unchanged', records: 0 });
      expect(second['epss']).toMatchObject({ status: 'unchanged', records: 0 });
      const kevAsked = server.seen('/kev.json')[1]!.headers;
      expect(kevAsked['if-none-match']).toBe('"kev-1"');
      expect(kevAsked['if-modified-since']).toBe('Fri, 27 Nov 2026 12:00:00 GMT');
      const epssAsked = server.seen('/epss.csv.gz')[1]!.headers;
      expect(epssAsked['if-none-match']).toBeUndefined();
      expect(epssAsked['if-modified-since']).toBe('Fri, 27 Nov 2026 00:00:00 GMT');
      expect(await count('feed_snapshots')).toBe(snapshots);

      // CISA publishes a new catalog: it replaces the old one whole.
      server.file('/kev.json', {
        body: kevFile(['CVE-2099-0003'], '2026.11.28'),
        etag: '"kev-2"',
        contentType: 'application/json',
      });
      clock = new Date('2026-11-29T12:00:00.000Z');
      const third = byFeed(await sync(['kev', 'epss']));
      expect(third['kev']).toMatchObject({ status: 'imported', records: 1 });
      expect(third['epss']).toMatchObject({ status: 'unchanged' });
      expect(await kevIds()).toEqual(['CVE-2099-0003']);
      expect(await count('feed_snapshots')).toBe(snapshots + 1);
      expect(server.seen('/kev.json')[2]!.headers['if-none-match']).toBe('"kev-1"');
      // The new validators are the ones asked with next.
      await sync(['kev']);
      expect(server.seen('/kev.json')[3]!.headers['if-none-match']).toBe('"kev-2"');
    });

    it('reports a failing feed, goes on with the others and keeps the previous snapshot', async () => {
      await useKevAndEpss();
      await sync(['kev', 'epss']);
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);

      // The KEV server fails; EPSS publishes new scores meanwhile.
      server.route('/kev.json', (_request, res) => {
        res.writeHead(500).end('upstream broke');
      });
      server.file('/epss.csv.gz', {
        body: epssFile(EPSS_A.slice(0, 1), '2026-11-28'),
        lastModified: 'Sat, 28 Nov 2026 00:00:00 GMT',
      });
      let result = byFeed(await sync(['kev', 'epss']));
      expect(result['kev']).toMatchObject({ status: 'failed', records: 0 });
      expect(result['kev']!.reason).toMatch(/HTTP 500/);
      expect(result['epss']).toMatchObject({ status: 'imported', records: 1 });
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);

      // A download cut short: the catalog is not replaced by what little arrived.
      const whole = kevFile(['CVE-2099-0007'], '2026.11.28');
      server.file('/kev.json', {
        body: whole.slice(0, whole.indexOf('CVE-2099-0007') + 5),
        etag: '"kev-cut"',
        contentType: 'application/json',
      });
      result = byFeed(await sync(['kev']));
      expect(result['kev']).toMatchObject({ status: 'failed', records: 0 });
      expect(result['kev']!.reason).toMatch(/WL_KEV_/);
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);

      // Cut after its first entry: one entry read, the rest lost. Still not a catalog to keep.
      const two = kevFile(['CVE-2099-0007', 'CVE-2099-0008'], '2026.11.28');
      server.file('/kev.json', {
        body: two.slice(0, two.indexOf('CVE-2099-0008') + 5),
        etag: '"kev-cut-2"',
        contentType: 'application/json',
      });
      result = byFeed(await sync(['kev']));
      expect(result['kev']).toMatchObject({ status: 'failed', records: 0 });
      expect(result['kev']!.reason).toMatch(/WL_KEV_TRUNCATED/);
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);

      // Not JSON at all (a captive portal's page).
      server.file('/kev.json', { body: '<html>Sign in to the guest Wi-Fi</html>', etag: '"html"' });
      result = byFeed(await sync(['kev']));
      expect(result['kev']).toMatchObject({ status: 'failed' });
      expect(result['kev']!.reason).toMatch(/not JSON/);
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);

      // A body over the cap, sent chunked (no Content-Length), and one that declares its size.
      server.route('/kev.json', (_request, res) => {
        res.writeHead(200, { 'content-type': 'application/json', etag: '"big"' });
        res.write(`{"catalogVersion":"x","vulnerabilities":[${' '.repeat(3000)}`);
        res.end(']}');
      });
      result = byFeed(await sync(['kev'], { tuning: { maxFeedBytes: 1000 } }));
      expect(result['kev']!.status).toBe('failed');
      expect(result['kev']!.reason).toMatch(/larger than 1000 bytes/);
      server.route('/kev.json', (_request, res) => {
        res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
      });
      result = byFeed(await sync(['kev'], { tuning: { maxFeedBytes: 1000 } }));
      expect(result['kev']!.reason).toMatch(/larger than 1000 bytes/);

      // None of the failures was remembered as the version held: the next request is
      // conditional on the catalog actually imported.
      const asked = server.seen('/kev.json').map((r) => r.headers['if-none-match']);
      expect(asked.slice(1)).toEqual(Array<string>(asked.length - 1).fill('"kev-1"'));

      // A server that cannot be reached at all.
      await services.feedSync.setUrls({ kev: 'http://127.0.0.1:9/kev.json' });
      result = byFeed(await sync(['kev']));
      expect(result['kev']!.status).toBe('failed');
      expect(result['kev']!.reason).toMatch(/127\.0\.0\.1:9/);
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);
    });

    it('pages through the NVD changes, starts the next sync where the last ended, and resumes an interrupted one', async () => {
      await services.feedSync.setUrls({ nvd: server.url('/nvd') });
      let items = nvdItems(1, 5);
      let failFrom: number | null = null;
      server.route('/nvd', (request, res) => {
        if (failFrom !== null && Number(request.query.get('startIndex')) >= failFrom) {
          res.writeHead(503).end('busy');
          return;
        }
        serveNvd(res, request.query, items);
      });
      const time = fakeNvdTime();
      const tuning = { nvd: time.tuning };

      const first = byFeed(await sync(['nvd'], { tuning }));
      expect(first['nvd']).toMatchObject({ status: 'imported', records: 5, reason: null });
      expect(server.seen('/nvd').map((r) => r.query.get('startIndex'))).toEqual(['0', '2', '4']);
      const firstAsked = server.seen('/nvd')[0]!.query;
      expect(firstAsked.get('lastModStartDate')).toBe(nvdDate('2026-10-29T12:00:00.000Z'));
      expect(firstAsked.get('lastModEndDate')).toBe(nvdDate(NOW));
      expect(await count('advisories')).toBe(5);

      // A day later: the window starts where the last one ended.
      clock = new Date('2026-11-29T12:00:00.000Z');
      items = [];
      const second = byFeed(await sync(['nvd'], { tuning }));
      expect(second['nvd']).toMatchObject({ status: 'unchanged', records: 0 });
      const secondAsked = server.seen('/nvd')[3]!.query;
      expect(secondAsked.get('lastModStartDate')).toBe(nvdDate(NOW));
      expect(secondAsked.get('lastModEndDate')).toBe(nvdDate('2026-11-29T12:00:00.000Z'));

      // The third sync breaks on its second page, every attempt.
      clock = new Date('2026-11-30T12:00:00.000Z');
      items = nvdItems(101, 5);
      failFrom = 2;
      const before = server.requests.length;
      const third = byFeed(await sync(['nvd'], { tuning }));
      expect(third['nvd']!.status).toBe('failed');
      expect(third['nvd']!.reason).toMatch(/HTTP 503/);
      expect(server.requests.slice(before).map((r) => r.query.get('startIndex'))).toEqual([
        '0',
        '2',
        '2',
      ]);
      expect(await count('advisories')).toBe(7);
      expect(time.sleeps.length).toBeGreaterThan(0);

      // An hour later NVD answers again: the sync resumes at page 2 of the interrupted window,
      // then fetches what changed since that window's end.
      clock = new Date('2026-11-30T13:00:00.000Z');
      failFrom = null;
      const resumedAt = server.requests.length;
      const fourth = byFeed(await sync(['nvd'], { tuning }));
      expect(fourth['nvd']).toMatchObject({ status: 'imported', records: 3 });
      const resumed = server.requests.slice(resumedAt).map((r) => ({
        startIndex: r.query.get('startIndex'),
        from: r.query.get('lastModStartDate'),
        to: r.query.get('lastModEndDate'),
      }));
      const interrupted = {
        from: nvdDate('2026-11-29T12:00:00.000Z'),
        to: nvdDate('2026-11-30T12:00:00.000Z'),
      };
      expect(resumed.slice(0, 2)).toEqual([
        { startIndex: '2', ...interrupted },
        { startIndex: '4', ...interrupted },
      ]);
      expect(resumed[2]).toMatchObject({
        startIndex: '0',
        from: interrupted.to,
        to: nvdDate('2026-11-30T13:00:00.000Z'),
      });
      expect(await count('advisories')).toBe(10);

      // And the next sync starts from the resumed one's end.
      clock = new Date('2026-12-01T13:00:00.000Z');
      items = [];
      const last = server.requests.length;
      await sync(['nvd'], { tuning });
      expect(server.requests[last]!.query.get('lastModStartDate')).toBe(
        nvdDate('2026-11-30T13:00:00.000Z'),
      );
    });

    it('reads a CSAF provider: TLP:WHITE advisories checked by hash and signature, once each', async () => {
      const provider = await publishProvider(server, keys, [
        { name: 'tw-2099-001.json', text: PUMP_ADVISORY, updated: '2026-11-18T00:00:00Z' },
        { name: 'tw-vex-2099-002.json', text: PUMP_VEX, updated: '2026-11-19T00:00:00Z' },
      ]);
      await services.feedSync.setUrls({ csafProviders: [provider] });
      const progress: string[] = [];
      const first = byFeed(
        await sync(['csaf'], { onProgress: (message) => progress.push(message) }),
      );
      expect(first['csaf']).toMatchObject({ status: 'imported', records: 2, reason: null });
      const stored = await ctx.db
        .selectFrom('advisories')
        .select(['vuln_id', 'source'])
        .orderBy('vuln_id')
        .execute();
      expect(stored.map((a) => a.vuln_id)).toEqual(['CVE-2099-0003', 'CVE-2099-0004']);
      expect(server.seen('/csaf/key.asc')).toHaveLength(1);
      expect(server.seen('/csaf/white/2026/tw-2099-001.json.sha512')).toHaveLength(1);
      expect(server.seen('/csaf/white/2026/tw-2099-001.json.asc')).toHaveLength(1);
      // TLP:AMBER is for partners: never fetched.
      expect(server.seen('/csaf/amber/feed.json')).toHaveLength(0);
      expect(progress.join('\n')).not.toMatch(/rejected/);

      // Nothing new in the feed: nothing fetched but the index documents, nothing imported.
      const snapshots = await count('feed_snapshots');
      const second = byFeed(await sync(['csaf']));
      expect(second['csaf']).toMatchObject({ status: 'unchanged', records: 0 });
      expect(server.seen('/csaf/white/2026/tw-2099-001.json')).toHaveLength(1);
      expect(server.seen('/csaf/white/2026/tw-vex-2099-002.json')).toHaveLength(1);
      expect(server.seen('/csaf/white/feed.json')).toHaveLength(2);
      expect(await count('feed_snapshots')).toBe(snapshots);
    });

    it('rejects a CSAF advisory whose hash or signature does not match, keeps the rest, and tries it again', async () => {
      const provider = await publishProvider(server, keys, [
        {
          name: 'tw-2099-001.json',
          text: PUMP_ADVISORY,
          updated: '2026-11-18T00:00:00Z',
          hashOf: `${PUMP_ADVISORY} `,
        },
        { name: 'tw-vex-2099-002.json', text: PUMP_VEX, updated: '2026-11-19T00:00:00Z' },
      ]);
      await services.feedSync.setUrls({ csafProviders: [provider] });
      const progress: string[] = [];
      const first = byFeed(
        await sync(['csaf'], { onProgress: (message) => progress.push(message) }),
      );
      expect(first['csaf']!.status).toBe('imported');
      expect(first['csaf']!.reason).toMatch(/1 advisory rejected/);
      expect(progress.join('\n')).toMatch(/rejected .*tw-2099-001\.json: SHA-512/);
      const vulnIds = async () =>
        (await ctx.db.selectFrom('advisories').select('vuln_id').orderBy('vuln_id').execute()).map(
          (a) => a.vuln_id,
        );
      expect(await vulnIds()).toEqual(['CVE-2099-0003']);

      // The provider fixes its hash file: the advisory rejected earlier is fetched again although
      // a later entry was imported.
      await publishProvider(server, keys, [
        { name: 'tw-2099-001.json', text: PUMP_ADVISORY, updated: '2026-11-18T00:00:00Z' },
        { name: 'tw-vex-2099-002.json', text: PUMP_VEX, updated: '2026-11-19T00:00:00Z' },
      ]);
      const second = byFeed(await sync(['csaf']));
      expect(second['csaf']).toMatchObject({ status: 'imported', reason: null });
      expect(await vulnIds()).toEqual(['CVE-2099-0003', 'CVE-2099-0004']);
      expect(server.seen('/csaf/white/2026/tw-vex-2099-002.json')).toHaveLength(1);

      // Signed by a key the provider does not name: rejected.
      await publishProvider(server, keys, [
        {
          name: 'tw-2099-009.json',
          text: PUMP_ADVISORY.replace('TW-2099-001', 'TW-2099-009'),
          updated: '2026-11-21T00:00:00Z',
          signWith: keys.other.privateKey,
        },
      ]);
      progress.length = 0;
      const third = byFeed(
        await sync(['csaf'], { onProgress: (message) => progress.push(message) }),
      );
      expect(third['csaf']!.reason).toMatch(/1 advisory rejected/);
      expect(progress.join('\n')).toMatch(/rejected .*tw-2099-009\.json: OpenPGP signature/);
    });

    it('refuses an unsigned advisory from a provider that signs', async () => {
      const provider = await publishProvider(server, keys, [
        { name: 'tw-2099-001.json', text: PUMP_ADVISORY, updated: '2026-11-18T00:00:00Z' },
      ]);
      // The same feed with the signature link stripped from the entry.
      const feed = JSON.parse(await (await fetch(server.url('/csaf/white/feed.json'))).text()) as {
        feed: { entry: { link: { rel: string }[] }[] };
      };
      for (const entry of feed.feed.entry) {
        entry.link = entry.link.filter((link) => link.rel !== 'signature');
      }
      server.file('/csaf/white/feed.json', { body: JSON.stringify(feed) });
      await services.feedSync.setUrls({ csafProviders: [provider] });
      const progress: string[] = [];
      const result = byFeed(
        await sync(['csaf'], { onProgress: (message) => progress.push(message) }),
      );
      expect(result['csaf']).toMatchObject({ status: 'unchanged', records: 0 });
      expect(result['csaf']!.reason).toMatch(/1 advisory rejected/);
      expect(progress.join('\n')).toMatch(/no signature/);
      expect(server.seen('/csaf/white/2026/tw-2099-001.json')).toHaveLength(0);
      expect(await count('advisories')).toBe(0);
    });

    it('stops at once when cancelled, leaving the catalog as it was', async () => {
      await useKevAndEpss();
      await sync(['kev']);
      const controller = new AbortController();
      server.route('/kev.json', () => {
        // Never answers; the sync is cancelled while it waits.
        controller.abort();
      });
      await expect(sync(['kev', 'epss'], { signal: controller.signal })).rejects.toThrow();
      expect(server.seen('/epss.csv.gz')).toHaveLength(0);
      expect(await kevIds()).toEqual(['CVE-2099-0001', 'CVE-2099-0002']);
    });

    it('keeps the URL overrides it is not given, and refuses what is not http(s)', async () => {
      await services.feedSync.setUrls({ kev: server.url('/kev.json') });
      const urls = await services.feedSync.setUrls({ nvd: server.url('/nvd') });
      expect(urls.kev).toBe(server.url('/kev.json'));
      expect(urls.nvd).toBe(server.url('/nvd'));
      expect(urls.epss).toMatch(/^https:\/\/epss\./);
      await expect(
        services.feedSync.setUrls({ csafProviders: ['file:///etc/passwd'] }),
      ).rejects.toMatchObject({ code: 'WL_REQUEST_INVALID' });
      await expect(sync(['kev', 'bogus'])).rejects.toMatchObject({ code: 'WL_CLI_USAGE' });
    });

    it('refuses a provider whose key is not the one its metadata names, and goes on with the next', async () => {
      const provider = await publishProvider(
        server,
        keys,
        [{ name: 'tw-2099-001.json', text: PUMP_ADVISORY, updated: '2026-11-18T00:00:00Z' }],
        { fingerprint: keys.other.fingerprint },
      );
      await services.feedSync.setUrls({
        csafProviders: [provider, server.url('/missing/provider-metadata.json')],
      });
      const result = byFeed(await sync(['csaf']));
      expect(result['csaf']!.status).toBe('failed');
      expect(result['csaf']!.reason).toMatch(/fingerprint/);
      expect(result['csaf']!.reason).toMatch(/HTTP 404/);
      expect(server.seen('/csaf/white/2026/tw-2099-001.json')).toHaveLength(0);
      expect(await count('advisories')).toBe(0);
    });

    it('turns what a sync brought into findings on a matching device', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'wardline-sync-'));
      try {
        const site = await services.inventory.createSite(ACTOR, { code: 'MAIN', name: 'Main' });
        await services.inventory.createZone(ACTOR, {
          siteId: site.id,
          name: 'Infusion',
          kind: 'clinical-device',
          cidrs: ['10.40.0.0/24'],
          vlan: 40,
          description: null,
        });
        await writeFile(join(dir, 'cmms.csv'), flowsureCmms('1.5'));
        await services.imports.run(ACTOR, {
          kind: 'inventory',
          path: join(dir, 'cmms.csv'),
          fileName: 'cmms.csv',
        });
        await writeFile(join(dir, 'flowsure.cdx.json'), FLOWSURE_SBOM);
        await services.imports.run(ACTOR, {
          kind: 'sbom',
          path: join(dir, 'flowsure.cdx.json'),
          fileName: 'flowsure.cdx.json',
          options: { vendor: 'Tidewell Medical', model: 'FlowSure 300' },
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }

      await useKevAndEpss();
      const openssl = (
        JSON.parse(
          nvdPage([
            {
              id: 'CVE-2099-0001',
              description: 'OpenSSL before 1.1.1 lets a remote attacker run code.',
              vector: CRITICAL,
              score: 9.8,
              cpeMatch: [
                {
                  criteria: 'cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*',
                  versionEndExcluding: '1.1.1',
                },
              ],
            },
          ]),
        ) as { vulnerabilities: unknown[] }
      ).vulnerabilities;
      server.route('/nvd', (request, res) => {
        serveNvd(res, request.query, openssl);
      });
      const provider = await publishProvider(server, keys, [
        { name: 'tw-2099-001.json', text: PUMP_ADVISORY, updated: '2026-11-18T00:00:00Z' },
        { name: 'tw-vex-2099-002.json', text: PUMP_VEX, updated: '2026-11-19T00:00:00Z' },
      ]);
      await services.feedSync.setUrls({ nvd: server.url('/nvd'), csafProviders: [provider] });

      const summary = await services.feedSync.sync(ACTOR, {
        only: null,
        nvdApiKey: null,
        tuning: { nvd: fakeNvdTime().tuning },
      });
      expect(summary.feeds.map((f) => [f.feed, f.status])).toEqual([
        ['kev', 'imported'],
        ['epss', 'imported'],
        ['nvd', 'imported'],
        ['csaf', 'imported'],
      ]);

      const page = await services.vuln.listFindings({ q: 'PUMP-4W-01', limit: 100 });
      const found = new Map(page.items.map((f) => [f.vulnId, f]));
      expect(found.get('CVE-2099-0001')).toMatchObject({
        status: 'open',
        matchKind: 'cpe-range',
        kev: true,
        epss: 0.93,
      });
      expect(found.get('CVE-2099-0004')).toMatchObject({ status: 'open' });
      expect(found.get('CVE-2099-0004')!.matchKind).toMatch(/^device-/);
    });
  },
  { resetBeforeEach: true },
);

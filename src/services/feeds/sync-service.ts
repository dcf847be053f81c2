/**
 * `feeds sync`: fetch the feeds online and import each through the feed service, so a fetched
 * file and a bundled file land the same way. KEV and EPSS are fetched conditionally (unchanged →
 * nothing imported); the NVD is asked for records modified since the last sync, page by page, and
 * the cursor is saved after each page so an interrupted sync resumes where it stopped; CSAF
 * providers are read through their provider metadata and ROLIE feeds, each advisory checked against
 * its SHA-512 file and, when the provider publishes keys, its OpenPGP signature.
 */
import type { Kysely } from 'kysely';
import { WardlineError } from '../../domain/errors.js';
import { parseProviderMetadata, parseRolieFeed } from '../../formats/csaf/index.js';
import type { Database } from '../../store/schema.js';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Job } from '../../domain/job.js';
import type { Actor, ServiceContext } from '../context.js';
import type { JobService } from '../job-service.js';
import type { FeedFileResult, FeedService } from './feed-service.js';
import { fetchBytes, fetchConditional } from './http-fetch.js';
import { syncNvd } from './sync-nvd.js';
import { checkDownloaded } from './verify-files.js';

export const SYNC_FEEDS = ['kev', 'epss', 'nvd', 'csaf'] as const;
export type SyncFeed = (typeof SYNC_FEEDS)[number];

/** Where each feed is fetched from; a hospital behind a mirror overrides them in settings. */
export interface FeedUrls {
  readonly kev: string;
  readonly epss: string;
  readonly nvd: string;
  readonly csafProviders: readonly string[];
}

export const DEFAULT_FEED_URLS: FeedUrls = {
  kev: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
  epss: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz',
  nvd: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
  csafProviders: ['https://www.cisa.gov/.well-known/csaf/provider-metadata.json'],
};

const URLS_KEY = 'feeds.urls';
const CSAF_SEEN_KEY = 'feeds.csaf.last-updated';
const MAX_FEED_BYTES = 256 * 1024 * 1024;
const MAX_ADVISORY_BYTES = 32 * 1024 * 1024;
/** At most this many CSAF advisories per provider per sync; the rest come next time. */
const MAX_CSAF_PER_SYNC = 2000;

export interface SyncRequest {
  readonly only: readonly string[] | null;
  readonly nvdApiKey: string | null;
  readonly onProgress?: (message: string) => void;
  readonly signal?: AbortSignal;
}

export interface SyncFeedResult {
  readonly feed: SyncFeed;
  readonly status: 'imported' | 'unchanged' | 'failed';
  readonly records: number;
  readonly reason: string | null;
}

export interface SyncSummary {
  readonly feeds: readonly SyncFeedResult[];
}

export type SyncService = ReturnType<typeof createSyncService>;

export async function feedUrls(db: Kysely<Database>): Promise<FeedUrls> {
  const stored = await getSetting(db, URLS_KEY);
  if (stored === undefined || stored === null || typeof stored !== 'object')
    return DEFAULT_FEED_URLS;
  return { ...DEFAULT_FEED_URLS, ...(stored as Partial<FeedUrls>) };
}

export function createSyncService(ctx: ServiceContext, feeds: FeedService, jobs: JobService) {
  const { db, clock } = ctx;
  const now = () => clock();

  async function syncWhole(
    actor: Actor,
    feed: 'kev' | 'epss',
    url: string,
    request: SyncRequest,
  ): Promise<SyncFeedResult> {
    const fetched = await fetchConditional(db, url, {
      maxBytes: MAX_FEED_BYTES,
      now,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    if (fetched.status === 'unchanged')
      return { feed, status: 'unchanged', records: 0, reason: null };
    const name =
      feed === 'kev' ? 'known_exploited_vulnerabilities.json' : 'epss_scores-current.csv.gz';
    const result = await feeds.importReading(actor, name, fetched.bytes);
    await fetched.commit();
    return fromFile(feed, result);
  }

  async function syncCsafProvider(
    actor: Actor,
    metadataUrl: string,
    request: SyncRequest,
  ): Promise<number> {
    const metadata = parseProviderMetadata(
      (await fetchBytes(metadataUrl, 4 * 1024 * 1024, request.signal)).toString('utf8'),
    );
    const keys: string[] = [];
    for (const key of metadata.publicKeys) {
      keys.push((await fetchBytes(key.url, 1024 * 1024, request.signal)).toString('utf8'));
    }
    const seen = ((await getSetting(db, CSAF_SEEN_KEY)) ?? {}) as Record<string, string>;
    let imported = 0;
    for (const rolie of metadata.feeds) {
      if (!/^(WHITE|CLEAR)$/i.test(rolie.tlpLabel ?? '')) continue;
      const feed = parseRolieFeed(
        (await fetchBytes(rolie.url, MAX_FEED_BYTES, request.signal)).toString('utf8'),
      );
      const since = seen[rolie.url] ?? '';
      const fresh = feed.entries
        .filter((entry) => (entry.updated ?? '') > since && entry.contentUrl !== null)
        .sort((a, b) => (a.updated ?? '').localeCompare(b.updated ?? ''))
        .slice(0, MAX_CSAF_PER_SYNC);
      for (const entry of fresh) {
        const url = entry.contentUrl as string;
        const bytes = await fetchBytes(url, MAX_ADVISORY_BYTES, request.signal);
        const hash =
          entry.hashUrl === null
            ? null
            : (await fetchBytes(entry.hashUrl, 4096, request.signal)).toString('utf8');
        const signature =
          entry.signatureUrl === null || keys.length === 0
            ? null
            : (await fetchBytes(entry.signatureUrl, 64 * 1024, request.signal)).toString('utf8');
        const rejection = await checkDownloaded(bytes, { sha512: hash, signature, keys });
        if (rejection !== null) {
          request.onProgress?.(`csaf  rejected ${url}: ${rejection}`);
          continue;
        }
        const result = await feeds.importReading(actor, url, bytes);
        if (result.status === 'imported') imported += result.records;
        seen[rolie.url] = entry.updated ?? since;
        await setSetting(db, CSAF_SEEN_KEY, seen, clock().toISOString());
      }
    }
    return imported;
  }

  async function guarded(
    feed: SyncFeed,
    work: () => Promise<SyncFeedResult>,
  ): Promise<SyncFeedResult> {
    try {
      return await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { feed, status: 'failed', records: 0, reason };
    }
  }

  return {
    /** Fetches each feed in turn; one failing feed does not stop the others. */
    async sync(actor: Actor, request: SyncRequest): Promise<SyncSummary> {
      const wanted = request.only ?? SYNC_FEEDS;
      for (const name of wanted) {
        if (!(SYNC_FEEDS as readonly string[]).includes(name)) {
          throw new WardlineError(
            'WL_CLI_USAGE',
            `Unknown feed ${name}; use ${SYNC_FEEDS.join(', ')}.`,
          );
        }
      }
      const urls = await feedUrls(db);
      const results: SyncFeedResult[] = [];
      const progress = (message: string) => request.onProgress?.(message);
      if (wanted.includes('kev')) {
        progress('kev   fetching');
        results.push(await guarded('kev', () => syncWhole(actor, 'kev', urls.kev, request)));
      }
      if (wanted.includes('epss')) {
        progress('epss  fetching');
        results.push(await guarded('epss', () => syncWhole(actor, 'epss', urls.epss, request)));
      }
      if (wanted.includes('nvd')) {
        progress('nvd   fetching changes');
        results.push(
          await guarded('nvd', async () => {
            const records = await syncNvd(ctx, feeds, actor, urls.nvd, request);
            return {
              feed: 'nvd',
              status: records > 0 ? 'imported' : 'unchanged',
              records,
              reason: null,
            };
          }),
        );
      }
      if (wanted.includes('csaf')) {
        progress('csaf  reading providers');
        results.push(
          await guarded('csaf', async () => {
            let records = 0;
            for (const provider of urls.csafProviders) {
              records += await syncCsafProvider(actor, provider, request);
            }
            return {
              feed: 'csaf',
              status: records > 0 ? 'imported' : 'unchanged',
              records,
              reason: null,
            };
          }),
        );
      }
      return { feeds: results };
    },

    /** Starts the sync as a background job (the API; the UI follows the job). */
    start(actor: Actor, request: Omit<SyncRequest, 'signal' | 'onProgress'>): Promise<Job> {
      return jobs.start({ kind: 'feeds.sync', actor, message: 'Syncing feeds' }, (handle) =>
        this.sync(actor, {
          ...request,
          signal: handle.signal,
          onProgress: (message) => {
            handle.progress(0, message);
          },
        }),
      );
    },

    urls: () => feedUrls(db),
    setUrls: (urls: Partial<FeedUrls>) => setSetting(db, URLS_KEY, urls, clock().toISOString()),
  };
}

function fromFile(feed: SyncFeed, result: FeedFileResult): SyncFeedResult {
  switch (result.status) {
    case 'imported':
      return { feed, status: 'imported', records: result.records, reason: null };
    case 'duplicate':
      return { feed, status: 'unchanged', records: 0, reason: null };
    case 'rejected':
    case 'skipped':
      return { feed, status: 'failed', records: 0, reason: result.reason };
  }
}

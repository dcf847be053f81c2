/**
 * `feeds sync`: fetch the feeds online and import each through the feed service, so a fetched
 * file and a bundled file land the same way. KEV and EPSS are fetched conditionally (unchanged →
 * nothing imported); a catalog that did not arrive whole is refused before it could replace the
 * one in force, and its validators are not kept, so the next sync fetches it again. The NVD is
 * asked for records modified since the last sync, page by page, with a resumable cursor
 * (`sync-nvd.ts`); CSAF providers are read through their provider metadata and ROLIE feeds, each
 * advisory checked against its SHA-512 file and its provider's OpenPGP signature (`sync-csaf.ts`).
 * One failing feed does not stop the others; a cancellation stops the sync.
 */
import type { Kysely } from 'kysely';
import { WardlineError } from '../../domain/errors.js';
import type { Database } from '../../store/schema.js';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Job } from '../../domain/job.js';
import type { Actor, ServiceContext } from '../context.js';
import type { JobService } from '../job-service.js';
import { FEED_READERS } from './feed-readers.js';
import { recordCount } from './feed-reading.js';
import type { FeedFileResult, FeedService } from './feed-service.js';
import { fetchConditional } from './http-fetch.js';
import { syncCsafProviders, type CsafTally } from './sync-csaf.js';
import { syncNvd, type NvdClientTuning } from './sync-nvd.js';

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
const MAX_FEED_BYTES = 256 * 1024 * 1024;

/**
 * Read errors that mean a whole-catalog file (KEV, EPSS) did not arrive whole: stored, it would
 * replace the catalog in force with part of one.
 */
const INCOMPLETE_CATALOG = new Set([
  'WL_KEV_JSON_MALFORMED',
  'WL_KEV_TRUNCATED',
  'WL_KEV_CATALOG_INVALID',
  'WL_EPSS_GZIP_CORRUPT',
  'WL_EPSS_HEADER_INVALID',
]);

/** Knobs for tests (and a slow mirror); production leaves them out. */
export interface SyncTuning {
  /** The largest KEV, EPSS or ROLIE feed body accepted; default 256 MiB. */
  readonly maxFeedBytes?: number;
  /** The NVD client's clock, sleep, jitter and attempts per request. */
  readonly nvd?: NvdClientTuning;
}

export interface SyncRequest {
  readonly only: readonly string[] | null;
  readonly nvdApiKey: string | null;
  readonly onProgress?: (message: string) => void;
  readonly signal?: AbortSignal;
  readonly tuning?: SyncTuning;
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

  /**
   * Reads a KEV or EPSS body before it is stored, and refuses one that did not arrive whole (or
   * holds nothing readable): it would replace the catalog in force. Null when it may be stored.
   */
  async function incomplete(feed: 'kev' | 'epss', name: string, bytes: Buffer) {
    const reading = await FEED_READERS[feed](bytes, { source: name });
    const errors = reading.diagnostics.filter((d) => d.severity === 'error');
    const fatal = errors.find((d) => INCOMPLETE_CATALOG.has(d.code)) ?? errors[0];
    if (fatal === undefined) return null;
    return recordCount(reading) === 0 || INCOMPLETE_CATALOG.has(fatal.code)
      ? `${fatal.code}: ${fatal.message}`
      : null;
  }

  async function syncWhole(
    actor: Actor,
    feed: 'kev' | 'epss',
    url: string,
    request: SyncRequest,
  ): Promise<SyncFeedResult> {
    const fetched = await fetchConditional(db, url, {
      maxBytes: request.tuning?.maxFeedBytes ?? MAX_FEED_BYTES,
      now,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    if (fetched.status === 'unchanged')
      return { feed, status: 'unchanged', records: 0, reason: null };
    const name =
      feed === 'kev' ? 'known_exploited_vulnerabilities.json' : 'epss_scores-current.csv.gz';
    const refused = await incomplete(feed, name, fetched.bytes);
    if (refused !== null) return { feed, status: 'failed', records: 0, reason: refused };
    const result = await feeds.importReading(actor, name, fetched.bytes);
    // The validators are kept only for a body that is now in the store: a refused one is
    // fetched whole again next time instead of being answered 304.
    if (result.status === 'imported' || result.status === 'duplicate') await fetched.commit();
    return fromFile(feed, result);
  }

  async function syncCsaf(actor: Actor, providers: readonly string[], request: SyncRequest) {
    const tally = await syncCsafProviders(providers, {
      db,
      clock,
      feeds,
      actor,
      maxFeedBytes: request.tuning?.maxFeedBytes ?? MAX_FEED_BYTES,
      ...(request.signal ? { signal: request.signal } : {}),
      progress: (message) => request.onProgress?.(message),
    });
    return fromCsaf(tally, providers.length);
  }

  /** Runs one feed's sync; its failure becomes its result, a cancellation ends the whole sync. */
  async function guarded(
    feed: SyncFeed,
    work: () => Promise<SyncFeedResult>,
    signal: AbortSignal | undefined,
  ): Promise<SyncFeedResult> {
    try {
      return await work();
    } catch (error) {
      if (signal?.aborted === true) throw error;
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
        results.push(
          await guarded('kev', () => syncWhole(actor, 'kev', urls.kev, request), request.signal),
        );
      }
      if (wanted.includes('epss')) {
        progress('epss  fetching');
        results.push(
          await guarded('epss', () => syncWhole(actor, 'epss', urls.epss, request), request.signal),
        );
      }
      if (wanted.includes('nvd')) {
        progress('nvd   fetching changes');
        results.push(
          await guarded(
            'nvd',
            async () => {
              const records = await syncNvd(ctx, feeds, actor, urls.nvd, {
                nvdApiKey: request.nvdApiKey,
                ...(request.signal ? { signal: request.signal } : {}),
                ...(request.tuning?.nvd ? { tuning: request.tuning.nvd } : {}),
              });
              return {
                feed: 'nvd',
                status: records > 0 ? 'imported' : 'unchanged',
                records,
                reason: null,
              };
            },
            request.signal,
          ),
        );
      }
      if (wanted.includes('csaf')) {
        progress('csaf  reading providers');
        results.push(
          await guarded('csaf', () => syncCsaf(actor, urls.csafProviders, request), request.signal),
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
    /** Overrides some feed URLs, keeping the other overrides; returns the URLs now in force. */
    async setUrls(urls: Partial<FeedUrls>): Promise<FeedUrls> {
      const given = [urls.kev, urls.epss, urls.nvd, ...(urls.csafProviders ?? [])];
      for (const url of given) {
        if (url !== undefined && !/^https?:\/\/[^\s]+$/i.test(url)) {
          throw new WardlineError('WL_REQUEST_INVALID', `${url} is not an http(s) URL.`);
        }
      }
      const stored = await getSetting(db, URLS_KEY);
      const current =
        stored !== null && typeof stored === 'object' ? (stored as Partial<FeedUrls>) : {};
      await setSetting(db, URLS_KEY, { ...current, ...urls }, clock().toISOString());
      return feedUrls(db);
    },
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

/**
 * The CSAF result: failed when every provider failed; otherwise imported or unchanged, with what
 * went wrong (rejected or unfetched advisories, failed providers) as the reason.
 */
function fromCsaf(tally: CsafTally, providers: number): SyncFeedResult {
  const problems: string[] = [];
  const plural = (n: number) => `${String(n)} ${n === 1 ? 'advisory' : 'advisories'}`;
  if (tally.rejected > 0) problems.push(`${plural(tally.rejected)} rejected`);
  if (tally.failed > 0) problems.push(`${plural(tally.failed)} could not be fetched`);
  problems.push(...tally.providerFailures);
  const reason = problems.length === 0 ? null : problems.join('; ');
  if (providers > 0 && tally.providerFailures.length === providers) {
    return { feed: 'csaf', status: 'failed', records: 0, reason };
  }
  const status = tally.records > 0 ? 'imported' : 'unchanged';
  return { feed: 'csaf', status, records: tally.records, reason };
}

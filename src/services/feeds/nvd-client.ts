/**
 * An online client for the NVD CVE API 2.0 (https://nvd.nist.gov/developers/vulnerabilities):
 * every CVE modified in a date range, page by page.
 *
 * - Date windows: NVD refuses a `lastModStartDate`/`lastModEndDate` range over 120 days, so the
 *   range is cut into consecutive windows of at most 120 days.
 * - Pages: `startIndex` steps through each window until `totalResults` (read from each page, since
 *   it can grow while paging).
 * - Rate: NVD allows 5 requests per rolling 30 s without an API key and 50 with one; a token bucket
 *   of that size, refilled continuously, spaces the requests (retries included).
 * - Retries: 403 and 429 (NVD answers 403 when rate-limited), 5xx, network errors and unreadable
 *   bodies are retried with exponential backoff and jitter, honouring `Retry-After`, up to
 *   `maxAttempts`. Other statuses fail at once. NVD supports no conditional requests, so none are
 *   sent.
 * - Resume: each page comes with the cursor to resume from once it is stored; passing that cursor
 *   as `resumeFrom` continues with the next page.
 *
 * @example
 * ```ts
 * await fetchNvdChanges({
 *   baseUrl: 'https://services.nvd.nist.gov/rest/json/cves/2.0',
 *   lastModStartDate: '2025-01-01T00:00:00.000Z',
 *   lastModEndDate: '2025-03-01T00:00:00.000Z',
 *   onPage: async (page, cursor) => { await store(page.advisories); await saveCursor(cursor); },
 * });
 * ```
 */
import { WardlineError } from '../../domain/errors.js';
import { parseNvdPage, type NvdPage } from '../../formats/cve/index.js';

/** Where a fetch stands: a date window and the index of the next result in it. */
export interface NvdCursor {
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly startIndex: number;
}

/** One page as fetched: the raw body (for archiving or re-import) and what it says. */
export interface NvdFetchedPage extends NvdPage {
  readonly body: Uint8Array;
  /** The cursor of the request that fetched this page. */
  readonly requested: NvdCursor;
}

export interface FetchNvdChangesOptions {
  /** The CVE API endpoint, `https://services.nvd.nist.gov/rest/json/cves/2.0`. */
  readonly baseUrl: string;
  /** Sent as the `apiKey` header; raises the rate limit from 5 to 50 requests per 30 s. */
  readonly apiKey?: string;
  readonly lastModStartDate: string | Date;
  readonly lastModEndDate: string | Date;
  /** At most 2 000 (NVD's maximum), the default. */
  readonly resultsPerPage?: number;
  readonly signal?: AbortSignal;
  /** Called once per page, in order; `cursor` is where to resume once the page is stored. */
  readonly onPage: (page: NvdFetchedPage, cursor: NvdCursor) => Promise<void> | void;
  /** A cursor an earlier `onPage` received: fetching continues from there. */
  readonly resumeFrom?: NvdCursor;
  /** Waits `ms`; tests pass a fake that advances their clock. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  readonly now?: () => number;
  /** In [0, 1), for the backoff jitter. */
  readonly random?: () => number;
  /** Attempts per request before giving up (default 6). */
  readonly maxAttempts?: number;
}

/** What a finished fetch did. */
export interface NvdFetchSummary {
  readonly windows: number;
  readonly pages: number;
  readonly advisories: number;
  readonly requests: number;
}

/** NVD's limit on one `lastMod` range. */
export const NVD_MAX_WINDOW_DAYS = 120;
export const NVD_MAX_RESULTS_PER_PAGE = 2000;
/** Requests per rolling window, without and with an API key (NVD's published limits). */
export const NVD_RATE_WITHOUT_KEY = 5;
export const NVD_RATE_WITH_KEY = 50;
export const NVD_RATE_WINDOW_MS = 30_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 120_000;
const RETRY_AFTER_MAX_MS = 600_000;
const DAY_MS = 86_400_000;

/** A token bucket: `capacity` requests per `windowMs`, refilled continuously. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** Waits until a request may go out, and takes its token. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(
        this.capacity,
        this.tokens + ((now - this.last) * this.capacity) / this.windowMs,
      );
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) * this.windowMs) / this.capacity), signal);
    }
  }
}

/** The date windows of at most 120 days that cover [start, end]. */
export function nvdWindows(start: Date, end: Date): { start: Date; end: Date }[] {
  const windows: { start: Date; end: Date }[] = [];
  for (let from = start.getTime(); from < end.getTime(); from += NVD_MAX_WINDOW_DAYS * DAY_MS) {
    windows.push({
      start: new Date(from),
      end: new Date(Math.min(from + NVD_MAX_WINDOW_DAYS * DAY_MS, end.getTime())),
    });
  }
  return windows;
}

/**
 * Fetches every CVE modified between the two dates, handing each page to `onPage`. Throws
 * `WardlineError('WL_JOB_CANCELLED')` when `signal` aborts, `WL_RATE_LIMITED` when NVD still
 * refuses after every attempt, and `WL_INTERNAL` for any other failure.
 */
export async function fetchNvdChanges(options: FetchNvdChangesOptions): Promise<NvdFetchSummary> {
  const client = new NvdClient(options);
  const start = dateOf(
    options.resumeFrom?.windowStart ?? options.lastModStartDate,
    'lastModStartDate',
  );
  const end = dateOf(options.lastModEndDate, 'lastModEndDate');
  const windows = nvdWindows(start, end);
  let first = options.resumeFrom?.startIndex ?? 0;
  for (const window of windows) {
    await client.fetchWindow(window.start.toISOString(), window.end.toISOString(), first);
    first = 0;
  }
  return { windows: windows.length, ...client.counts };
}

class NvdClient {
  readonly counts = { pages: 0, advisories: 0, requests: 0 };
  private readonly bucket: TokenBucket;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly perPage: number;

  constructor(private readonly options: FetchNvdChangesOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    const limit = options.apiKey === undefined ? NVD_RATE_WITHOUT_KEY : NVD_RATE_WITH_KEY;
    this.bucket = new TokenBucket(limit, NVD_RATE_WINDOW_MS, options.now ?? Date.now, this.sleep);
    this.perPage = Math.max(
      1,
      Math.min(
        NVD_MAX_RESULTS_PER_PAGE,
        Math.trunc(options.resultsPerPage ?? NVD_MAX_RESULTS_PER_PAGE),
      ),
    );
  }

  async fetchWindow(windowStart: string, windowEnd: string, firstIndex: number): Promise<void> {
    let startIndex = firstIndex;
    for (;;) {
      const requested: NvdCursor = { windowStart, windowEnd, startIndex };
      const page = await this.fetchPage(requested);
      const step = page.itemsRead;
      const total = page.totalResults ?? startIndex + step;
      startIndex += step;
      this.counts.pages += 1;
      this.counts.advisories += page.advisories.length;
      await this.options.onPage(page, { windowStart, windowEnd, startIndex });
      // An empty page before the end would loop for ever; NVD then has nothing more to give.
      if (step === 0 || startIndex >= total) return;
    }
  }

  private async fetchPage(cursor: NvdCursor): Promise<NvdFetchedPage> {
    const url = this.urlOf(cursor);
    const attempts = Math.max(1, this.options.maxAttempts ?? 6);
    let last: Failure = {
      retry: true,
      status: null,
      retryAfterMs: null,
      message: 'no attempt made',
    };
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      this.checkAborted();
      await this.bucket.take(this.options.signal);
      this.counts.requests += 1;
      const outcome = await this.attempt(url, cursor);
      if ('body' in outcome) return outcome;
      last = outcome;
      if (!outcome.retry || attempt === attempts) break;
      await this.sleep(this.backoff(attempt, outcome.retryAfterMs), this.options.signal);
    }
    throw new WardlineError(
      last.status === 429 || last.status === 403 ? 'WL_RATE_LIMITED' : 'WL_INTERNAL',
      `The NVD API request failed: ${last.message}.`,
      {
        details: {
          status: last.status,
          startIndex: cursor.startIndex,
          windowStart: cursor.windowStart,
        },
      },
    );
  }

  private async attempt(url: URL, cursor: NvdCursor): Promise<NvdFetchedPage | Failure> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: this.headers(),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
    } catch (thrown) {
      this.checkAborted();
      return {
        retry: true,
        status: null,
        retryAfterMs: null,
        message: `network error (${messageOf(thrown)})`,
      };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      const retry = response.status === 403 || response.status === 429 || response.status >= 500;
      return {
        retry,
        status: response.status,
        retryAfterMs: retryAfterMs(
          response.headers.get('retry-after'),
          this.options.now ?? Date.now,
        ),
        message: `HTTP ${response.status}`,
      };
    }
    try {
      const body = new Uint8Array(await response.arrayBuffer());
      const page = await parseNvdPage(once(body), {
        source: `${url.origin}${url.pathname}?startIndex=${cursor.startIndex}`,
      });
      return { ...page, body, requested: cursor };
    } catch (thrown) {
      this.checkAborted();
      return {
        retry: true,
        status: 200,
        retryAfterMs: null,
        message: `unreadable page (${messageOf(thrown)})`,
      };
    }
  }

  private urlOf(cursor: NvdCursor): URL {
    const url = new URL(this.options.baseUrl);
    url.searchParams.set('lastModStartDate', nvdDate(cursor.windowStart));
    url.searchParams.set('lastModEndDate', nvdDate(cursor.windowEnd));
    url.searchParams.set('resultsPerPage', String(this.perPage));
    url.searchParams.set('startIndex', String(cursor.startIndex));
    return url;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.apiKey !== undefined) headers['apiKey'] = this.options.apiKey;
    return headers;
  }

  /** Exponential backoff with jitter (half to full), or what `Retry-After` asked for. */
  private backoff(attempt: number, retryAfter: number | null): number {
    if (retryAfter !== null) return retryAfter;
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + this.random() / 2));
  }

  private checkAborted(): void {
    if (this.options.signal?.aborted === true) {
      throw new WardlineError('WL_JOB_CANCELLED', 'The NVD fetch was cancelled.');
    }
  }
}

interface Failure {
  readonly retry: boolean;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly message: string;
}

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), capped; null when absent. */
export function retryAfterMs(header: string | null, now: () => number): number | null {
  if (header === null) return null;
  const text = header.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now();
  return Number.isFinite(ms) ? Math.min(RETRY_AFTER_MAX_MS, Math.max(0, ms)) : null;
}

/** NVD wants extended ISO 8601 with an offset: `2025-01-01T00:00:00.000+00:00`. */
function nvdDate(iso: string): string {
  return new Date(iso).toISOString().replace(/Z$/, '+00:00');
}

function dateOf(value: string | Date, name: string): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new WardlineError('WL_INTERNAL', `\`${name}\` is not a date.`, {
      details: { value: String(value) },
    });
  }
  return date;
}

// The body is held anyway (callers archive it), so the parser reads it as one chunk.
async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  await Promise.resolve();
  yield bytes;
}

function messageOf(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Fetching feed files over HTTPS with conditional requests: the ETag and Last-Modified of each URL
 * are remembered, so a feed that has not changed since the last sync costs one 304 and no import.
 * Bodies are capped; a larger body is refused rather than read into memory.
 */
import type { Kysely } from 'kysely';
import { WardlineError } from '../../domain/errors.js';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Database } from '../../store/schema.js';

const CACHE_KEY = 'feeds.http-validators';
const USER_AGENT = 'Wardline feed sync';
/** A feed server that neither answers nor fails within this long is given up on. */
const REQUEST_TIMEOUT_MS = 120_000;

function withTimeout(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  return signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
}
const MAX_VALIDATORS = 5000;

interface Validators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export type Fetched =
  | { readonly status: 'unchanged' }
  | { readonly status: 'fetched'; readonly bytes: Buffer; readonly commit: () => Promise<void> };

async function loadValidators(db: Kysely<Database>): Promise<Record<string, Validators>> {
  const stored = await getSetting(db, CACHE_KEY);
  return stored !== null && typeof stored === 'object'
    ? (stored as Record<string, Validators>)
    : {};
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await discard(response);
    throw new WardlineError(
      'WL_FEED_UNAVAILABLE',
      `${url} is larger than ${String(maxBytes)} bytes.`,
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  if (response.body === null) return Buffer.alloc(0);
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      throw new WardlineError(
        'WL_FEED_UNAVAILABLE',
        `${url} is larger than ${String(maxBytes)} bytes.`,
      );
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/** Lets go of a body not read, so the connection is freed now rather than at collection. */
async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * `fetch`, with a network failure said in words that name the URL and the cause ("fetch failed"
 * alone tells a hospital's administrator nothing); a cancellation is passed on as it is.
 */
async function get(url: string, init: RequestInit, signal: AbortSignal | undefined) {
  try {
    return await fetch(url, { ...init, signal: withTimeout(signal) });
  } catch (thrown) {
    if (signal?.aborted === true) throw thrown;
    throw new WardlineError(
      'WL_FEED_UNAVAILABLE',
      `${url} could not be reached: ${causeOf(thrown)}.`,
    );
  }
}

function causeOf(thrown: unknown): string {
  if (!(thrown instanceof Error)) return String(thrown);
  const cause: unknown = thrown.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${cause.message})` : cause.message;
  }
  return thrown.name === 'TimeoutError' ? 'no answer in time' : thrown.message;
}

async function failUnlessOk(response: Response, url: string): Promise<void> {
  if (response.ok) return;
  await discard(response);
  throw new WardlineError(
    'WL_FEED_UNAVAILABLE',
    `${url} answered HTTP ${String(response.status)}.`,
  );
}

/**
 * GETs `url`, conditionally when it was fetched before. The validators are saved only when the
 * caller commits, after the body was imported: a failed import fetches it again next time.
 */
export async function fetchConditional(
  db: Kysely<Database>,
  url: string,
  options: { readonly maxBytes: number; readonly signal?: AbortSignal; readonly now: () => Date },
): Promise<Fetched> {
  const validators = await loadValidators(db);
  const known = validators[url];
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  if (known?.etag != null) headers['if-none-match'] = known.etag;
  if (known?.lastModified != null) headers['if-modified-since'] = known.lastModified;
  const response = await get(url, { headers }, options.signal);
  if (response.status === 304) {
    await discard(response);
    return { status: 'unchanged' };
  }
  await failUnlessOk(response, url);
  const bytes = await readCapped(response, url, options.maxBytes);
  const next: Validators = {
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
  return {
    status: 'fetched',
    bytes,
    commit: async () => {
      const current = await loadValidators(db);
      const entries = Object.entries({ ...current, [url]: next }).slice(-MAX_VALIDATORS);
      await setSetting(db, CACHE_KEY, Object.fromEntries(entries), options.now().toISOString());
    },
  };
}

/** A plain GET with the same cap, for files that are checked by hash instead (signatures, keys). */
export async function fetchBytes(
  url: string,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Buffer> {
  const response = await get(url, { headers: { 'user-agent': USER_AGENT } }, signal);
  await failUnlessOk(response, url);
  return readCapped(response, url, maxBytes);
}

/**
 * The CSAF part of `feeds sync`: each trusted provider read through its `provider-metadata.json`
 * (CSAF 2.0 §7.1.7) and the ROLIE feeds it lists (§7.1.21), TLP:WHITE / TLP:CLEAR only. Each new
 * advisory is fetched with its `.sha512` and detached `.asc` signature (§7.1.18–7.1.19) and checked
 * before it is imported through the feed service.
 *
 * - Keys: the provider's public keys are fetched from the URLs its metadata names; a key whose
 *   fingerprint differs from the one stated there fails the provider (nothing of it is read). When
 *   the provider publishes keys, every advisory must carry a signature that verifies with one.
 * - Once each: the newest ROLIE `updated` read is remembered per feed; the next sync fetches only
 *   later entries. An advisory that was rejected or could not be fetched is kept on a retry list
 *   (bounded) and fetched again next time, even when later entries went in.
 * - One bad advisory never stops the others; one failing provider never stops the next.
 */
import type { Kysely } from 'kysely';
import * as openpgp from 'openpgp';
import { WardlineError } from '../../domain/errors.js';
import {
  parseProviderMetadata,
  parseRolieFeed,
  type ProviderMetadata,
  type RolieEntry,
} from '../../formats/csaf/index.js';
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Database } from '../../store/schema.js';
import type { Actor } from '../context.js';
import type { FeedService } from './feed-service.js';
import { fetchBytes } from './http-fetch.js';
import { checkDownloaded } from './verify-files.js';

const SEEN_KEY = 'feeds.csaf.last-updated';
const RETRY_KEY = 'feeds.csaf.retry';
const MAX_METADATA_BYTES = 4 * 1024 * 1024;
const MAX_KEY_BYTES = 1024 * 1024;
const MAX_ADVISORY_BYTES = 32 * 1024 * 1024;
const MAX_HASH_BYTES = 4096;
const MAX_SIGNATURE_BYTES = 64 * 1024;
/** At most this many CSAF advisories per ROLIE feed per sync; the rest come next time. */
const MAX_CSAF_PER_SYNC = 2000;
/** Advisories waiting to be fetched again, across providers; the oldest are dropped beyond. */
const MAX_RETRIES = 1000;

export interface CsafSyncOptions {
  readonly db: Kysely<Database>;
  readonly clock: () => Date;
  readonly feeds: FeedService;
  readonly actor: Actor;
  /** The cap on a ROLIE feed document. */
  readonly maxFeedBytes: number;
  readonly signal?: AbortSignal;
  readonly progress: (message: string) => void;
}

/** What a CSAF sync did, over every provider. */
export interface CsafTally {
  records: number;
  rejected: number;
  failed: number;
  /** Providers that failed as a whole, each with why. */
  readonly providerFailures: string[];
}

interface CsafState {
  /** ROLIE feed URL → newest `updated` read. */
  readonly seen: Record<string, string>;
  /** Advisory URL → its `updated`, for advisories to fetch again. */
  readonly retry: Record<string, string>;
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(
      (pair): pair is [string, string] => typeof pair[1] === 'string',
    ),
  );
}

/** An ISO timestamp for comparing, or null when the text is not a date. */
function instant(text: string | null): string | null {
  if (text === null) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** `url` resolved against `base`; only http(s) URLs are fetched. */
function httpUrl(url: string, base: string): string {
  let resolved: URL;
  try {
    resolved = new URL(url, base);
  } catch {
    throw new WardlineError('WL_FEED_UNREADABLE', `${url} is not a URL.`);
  }
  if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') {
    throw new WardlineError('WL_FEED_UNREADABLE', `${url} is not an http(s) URL.`);
  }
  return resolved.href;
}

function firstError(diagnostics: ProviderMetadata['diagnostics']): string {
  const error = diagnostics.find((d) => d.severity === 'error');
  return error === undefined ? 'nothing readable' : `${error.code}: ${error.message}`;
}

/** The key at `url` whose fingerprint is `expected`, re-armored alone; throws when absent. */
async function keyWithFingerprint(armored: string, expected: string, url: string) {
  let keys: openpgp.Key[];
  try {
    keys = await openpgp.readKeys({ armoredKeys: armored });
  } catch (thrown) {
    const why = thrown instanceof Error ? thrown.message.slice(0, 200) : 'unreadable';
    throw new WardlineError('WL_FEED_UNREADABLE', `The key at ${url} cannot be read: ${why}`);
  }
  const key = keys.find((k) => k.getFingerprint().toUpperCase() === expected);
  if (key === undefined) {
    throw new WardlineError(
      'WL_FEED_UNREADABLE',
      `The key at ${url} is not the one the provider metadata names (fingerprint ${expected}).`,
    );
  }
  return key.toPublic().armor();
}

export async function syncCsafProviders(
  providers: readonly string[],
  options: CsafSyncOptions,
): Promise<CsafTally> {
  const tally: CsafTally = { records: 0, rejected: 0, failed: 0, providerFailures: [] };
  const state: CsafState = {
    seen: stringRecord(await getSetting(options.db, SEEN_KEY)),
    retry: stringRecord(await getSetting(options.db, RETRY_KEY)),
  };
  for (const provider of providers) {
    try {
      await syncProvider(provider, state, tally, options);
    } catch (thrown) {
      if (options.signal?.aborted === true) throw thrown;
      const why = thrown instanceof Error ? thrown.message : String(thrown);
      options.progress(`csaf  provider ${provider} failed: ${why}`);
      tally.providerFailures.push(why);
    }
  }
  return tally;
}

async function syncProvider(
  metadataUrl: string,
  state: CsafState,
  tally: CsafTally,
  options: CsafSyncOptions,
): Promise<void> {
  const { signal } = options;
  const url = httpUrl(metadataUrl, metadataUrl);
  const metadata = parseProviderMetadata(
    (await fetchBytes(url, MAX_METADATA_BYTES, signal)).toString('utf8'),
    url,
  );
  if (metadata.feeds.length === 0 && metadata.diagnostics.some((d) => d.severity === 'error')) {
    throw new WardlineError(
      'WL_FEED_UNREADABLE',
      `${url} is not provider metadata: ${firstError(metadata.diagnostics)}`,
    );
  }
  const keys: string[] = [];
  for (const key of metadata.publicKeys) {
    const keyUrl = httpUrl(key.url, url);
    const armored = (await fetchBytes(keyUrl, MAX_KEY_BYTES, signal)).toString('utf8');
    keys.push(
      key.fingerprint === null
        ? armored
        : await keyWithFingerprint(armored, key.fingerprint, keyUrl),
    );
  }
  for (const rolie of metadata.feeds) {
    if (!/^(WHITE|CLEAR)$/i.test(rolie.tlpLabel ?? '')) continue;
    await syncRolieFeed(httpUrl(rolie.url, url), keys, state, tally, options);
  }
}

/** The entries to fetch: newer than the last read, or waiting for another try; oldest first. */
function entriesToFetch(entries: readonly RolieEntry[], since: string, state: CsafState) {
  return entries
    .map((entry) => ({ entry, updated: instant(entry.updated) }))
    .filter(
      (e): e is { entry: RolieEntry; updated: string } =>
        e.updated !== null &&
        e.entry.contentUrl !== null &&
        (e.updated > since || state.retry[e.entry.contentUrl] !== undefined),
    )
    .sort((a, b) => a.updated.localeCompare(b.updated))
    .slice(0, MAX_CSAF_PER_SYNC);
}

async function syncRolieFeed(
  feedUrl: string,
  keys: readonly string[],
  state: CsafState,
  tally: CsafTally,
  options: CsafSyncOptions,
): Promise<void> {
  const feed = parseRolieFeed(
    (await fetchBytes(feedUrl, options.maxFeedBytes, options.signal)).toString('utf8'),
    feedUrl,
  );
  if (feed.entries.length === 0 && feed.diagnostics.some((d) => d.severity === 'error')) {
    throw new WardlineError(
      'WL_FEED_UNREADABLE',
      `${feedUrl} is not a ROLIE feed: ${firstError(feed.diagnostics)}`,
    );
  }
  const since = state.seen[feedUrl] ?? '';
  for (const { entry, updated } of entriesToFetch(feed.entries, since, state)) {
    const key = entry.contentUrl as string;
    const outcome = await fetchAdvisory(entry, feedUrl, keys, options);
    if (typeof outcome === 'number') {
      tally.records += outcome;
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
      delete state.retry[key];
    } else {
      options.progress(`csaf  ${outcome.kind} ${key}: ${outcome.reason}`);
      tally[outcome.kind] += 1;
      state.retry[key] = updated;
    }
    if (updated > (state.seen[feedUrl] ?? '')) state.seen[feedUrl] = updated;
    await saveState(state, options);
  }
}

type Outcome = number | { readonly kind: 'rejected' | 'failed'; readonly reason: string };

interface Downloaded {
  readonly url: string;
  readonly bytes: Buffer;
  readonly hash: string | null;
  readonly signature: string | null;
}

/** An advisory and its companions; the signature only when there are keys to check it with. */
async function download(
  entry: RolieEntry,
  feedUrl: string,
  keys: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Downloaded> {
  const companion = async (link: string | null, cap: number) =>
    link === null ? null : (await fetchBytes(httpUrl(link, feedUrl), cap, signal)).toString();
  const url = httpUrl(entry.contentUrl as string, feedUrl);
  const bytes = await fetchBytes(url, MAX_ADVISORY_BYTES, signal);
  const hash = await companion(entry.hashUrl, MAX_HASH_BYTES);
  const signature =
    keys.length === 0 ? null : await companion(entry.signatureUrl, MAX_SIGNATURE_BYTES);
  return { url, bytes, hash, signature };
}

/** Fetches, checks and imports one advisory: its record count, or why it did not go in. */
async function fetchAdvisory(
  entry: RolieEntry,
  feedUrl: string,
  keys: readonly string[],
  options: CsafSyncOptions,
): Promise<Outcome> {
  if (keys.length > 0 && entry.signatureUrl === null) {
    return { kind: 'rejected', reason: 'no signature, although the provider signs' };
  }
  let downloaded: Downloaded;
  try {
    downloaded = await download(entry, feedUrl, keys, options.signal);
  } catch (thrown) {
    if (options.signal?.aborted === true) throw thrown;
    return { kind: 'failed', reason: thrown instanceof Error ? thrown.message : String(thrown) };
  }
  const { url, bytes, hash, signature } = downloaded;
  const rejection = await checkDownloaded(bytes, { sha512: hash, signature, keys });
  if (rejection !== null) return { kind: 'rejected', reason: rejection };
  const result = await options.feeds.importReading(options.actor, url, bytes);
  switch (result.status) {
    case 'imported':
      return result.records;
    case 'duplicate':
      return 0;
    case 'rejected':
    case 'skipped':
      return { kind: 'rejected', reason: result.reason ?? 'not a CSAF document' };
  }
}

async function saveState(state: CsafState, options: CsafSyncOptions): Promise<void> {
  const now = options.clock().toISOString();
  const retry = Object.entries(state.retry);
  const kept = retry.length > MAX_RETRIES ? retry.slice(-MAX_RETRIES) : retry;
  await setSetting(options.db, SEEN_KEY, state.seen, now);
  await setSetting(options.db, RETRY_KEY, Object.fromEntries(kept), now);
}

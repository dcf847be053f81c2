/**
 * Reading a feed bundle without storing it: the files of a folder (or one file), sniffed, checked
 * against their checksum and signature companions, and read by their feed's reader. The feed
 * service stores what this yields; `vuln match --feeds DIR` matches against it in memory.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { WardlineError } from '../../domain/errors.js';
import type { FeedKind } from '../../store/feed-repo.js';
import type { FeedReaderTable, FeedReading } from './feed-reading.js';
import { isSidecar, sniffFeed, SNIFF_BYTES } from './sniff-feed.js';
import { checkSidecars, type TrustAnchors } from './verify-files.js';

/** The largest single feed file read (the NVD's 2,000-record pages are ~30 MB). */
export const MAX_FEED_FILE_BYTES = 256 * 1024 * 1024;
/** How many files one bundle may hold. */
export const MAX_BUNDLE_FILES = 200_000;

export type BundleEntry =
  | {
      readonly kind: 'skipped';
      readonly file: string;
      readonly feed: FeedKind | null;
      readonly reason: string;
    }
  | {
      readonly kind: 'rejected';
      readonly file: string;
      readonly feed: FeedKind;
      readonly reason: string;
    }
  | {
      readonly kind: 'read';
      readonly file: string;
      readonly feed: FeedKind;
      readonly bytes: Buffer;
      /** Reads the file when the caller wants it (a duplicate is never parsed). */
      readonly read: () => Promise<FeedReading>;
    };

export interface Bundle {
  readonly root: string;
  readonly files: readonly string[];
}

function isTrustAnchor(path: string): boolean {
  return /(^|\/)keys\//.test(path) && /\.(asc|gpg|pgp)$/i.test(path);
}

/** KEV and EPSS first (they rank), then everything else by name. */
function byFeedOrder(a: string, b: string): number {
  const rank = (name: string) =>
    /known_exploited|kev/i.test(name) ? 0 : /epss/i.test(name) ? 1 : 2;
  return rank(a) - rank(b) || a.localeCompare(b);
}

async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) found.push(path);
      if (found.length > MAX_BUNDLE_FILES) {
        throw new WardlineError(
          'WL_REQUEST_INVALID',
          `The bundle holds more than ${String(MAX_BUNDLE_FILES)} files.`,
        );
      }
    }
  }
  return found;
}

export async function openBundle(path: string): Promise<Bundle> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) throw new WardlineError('WL_NOT_FOUND', `No file or folder ${path}.`);
  if (!info.isDirectory()) return { root: join(path, '..'), files: [path] };
  return { root: path, files: (await listFiles(path)).sort(byFeedOrder) };
}

/** Each file of the bundle in import order, sidecars and keys left out. */
export async function* bundleEntries(
  bundle: Bundle,
  readers: FeedReaderTable,
): AsyncGenerator<BundleEntry> {
  const anchors: TrustAnchors = { armoredKeys: [] };
  const keys: string[] = [];
  for (const file of bundle.files) {
    if (isTrustAnchor(relative(bundle.root, file))) keys.push(await readFile(file, 'utf8'));
  }
  Object.assign(anchors, { armoredKeys: keys });
  for (const path of bundle.files) {
    const file = relative(bundle.root, path) || basename(path);
    if (isSidecar(file) || isTrustAnchor(file)) continue;
    const { size } = await stat(path);
    if (size > MAX_FEED_FILE_BYTES) {
      yield {
        kind: 'skipped',
        file,
        feed: null,
        reason: `larger than ${String(MAX_FEED_FILE_BYTES)} bytes`,
      };
      continue;
    }
    const bytes = await readFile(path);
    const feed = sniffFeed(file, bytes.subarray(0, SNIFF_BYTES));
    if (feed === null) {
      yield { kind: 'skipped', file, feed: null, reason: 'not a feed Wardline reads' };
      continue;
    }
    if (feed === 'metadata') {
      yield {
        kind: 'skipped',
        file,
        feed: null,
        reason: 'provider metadata or a ROLIE feed, not advisories',
      };
      continue;
    }
    const rejection = await checkSidecars(path, bytes, anchors);
    if (rejection !== null) {
      yield { kind: 'rejected', file, feed, reason: rejection };
      continue;
    }
    yield { kind: 'read', file, feed, bytes, read: () => readers[feed](bytes, { source: file }) };
  }
}

/**
 * Feeds into the store: a bundle (a folder of feed files carried into an air-gapped hospital) or
 * files fetched by `feeds sync`. Each file is one snapshot: hashed first (the same bytes twice
 * change nothing), read by its feed's reader, and stored in one audited transaction — whole, or
 * not at all, so a failed file leaves the previous snapshot in force. Afterwards only the assets
 * the new advisories can touch are matched again, and KEV or EPSS changes re-rank open findings.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { Diagnostic } from '../../domain/diagnostic.js';
import { WardlineError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { Advisory } from '../../domain/vulnerability.js';
import * as feedRepo from '../../store/feed-repo.js';
import type { FeedKind } from '../../store/feed-repo.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from '../context.js';
import { recordCount, type FeedReaderTable, type FeedReading } from './feed-reading.js';
import { isSidecar, sniffFeed, SNIFF_BYTES } from './sniff-feed.js';
import { checkSidecars, type TrustAnchors } from './verify-files.js';

/** The largest single feed file read (the NVD's 2,000-record pages are ~30 MB). */
export const MAX_FEED_FILE_BYTES = 256 * 1024 * 1024;
/** How many files one bundle may hold. */
export const MAX_BUNDLE_FILES = 200_000;

export const FEED_FILE_STATUSES = ['imported', 'duplicate', 'rejected', 'skipped'] as const;
export type FeedFileStatus = (typeof FEED_FILE_STATUSES)[number];

export interface FeedFileResult {
  readonly file: string;
  readonly feed: FeedKind | null;
  readonly status: FeedFileStatus;
  readonly records: number;
  readonly errors: number;
  readonly reason: string | null;
  readonly snapshotId: string | null;
}

export interface FeedImportSummary {
  readonly files: readonly FeedFileResult[];
  readonly advisories: number;
  readonly kevEntries: number;
  readonly epssScores: number;
  /** Diagnostics of every file, the first few hundred. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface FeedChange {
  readonly advisories: readonly Advisory[];
  readonly enrichmentChanged: boolean;
}

const DIAGNOSTICS_RETURNED = 300;

export type FeedService = ReturnType<typeof createFeedService>;

export function createFeedService(
  ctx: ServiceContext,
  audit: AuditService,
  readers: FeedReaderTable,
  onChange: (change: FeedChange) => Promise<void>,
) {
  const { db, clock } = ctx;

  async function storeReading(
    actor: Actor,
    file: string,
    sha256: string,
    reading: FeedReading,
  ): Promise<string> {
    const id = newId('feedSnapshot', clock().getTime());
    const now = clock().toISOString();
    const errors = reading.diagnostics.filter((d) => d.severity === 'error').length;
    await audit.recordChange(
      async (trx) => {
        await feedRepo.insertSnapshot(
          trx,
          {
            id,
            feed: reading.feed,
            source: file,
            sha256,
            version: reading.version,
            records: recordCount(reading),
            errors,
            importedAt: now,
            importedBy: actor.id,
          },
          reading.diagnostics,
        );
        if (reading.kev !== null) await feedRepo.replaceKev(trx, reading.kev, id);
        if (reading.epss !== null) {
          await feedRepo.replaceEpss(trx, reading.epss.scores, reading.epss.scoreDate, id);
        }
        await feedRepo.upsertAdvisories(trx, reading.advisories, id, now);
      },
      () => ({
        ...auditedBy(actor),
        action: 'feeds.import',
        targetType: 'feed_snapshot',
        targetId: id,
        details: { feed: reading.feed, file, sha256, records: recordCount(reading), errors },
      }),
    );
    return id;
  }

  async function importFile(
    actor: Actor,
    root: string,
    path: string,
    anchors: TrustAnchors,
    collected: Diagnostic[],
  ): Promise<{ result: FeedFileResult; reading: FeedReading | null }> {
    const file = relative(root, path) || basename(path);
    const skipped = (reason: string, feed: FeedKind | null = null) => ({
      result: {
        file,
        feed,
        status: 'skipped' as const,
        records: 0,
        errors: 0,
        reason,
        snapshotId: null,
      },
      reading: null,
    });
    const { size } = await stat(path);
    if (size > MAX_FEED_FILE_BYTES)
      return skipped(`larger than ${String(MAX_FEED_FILE_BYTES)} bytes`);
    const bytes = await readFile(path);
    const feed = sniffFeed(file, bytes.subarray(0, SNIFF_BYTES));
    if (feed === null) return skipped('not a feed Wardline reads');
    if (feed === 'metadata') return skipped('provider metadata or a ROLIE feed, not advisories');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (await feedRepo.hasSnapshot(db, feed, sha256)) {
      return {
        result: {
          file,
          feed,
          status: 'duplicate',
          records: 0,
          errors: 0,
          reason: null,
          snapshotId: null,
        },
        reading: null,
      };
    }
    const rejection = await checkSidecars(path, bytes, anchors);
    if (rejection !== null) {
      return {
        result: {
          file,
          feed,
          status: 'rejected',
          records: 0,
          errors: 1,
          reason: rejection,
          snapshotId: null,
        },
        reading: null,
      };
    }
    const reading = await readers[feed](bytes, { source: file });
    collected.push(...reading.diagnostics.slice(0, DIAGNOSTICS_RETURNED - collected.length));
    const errors = reading.diagnostics.filter((d) => d.severity === 'error').length;
    if (recordCount(reading) === 0 && errors > 0) {
      const first = reading.diagnostics.find((d) => d.severity === 'error');
      return {
        result: {
          file,
          feed,
          status: 'rejected',
          records: 0,
          errors,
          reason: first === undefined ? 'nothing readable' : `${first.code}: ${first.message}`,
          snapshotId: null,
        },
        reading: null,
      };
    }
    const snapshotId = await storeReading(actor, file, sha256, reading);
    return {
      result: {
        file,
        feed,
        status: 'imported',
        records: recordCount(reading),
        errors,
        reason: null,
        snapshotId,
      },
      reading,
    };
  }

  return {
    /**
     * Imports a bundle folder or one feed file. `onProgress` is called after each file with the
     * share done. Files are imported in name order; KEV and EPSS before advisories, so the first
     * matching run already ranks with them.
     */
    async importPath(
      actor: Actor,
      path: string,
      onProgress?: (fraction: number, message: string) => void,
    ): Promise<FeedImportSummary> {
      const info = await stat(path).catch(() => undefined);
      if (info === undefined) throw new WardlineError('WL_NOT_FOUND', `No file or folder ${path}.`);
      const root = info.isDirectory() ? path : join(path, '..');
      const files = info.isDirectory() ? await listFiles(path) : [path];
      const anchors = await loadTrustAnchors(root, files);
      const results: FeedFileResult[] = [];
      const changed: Advisory[] = [];
      const diagnostics: Diagnostic[] = [];
      let enrichmentChanged = false;
      const ordered = [...files].sort(byFeedOrder);
      for (const [index, file] of ordered.entries()) {
        if (isSidecar(file) || isTrustAnchor(file)) continue;
        const { result, reading } = await importFile(actor, root, file, anchors, diagnostics);
        results.push(result);
        if (reading !== null) {
          changed.push(...reading.advisories);
          enrichmentChanged ||= reading.kev !== null || reading.epss !== null;
        }
        onProgress?.((index + 1) / ordered.length, result.file);
      }
      if (changed.length > 0 || enrichmentChanged) {
        await onChange({ advisories: changed, enrichmentChanged });
      }
      const count = (feed: FeedKind) =>
        results
          .filter((r) => r.feed === feed && r.status === 'imported')
          .reduce((n, r) => n + r.records, 0);
      return {
        files: results,
        advisories: changed.length,
        kevEntries: count('kev'),
        epssScores: count('epss'),
        diagnostics,
      };
    },

    /** Stores one reading fetched online (a sync page), with the same guarantees as a file. */
    async importReading(actor: Actor, source: string, bytes: Buffer): Promise<FeedFileResult> {
      const feed = sniffFeed(source, bytes.subarray(0, SNIFF_BYTES));
      if (feed === null || feed === 'metadata') {
        return {
          file: source,
          feed: null,
          status: 'skipped',
          records: 0,
          errors: 0,
          reason: 'not a feed',
          snapshotId: null,
        };
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (await feedRepo.hasSnapshot(db, feed, sha256)) {
        return {
          file: source,
          feed,
          status: 'duplicate',
          records: 0,
          errors: 0,
          reason: null,
          snapshotId: null,
        };
      }
      const reading = await readers[feed](bytes, { source });
      const snapshotId = await storeReading(actor, source, sha256, reading);
      await onChange({
        advisories: reading.advisories,
        enrichmentChanged: reading.kev !== null || reading.epss !== null,
      });
      return {
        file: source,
        feed,
        status: 'imported',
        records: recordCount(reading),
        errors: reading.diagnostics.filter((d) => d.severity === 'error').length,
        reason: null,
        snapshotId,
      };
    },

    statuses: () => feedRepo.feedStatuses(db),
  };
}

/** KEV and EPSS first (they rank), then everything else by name. */
function byFeedOrder(a: string, b: string): number {
  const rank = (name: string) =>
    /known_exploited|kev/i.test(name) ? 0 : /epss/i.test(name) ? 1 : 2;
  return rank(a) - rank(b) || a.localeCompare(b);
}

function isTrustAnchor(path: string): boolean {
  return /(^|\/)keys\//.test(path) && /\.(asc|gpg|pgp)$/i.test(path);
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

/** Public keys a bundle carries under `keys/` to check CSAF signatures with. */
async function loadTrustAnchors(root: string, files: readonly string[]): Promise<TrustAnchors> {
  const keys: string[] = [];
  for (const file of files) {
    if (isTrustAnchor(relative(root, file))) keys.push(await readFile(file, 'utf8'));
  }
  return { armoredKeys: keys };
}

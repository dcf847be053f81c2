/**
 * Feeds into the store: a bundle (a folder of feed files carried into an air-gapped hospital) or
 * files fetched by `feeds sync`. Each file is one snapshot: hashed first (the same bytes twice
 * change nothing), read by its feed's reader, and stored in one audited transaction — whole, or
 * not at all, so a failed file leaves the previous snapshot in force. Afterwards only the assets
 * the new advisories can touch are matched again, and KEV or EPSS changes re-rank open findings.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../domain/diagnostic.js';
import { newId } from '../../domain/ids.js';
import type { Advisory } from '../../domain/vulnerability.js';
import * as feedRepo from '../../store/feed-repo.js';
import type { FeedKind } from '../../store/feed-repo.js';
import type { AuditService } from '../audit-service.js';
import { auditedBy, type Actor, type ServiceContext } from '../context.js';
import { recordCount, type FeedReaderTable, type FeedReading } from './feed-reading.js';
import { bundleEntries, openBundle, type BundleEntry } from './read-bundle.js';
import { sniffFeed, SNIFF_BYTES } from './sniff-feed.js';

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

  async function importEntry(
    actor: Actor,
    entry: BundleEntry,
    collected: Diagnostic[],
  ): Promise<{ result: FeedFileResult; reading: FeedReading | null }> {
    const base = { file: entry.file, feed: entry.feed, records: 0, snapshotId: null };
    if (entry.kind === 'skipped') {
      return {
        result: { ...base, status: 'skipped', errors: 0, reason: entry.reason },
        reading: null,
      };
    }
    if (entry.kind === 'rejected') {
      return {
        result: { ...base, status: 'rejected', errors: 1, reason: entry.reason },
        reading: null,
      };
    }
    const sha256 = createHash('sha256').update(entry.bytes).digest('hex');
    if (await feedRepo.hasSnapshot(db, entry.feed, sha256)) {
      return { result: { ...base, status: 'duplicate', errors: 0, reason: null }, reading: null };
    }
    const reading = await entry.read();
    collected.push(
      ...reading.diagnostics.slice(0, Math.max(0, DIAGNOSTICS_RETURNED - collected.length)),
    );
    const errors = reading.diagnostics.filter((d) => d.severity === 'error').length;
    if (recordCount(reading) === 0 && errors > 0) {
      const first = reading.diagnostics.find((d) => d.severity === 'error');
      const reason = first === undefined ? 'nothing readable' : `${first.code}: ${first.message}`;
      return { result: { ...base, status: 'rejected', errors, reason }, reading: null };
    }
    const snapshotId = await storeReading(actor, entry.file, sha256, reading);
    return {
      result: {
        ...base,
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
      const bundle = await openBundle(path);
      const results: FeedFileResult[] = [];
      const changed: Advisory[] = [];
      const diagnostics: Diagnostic[] = [];
      let enrichmentChanged = false;
      for await (const entry of bundleEntries(bundle, readers)) {
        const { result, reading } = await importEntry(actor, entry, diagnostics);
        results.push(result);
        if (reading !== null) {
          changed.push(...reading.advisories);
          enrichmentChanged ||= reading.kev !== null || reading.epss !== null;
        }
        onProgress?.(results.length / bundle.files.length, result.file);
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
      const entry: BundleEntry =
        feed === null || feed === 'metadata'
          ? { kind: 'skipped', file: source, feed: null, reason: 'not a feed Wardline reads' }
          : {
              kind: 'read',
              file: source,
              feed,
              bytes,
              read: () => readers[feed](bytes, { source }),
            };
      const { result, reading } = await importEntry(actor, entry, []);
      if (reading !== null) {
        await onChange({
          advisories: reading.advisories,
          enrichmentChanged: reading.kev !== null || reading.epss !== null,
        });
      }
      return result;
    },

    statuses: () => feedRepo.feedStatuses(db),
  };
}

/**
 * What reading one feed file yields, whatever the feed: advisories, or the KEV catalog, or EPSS
 * scores, with the feed's own version and the diagnostics. The feed service stores a reading as one
 * snapshot, in one transaction.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import type { Advisory, EpssScore, KevEntry } from '../../domain/vulnerability.js';
import type { FeedKind } from '../../store/feed-repo.js';

export interface FeedReading {
  readonly feed: FeedKind;
  /** The feed's own version: KEV catalog version, EPSS model and date, NVD page timestamp. */
  readonly version: string | null;
  readonly advisories: readonly Advisory[];
  readonly kev: readonly KevEntry[] | null;
  readonly epss: {
    readonly scores: readonly EpssScore[];
    readonly scoreDate: string | null;
  } | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface FeedReadOptions {
  /** The name diagnostics carry: the file's path inside the bundle, or the URL. */
  readonly source: string;
}

export type FeedReader = (bytes: Buffer, options: FeedReadOptions) => Promise<FeedReading>;

/** How many records a reading carries. */
export function recordCount(reading: FeedReading): number {
  return (
    reading.advisories.length + (reading.kev?.length ?? 0) + (reading.epss?.scores.length ?? 0)
  );
}

export function emptyReading(feed: FeedKind, diagnostics: readonly Diagnostic[] = []): FeedReading {
  return { feed, version: null, advisories: [], kev: null, epss: null, diagnostics };
}

export type FeedReaderTable = Readonly<Record<FeedKind, FeedReader>>;

/**
 * The NVD part of `feeds sync`: CVE records modified since the last sync, fetched page by page
 * through the NVD API client and imported as each page arrives. The cursor (date window and start
 * index) is saved after every page, so an interrupted sync resumes at the next page rather than
 * starting over; the window end becomes the next sync's start once the whole window is in.
 *
 * A resumed sync first finishes the interrupted window exactly as it was (same start, same end:
 * NVD's result order within a window is only stable for the same query, so a start index is
 * meaningless in a wider one), then fetches from that window's end to now.
 */
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Actor, ServiceContext } from '../context.js';
import type { FeedService } from './feed-service.js';
import { fetchNvdChanges, type FetchNvdChangesOptions, type NvdCursor } from './nvd-client.js';

const STATE_KEY = 'feeds.nvd.state';
/** A first sync looks back this far; a full NVD mirror is loaded from files, not the API. */
const FIRST_SYNC_DAYS = 30;

/** The NVD client's clock, sleep, jitter and attempts; tests pass fakes, production none. */
export type NvdClientTuning = Pick<
  FetchNvdChangesOptions,
  'sleep' | 'now' | 'random' | 'maxAttempts' | 'resultsPerPage'
>;

export interface NvdSyncRequest {
  readonly nvdApiKey: string | null;
  readonly signal?: AbortSignal;
  readonly tuning?: NvdClientTuning;
}

interface NvdSyncState {
  readonly lastModEnd: string | null;
  readonly resume: NvdCursor | null;
}

function isCursor(value: unknown): value is NvdCursor {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof NvdCursor, unknown>>;
  return (
    typeof v.windowStart === 'string' &&
    typeof v.windowEnd === 'string' &&
    typeof v.startIndex === 'number' &&
    Number.isSafeInteger(v.startIndex) &&
    v.startIndex >= 0 &&
    !Number.isNaN(Date.parse(v.windowStart)) &&
    !Number.isNaN(Date.parse(v.windowEnd))
  );
}

function stateOf(value: unknown): NvdSyncState {
  if (value === null || typeof value !== 'object') return { lastModEnd: null, resume: null };
  const v = value as Partial<Record<keyof NvdSyncState, unknown>>;
  const lastModEnd =
    typeof v.lastModEnd === 'string' && !Number.isNaN(Date.parse(v.lastModEnd))
      ? v.lastModEnd
      : null;
  return { lastModEnd, resume: isCursor(v.resume) ? v.resume : null };
}

/** Imports the NVD changes since the last sync; returns how many records were imported. */
export async function syncNvd(
  ctx: ServiceContext,
  feeds: FeedService,
  actor: Actor,
  baseUrl: string,
  request: NvdSyncRequest,
): Promise<number> {
  const { db, clock } = ctx;
  const state = stateOf(await getSetting(db, STATE_KEY));
  const end = clock().toISOString();
  const start =
    state.lastModEnd ?? new Date(Date.parse(end) - FIRST_SYNC_DAYS * 86_400_000).toISOString();
  let records = 0;
  const common = {
    baseUrl,
    ...(request.nvdApiKey === null ? {} : { apiKey: request.nvdApiKey }),
    ...(request.signal ? { signal: request.signal } : {}),
    ...request.tuning,
    onPage: async (
      page: { readonly body: Uint8Array; readonly requested: NvdCursor },
      cursor: NvdCursor,
    ) => {
      const name = `nvd-${page.requested.windowStart}-${String(page.requested.startIndex)}.json`;
      const result = await feeds.importReading(actor, name, Buffer.from(page.body));
      records += result.records;
      await setSetting(
        db,
        STATE_KEY,
        { lastModEnd: state.lastModEnd, resume: cursor },
        clock().toISOString(),
      );
    },
  };
  let from = start;
  if (state.resume !== null) {
    await fetchNvdChanges({
      ...common,
      lastModStartDate: state.resume.windowStart,
      lastModEndDate: state.resume.windowEnd,
      resumeFrom: state.resume,
    });
    from = state.resume.windowEnd;
  }
  if (Date.parse(from) < Date.parse(end)) {
    await fetchNvdChanges({ ...common, lastModStartDate: from, lastModEndDate: end });
  }
  await setSetting(db, STATE_KEY, { lastModEnd: end, resume: null }, clock().toISOString());
  return records;
}

/**
 * The NVD part of `feeds sync`: CVE records modified since the last sync, fetched page by page
 * through the NVD API client and imported as each page arrives. The cursor (date window and start
 * index) is saved after every page, so an interrupted sync resumes at the next page rather than
 * starting over; the window end becomes the next sync's start once the whole window is in.
 */
import { getSetting, setSetting } from '../../store/settings-repo.js';
import type { Actor, ServiceContext } from '../context.js';
import type { FeedService } from './feed-service.js';
import { fetchNvdChanges, type NvdCursor } from './nvd-client.js';

const STATE_KEY = 'feeds.nvd.state';
/** A first sync looks back this far; a full NVD mirror is loaded from files, not the API. */
const FIRST_SYNC_DAYS = 30;

interface NvdSyncState {
  readonly lastModEnd: string | null;
  readonly resume: NvdCursor | null;
}

function stateOf(value: unknown): NvdSyncState {
  if (value === null || typeof value !== 'object') return { lastModEnd: null, resume: null };
  const v = value as Partial<NvdSyncState>;
  return { lastModEnd: v.lastModEnd ?? null, resume: v.resume ?? null };
}

export async function syncNvd(
  ctx: ServiceContext,
  feeds: FeedService,
  actor: Actor,
  baseUrl: string,
  request: { readonly nvdApiKey: string | null; readonly signal?: AbortSignal },
): Promise<number> {
  const { db, clock } = ctx;
  const state = stateOf(await getSetting(db, STATE_KEY));
  const end = clock();
  const start =
    state.lastModEnd ?? new Date(end.getTime() - FIRST_SYNC_DAYS * 86_400_000).toISOString();
  let records = 0;
  await fetchNvdChanges({
    baseUrl,
    ...(request.nvdApiKey === null ? {} : { apiKey: request.nvdApiKey }),
    lastModStartDate: start,
    lastModEndDate: end.toISOString(),
    ...(state.resume === null ? {} : { resumeFrom: state.resume }),
    ...(request.signal ? { signal: request.signal } : {}),
    onPage: async (page, cursor) => {
      const name = `nvd-${cursor.windowStart}-${String(cursor.startIndex)}.json`;
      const result = await feeds.importReading(actor, name, Buffer.from(page.body));
      records += result.records;
      await setSetting(
        db,
        STATE_KEY,
        { lastModEnd: state.lastModEnd, resume: cursor },
        clock().toISOString(),
      );
    },
  });
  await setSetting(
    db,
    STATE_KEY,
    { lastModEnd: end.toISOString(), resume: null },
    clock().toISOString(),
  );
  return records;
}

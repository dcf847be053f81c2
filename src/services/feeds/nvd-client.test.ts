/**
 * The NVD client against a real local HTTP server (node:http on an ephemeral port) that serves
 * pages cut from the real NVD API fixture (anchore/vunnel `full-page.json`, 38 CVEs) when it is
 * present, or generated CVEs otherwise. Time is a fake clock that `sleep` advances, so rate limits
 * and backoff are checked without waiting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WardlineError } from '../../domain/errors.js';
import {
  fetchNvdChanges,
  nvdWindows,
  retryAfterMs,
  type FetchNvdChangesOptions,
  type NvdCursor,
  type NvdFetchedPage,
} from './nvd-client.js';

const FIXTURE = fileURLToPath(
  new URL('../../../../shared/data/cve/nvd-api2-vunnel-fixtures/full-page.json', import.meta.url),
);

/** The 38 real `vulnerabilities` items, or 38 generated ones when the shared data is absent. */
function loadItems(): unknown[] {
  if (existsSync(FIXTURE)) {
    return (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { vulnerabilities: unknown[] })
      .vulnerabilities;
  }
  return Array.from({ length: 38 }, (_, i) => ({
    cve: { id: `CVE-2023-${String(10000 + i)}`, vulnStatus: 'Analyzed' },
  }));
}
const ITEMS = loadItems();

interface Seen {
  readonly query: URLSearchParams;
  readonly apiKey: string | undefined;
}

type Script = (seen: Seen, count: number, res: ServerResponse) => boolean;

let server: Server;
let baseUrl: string;
let requests: Seen[];
/** Runs before the page is served; returns true when it answered the request itself. */
let script: Script;
let itemsFor: (query: URLSearchParams) => unknown[];

function servePage(query: URLSearchParams, res: ServerResponse): void {
  const items = itemsFor(query);
  const start = Number(query.get('startIndex'));
  const perPage = Number(query.get('resultsPerPage'));
  const slice = items.slice(start, start + perPage);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      resultsPerPage: slice.length,
      startIndex: start,
      totalResults: items.length,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2023-10-18T18:04:18.493',
      vulnerabilities: slice,
    }),
  );
}

beforeEach(async () => {
  requests = [];
  script = () => false;
  itemsFor = () => ITEMS;
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const header = req.headers['apikey'];
    const seen: Seen = {
      query: url.searchParams,
      apiKey: typeof header === 'string' ? header : undefined,
    };
    requests.push(seen);
    if (!script(seen, requests.length, res)) servePage(url.searchParams, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/rest/json/cves/2.0`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

/** A fake clock: `sleep` records the wait and moves time forward. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; sleeps: number[] } {
  let time = Date.parse('2025-01-01T00:00:00Z');
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleep: (ms) => {
      sleeps.push(ms);
      time += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}

async function run(
  overrides: Partial<FetchNvdChangesOptions> = {},
): Promise<{ pages: NvdFetchedPage[]; cursors: NvdCursor[]; sleeps: number[] }> {
  const time = fakeTime();
  const pages: NvdFetchedPage[] = [];
  const cursors: NvdCursor[] = [];
  await fetchNvdChanges({
    baseUrl,
    lastModStartDate: '2024-01-01T00:00:00.000Z',
    lastModEndDate: '2024-02-01T00:00:00.000Z',
    resultsPerPage: 10,
    now: time.now,
    sleep: time.sleep,
    random: () => 0.5,
    onPage: (page, cursor) => {
      pages.push(page);
      cursors.push(cursor);
    },
    ...overrides,
  });
  return { pages, cursors, sleeps: time.sleeps };
}

describe('fetchNvdChanges against a local NVD', () => {
  it('pages through a window by startIndex until totalResults, sending the API key', async () => {
    const { pages, cursors, sleeps } = await run({ apiKey: 'secret-key' });
    expect(requests.map((r) => r.query.get('startIndex'))).toEqual(['0', '10', '20', '30']);
    expect(requests.every((r) => r.apiKey === 'secret-key')).toBe(true);
    expect(requests[0]?.query.get('lastModStartDate')).toBe('2024-01-01T00:00:00.000+00:00');
    expect(requests[0]?.query.get('lastModEndDate')).toBe('2024-02-01T00:00:00.000+00:00');
    expect(requests[0]?.query.get('resultsPerPage')).toBe('10');
    expect(pages.map((p) => p.advisories.length)).toEqual([10, 10, 10, 8]);
    expect(pages.flatMap((p) => p.advisories).map((a) => a.id)).toHaveLength(38);
    expect(new Set(pages.flatMap((p) => p.advisories.map((a) => a.id))).size).toBe(38);
    expect(pages[0]?.totalResults).toBe(38);
    expect(new TextDecoder().decode(pages[0]?.body).startsWith('{"resultsPerPage":10')).toBe(true);
    expect(cursors.map((c) => c.startIndex)).toEqual([10, 20, 30, 38]);
    // 4 requests fit in a 50-request bucket: no wait.
    expect(sleeps).toEqual([]);
  });

  it('sends no API key header without a key and keeps to 5 requests per 30 s', async () => {
    const { sleeps } = await run({ resultsPerPage: 5 });
    expect(requests).toHaveLength(8);
    expect(requests.every((r) => r.apiKey === undefined)).toBe(true);
    // The first 5 go at once; each later one waits for a token (30 s / 5 = 6 s).
    expect(sleeps).toEqual([6000, 6000, 6000]);
  });

  it('retries a 503 with backoff, then goes on', async () => {
    script = (_seen, count, res) => {
      if (count !== 2) return false;
      res.writeHead(503).end('busy');
      return true;
    };
    const { pages, sleeps } = await run({ apiKey: 'k' });
    expect(requests.map((r) => r.query.get('startIndex'))).toEqual(['0', '10', '10', '20', '30']);
    expect(pages).toHaveLength(4);
    // First backoff: 2 s ceiling × (0.5 + 0.5 / 2) jitter.
    expect(sleeps).toEqual([1500]);
  });

  it('honours Retry-After on a 429', async () => {
    script = (_seen, count, res) => {
      if (count !== 1) return false;
      res.writeHead(429, { 'retry-after': '7' }).end();
      return true;
    };
    const { pages, sleeps } = await run({ apiKey: 'k' });
    expect(sleeps).toEqual([7000]);
    expect(pages).toHaveLength(4);
  });

  it('retries a dropped connection and an unreadable body', async () => {
    script = (_seen, count, res) => {
      if (count === 1) res.socket?.destroy();
      else if (count === 2) res.writeHead(200).end('<html>maintenance</html>');
      else return false;
      return true;
    };
    const { pages } = await run({ apiKey: 'k' });
    expect(requests).toHaveLength(6);
    expect(pages).toHaveLength(4);
  });

  it('gives up after maxAttempts with WL_RATE_LIMITED (403) or WL_INTERNAL (5xx), and fails a 404 at once', async () => {
    script = (_seen, _count, res) => {
      res.writeHead(403).end();
      return true;
    };
    await expect(run({ maxAttempts: 3 })).rejects.toMatchObject({ code: 'WL_RATE_LIMITED' });
    expect(requests).toHaveLength(3);
    requests = [];
    script = (_seen, _count, res) => {
      res.writeHead(500).end();
      return true;
    };
    await expect(run({ maxAttempts: 2 })).rejects.toMatchObject({ code: 'WL_INTERNAL' });
    requests = [];
    script = (_seen, _count, res) => {
      res.writeHead(404).end();
      return true;
    };
    await expect(run({ maxAttempts: 5 })).rejects.toBeInstanceOf(WardlineError);
    expect(requests).toHaveLength(1);
  });

  it('splits a range longer than 120 days into windows of at most 120 days', async () => {
    itemsFor = (query) =>
      query.get('lastModStartDate')?.startsWith('2024-01-01') === true
        ? ITEMS.slice(0, 3)
        : ITEMS.slice(3, 5);
    const { pages } = await run({
      lastModStartDate: '2024-01-01T00:00:00.000Z',
      lastModEndDate: '2024-10-27T00:00:00.000Z',
      apiKey: 'k',
    });
    const windows = requests.map((r) => [
      r.query.get('lastModStartDate'),
      r.query.get('lastModEndDate'),
    ]);
    expect(windows).toEqual([
      ['2024-01-01T00:00:00.000+00:00', '2024-04-30T00:00:00.000+00:00'],
      ['2024-04-30T00:00:00.000+00:00', '2024-08-28T00:00:00.000+00:00'],
      ['2024-08-28T00:00:00.000+00:00', '2024-10-27T00:00:00.000+00:00'],
    ]);
    expect(pages.map((p) => p.advisories.length)).toEqual([3, 2, 2]);
    expect(nvdWindows(new Date('2024-01-01'), new Date('2024-01-01'))).toEqual([]);
  });

  it('resumes from the cursor of the last page stored', async () => {
    // Written from a callback: held in an object the compiler does not narrow.
    const saved: { cursor: NvdCursor | null } = { cursor: null };
    const failing = run({
      apiKey: 'k',
      onPage: (_page, cursor) => {
        if (cursor.startIndex > 20) throw new Error('disk full');
        saved.cursor = cursor;
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(saved.cursor).toEqual({
      windowStart: '2024-01-01T00:00:00.000Z',
      windowEnd: '2024-02-01T00:00:00.000Z',
      startIndex: 20,
    });
    requests = [];
    const resumed = await run({ apiKey: 'k', resumeFrom: saved.cursor ?? undefined });
    expect(requests.map((r) => r.query.get('startIndex'))).toEqual(['20', '30']);
    expect(resumed.pages.flatMap((p) => p.advisories)).toHaveLength(18);
  });

  it('stops with WL_JOB_CANCELLED when the signal aborts', async () => {
    const controller = new AbortController();
    const failing = run({
      apiKey: 'k',
      signal: controller.signal,
      onPage: () => {
        controller.abort();
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'WL_JOB_CANCELLED' });
    expect(requests).toHaveLength(1);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, capped', () => {
    const now = (): number => Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('999999', now)).toBe(600_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

/**
 * `wardline serve --workers N`: N processes share the port; the primary prepares the store once and
 * replaces a process that dies.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT, startWardline, type RunningServer } from '../support/wardline-server.js';

function workerPids(primary: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(primary)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
}

function get(origin: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A request that retries while connections are refused or dropped: a worker the primary just
 * forked may be in the cluster before its server is ready, and a loaded machine widens that gap.
 */
async function getWhenReady(origin: string, path: string, timeoutMs = 15_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await get(origin, path);
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('Timed out waiting.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!BUILT)(
  `serve --workers${BUILT ? '' : ' [skipped: Wardline is not built (npm run build)]'}`,
  () => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startWardline(['--workers', '2']);
    }, 60_000);

    afterAll(async () => {
      await server.stop();
    });

    it('serves from two processes and replaces one that dies', async () => {
      const pids = workerPids(server.pid);
      expect(pids).toHaveLength(2);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => getWhenReady(server.origin, '/healthz')),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);

      process.kill(pids[0]!, 'SIGKILL');
      await until(() => {
        const now = workerPids(server.pid);
        return now.length === 2 && !now.includes(pids[0]!);
      }, 30_000);
      expect(await getWhenReady(server.origin, '/healthz')).toBe(200);
    }, 60_000);
  },
);

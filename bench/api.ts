/**
 * API benchmark: the authenticated asset list over 10,000 assets on SQLite, 64 connections, through
 * the real `wardline serve` (HTTPS, access check, session lookup, validation, serialization) in its
 * own process, with autocannon in this one. For a baseline in the same run it also loads `/healthz`
 * (no session, no query), so the cost of the list itself can be read off the ratio.
 *
 *   npm run bench:api -- [--assets 10000] [--connections 64] [--seconds 15] [--tool autocannon|wrk] [--workers 1]
 *
 * Goal (the Foundation issue): ≥ 5,000 requests/s and p99 ≤ 20 ms on 2 cores.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SESSION_COOKIE } from '../src/server/access.js';
import { currentTotp } from '../src/services/auth/totp.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { withRuntime } from '../src/cli/runtime.js';
import { loadConfig } from '../src/config/config.js';
import { ASSET_CATEGORIES, PATIENT_SAFETY_IMPACTS } from '../src/domain/inventory.js';
import { createAssets } from '../src/store/asset-repo.js';

const { values } = parseArgs({
  options: {
    assets: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '15' },
    tool: { type: 'string', default: 'autocannon' },
    workers: { type: 'string', default: '1' },
  },
});
const tool = values.tool === 'wrk' ? 'wrk' : 'autocannon';
const workers = Number(values.workers);
const assetCount = Number(values.assets);
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const port = 18443;
const dataDir = mkdtempSync(join(tmpdir(), 'wardline-bench-'));
const env = {
  ...process.env,
  WARDLINE_DATA_DIR: dataDir,
  WARDLINE_PORT: String(port),
  WARDLINE_LOG_LEVEL: 'warn',
};

async function seed(): Promise<{ username: string; password: string }> {
  const config = loadConfig({ env });
  return withRuntime(config, async ({ services, store }) => {
    const site = await services.inventory.createSite(SYSTEM_ACTOR, {
      code: 'BENCH',
      name: 'Bench Hospital',
    });
    const zone = await services.inventory.createZone(SYSTEM_ACTOR, {
      siteId: site.id,
      name: 'Everything',
      kind: 'workstation',
      cidrs: ['10.0.0.0/8'],
    });
    const assets = Array.from({ length: assetCount }, (_, i) => ({
      siteId: site.id,
      zoneId: zone.id,
      name: `asset-${String(i).padStart(6, '0')}`,
      category: ASSET_CATEGORIES[i % ASSET_CATEGORIES.length] ?? 'unknown',
      vendor: `Vendor ${i % 37}`,
      model: `Model ${i % 101}`,
      patientSafety: PATIENT_SAFETY_IMPACTS[i % PATIENT_SAFETY_IMPACTS.length] ?? 'none',
      holdsEphi: i % 3 === 0,
      identifiers: [
        {
          kind: 'ip' as const,
          value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          source: 'bench',
        },
        {
          kind: 'mac' as const,
          value: `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
          source: 'bench',
        },
      ],
    }));
    // Seeded straight into the store: the benchmark measures reading the list, not importing.
    await createAssets(store.db, assets);
    const { user, temporaryPassword } = await services.users.create(SYSTEM_ACTOR, {
      username: 'bench-analyst',
      displayName: 'Bench',
      roles: ['security-analyst'],
    });
    return { username: user.username, password: temporaryPassword };
  });
}

interface HttpResult {
  status: number;
  body: string;
  cookie: string | undefined;
}

function call(
  method: string,
  path: string,
  body: unknown,
  cookie?: string,
  csrf?: string,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: 'localhost',
        port,
        method,
        path,
        rejectUnauthorized: false,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(cookie !== undefined ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}),
          ...(csrf !== undefined ? { 'x-csrf-token': csrf } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          const setCookie = (res.headers['set-cookie'] ?? []).find((c) =>
            c.startsWith(`${SESSION_COOKIE}=`),
          );
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            cookie: setCookie?.split(';')[0]?.split('=')[1],
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function signIn(username: string, password: string): Promise<string> {
  const login = await call('POST', '/api/v1/auth/login', { username, password });
  let cookie = login.cookie;
  const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };
  const enroll = await call('POST', '/api/v1/auth/enroll/totp', undefined, cookie, csrfToken);
  const { secret } = JSON.parse(enroll.body) as { secret: string };
  const confirm = await call(
    'POST',
    '/api/v1/auth/enroll/totp/confirm',
    { code: currentTotp(secret) },
    cookie,
    csrfToken,
  );
  if (confirm.status !== 200) throw new Error(`Sign-in failed: ${confirm.body}`);
  cookie = confirm.cookie;
  if (cookie === undefined) throw new Error('No session cookie.');
  // The password an administrator set is temporary: the analyst chooses their own first.
  const { session } = JSON.parse(confirm.body) as { session: { csrfToken: string } };
  const changed = await call(
    'POST',
    '/api/v1/me/password',
    { currentPassword: password, newPassword: 'the analyst bench passphrase' },
    cookie,
    session.csrfToken,
  );
  if (changed.status !== 200) throw new Error(`Password change failed: ${changed.body}`);
  return cookie;
}

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await call('GET', '/healthz', undefined)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The server did not start.');
}

interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
}

/** wrk (C, one thread) leaves more of a 2-core machine to the server than autocannon (JS). */
function loadWithWrk(path: string, cookie?: string): LoadResult {
  const args = [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    ...(cookie !== undefined ? ['-H', `cookie: ${SESSION_COOKIE}=${cookie}`] : []),
    `https://localhost:${port}${path}`,
  ];
  const output = execFileSync('wrk', args, { encoding: 'utf8' });
  const ms = (label: string) => {
    const match = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(output);
    if (match?.[1] === undefined) return Number.NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  const failures = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? '0';
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 'NaN'),
    p50: ms('50%'),
    p99: ms('99%'),
    failures: Number(failures),
  };
}

async function loadWithAutocannon(path: string, cookie?: string): Promise<LoadResult> {
  const result = await autocannon({
    url: `https://localhost:${port}${path}`,
    connections,
    duration: seconds,
    headers: cookie !== undefined ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {},
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
  };
}

async function load(title: string, path: string, cookie?: string): Promise<LoadResult> {
  const result =
    tool === 'wrk' ? loadWithWrk(path, cookie) : await loadWithAutocannon(path, cookie);
  console.log(
    `${title.padEnd(44)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(2)} ms   p99 ${result.p99.toFixed(2)} ms   non-2xx/errors ${result.failures}`,
  );
  return result;
}

const credentials = await seed();
const server = spawn(
  process.execPath,
  [
    ...(process.env['WARDLINE_BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean),
    'bin/wardline.js',
    'serve',
    '--workers',
    String(workers),
  ],
  {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
try {
  await waitForServer();
  const cookie = await signIn(credentials.username, credentials.password);
  console.log(
    `Wardline API benchmark — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} — node ${process.version}`,
  );
  console.log(
    `${assetCount} assets, SQLite, ${connections} connections, ${seconds} s per run, HTTPS, load from ${tool}, ${workers} server process(es), server and load generator on this machine\n`,
  );
  await load('warm-up (assets list)', '/api/v1/assets?limit=50', cookie);
  const baseline = await load('baseline: GET /healthz (no session)', '/healthz');
  const list = await load(
    'GET /api/v1/assets?limit=50 (signed in)',
    '/api/v1/assets?limit=50',
    cookie,
  );
  const sorted = await load(
    'GET /api/v1/assets sorted by criticality',
    '/api/v1/assets?limit=50&sort=criticality&order=desc&offset=5000',
    cookie,
  );
  console.log(
    `\nlist / baseline throughput: ${(list.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}`,
  );
  console.log(
    `goal ≥ 5000 req/s and p99 ≤ 20 ms: ${list.requestsPerSecond >= 5000 && list.p99 <= 20 ? 'met' : 'not met'} (sorted page: ${sorted.requestsPerSecond.toFixed(0)} req/s, p99 ${sorted.p99} ms)`,
  );
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

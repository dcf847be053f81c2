/**
 * API benchmark: the authenticated asset list over 10,000 assets on SQLite, 64 connections, through
 * the real `wardline serve` (HTTPS, access check, session lookup, validation, serialization) in its
 * own process, with autocannon in this one. For a baseline in the same run it also loads `/healthz`
 * (no session, no query), so the cost of the list itself can be read off the ratio.
 *
 *   npm run build && npx tsx bench/api.ts [--assets 10000] [--connections 64] [--seconds 15]
 *
 * Goal (the Foundation issue): ≥ 5,000 requests/s and p99 ≤ 20 ms on 2 cores.
 */
import { spawn } from 'node:child_process';
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

const { values } = parseArgs({
  options: {
    assets: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '15' },
  },
});
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
  return withRuntime(config, async ({ services }) => {
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
    await services.inventory.addAssets(SYSTEM_ACTOR, assets, 'bench');
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

async function load(title: string, path: string, cookie?: string) {
  const result = await autocannon({
    url: `https://localhost:${port}${path}`,
    connections,
    duration: seconds,
    headers: cookie !== undefined ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {},
  });
  const non2xx = result.non2xx + result.errors;
  console.log(
    `${title.padEnd(44)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   non-2xx/errors ${non2xx}`,
  );
  return result;
}

const credentials = await seed();
const server = spawn(process.execPath, ['bin/wardline.js', 'serve'], {
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitForServer();
  const cookie = await signIn(credentials.username, credentials.password);
  console.log(
    `Wardline API benchmark — ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} — node ${process.version}`,
  );
  console.log(
    `${assetCount} assets, SQLite, ${connections} connections, ${seconds} s per run, HTTPS, server and load generator on this machine\n`,
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
    `\nlist / baseline throughput: ${(list.requests.average / baseline.requests.average).toFixed(2)}`,
  );
  console.log(
    `goal ≥ 5000 req/s and p99 ≤ 20 ms: ${list.requests.average >= 5000 && list.latency.p99 <= 20 ? 'met' : 'not met'} (sorted page: ${sorted.requests.average.toFixed(0)} req/s, p99 ${sorted.latency.p99} ms)`,
  );
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

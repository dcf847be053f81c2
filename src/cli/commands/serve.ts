import cluster from 'node:cluster';
import { Command } from 'commander';
import type { Config } from '../../config/config.js';
import { webRoot } from '../../config/paths.js';
import { WardlineError } from '../../domain/errors.js';
import { buildApp } from '../../server/app.js';
import { startSyslogIngest } from '../../services/detect/syslog-ingest.js';
import { loadTlsCredentials } from '../../server/tls.js';
import { configFrom, openRuntime, type GlobalOptions } from '../runtime.js';

interface ServeOptions {
  readonly demo?: boolean;
  readonly port?: string;
  readonly host?: string;
  readonly workers?: string;
  readonly syslogUdp?: string;
  readonly syslogTcp?: string;
  readonly syslogTls?: string;
}

/** Command-line syslog ports on top of the configured ones. */
function syslogOverrides(options: ServeOptions): { syslog?: Record<string, unknown> } {
  const ports = {
    ...(options.syslogUdp === undefined ? {} : { udpPort: Number(options.syslogUdp) }),
    ...(options.syslogTcp === undefined ? {} : { tcpPort: Number(options.syslogTcp) }),
    ...(options.syslogTls === undefined ? {} : { tlsPort: Number(options.syslogTls) }),
  };
  return Object.keys(ports).length === 0 ? {} : { syslog: ports };
}

const say = (text: string) => process.stdout.write(`${text}\n`);

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the Wardline server over HTTPS (https://localhost:8443 by default)')
    .option('--demo', 'load the Larkspur Valley Medical Center demo hospital if the store is empty')
    .option('--port <n>', 'TCP port (default 8443)')
    .option('--host <name>', 'address to listen on (default localhost)')
    .option('--workers <n>', 'server processes sharing the port, one per core at most (default 1)')
    .option('--syslog-udp <port>', 'receive syslog over UDP on this port for detection')
    .option('--syslog-tcp <port>', 'receive syslog over TCP (octet-counted or newline framing)')
    .option('--syslog-tls <port>', 'receive syslog over TLS (RFC 5425) with the server certificate')
    .action(async (options: ServeOptions, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>(), {
        port: options.port,
        host: options.host,
        ...syslogOverrides(options),
      });
      const workers = parseWorkers(options.workers);
      if (cluster.isWorker) {
        await serveUntilStopped(config);
        return;
      }
      const announcement = await prepare(config, options.demo === true);
      const announce = () => {
        announcement.forEach(say);
      };
      if (workers === 1) {
        await serveUntilStopped(config, announce);
        return;
      }
      await superviseWorkers(workers, announce);
    });
}

function parseWorkers(value: string | undefined): number {
  const workers = value === undefined ? 1 : Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new WardlineError('WL_CLI_USAGE', '--workers takes a whole number from 1 to 64.');
  }
  return workers;
}

/**
 * Everything done once per start, before any process listens: migrations, the demo hospital, the
 * TLS certificate and, while no administrator exists, a fresh bootstrap token printed once.
 */
async function prepare(config: Config, demo: boolean): Promise<string[]> {
  const runtime = await openRuntime(config);
  try {
    if (demo) {
      const loaded = await runtime.services.demo.load();
      say(
        loaded.loaded
          ? `Demo hospital loaded: ${loaded.organization} (${loaded.assets} assets).`
          : `Demo hospital already present: ${loaded.organization}.`,
      );
    }
    // Sessions nobody presents again would otherwise keep their IP and user agent forever.
    await runtime.services.auth.purgeExpiredSessions();
    const tls = await loadTls(config);
    const lines = [
      `Wardline is running at ${config.origin} (store: ${runtime.store.description}${tls.selfSigned ? '; self-signed certificate' : ''}).`,
    ];
    const bootstrap = await runtime.services.auth.issueBootstrapToken();
    if (bootstrap !== null) {
      // Printed to the person who started the server, never to the log.
      lines.push(
        `No administrator exists yet. Create one at ${config.origin}/bootstrap with this one-time token (valid until ${bootstrap.expiresAt}):`,
        `  bootstrap token: ${bootstrap.token}`,
      );
    }
    return lines;
  } finally {
    await runtime.close();
  }
}

function loadTls(config: Config) {
  return loadTlsCredentials({
    dataDir: config.dataDir,
    certFile: config.tls.certFile,
    keyFile: config.tls.keyFile,
    hostNames: [new URL(config.origin).hostname],
  });
}

/** One process serving HTTPS until SIGINT or SIGTERM; `onListening` runs once it accepts connections. */
async function serveUntilStopped(
  config: Config,
  onListening: () => void = () => undefined,
): Promise<void> {
  const runtime = await openRuntime(config);
  const tls = await loadTls(config);
  const { app } = await buildApp({
    services: runtime.services,
    logLevel: config.logLevel,
    metricsToken: config.metricsToken,
    signInRatePerMinute: config.login.ratePerMinute,
    webRoot: webRoot(),
    https: { cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' },
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (cause) {
    await runtime.close();
    throw new WardlineError(
      'WL_CONFIG_INVALID',
      `Cannot listen on ${config.host}:${config.port}.`,
      { cause },
    );
  }
  // One process listens for syslog: the only one, or the first worker of several.
  const syslog =
    !cluster.isWorker || cluster.worker?.id === 1
      ? await startSyslogIngest(runtime.services.detection, {
          ...config.syslog,
          tls: { key: tls.key, cert: tls.cert },
          log: {
            warn: (details, message) => {
              app.log.warn(details, message);
            },
          },
        })
      : null;
  onListening();
  const purge = setInterval(() => {
    void runtime.services.auth.purgeExpiredSessions().catch((error: unknown) => {
      app.log.error({ err: error }, 'Purging expired sessions failed.');
    });
  }, 15 * 60_000);
  purge.unref();
  await waitForSignal();
  clearInterval(purge);
  await syslog?.close();
  await app.close();
  await runtime.close();
  // A cluster worker stays alive while its channel to the primary is open.
  if (cluster.isWorker) cluster.worker?.disconnect();
}

/**
 * Several processes on one port (node:cluster): each has its own store connection and keyring;
 * sessions, lockout and the audit log live in the database, so any process serves any request.
 * A process that dies is replaced.
 */
async function superviseWorkers(count: number, onListening: () => void): Promise<void> {
  let stopping = false;
  let listening = 0;
  cluster.on('listening', () => {
    listening += 1;
    if (listening === count) onListening();
  });
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    say(`Server process ${String(worker.process.pid)} exited (${String(code)}); starting another.`);
    cluster.fork();
  });
  for (let i = 0; i < count; i++) cluster.fork();
  await waitForSignal();
  stopping = true;
  const exits = Object.values(cluster.workers ?? {}).map(
    (worker) =>
      new Promise<void>((resolve) => {
        worker?.once('exit', () => {
          resolve();
        });
        worker?.process.kill('SIGTERM');
      }),
  );
  await Promise.all(exits);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

import { Command } from 'commander';
import { webRoot } from '../../config/paths.js';
import { buildApp } from '../../server/app.js';
import { loadTlsCredentials } from '../../server/tls.js';
import { WardlineError } from '../../domain/errors.js';
import { configFrom, openRuntime, type GlobalOptions } from '../runtime.js';

interface ServeOptions {
  readonly demo?: boolean;
  readonly port?: string;
  readonly host?: string;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('run the Wardline server over HTTPS (https://localhost:8443 by default)')
    .option('--demo', 'load the Larkspur Valley Medical Center demo hospital if the store is empty')
    .option('--port <n>', 'TCP port (default 8443)')
    .option('--host <name>', 'address to listen on (default localhost)')
    .action(async (options: ServeOptions, command: Command) => {
      const config = configFrom(command.optsWithGlobals<GlobalOptions>(), {
        port: options.port,
        host: options.host,
      });
      const runtime = await openRuntime(config);
      const say = (text: string) => process.stdout.write(`${text}\n`);
      if (options.demo === true) {
        const loaded = await runtime.services.demo.load();
        say(
          loaded.loaded
            ? `Demo hospital loaded: ${loaded.organization} (${loaded.assets} assets).`
            : `Demo hospital already present: ${loaded.organization}.`,
        );
      }
      const bootstrap = await runtime.services.auth.issueBootstrapToken();
      const tls = await loadTlsCredentials({
        dataDir: config.dataDir,
        certFile: config.tls.certFile,
        keyFile: config.tls.keyFile,
        hostNames: [new URL(config.origin).hostname],
      });
      const { app } = await buildApp({
        services: runtime.services,
        logLevel: config.logLevel,
        metricsToken: config.metricsToken,
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
      say(
        `Wardline is running at ${config.origin} (store: ${runtime.store.description}${tls.selfSigned ? '; self-signed certificate' : ''}).`,
      );
      if (bootstrap !== null) {
        // Printed once, to the person who started the server, never to the log.
        say(
          `No administrator exists yet. Create one at ${config.origin}/bootstrap with this one-time token (valid until ${bootstrap.expiresAt}):`,
        );
        say(`  bootstrap token: ${bootstrap.token}`);
      }
      // Sessions nobody presents again would otherwise keep their IP and user agent forever.
      await runtime.services.auth.purgeExpiredSessions();
      const purge = setInterval(() => {
        void runtime.services.auth.purgeExpiredSessions().catch((error: unknown) => {
          app.log.error({ err: error }, 'Purging expired sessions failed.');
        });
      }, 15 * 60_000);
      purge.unref();
      await waitForSignal();
      clearInterval(purge);
      await app.close();
      await runtime.close();
    });
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

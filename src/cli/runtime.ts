/**
 * The composition root: configuration → store (migrated) → keyring → services. Every command that
 * touches data opens one runtime and closes it when done.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config/config.js';
import { createServices, type Services } from '../services/services.js';
import { openStore, type Store } from '../store/database.js';
import { loadMasterKey, type MasterKey } from '../store/master-key.js';
import { migrateToLatest } from '../store/migrate.js';
import { openKeyring, type Keyring } from '../store/sealing.js';

export interface GlobalOptions {
  readonly data?: string | undefined;
}

export interface Runtime {
  readonly config: Config;
  readonly store: Store;
  readonly masterKey: MasterKey;
  readonly keyring: Keyring;
  readonly services: Services;
  close(): Promise<void>;
}

export function configFrom(
  options: GlobalOptions,
  overrides: Record<string, unknown> = {},
): Config {
  return loadConfig({ env: process.env, overrides: { dataDir: options.data, ...overrides } });
}

export async function openRuntime(config: Config): Promise<Runtime> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore({
    databaseUrl: config.databaseUrl,
    sqlitePath: join(config.dataDir, 'wardline.db'),
  });
  try {
    await migrateToLatest(store);
    const masterKey = await loadMasterKey({ env: process.env, dataDir: config.dataDir });
    const keyring = await openKeyring(store, masterKey);
    const services = createServices({
      db: store.db,
      keyring,
      clock: () => new Date(),
      settings: {
        origin: config.origin,
        sessionIdleMinutes: config.session.idleMinutes,
        sessionAbsoluteMinutes: config.session.absoluteMinutes,
        maxFailedLogins: config.login.maxFailures,
        lockMinutes: config.login.lockMinutes,
        bootstrapTokenMinutes: config.bootstrapTokenMinutes,
        importDir: join(config.dataDir, 'imports'),
      },
    });
    return { config, store, masterKey, keyring, services, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Runs `work` with an open runtime and always closes it. */
export async function withRuntime<T>(
  config: Config,
  work: (runtime: Runtime) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(config);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

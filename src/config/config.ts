/**
 * Wardline's configuration: one schema, read from `wardline.yaml` (in the data folder, or the file
 * `WARDLINE_CONFIG` names) and overridden by `WARDLINE_*` variables, with safe defaults. Every
 * invalid value is reported at once, not the first one only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { WardlineError } from '../domain/errors.js';

const Minutes = (defaultValue: number, maximum: number) =>
  Type.Integer({ minimum: 1, maximum, default: defaultValue });

export const ConfigSchema = Type.Object(
  {
    dataDir: Type.String({ minLength: 1, default: './wardline-data' }),
    /** `postgres://…` selects PostgreSQL; unset means SQLite in the data folder. */
    databaseUrl: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
    host: Type.String({ minLength: 1, default: 'localhost' }),
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8443 }),
    /** The address users type; WebAuthn binds passkeys to its host name. */
    publicOrigin: Type.Optional(Type.String({ pattern: '^https://' })),
    tls: Type.Object(
      {
        certFile: Type.Optional(Type.String({ minLength: 1 })),
        keyFile: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false, default: {} },
    ),
    session: Type.Object(
      {
        idleMinutes: Minutes(30, 24 * 60),
        absoluteMinutes: Minutes(12 * 60, 7 * 24 * 60),
      },
      { additionalProperties: false, default: {} },
    ),
    login: Type.Object(
      {
        maxFailures: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
        lockMinutes: Minutes(15, 24 * 60),
        /** Sign-in attempts per minute from one address, per server process. */
        ratePerMinute: Type.Integer({ minimum: 1, maximum: 10_000, default: 30 }),
      },
      { additionalProperties: false, default: {} },
    ),
    bootstrapTokenMinutes: Minutes(60, 7 * 24 * 60),
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    /** Syslog listeners for detection; each is off unless its port is set. TLS uses `tls`. */
    syslog: Type.Object(
      {
        host: Type.String({ minLength: 1, default: '0.0.0.0' }),
        udpPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
        tcpPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
        tlsPort: Type.Optional(Type.Integer({ minimum: 0, maximum: 65535 })),
      },
      { additionalProperties: false, default: {} },
    ),
    /** Bearer token that lets a Prometheus scraper read `/metrics` without a session. */
    metricsToken: Type.Optional(Type.String({ minLength: 16 })),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema> & {
  /** The resolved origin: `publicOrigin`, or `https://localhost:<port>`. */
  readonly origin: string;
};

/** Environment variables and the config key each one sets. */
const ENV_KEYS: Readonly<Record<string, readonly string[]>> = {
  WARDLINE_DATA_DIR: ['dataDir'],
  WARDLINE_DATABASE_URL: ['databaseUrl'],
  WARDLINE_HOST: ['host'],
  WARDLINE_PORT: ['port'],
  WARDLINE_PUBLIC_ORIGIN: ['publicOrigin'],
  WARDLINE_TLS_CERT: ['tls', 'certFile'],
  WARDLINE_TLS_KEY: ['tls', 'keyFile'],
  WARDLINE_SESSION_IDLE_MINUTES: ['session', 'idleMinutes'],
  WARDLINE_SESSION_ABSOLUTE_MINUTES: ['session', 'absoluteMinutes'],
  WARDLINE_LOGIN_MAX_FAILURES: ['login', 'maxFailures'],
  WARDLINE_LOGIN_LOCK_MINUTES: ['login', 'lockMinutes'],
  WARDLINE_LOGIN_RATE_PER_MINUTE: ['login', 'ratePerMinute'],
  WARDLINE_BOOTSTRAP_TOKEN_MINUTES: ['bootstrapTokenMinutes'],
  WARDLINE_LOG_LEVEL: ['logLevel'],
  WARDLINE_METRICS_TOKEN: ['metricsToken'],
  WARDLINE_SYSLOG_HOST: ['syslog', 'host'],
  WARDLINE_SYSLOG_UDP_PORT: ['syslog', 'udpPort'],
  WARDLINE_SYSLOG_TCP_PORT: ['syslog', 'tcpPort'],
  WARDLINE_SYSLOG_TLS_PORT: ['syslog', 'tlsPort'],
};

export interface ConfigSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Values from the command line; they win over everything else. */
  readonly overrides?: Readonly<Record<string, unknown>>;
}

export function loadConfig({ env, overrides = {} }: ConfigSources): Config {
  const raw: Record<string, unknown> = {};
  const dataDir = (overrides.dataDir as string | undefined) ?? env.WARDLINE_DATA_DIR;
  const file = env.WARDLINE_CONFIG ?? join(dataDir ?? './wardline-data', 'wardline.yaml');
  if (existsSync(file)) Object.assign(raw, readYamlObject(file));
  for (const [name, path] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, path, value);
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = raw[key];
    // An object override (the syslog ports) adds to the configured object rather than replacing it.
    raw[key] = isPlainObject(value) && isPlainObject(current) ? { ...current, ...value } : value;
  }
  return validateConfig(raw);
}

export function validateConfig(raw: unknown): Config {
  const withDefaults = Value.Default(ConfigSchema, Value.Clone(raw));
  const converted = Value.Convert(ConfigSchema, withDefaults);
  const problems = [...Value.Errors(ConfigSchema, converted)].map(
    (e) => `${e.path || '/'}: ${e.message}`,
  );
  if (problems.length > 0) {
    throw new WardlineError('WL_CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const config = converted as Static<typeof ConfigSchema>;
  const dataDir = resolve(config.dataDir);
  return {
    ...config,
    dataDir,
    origin: config.publicOrigin ?? `https://localhost:${config.port}`,
  };
}

function readYamlObject(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 10 });
  } catch (cause) {
    throw new WardlineError('WL_CONFIG_INVALID', `Cannot read ${file} as YAML.`, { cause });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new WardlineError('WL_CONFIG_INVALID', `${file} must hold a YAML mapping.`);
  }
  return parsed as Record<string, unknown>;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: string): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const child = target[head];
  const next =
    typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : {};
  target[head] = next;
  setPath(next, rest, value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

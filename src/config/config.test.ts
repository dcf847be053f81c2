import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WardlineError } from '../domain/errors.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives safe defaults: HTTPS on 8443, 30-minute idle sessions, SQLite', () => {
    const config = loadConfig({ env: { WARDLINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'wl-')) } });
    expect(config.port).toBe(8443);
    expect(config.origin).toBe('https://localhost:8443');
    expect(config.session.idleMinutes).toBe(30);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('reads wardline.yaml from the data folder and lets variables override it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-'));
    writeFileSync(join(dir, 'wardline.yaml'), 'port: 9443\nsession:\n  idleMinutes: 10\n');
    const config = loadConfig({
      env: { WARDLINE_DATA_DIR: dir, WARDLINE_SESSION_IDLE_MINUTES: '5' },
    });
    expect(config.port).toBe(9443);
    expect(config.session.idleMinutes).toBe(5);
    expect(config.session.absoluteMinutes).toBe(720);
  });

  it('takes the lockout and sign-in rate from variables', () => {
    const config = loadConfig({
      env: {
        WARDLINE_DATA_DIR: mkdtempSync(join(tmpdir(), 'wl-')),
        WARDLINE_LOGIN_MAX_FAILURES: '3',
        WARDLINE_LOGIN_LOCK_MINUTES: '60',
        WARDLINE_LOGIN_RATE_PER_MINUTE: '10',
      },
    });
    expect(config.login).toEqual({ maxFailures: 3, lockMinutes: 60, ratePerMinute: 10 });
    expect(config.bootstrapTokenMinutes).toBe(60);
  });

  it('reports every invalid value at once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wl-'));
    writeFileSync(join(dir, 'wardline.yaml'), 'port: 99999\nunknownKey: 1\n');
    let caught: unknown;
    try {
      loadConfig({ env: { WARDLINE_DATA_DIR: dir, WARDLINE_DATABASE_URL: 'mysql://x' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WardlineError);
    const problems = (caught as WardlineError).details?.problems as string[];
    expect(problems.some((p) => p.startsWith('/port'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/databaseUrl'))).toBe(true);
    expect(problems.length).toBeGreaterThanOrEqual(3);
  });
});

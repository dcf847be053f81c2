import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Wardline's package.json, found by walking up from this module, so the same
 * code finds `dist/web` whether it runs from `src/` (tests) or from `dist/server/` (installed).
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isWardlineManifest(manifest)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Wardline package root.');
    dir = parent;
  }
}

function isWardlineManifest(path: string): boolean {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown };
  return manifest.name === 'wardline';
}

/** The built web UI, served by `wardline serve`. */
export function webRoot(): string {
  return join(packageRoot(), 'dist', 'web');
}

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}

/** The Sigma rule packs that ship with Wardline (`rules/healthcare/` first). */
export function bundledRulesRoot(): string {
  return join(packageRoot(), 'rules');
}

/**
 * Layer boundaries, checked on the source text (ESLint checks the same; this fails even when the
 * lint step is skipped or its config drifts). Imports point down only; engines do no I/O.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier imported or re-exported by a file, static or dynamic. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const specifiers: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
  }
  return specifiers;
}

/** The `src/` layer a relative specifier lands in, if any. */
function layerOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(SRC, join(file, '..', specifier));
  return target.startsWith('..') ? 'outside-src' : target.split(/[\\/]/)[0];
}

const IO_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'tls',
  'child_process',
];

const FORBIDDEN_LAYERS: Record<string, readonly string[]> = {
  domain: ['config', 'store', 'engines', 'formats', 'services', 'server', 'cli'],
  engines: ['store', 'formats', 'services', 'server', 'cli'],
  formats: ['store', 'engines', 'services', 'server', 'cli'],
  store: ['engines', 'formats', 'services', 'server', 'cli'],
};

describe('layer boundaries', () => {
  it('finds the source files it checks', () => {
    expect(sourceFiles(join(SRC, 'engines')).length).toBeGreaterThan(0);
    expect(sourceFiles(join(SRC, 'store')).length).toBeGreaterThan(0);
  });

  it('sees an import it must forbid (the checker itself works)', () => {
    const file = join(SRC, 'engines', 'audit', 'example.ts');
    expect(layerOf(file, '../../store/audit-repo.js')).toBe('store');
    expect(layerOf(file, '../../domain/audit.js')).toBe('domain');
  });

  it.each(Object.entries(FORBIDDEN_LAYERS))(
    '%s imports none of the layers above it',
    (layer, forbidden) => {
      const violations = sourceFiles(join(SRC, layer)).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => forbidden.includes(layerOf(file, specifier) ?? ''))
          .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
      );
      expect(violations).toEqual([]);
    },
  );

  it('engines import no file, network or process module', () => {
    const violations = sourceFiles(join(SRC, 'engines')).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => IO_MODULES.includes(specifier.replace(/^node:/, '')))
        .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });
});

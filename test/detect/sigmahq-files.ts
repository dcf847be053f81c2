/** Reading SigmaHQ's rule tree and regression data in place (tests only). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseSigmaRule, type SigmaRule } from '../../src/engines/detect/sigma/index.js';

export const SIGMAHQ_ROOT = new URL('../../../shared/data/sigmahq-sigma/', import.meta.url)
  .pathname;
export const sigmahqPresent = existsSync(join(SIGMAHQ_ROOT, 'rules'));

/** Every file under a folder whose name ends with `suffix`, sorted. */
export function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(suffix)) out.push(path);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** The rule files of every `rules*` folder. */
export function ruleFiles(): string[] {
  return readdirSync(SIGMAHQ_ROOT)
    .filter((name) => name.startsWith('rules'))
    .sort()
    .flatMap((name) => filesUnder(join(SIGMAHQ_ROOT, name), '.yml'));
}

export interface LoadedRule {
  readonly path: string;
  readonly rule: SigmaRule;
}

/** Parses rule files; `only` limits parsing to files whose text holds one of these ids. */
export function loadRules(paths: readonly string[], only?: ReadonlySet<string>): LoadedRule[] {
  const out: LoadedRule[] = [];
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    if (only !== undefined) {
      const id = /^id:\s*(\S+)/m.exec(text)?.[1];
      if (id === undefined || !only.has(id)) continue;
    }
    for (const rule of parseSigmaRule(text, { source: path }).rules) out.push({ path, rule });
  }
  return out;
}

/** The JSON values in a text holding one or several concatenated JSON documents. */
export function jsonDocuments(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) out.push(JSON.parse(text.slice(start, index + 1)));
    }
  }
  return out;
}

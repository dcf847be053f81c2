/**
 * Sigma rule files as Wardline stores them: one YAML file may hold several rules and
 * correlations; each becomes a row keyed by its Sigma id (or name), and what kept it from parsing
 * stays with it as problems. Directories are walked for `.yml` and `.yaml` files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DetectionLevel, LogSource } from '../../domain/detection.js';
import {
  parseSigmaRule,
  type SigmaCorrelation,
  type SigmaLevel,
  type SigmaRule,
} from '../../engines/detect/sigma/index.js';

/** One rule or correlation read from a file, ready to store, with the parsed form when it read. */
export interface RuleEntry {
  readonly ruleId: string;
  readonly title: string;
  readonly level: DetectionLevel;
  readonly kind: 'rule' | 'correlation';
  readonly path: string;
  readonly yaml: string;
  readonly logsource: LogSource;
  readonly tags: readonly string[];
  readonly problems: readonly string[];
  readonly rule?: SigmaRule;
  readonly correlation?: SigmaCorrelation;
}

export interface RuleFileResult {
  readonly entries: readonly RuleEntry[];
  /** Problems of the file as a whole (not YAML, no rule in it), `path: message`. */
  readonly problems: readonly string[];
}

/** Rule files larger than this are not read. */
const MAX_RULE_FILE_BYTES = 1_000_000;
/** Files read from one directory tree at most. */
const MAX_RULE_FILES = 20_000;

function levelOf(level: SigmaLevel | undefined): DetectionLevel {
  return level ?? 'medium';
}

function logsourceOf(rule: SigmaRule): LogSource {
  const { product, category, service } = rule.logsource;
  return {
    ...(product === undefined ? {} : { product }),
    ...(category === undefined ? {} : { category }),
    ...(service === undefined ? {} : { service }),
  };
}

/** Reads one rule file's text into entries; never throws on bad text. */
export function readRuleText(yaml: string, path: string): RuleFileResult {
  const parsed = parseSigmaRule(yaml, { source: path });
  const parsedIds = new Set<string | undefined>([
    ...parsed.rules.map((r) => r.id),
    ...parsed.correlations.map((c) => c.id),
  ]);
  // Problems of the file, or of a rule in it that did not parse at all (no entry to carry them).
  const fileProblems = parsed.problems
    .filter((p) => p.ruleId === undefined || !parsedIds.has(p.ruleId))
    .map((p) => `${p.code}: ${p.message}`);
  const problemsOf = (id: string | undefined): string[] =>
    parsed.problems
      .filter((p) => p.ruleId === id && id !== undefined)
      .map((p) => `${p.code}: ${p.message}`);
  const entries: RuleEntry[] = [];
  for (const rule of parsed.rules) {
    entries.push({
      ruleId: rule.id ?? rule.name ?? `${path}#${String(entries.length + 1)}`,
      title: rule.title,
      level: levelOf(rule.level),
      kind: 'rule',
      path,
      yaml,
      logsource: logsourceOf(rule),
      tags: rule.tags,
      problems: problemsOf(rule.id),
      rule,
    });
  }
  for (const correlation of parsed.correlations) {
    entries.push({
      ruleId: correlation.id ?? correlation.name ?? `${path}#${String(entries.length + 1)}`,
      title: correlation.title,
      level: levelOf(correlation.level),
      kind: 'correlation',
      path,
      yaml,
      logsource: {},
      tags: correlation.tags,
      problems: problemsOf(correlation.id),
      correlation,
    });
  }
  if (entries.length === 0 && fileProblems.length === 0)
    fileProblems.push('the file holds no rule');
  return { entries, problems: fileProblems.map((p) => `${path}: ${p}`) };
}

/** Every `.yml`/`.yaml` file under a directory, sorted, at most `MAX_RULE_FILES`. */
export async function listRuleFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (found.length >= MAX_RULE_FILES) return;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) found.push(full);
    }
  };
  await walk(root);
  return found;
}

/** Reads every rule file under a directory (or one file); paths in entries are relative to it. */
export async function readRuleDirectory(
  root: string,
  prefix = '',
): Promise<{ entries: RuleEntry[]; problems: string[]; files: number }> {
  const files = /\.ya?ml$/i.test(root) ? [root] : await listRuleFiles(root);
  const entries: RuleEntry[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const name = files.length === 1 && file === root ? file : relative(root, file);
    const text = await readFile(file);
    if (text.byteLength > MAX_RULE_FILE_BYTES) {
      problems.push(`${name}: the file is over ${String(MAX_RULE_FILE_BYTES)} bytes`);
      continue;
    }
    const result = readRuleText(text.toString('utf8'), `${prefix}${name}`);
    entries.push(...result.entries);
    problems.push(...result.problems);
  }
  return { entries, problems, files: files.length };
}

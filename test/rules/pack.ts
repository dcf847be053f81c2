/**
 * Loads a bundled Sigma rule pack for tests: every rule file under the pack's folder (parsed),
 * the test events beside it (`tests/<file name>/positive.jsonl` and `negative.jsonl`) and the
 * test placeholder values (`tests/placeholders.json`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { EVENT_SHAPES, type EventShape, type LogEvent } from '../../src/domain/detection.js';
import {
  parseSigmaRule,
  type FieldCondition,
  type SearchNode,
  type SigmaCorrelation,
  type SigmaParseResult,
  type SigmaRule,
} from '../../src/engines/detect/sigma/index.js';

export interface PackFile {
  /** Path inside the pack, `ransomware/vssadmin_shadow_delete.yml`. */
  readonly path: string;
  /** File name without `.yml`: the name of its test folder. */
  readonly name: string;
  readonly text: string;
  readonly parsed: SigmaParseResult;
}

export interface Pack {
  readonly root: string;
  readonly files: readonly PackFile[];
  readonly rules: readonly SigmaRule[];
  readonly correlations: readonly SigmaCorrelation[];
  readonly placeholders: ReadonlyMap<string, readonly string[]>;
}

function ruleFilesUnder(dir: string, root: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (relative(root, path) !== 'tests') found.push(...ruleFilesUnder(path, root));
    } else if (entry.endsWith('.yml') || entry.endsWith('.yaml')) {
      found.push(path);
    }
  }
  return found;
}

function readPlaceholders(path: string): Map<string, readonly string[]> {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const map = new Map<string, readonly string[]>();
  for (const [name, values] of Object.entries(raw)) {
    if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
      throw new Error(`placeholders.json: ${name} is not a list of strings`);
    }
    map.set(name, values);
  }
  return map;
}

export function loadPack(root: string): Pack {
  const files = ruleFilesUnder(root, root).map((full): PackFile => {
    const path = relative(root, full).split('\\').join('/');
    const text = readFileSync(full, 'utf8');
    return {
      path,
      name: basename(full).replace(/\.ya?ml$/, ''),
      text,
      parsed: parseSigmaRule(text, { source: path }),
    };
  });
  return {
    root,
    files,
    rules: files.flatMap((file) => file.parsed.rules),
    correlations: files.flatMap((file) => file.parsed.correlations),
    placeholders: readPlaceholders(join(root, 'tests', 'placeholders.json')),
  };
}

export type TestKind = 'positive' | 'negative';

export function testFile(pack: Pack, file: PackFile, kind: TestKind): string {
  return join(pack.root, 'tests', file.name, `${kind}.jsonl`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a parsed line is not a LogEvent, or undefined when it is one. */
export function logEventProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'not an object';
  const { time, logsource, shape, data } = value;
  if (typeof time !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(time)) {
    return 'time is not ISO 8601 UTC';
  }
  if (!isRecord(logsource)) return 'logsource is not an object';
  if (typeof shape !== 'string' || !(EVENT_SHAPES as readonly string[]).includes(shape)) {
    return 'shape is not an event shape';
  }
  if (!isRecord(data)) return 'data is not an object';
  return undefined;
}

/** The events of one test file, in file order; throws on a line that is not a LogEvent. */
export function readEvents(path: string): LogEvent[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  const events: LogEvent[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const value: unknown = JSON.parse(line);
    const problem = logEventProblem(value);
    if (problem !== undefined) throw new Error(`${path}:${index + 1}: ${problem}`);
    events.push(value as LogEvent);
  }
  return events;
}

/** The ids a file's test proves: its correlations' when it has any, else its rules'. */
export function expectedIds(file: PackFile): string[] {
  const { rules, correlations } = file.parsed;
  const source = correlations.length > 0 ? correlations : rules;
  return source.map((item) => item.id ?? item.name ?? item.title);
}

function conditionsOf(node: SearchNode): FieldCondition[] {
  switch (node.kind) {
    case 'fields':
      return [...node.conditions];
    case 'anyOf':
      return node.alternatives.flatMap(conditionsOf);
    case 'keywords':
      return [];
  }
}

/** `%name%` placeholders in the values of a rule's `|expand` field conditions. */
export function placeholdersIn(rule: SigmaRule): string[] {
  const names: string[] = [];
  for (const node of rule.detection.searches.values()) {
    for (const condition of conditionsOf(node)) {
      if (!condition.modifiers.includes('expand')) continue;
      for (const value of condition.values) {
        if (typeof value !== 'string') continue;
        for (const match of value.matchAll(/%([^%\s]+)%/g)) names.push(match[1] ?? '');
      }
    }
  }
  return names;
}

/** Whether an event's log source has every attribute the rule names. */
export function logsourceCovers(rule: SigmaRule, event: LogEvent): boolean {
  const wanted = rule.logsource;
  const have = event.logsource;
  return (['product', 'category', 'service'] as const).every(
    (key) => wanted[key] === undefined || wanted[key] === have[key],
  );
}

export const SHAPES: readonly EventShape[] = EVENT_SHAPES;

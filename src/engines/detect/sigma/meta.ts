/** Rule metadata shared by detection and correlation rules: title, status, level, tags, dates. */
import type { ProblemSink } from './problems.js';
import { SIGMA_LEVELS, SIGMA_STATUSES } from './types.js';
import type { AttackTags, SigmaLevel, SigmaRuleMeta, SigmaStatus } from './types.js';

export type RawMap = Record<string, unknown>;

function text(raw: RawMap, key: string, sink: ProblemSink): string | undefined {
  const value = raw[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  sink.add('WL_SIGMA_FIELD_INVALID', `\`${key}\` must be a text`, key, 'warning');
  return undefined;
}

function texts(raw: RawMap, key: string, sink: ProblemSink): string[] {
  const value = raw[key];
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const out = list.filter((item): item is string => typeof item === 'string');
  if (out.length !== list.length)
    sink.add('WL_SIGMA_FIELD_INVALID', `\`${key}\` must list texts`, key, 'warning');
  return out;
}

function oneOf<T extends string>(
  allowed: readonly T[],
  raw: RawMap,
  key: string,
  sink: ProblemSink,
): T | undefined {
  const value = text(raw, key, sink);
  if (value === undefined) return undefined;
  const found = allowed.find((item) => item === value);
  if (found === undefined) {
    sink.add(
      'WL_SIGMA_FIELD_INVALID',
      `\`${key}\` is \`${value}\`, not one of ${allowed.join(', ')}`,
      key,
      'warning',
    );
  }
  return found;
}

/** `2024/01/31` and `2024-01-31` both become `2024-01-31`; anything else stays as written. */
export function normalizeDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})[-/](\d{2})[-/](\d{2})$/.exec(value.trim());
  return match === null ? value : `${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`;
}

/**
 * ATT&CK tags split by kind.
 *
 * @example
 * attackTags(['attack.execution', 'attack.t1059.001', 'attack.g0007', 'cve.2021-44228'])
 * // → { techniques: ['T1059.001'], tactics: ['execution'], groups: ['G0007'], software: [] }
 */
export function attackTags(tags: readonly string[]): AttackTags {
  const techniques: string[] = [];
  const tactics: string[] = [];
  const groups: string[] = [];
  const software: string[] = [];
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const rest = lower.slice('attack.'.length);
    if (/^t\d{4}(\.\d{3})?$/.test(rest)) techniques.push(rest.toUpperCase());
    else if (/^g\d{4}$/.test(rest)) groups.push(rest.toUpperCase());
    else if (/^s\d{4}$/.test(rest)) software.push(rest.toUpperCase());
    else if (/^[a-z][a-z_-]*$/.test(rest)) tactics.push(rest.replace(/_/g, '-'));
  }
  return { techniques, tactics, groups, software };
}

/** Reads the metadata; undefined (after a problem) when the title is missing. */
export function readMeta(raw: RawMap, sink: ProblemSink): SigmaRuleMeta | undefined {
  const id = text(raw, 'id', sink);
  sink.ruleId = id;
  const title = text(raw, 'title', sink);
  if (title === undefined) {
    sink.add('WL_SIGMA_FIELD_MISSING', 'the rule has no title', 'title');
    return undefined;
  }
  const tags = texts(raw, 'tags', sink);
  const status: SigmaStatus | undefined = oneOf(SIGMA_STATUSES, raw, 'status', sink);
  const level: SigmaLevel | undefined = oneOf(SIGMA_LEVELS, raw, 'level', sink);
  const optional = {
    id,
    name: text(raw, 'name', sink),
    status,
    level,
    description: text(raw, 'description', sink),
    author: text(raw, 'author', sink),
    date: normalizeDate(text(raw, 'date', sink)),
    modified: normalizeDate(text(raw, 'modified', sink)),
  };
  const present = Object.fromEntries(
    Object.entries(optional).filter(([, value]) => value !== undefined),
  );
  return {
    ...present,
    title,
    tags,
    attack: attackTags(tags),
    references: texts(raw, 'references', sink),
    falsepositives: texts(raw, 'falsepositives', sink),
  };
}

/** Reads `logsource`; undefined after a problem. */
export function readLogsource(raw: unknown, sink: ProblemSink): RawMap | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    sink.add(
      raw === undefined ? 'WL_SIGMA_FIELD_MISSING' : 'WL_SIGMA_FIELD_INVALID',
      'logsource must be a map',
      'logsource',
    );
    return undefined;
  }
  const source = raw as RawMap;
  const out: Record<string, string> = {};
  for (const key of ['product', 'category', 'service', 'definition']) {
    const value = text(source, key, sink);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * One OSV record (schema 1.x, https://ossf.github.io/osv-schema/) into an `Advisory`: `summary`
 * becomes the title, `details` the summary; `severity` (top level and per affected package) gives
 * CVSS scores; `affected` gives package criteria. `ecosystem_specific`, `database_specific`,
 * `credits` and `related` are not read.
 */
import type {
  Advisory,
  AdvisoryReference,
  CvssScore,
  PackageCriterion,
} from '../../domain/vulnerability.js';
import { readAffected } from './affected.js';
import { readCvss } from './cvss.js';
import type { RecordContext } from './diagnostics.js';
import {
  MAX_OSV_AFFECTED,
  MAX_OSV_ALIASES,
  MAX_OSV_LONG_TEXT,
  MAX_OSV_REFERENCES,
  MAX_OSV_SEVERITIES,
  MAX_OSV_URL,
} from './limits.js';
import type { OsvVersionRules } from './types.js';
import { arrayAt, isObject, member, shortText, type PlainObject } from './values.js';

/** The advisory, or null (reported) when the record has no usable id. */
export function readRecord(
  value: unknown,
  ctx: RecordContext,
  rules: OsvVersionRules,
): Advisory | null {
  if (!isObject(value)) {
    ctx.report('WL_OSV_RECORD_INVALID', 'error', 'record', 'not an object; skipped');
    return null;
  }
  const id = shortText(member(value, 'id'));
  if (id === null || id.trim() === '') {
    ctx.report('WL_OSV_RECORD_INVALID', 'error', 'record', 'no id; skipped');
    return null;
  }
  ctx.id = id;
  checkSchemaVersion(value, ctx);
  return {
    id,
    source: 'osv',
    aliases: readAliases(value, ctx),
    document: null,
    title: longText(value, 'summary', ctx),
    summary: longText(value, 'details', ctx),
    published: timestamp(value, 'published', ctx),
    modified: timestamp(value, 'modified', ctx),
    withdrawn: timestamp(value, 'withdrawn', ctx),
    cvss: readSeverities(value, ctx),
    cwes: [],
    references: readReferences(value, ctx),
    cpeConfigurations: [],
    packages: readPackages(value, ctx, rules),
    products: [],
    remediations: [],
    ssvc: null,
  };
}

function checkSchemaVersion(record: PlainObject, ctx: RecordContext): void {
  const version = member(record, 'schema_version');
  if (
    version !== undefined &&
    !(typeof version === 'string' && /^1\.\d{1,4}(\.\d{1,4})?$/.test(version))
  ) {
    ctx.report('WL_OSV_SCHEMA_VERSION', 'info', 'schema_version', 'not 1.x; read as 1.x');
  }
}

function capped<T>(
  items: readonly T[],
  max: number,
  ctx: RecordContext,
  path: string,
): readonly T[] {
  if (items.length <= max) return items;
  ctx.report('WL_OSV_LIMIT_EXCEEDED', 'warning', path, `more than ${max}; rest ignored`);
  return items.slice(0, max);
}

/** Aliases, CVE ids first (then as given), without duplicates or the record's own id. */
function readAliases(record: PlainObject, ctx: RecordContext): string[] {
  const aliases = new Set<string>();
  for (const alias of capped(arrayAt(record, 'aliases'), MAX_OSV_ALIASES, ctx, 'aliases')) {
    const text = shortText(alias);
    if (text === null || text === '')
      ctx.report('WL_OSV_VALUE_INVALID', 'warning', 'aliases', 'an alias is not a string; ignored');
    else if (text !== ctx.id) aliases.add(text);
  }
  const list = [...aliases];
  return [...list.filter(isCve), ...list.filter((a) => !isCve(a))];
}

function isCve(id: string): boolean {
  return id.startsWith('CVE-');
}

function longText(record: PlainObject, key: string, ctx: RecordContext): string | null {
  const value = member(record, key);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    ctx.report('WL_OSV_VALUE_INVALID', 'warning', key, 'not a string; ignored');
    return null;
  }
  if (value.length <= MAX_OSV_LONG_TEXT) return value === '' ? null : value;
  ctx.report(
    'WL_OSV_LIMIT_EXCEEDED',
    'warning',
    key,
    `longer than ${MAX_OSV_LONG_TEXT} characters; cut`,
  );
  return value.slice(0, MAX_OSV_LONG_TEXT);
}

/** RFC 3339 date-times as written; anything else is reported and dropped. */
function timestamp(record: PlainObject, key: string, ctx: RecordContext): string | null {
  const value = member(record, key);
  if (value === undefined || value === null) return null;
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i.test(value)
  ) {
    return value;
  }
  ctx.report('WL_OSV_VALUE_INVALID', 'warning', key, 'not an RFC 3339 date-time; ignored');
  return null;
}

function readSeverities(record: PlainObject, ctx: RecordContext): CvssScore[] {
  const entries: [unknown, string][] = arrayAt(record, 'severity').map((s, i) => [
    s,
    `severity[${i}]`,
  ]);
  arrayAt(record, 'affected')
    .slice(0, MAX_OSV_AFFECTED)
    .forEach((affected, a) => {
      if (isObject(affected)) {
        arrayAt(affected, 'severity').forEach((s, i) =>
          entries.push([s, `affected[${a}].severity[${i}]`]),
        );
      }
    });
  const scores = new Map<string, CvssScore>();
  for (const [entry, path] of capped(entries, MAX_OSV_SEVERITIES, ctx, 'severity')) {
    const score = readSeverity(entry, ctx, path);
    if (score !== null && !scores.has(score.vector)) scores.set(score.vector, score);
  }
  return [...scores.values()];
}

function readSeverity(entry: unknown, ctx: RecordContext, path: string): CvssScore | null {
  const type = isObject(entry) ? member(entry, 'type') : undefined;
  const vector = isObject(entry) ? shortText(member(entry, 'score')) : null;
  if (type !== 'CVSS_V2' && type !== 'CVSS_V3' && type !== 'CVSS_V4') {
    const named = typeof type === 'string' ? type.slice(0, 40) : 'no type';
    ctx.report('WL_OSV_SEVERITY_UNSUPPORTED', 'info', path, `severity type ${named} not read`);
    return null;
  }
  if (vector === null) {
    ctx.report('WL_OSV_CVSS_INVALID', 'warning', path, 'no vector; ignored');
    return null;
  }
  const reading = readCvss(type, vector);
  if ('problem' in reading) {
    ctx.report('WL_OSV_CVSS_INVALID', 'warning', path, `${reading.problem}; ignored`);
    return null;
  }
  return reading.score;
}

function readReferences(record: PlainObject, ctx: RecordContext): AdvisoryReference[] {
  const references: AdvisoryReference[] = [];
  capped(arrayAt(record, 'references'), MAX_OSV_REFERENCES, ctx, 'references').forEach((ref, i) => {
    const url = isObject(ref) ? shortText(member(ref, 'url'), MAX_OSV_URL) : null;
    if (url === null || url === '') {
      ctx.report('WL_OSV_VALUE_INVALID', 'warning', `references[${i}]`, 'no url; ignored');
      return;
    }
    const type = isObject(ref) ? shortText(member(ref, 'type')) : null;
    references.push({ url, tags: type === null ? [] : [type] });
  });
  return references;
}

function readPackages(
  record: PlainObject,
  ctx: RecordContext,
  rules: OsvVersionRules,
): PackageCriterion[] {
  const packages: PackageCriterion[] = [];
  capped(arrayAt(record, 'affected'), MAX_OSV_AFFECTED, ctx, 'affected').forEach((entry, i) => {
    const criterion = readAffected(entry, ctx, `affected[${i}]`, rules);
    if (criterion !== null) packages.push(criterion);
  });
  return packages;
}

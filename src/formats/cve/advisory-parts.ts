/**
 * Mapping pieces both feeds share: text, references, CWEs, CVSS lists and NVD-shaped CPE
 * configurations (NVD `configurations` and CVE 5.1 `cpeApplicability` have the same shape).
 */
import type {
  Advisory,
  AdvisoryReference,
  CpeConfiguration,
  CpeCriterion,
  CpeNode,
  CvssScore,
  CvssVersion,
  VersionBounds,
} from '../../domain/vulnerability.js';
import { isCpe23 } from './cpe.js';
import { scoreCvss } from './cvss.js';
import type { RecordReport } from './diagnostics.js';
import type { JsonObject, JsonValue } from './json-records.js';
import { booleanAt, memberOf, numberAt, objectsAt, stringAt, stringsAt } from './json-values.js';
import {
  MAX_CONFIGURATIONS,
  MAX_CPE_MATCHES,
  MAX_CVSS,
  MAX_CWES,
  MAX_REFERENCES,
  MAX_TEXT_CHARS,
  MAX_VALUE_CHARS,
} from './limits.js';

export const CVE_ID = /^CVE-\d{4}-\d{4,19}$/;
const CWE_ID = /^CWE-\d{1,10}$/;

/** An advisory with nothing but its id and source; mappers fill the rest. */
export function emptyAdvisory(id: string, source: Advisory['source']): Advisory {
  return {
    id,
    source,
    aliases: [],
    document: null,
    title: null,
    summary: null,
    published: null,
    modified: null,
    withdrawn: null,
    cvss: [],
    cwes: [],
    references: [],
    cpeConfigurations: [],
    packages: [],
    products: [],
    remediations: [],
    ssvc: null,
  };
}

/** Text cut to `MAX_TEXT_CHARS`, with a note when it was. */
export function cappedText(text: string | null, what: string, report: RecordReport): string | null {
  if (text === null || text.length <= MAX_TEXT_CHARS) return text;
  report(
    'VALUE_INVALID',
    'info',
    `The ${what} is longer than ${MAX_TEXT_CHARS} characters and is cut.`,
  );
  return text.slice(0, MAX_TEXT_CHARS);
}

/** A short value (date, URL, CPE): kept when a string within `MAX_VALUE_CHARS`. */
export function shortValue(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value.length <= MAX_VALUE_CHARS ? value : null;
}

/** The English text of a `[{lang, value}]` list (`en`, `en-US`…), else the first one. */
export function englishText(items: readonly JsonObject[]): string | null {
  const english = items.find((item) => /^en\b/i.test(stringAt(item, 'lang') ?? ''));
  return stringAt(english ?? items[0], 'value');
}

/** References from `[{url, tags}]` lists, one per URL (tags merged), capped. */
export function referencesOf(
  lists: readonly JsonObject[][],
  report: RecordReport,
): AdvisoryReference[] {
  const byUrl = new Map<string, Set<string>>();
  for (const item of lists.flat()) {
    const url = shortValue(memberOf(item, 'url'));
    if (url === null || !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      report('VALUE_INVALID', 'warning', 'A reference without a usable URL is dropped.');
      continue;
    }
    let tags = byUrl.get(url);
    if (tags === undefined) {
      if (byUrl.size >= MAX_REFERENCES) {
        report(
          'LIMIT_EXCEEDED',
          'warning',
          `More than ${MAX_REFERENCES} references; the rest are dropped.`,
        );
        break;
      }
      tags = new Set();
      byUrl.set(url, tags);
    }
    for (const tag of stringsAt(item, 'tags')) if (tag.length <= 128) tags.add(tag);
  }
  return [...byUrl].map(([url, tags]) => ({ url, tags: [...tags] }));
}

/** CWE ids from candidate strings (`CWE-79`, `NVD-CWE-noinfo` dropped), unique, capped. */
export function cwesOf(candidates: Iterable<string>): string[] {
  const cwes: string[] = [];
  for (const candidate of candidates) {
    const id = candidate.trim().toUpperCase();
    if (CWE_ID.test(id) && !cwes.includes(id) && cwes.length < MAX_CWES) cwes.push(id);
  }
  return cwes;
}

/** A CVSS vector as a feed states it, before it is checked. */
export interface StatedCvss {
  readonly version: CvssVersion;
  readonly vector: string | null;
  readonly statedScore: number | null;
  readonly source: string | null;
}

/** Scores each stated vector; refused vectors and score mismatches are reported. */
export function cvssOf(
  stated: readonly StatedCvss[],
  id: string,
  report: RecordReport,
): CvssScore[] {
  const scores: CvssScore[] = [];
  const seen = new Set<string>();
  for (const item of stated) {
    const outcome = scoreCvss(item.version, item.vector ?? '', item.source);
    if (!outcome.ok) {
      report(
        'CVSS_INVALID',
        'warning',
        `${id}: a CVSS ${item.version} vector from ${item.source ?? 'an unnamed source'} is refused (${outcome.reason}).`,
      );
      continue;
    }
    const { score } = outcome;
    if (item.statedScore !== null && Math.abs(item.statedScore - score.baseScore) > 0.05) {
      report(
        'CVSS_SCORE_MISMATCH',
        'info',
        `${id}: ${score.vector} scores ${score.baseScore}, not the stated ${item.statedScore}; the computed score is kept.`,
      );
    }
    const key = `${score.version} ${score.vector} ${score.source ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (scores.length >= MAX_CVSS) break;
    scores.push(score);
  }
  return scores;
}

/** The `vectorString` and `baseScore` of a CVSS data object. */
export function statedCvss(
  version: CvssVersion,
  data: JsonValue | undefined,
  source: string | null,
): StatedCvss {
  return {
    version,
    vector: stringAt(data, 'vectorString'),
    statedScore: numberAt(data, 'baseScore'),
    source,
  };
}

/** Counts criteria across one advisory's configurations against `MAX_CPE_MATCHES`. */
export class CriterionBudget {
  private used = 0;
  private reported = false;

  constructor(private readonly report: RecordReport) {}

  take(): boolean {
    if (this.used < MAX_CPE_MATCHES) {
      this.used += 1;
      return true;
    }
    if (!this.reported) {
      this.report(
        'LIMIT_EXCEEDED',
        'warning',
        `More than ${MAX_CPE_MATCHES} CPE criteria; the rest are dropped.`,
      );
      this.reported = true;
    }
    return false;
  }
}

const BOUND_KEYS = [
  ['startIncluding', 'versionStartIncluding'],
  ['startExcluding', 'versionStartExcluding'],
  ['endIncluding', 'versionEndIncluding'],
  ['endExcluding', 'versionEndExcluding'],
] as const;

/** One NVD `cpeMatch` object, or null (reported) when its criteria is not a CPE 2.3 string. */
export function cpeMatchOf(match: JsonObject, report: RecordReport): CpeCriterion | null {
  const cpe = stringAt(match, 'criteria') ?? stringAt(match, 'cpe23Uri');
  if (cpe === null || !isCpe23(cpe)) {
    report(
      'CPE_INVALID',
      'warning',
      `A CPE match whose criteria is not a CPE 2.3 string is dropped${cpe === null ? '' : `: ${cpe.slice(0, 80)}`}.`,
    );
    return null;
  }
  const bounds: Record<keyof VersionBounds, string | null> = {
    startIncluding: null,
    startExcluding: null,
    endIncluding: null,
    endExcluding: null,
  };
  for (const [field, key] of BOUND_KEYS) bounds[field] = shortValue(memberOf(match, key));
  return { cpe, vulnerable: booleanAt(match, 'vulnerable') ?? true, bounds };
}

function operatorOf(value: JsonValue | undefined): 'AND' | 'OR' {
  return stringAt(value, 'operator')?.toUpperCase() === 'AND' ? 'AND' : 'OR';
}

/** NVD-shaped configurations (`[{operator?, nodes: [{operator, negate, cpeMatch}]}]`). */
export function configurationsOf(
  configurations: readonly JsonObject[],
  budget: CriterionBudget,
  report: RecordReport,
): CpeConfiguration[] {
  const out: CpeConfiguration[] = [];
  for (const configuration of configurations.slice(0, MAX_CONFIGURATIONS)) {
    const nodes: CpeNode[] = [];
    for (const node of objectsAt(configuration, 'nodes')) {
      const matches: CpeCriterion[] = [];
      for (const match of objectsAt(node, 'cpeMatch')) {
        const criterion = cpeMatchOf(match, report);
        if (criterion !== null && budget.take()) matches.push(criterion);
      }
      if (matches.length > 0) {
        nodes.push({
          operator: operatorOf(node),
          negate: booleanAt(node, 'negate') ?? false,
          matches,
        });
      }
    }
    if (nodes.length > 0) out.push({ operator: operatorOf(configuration), nodes });
  }
  if (configurations.length > MAX_CONFIGURATIONS) {
    report(
      'LIMIT_EXCEEDED',
      'warning',
      `More than ${MAX_CONFIGURATIONS} configurations; the rest are dropped.`,
    );
  }
  return out;
}

/**
 * An NVD timestamp as ISO 8601 UTC: NVD writes `2023-10-12T19:15:11.747` without a zone and means
 * UTC, CVE JSON 5 writes `…Z`; both come out as `2023-10-12T19:15:11.747Z`. Null when not a date.
 */
export function utcTimestamp(value: JsonValue | undefined): string | null {
  const text = shortValue(value);
  if (text === null || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/.test(text))
    return null;
  const zoned = /T[\d:.]+$/.test(text) ? `${text}Z` : text;
  const parsed = new Date(zoned);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

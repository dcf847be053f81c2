/**
 * CSAF `product_version_range` text: a `vers:` range (https://github.com/package-url/vers-spec) or
 * the vendor's own words (`<V2.3`, `>= 1.0 < 2.0`, `All versions`), read into a version rule.
 */
import type { VersionBounds, VersionScheme } from '../../../domain/vulnerability.js';
import { schemeOfPurlType } from '../versions/index.js';
import { MAX_NAME_LENGTH, MAX_RANGE_CONSTRAINTS } from './limits.js';
import { makeRule, type VersionRule } from './rule.js';

interface Constraint {
  readonly comparator: string;
  readonly version: string;
}

const OPEN: VersionBounds = {
  startIncluding: null,
  startExcluding: null,
  endIncluding: null,
  endExcluding: null,
};

/** Folds constraints in order into intervals: a lower bound opens one, an upper bound closes it. */
function toRule(scheme: VersionScheme, constraints: readonly Constraint[]): VersionRule {
  const bounds: VersionBounds[] = [];
  const versions: string[] = [];
  let lower: VersionBounds | null = null;
  for (const { comparator, version } of constraints) {
    if (comparator === '>=' || comparator === '>') {
      if (lower !== null) bounds.push(lower);
      lower =
        comparator === '>='
          ? { ...OPEN, startIncluding: version }
          : { ...OPEN, startExcluding: version };
    } else if (comparator === '<=' || comparator === '<') {
      const end = comparator === '<=' ? { endIncluding: version } : { endExcluding: version };
      bounds.push({ ...(lower ?? OPEN), ...end });
      lower = null;
    } else if (comparator === '=') {
      versions.push(version);
    }
  }
  if (lower !== null) bounds.push(lower);
  return makeRule(scheme, versions, bounds);
}

function readVers(text: string): VersionRule | null {
  const slash = text.indexOf('/');
  if (slash === -1) return null;
  const scheme = schemeOfPurlType(text.slice(5, slash));
  const body = text.slice(slash + 1).trim();
  if (body === '*') return makeRule(scheme, [], []);
  const constraints: Constraint[] = [];
  for (const raw of body.split('|').slice(0, MAX_RANGE_CONSTRAINTS)) {
    const match = /^\s*(>=|<=|!=|<|>|=)?\s*(\S+)\s*$/.exec(raw);
    if (match?.[2] === undefined) return null;
    constraints.push({ comparator: match[1] ?? '=', version: decodeURIComponentSafe(match[2]) });
  }
  return constraints.length === 0 ? null : toRule(scheme, constraints);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function readWords(text: string): VersionRule | null {
  const constraints: Constraint[] = [];
  for (const match of text.matchAll(/(<=|>=|<|>|=)\s*([0-9vV][0-9A-Za-z.\-+_]*)/g)) {
    if (constraints.length >= MAX_RANGE_CONSTRAINTS) break;
    constraints.push({ comparator: match[1] ?? '=', version: match[2] ?? '' });
  }
  if (constraints.length > 0) return toRule('generic', constraints);
  return /^\s*all\s+versions?\s*$/i.test(text) ? makeRule('generic', [], []) : null;
}

/**
 * A version rule from a CSAF range text; null when it cannot be read.
 *
 * @example parseVersionRange('vers:generic/>=1.0|<2.0') → bounds [>= 1.0, < 2.0] under generic
 * @example parseVersionRange('All versions < V3.1') → bounds [< V3.1] under generic
 */
export function parseVersionRange(text: string): VersionRule | null {
  if (text.length > MAX_NAME_LENGTH) return null;
  const trimmed = text.trim();
  if (trimmed.toLowerCase().startsWith('vers:')) return readVers(trimmed);
  return readWords(trimmed);
}

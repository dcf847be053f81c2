/**
 * CVSS vectors as a feed states them, checked and scored again with `ae-cvss-calculator`: the
 * stated `baseScore` is never trusted (feeds carry stale and hand-typed scores). A vector that
 * does not parse for its stated version, repeats a metric or leaves a base metric undefined is
 * refused, and nothing is kept of it.
 *
 * Specs: CVSS v2 (https://www.first.org/cvss/v2/guide), v3.0, v3.1
 * (https://www.first.org/cvss/v3-1/specification-document), v4.0
 * (https://www.first.org/cvss/v4-0/specification-document).
 */
import calculator from 'ae-cvss-calculator';
import type { CvssScore, CvssVersion, Severity } from '../../domain/vulnerability.js';
import { MAX_VECTOR_CHARS } from './limits.js';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = calculator;

const PREFIX: Readonly<Record<CvssVersion, string>> = {
  '2.0': '',
  '3.0': 'CVSS:3.0/',
  '3.1': 'CVSS:3.1/',
  '4.0': 'CVSS:4.0/',
};

const METRIC = /^[A-Za-z]{1,4}:[A-Za-z]{1,8}$/;

/** A scored vector, or why it was refused. */
export type CvssOutcome =
  | { readonly ok: true; readonly score: CvssScore }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks `vector` against `version` and scores it.
 *
 * @example
 * scoreCvss('3.1', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 'nvd@nist.gov')
 * // → { ok: true, score: { version: '3.1', vector: 'CVSS:3.1/AV:N/…/A:H', baseScore: 7.5, severity: 'high', source: 'nvd@nist.gov' } }
 */
export function scoreCvss(
  version: CvssVersion,
  vector: string,
  source: string | null,
): CvssOutcome {
  const written = vector.trim();
  const reason = shapeProblem(version, written);
  if (reason !== null) return { ok: false, reason };
  const baseScore = computeBase(version, written);
  if (baseScore === null) {
    return { ok: false, reason: `not a complete CVSS ${version} base vector` };
  }
  return {
    ok: true,
    score: {
      version,
      vector: written,
      baseScore,
      severity: severityOf(version, baseScore),
      source,
    },
  };
}

/** Why the vector's shape is wrong for its version, or null. */
function shapeProblem(version: CvssVersion, vector: string): string | null {
  if (vector.length === 0 || vector.length > MAX_VECTOR_CHARS) return 'empty or too long';
  const prefix = PREFIX[version];
  const body = version === '2.0' ? vector.replace(/^\((.*)\)$/, '$1') : vector;
  if (prefix === '' ? body.startsWith('CVSS:') : !body.startsWith(prefix)) {
    return `the prefix does not say CVSS ${version}`;
  }
  const metrics = body.slice(prefix.length).split('/');
  const seen = new Set<string>();
  for (const metric of metrics) {
    if (!METRIC.test(metric)) return `\`${metric.slice(0, 20)}\` is not a metric`;
    const key = metric.slice(0, metric.indexOf(':'));
    if (seen.has(key)) return `the metric ${key} is given twice`;
    seen.add(key);
  }
  return null;
}

/** The base score the calculator gives, or null when it refuses the vector. */
function computeBase(version: CvssVersion, vector: string): number | null {
  try {
    const parsed = create(version, vector);
    if (!parsed.isBaseFullyDefined()) return null;
    const base = parsed.calculateScores().base;
    return typeof base === 'number' && Number.isFinite(base) && base >= 0 && base <= 10
      ? base
      : null;
  } catch {
    // The calculator throws plain errors (and TypeErrors) on unknown metrics and values.
    return null;
  }
}

function create(
  version: CvssVersion,
  vector: string,
):
  | InstanceType<typeof Cvss3P1>
  | InstanceType<typeof Cvss2>
  | InstanceType<typeof Cvss3P0>
  | InstanceType<typeof Cvss4P0> {
  switch (version) {
    case '2.0':
      return new Cvss2(vector);
    case '3.0':
      return new Cvss3P0(vector);
    case '3.1':
      return new Cvss3P1(vector);
    case '4.0':
      return new Cvss4P0(vector);
  }
}

/**
 * The qualitative rating: v3.x and v4.0 per their specification tables; v2 has none of its own,
 * so NVD's (low < 4, medium < 7, high) is used.
 */
export function severityOf(version: CvssVersion, score: number): Severity {
  if (version === '2.0') return score < 4 ? 'low' : score < 7 ? 'medium' : 'high';
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  return score < 9 ? 'high' : 'critical';
}

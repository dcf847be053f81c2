/**
 * CVSS vectors scored again from the vector (feeds' own numbers are not trusted), with the
 * qualitative severity of the version's specification, and the choice of one score when an
 * advisory carries several.
 *
 * Scoring is ae-cvss-calculator's (FIRST CVSS 2.0, 3.0, 3.1 and 4.0). That library accepts
 * duplicate metrics (the last wins), trailing junk after a value and empty segments, so the
 * vector's syntax is checked here first and only a clean vector reaches it.
 *
 * @example
 * scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
 * // → { version: '3.1', vector: 'CVSS:3.1/AV:N/…', baseScore: 9.8, severity: 'critical', source: null }
 * scoreCvss('CVSS:3.1/AV:N');
 * // → { kind: 'cvss-error', code: 'WL_VULN_CVSS_INCOMPLETE', … }
 */
import cvssCalculator from 'ae-cvss-calculator';
import type {
  CvssScore,
  CvssVersion,
  Severity,
  SsvcTechnicalImpact,
} from '../../../domain/vulnerability.js';
import { MAX_CVSS_METRICS, MAX_CVSS_VECTOR_LENGTH } from './limits.js';

/** Why a vector could not be scored. */
export const CVSS_ERROR_CODES = [
  'WL_VULN_CVSS_TOO_LONG',
  'WL_VULN_CVSS_MALFORMED',
  'WL_VULN_CVSS_VERSION',
  'WL_VULN_CVSS_DUPLICATE_METRIC',
  'WL_VULN_CVSS_UNKNOWN_METRIC',
  'WL_VULN_CVSS_INCOMPLETE',
] as const;
export type CvssErrorCode = (typeof CVSS_ERROR_CODES)[number];

export interface CvssError {
  readonly kind: 'cvss-error';
  readonly code: CvssErrorCode;
  readonly message: string;
  /** The vector as given, cut to the length cap. */
  readonly vector: string;
}

export function isCvssError(value: CvssScore | CvssError): value is CvssError {
  return 'kind' in value;
}

/** One metric, as `AV:N`; values are up to five letters (4.0's `U:Clear`, `U:Amber`). */
const METRIC = /^([A-Za-z]{1,4}):([A-Za-z]{1,5})$/;

const PREFIXES: readonly (readonly [string, CvssVersion])[] = [
  ['CVSS:4.0/', '4.0'],
  ['CVSS:3.1/', '3.1'],
  ['CVSS:3.0/', '3.0'],
  ['CVSS:2.0/', '2.0'],
];

interface ScoredVector {
  isBaseFullyDefined(): boolean;
  calculateScores(): { readonly base?: number | undefined; readonly overall: number };
}

const CALCULATORS: Readonly<Record<CvssVersion, (vector: string) => ScoredVector>> = {
  '2.0': (vector) => new cvssCalculator.Cvss2(vector),
  '3.0': (vector) => new cvssCalculator.Cvss3P0(vector),
  '3.1': (vector) => new cvssCalculator.Cvss3P1(vector),
  '4.0': (vector) => new cvssCalculator.Cvss4P0(vector),
};

/**
 * Scores one vector. `source` is carried into the result (who scored it: `nvd@nist.gov`,
 * `CISA-ADP`, a vendor). Version 2 vectors may be bare (`AV:N/AC:L/Au:N/…`), in parentheses as
 * NVD once wrote them, or prefixed `CVSS:2.0/`. Never throws.
 *
 * The base score is the specification's base score; for 4.0 it is the score of the whole vector
 * as written (4.0 names a score by the metric groups it used, CVSS-B, CVSS-BT, CVSS-BTE, and a
 * feed's `baseScore` for 4.0 is that score).
 */
export function scoreCvss(vector: string, source: string | null = null): CvssScore | CvssError {
  if (vector.length > MAX_CVSS_VECTOR_LENGTH) {
    return failure(
      'WL_VULN_CVSS_TOO_LONG',
      `longer than ${MAX_CVSS_VECTOR_LENGTH} characters`,
      vector,
    );
  }
  const text = unwrap(vector.trim());
  const split = splitVersion(text);
  if (split === null) {
    return failure('WL_VULN_CVSS_VERSION', 'not a CVSS 2.0, 3.0, 3.1 or 4.0 vector', vector);
  }
  const problem = checkMetrics(split.body);
  if (problem !== null) return failure(problem.code, problem.message, vector);
  let calculated: ScoredVector;
  try {
    calculated = CALCULATORS[split.version](text);
  } catch {
    return failure(
      'WL_VULN_CVSS_UNKNOWN_METRIC',
      `a metric or value CVSS ${split.version} does not define`,
      vector,
    );
  }
  if (!calculated.isBaseFullyDefined()) {
    return failure('WL_VULN_CVSS_INCOMPLETE', 'a base metric is missing', vector);
  }
  const scores = calculated.calculateScores();
  const baseScore = scores.base ?? scores.overall;
  if (!Number.isFinite(baseScore) || baseScore < 0 || baseScore > 10) {
    return failure('WL_VULN_CVSS_UNKNOWN_METRIC', 'the vector does not give a score', vector);
  }
  return {
    version: split.version,
    vector: text,
    baseScore,
    severity: severityOf(split.version, baseScore),
    source,
  };
}

/**
 * The qualitative rating. 3.x and 4.0 (FIRST specification, “Qualitative Severity Rating
 * Scale”): none 0.0, low 0.1–3.9, medium 4.0–6.9, high 7.0–8.9, critical 9.0–10.0. 2.0 has no
 * scale in its specification; NVD's bands are used: low 0.0–3.9, medium 4.0–6.9, high 7.0–10.0.
 */
export function severityOf(version: CvssVersion, score: number): Severity {
  if (version === '2.0') {
    if (score < 4) return 'low';
    return score < 7 ? 'medium' : 'high';
  }
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  return score < 9 ? 'high' : 'critical';
}

const VERSION_RANK: Readonly<Record<CvssVersion, number>> = {
  '2.0': 0,
  '3.0': 1,
  '3.1': 2,
  '4.0': 3,
};

/**
 * How much a score's source is preferred when two scores have the same version: NVD first, then
 * the CNA (any other named scorer: the vendor, a PSIRT), then an ADP (CISA-ADP, which fills gaps
 * rather than speaks for the product), then an unnamed source.
 */
export function sourceRank(source: string | null): number {
  if (source === null || source.trim() === '') return 0;
  const lower = source.toLowerCase();
  if (lower === 'nvd@nist.gov' || lower === 'nvd') return 3;
  if (/(^|[^a-z])adp([^a-z]|$)/.test(lower)) return 1;
  return 2;
}

/**
 * The score to rank by: the newest CVSS version present, among those the primary source (NVD or
 * the CNA) before an ADP's or an unnamed one; ties go to the higher score, then the vector text,
 * so the choice does not depend on the order given. Null when there are none.
 *
 * @example
 * bestCvss([v31FromCisaAdp, v31FromNvd, v2FromNvd]); // → v31FromNvd
 */
export function bestCvss(scores: readonly CvssScore[]): CvssScore | null {
  let best: CvssScore | null = null;
  for (const score of scores) {
    if (best === null || compareCvss(score, best) > 0) best = score;
  }
  return best;
}

function compareCvss(a: CvssScore, b: CvssScore): number {
  return (
    VERSION_RANK[a.version] - VERSION_RANK[b.version] ||
    sourceRank(a.source) - sourceRank(b.source) ||
    a.baseScore - b.baseScore ||
    (a.vector < b.vector ? 1 : a.vector > b.vector ? -1 : 0)
  );
}

/** The metrics that say “complete loss” of confidentiality, integrity and availability. */
const TOTAL_IMPACT: Readonly<Record<CvssVersion, Readonly<Record<string, string>>>> = {
  '2.0': { C: 'C', I: 'C', A: 'C' },
  '3.0': { C: 'H', I: 'H', A: 'H' },
  '3.1': { C: 'H', I: 'H', A: 'H' },
  '4.0': { VC: 'H', VI: 'H', VA: 'H' },
};

/**
 * SSVC Technical Impact when no one published it: `total` when the CVSS vector says high (2.0:
 * complete) confidentiality, integrity and availability impact on the vulnerable system, the
 * nearest CVSS reading of “total control or total disclosure”; otherwise, and with no CVSS,
 * `partial`.
 *
 * @example
 * technicalImpactOfCvss(scoreOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')); // → 'total'
 */
export function technicalImpactOfCvss(score: CvssScore | null): SsvcTechnicalImpact {
  if (score === null) return 'partial';
  const metrics = metricsOf(unwrap(score.vector));
  const wanted = TOTAL_IMPACT[score.version];
  return Object.entries(wanted).every(([key, value]) => metrics.get(key) === value)
    ? 'total'
    : 'partial';
}

function metricsOf(vector: string): Map<string, string> {
  const metrics = new Map<string, string>();
  for (const part of vector.split('/')) {
    const match = METRIC.exec(part);
    if (match?.[1] !== undefined && match[2] !== undefined) metrics.set(match[1], match[2]);
  }
  return metrics;
}

function unwrap(text: string): string {
  return text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
}

function splitVersion(text: string): { version: CvssVersion; body: string } | null {
  for (const [prefix, version] of PREFIXES) {
    if (text.startsWith(prefix)) return { version, body: text.slice(prefix.length) };
  }
  // A bare vector is 2.0 when it has 2.0's Authentication metric.
  if (/(^|\/)Au:/.test(text) && !text.startsWith('CVSS:')) return { version: '2.0', body: text };
  return null;
}

function checkMetrics(body: string): { code: CvssErrorCode; message: string } | null {
  const parts = body.split('/');
  if (parts.length > MAX_CVSS_METRICS) {
    return { code: 'WL_VULN_CVSS_TOO_LONG', message: `more than ${MAX_CVSS_METRICS} metrics` };
  }
  const seen = new Set<string>();
  for (const part of parts) {
    const match = METRIC.exec(part);
    if (match?.[1] === undefined) {
      return {
        code: 'WL_VULN_CVSS_MALFORMED',
        message: `\`${part.slice(0, 16)}\` is not a metric`,
      };
    }
    if (seen.has(match[1])) {
      return { code: 'WL_VULN_CVSS_DUPLICATE_METRIC', message: `\`${match[1]}\` appears twice` };
    }
    seen.add(match[1]);
  }
  return null;
}

function failure(code: CvssErrorCode, why: string, vector: string): CvssError {
  const shown = vector.slice(0, 80);
  return {
    kind: 'cvss-error',
    code,
    message: `CVSS vector \`${shown}\`${vector.length > 80 ? '…' : ''}: ${why}.`,
    vector: vector.slice(0, MAX_CVSS_VECTOR_LENGTH),
  };
}

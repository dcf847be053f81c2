/**
 * `vulnerabilities[].scores[]` → `CvssScore`: the vector is parsed and the base score recomputed
 * with ae-cvss-calculator; a stated score or severity that disagrees is reported.
 * @see https://docs.oasis-open.org/csaf/csaf/v2.0/os/csaf-v2.0-os.html §3.2.3.11
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { CvssScore, CvssVersion, Severity } from '../../domain/vulnerability.js';
import type { CsafLog } from './diagnostics.js';
import { MAX_STRING_CHARS } from './limits.js';
import { type JsonRecord, numeric, record, records, text } from './values.js';

// The package is CommonJS bundled by webpack; Node sees only its default export.
const { Cvss2, Cvss3P0, Cvss3P1 } = cvssCalculator;

const V3_PREFIX = /^CVSS:3\.([01])\//;

/** The base score and version of a vector, or `null` when it is not a complete base vector. */
export function scoreVector(
  vector: string,
  v2: boolean,
): { version: CvssVersion; baseScore: number } | null {
  if (vector.length > MAX_STRING_CHARS) return null;
  try {
    if (v2) {
      const parsed = new Cvss2(vector.replace(/^\(|\)$/g, ''));
      const base = parsed.calculateScores().base;
      return parsed.isBaseFullyDefined() && base !== undefined
        ? { version: '2.0', baseScore: base }
        : null;
    }
    const minor = V3_PREFIX.exec(vector)?.[1];
    if (minor === undefined) return null;
    const parsed = minor === '1' ? new Cvss3P1(vector) : new Cvss3P0(vector);
    const base = parsed.calculateScores().base;
    return parsed.isBaseFullyDefined() && base !== undefined
      ? { version: minor === '1' ? '3.1' : '3.0', baseScore: base }
      : null;
  } catch {
    // The calculator throws plain TypeErrors on malformed vectors.
    return null;
  }
}

/** The qualitative rating of a score: CVSS v3's scale, and NVD's low/medium/high for v2. */
export function severityOf(version: CvssVersion, score: number): Severity {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  return score < 9 ? 'high' : 'critical';
}

/** Every distinct vector of one vulnerability's scores, recomputed. */
export function readScores(vulnerability: JsonRecord, label: string, log: CsafLog): CvssScore[] {
  const out = new Map<string, CvssScore>();
  for (const score of records(vulnerability, 'scores')) {
    for (const key of ['cvss_v3', 'cvss_v2'] as const) {
      const block = record(score, key);
      if (block === null) continue;
      const read = readBlock(block, key === 'cvss_v2', label, log);
      if (read !== null && !out.has(read.vector)) out.set(read.vector, read);
    }
  }
  return [...out.values()];
}

function readBlock(block: JsonRecord, v2: boolean, label: string, log: CsafLog): CvssScore | null {
  const vector = text(block, 'vectorString');
  const scored = vector === null ? null : scoreVector(vector, v2);
  if (vector === null || scored === null) {
    log.report(
      'WL_CSAF_CVSS_INVALID',
      'warning',
      `${label}: the CVSS ${v2 ? 'v2' : 'v3'} vector ${JSON.stringify(vector)} is not a complete base vector; the score is dropped.`,
      vector === null ? 0 : log.locate(JSON.stringify(vector)),
    );
    return null;
  }
  const severity = severityOf(scored.version, scored.baseScore);
  const statedScore = numeric(block, 'baseScore');
  const statedSeverity = text(block, 'baseSeverity')?.toLowerCase() ?? null;
  const scoreDiffers = statedScore !== null && statedScore !== scored.baseScore;
  if (scoreDiffers || (statedSeverity !== null && statedSeverity !== severity)) {
    log.report(
      'WL_CSAF_CVSS_MISMATCH',
      'info',
      `${label}: ${vector} scores ${scored.baseScore} (${severity}); the document states ${String(statedScore)} (${String(statedSeverity)}). The recomputed score is kept.`,
      log.locate(JSON.stringify(vector)),
    );
  }
  return { version: scored.version, vector, baseScore: scored.baseScore, severity, source: null };
}

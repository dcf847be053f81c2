/**
 * OSV `severity` entries (https://ossf.github.io/osv-schema/#severity-field) of type `CVSS_V2`,
 * `CVSS_V3` and `CVSS_V4`: the vector is checked strictly (prefix matching the type, `metric:value`
 * parts, no empty or repeated metric, every base metric present) and the base score recomputed
 * with `ae-cvss-calculator`, which also rejects unknown metrics and values. For CVSS 4.0 the score
 * is the one for the vector as given (CVSS-B, or CVSS-BT/BE/BTE when threat or environmental
 * metrics are present).
 */
import cvssCalculator from 'ae-cvss-calculator';
import type { CvssScore, CvssVersion, Severity } from '../../domain/vulnerability.js';

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

const MAX_VECTOR_LENGTH = 512;
const PART = /^[A-Za-z]{1,4}:[A-Za-z0-9]{1,3}$/;

/** The score, or a sentence saying why the vector is not one. */
export type CvssReading = { readonly score: CvssScore } | { readonly problem: string };

/** Reads one OSV severity entry of a CVSS type. */
export function readCvss(type: 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4', vector: string): CvssReading {
  if (vector.length > MAX_VECTOR_LENGTH) return { problem: 'vector too long' };
  const version = versionOf(type, vector);
  if (version === null) return { problem: `prefix does not match ${type}` };
  const parts = (version === '2.0' ? vector : vector.slice(vector.indexOf('/') + 1)).split('/');
  const seen = new Set<string>();
  for (const part of parts) {
    if (!PART.test(part)) return { problem: `bad part ${JSON.stringify(part.slice(0, 20))}` };
    const metric = part.slice(0, part.indexOf(':'));
    if (seen.has(metric)) return { problem: `metric ${metric} repeated` };
    seen.add(metric);
  }
  let baseScore: number | undefined;
  try {
    const calculator = calculatorFor(version, vector);
    if (!calculator.isBaseFullyDefined()) return { problem: 'a base metric is missing' };
    baseScore = calculator.calculateScores().base;
  } catch (thrown) {
    return { problem: thrown instanceof Error ? thrown.message : 'unreadable vector' };
  }
  if (baseScore === undefined || !Number.isFinite(baseScore)) return { problem: 'no base score' };
  return {
    score: { version, vector, baseScore, severity: severityOf(version, baseScore), source: null },
  };
}

function versionOf(type: string, vector: string): CvssVersion | null {
  if (type === 'CVSS_V2') return vector.startsWith('CVSS:') ? null : '2.0';
  if (type === 'CVSS_V3' && vector.startsWith('CVSS:3.1/')) return '3.1';
  if (type === 'CVSS_V3' && vector.startsWith('CVSS:3.0/')) return '3.0';
  if (type === 'CVSS_V4' && vector.startsWith('CVSS:4.0/')) return '4.0';
  return null;
}

function calculatorFor(version: CvssVersion, vector: string) {
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

/** NVD's bands: CVSS 2.0 has no `none` or `critical`; 3.x and 4.0 share the FIRST bands. */
export function severityOf(version: CvssVersion, score: number): Severity {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  return score < 9 ? 'high' : 'critical';
}

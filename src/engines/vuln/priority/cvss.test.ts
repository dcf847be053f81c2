import { describe, expect, it } from 'vitest';
import type { CvssScore } from '../../../domain/vulnerability.js';
import {
  bestCvss,
  isCvssError,
  scoreCvss,
  severityOf,
  sourceRank,
  technicalImpactOfCvss,
} from './cvss.js';
import { MAX_CVSS_VECTOR_LENGTH } from './limits.js';

function scored(vector: string, source: string | null = null): CvssScore {
  const result = scoreCvss(vector, source);
  if (isCvssError(result)) throw new Error(result.message);
  return result;
}

describe('scoreCvss', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '3.1', 9.8, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', '3.1', 10, 'critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', '3.1', 5.3, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', '3.1', 0, 'none'],
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', '3.0', 6.1, 'medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', '3.1', 7.5, 'high'],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', '2.0', 7.5, 'high'],
    ['(AV:N/AC:L/Au:N/C:P/I:P/A:P)', '2.0', 7.5, 'high'],
    ['CVSS:2.0/AV:N/AC:M/Au:N/C:N/I:P/A:N', '2.0', 4.3, 'medium'],
    ['AV:L/AC:H/Au:N/C:N/I:N/A:P', '2.0', 1.2, 'low'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', '4.0', 9.3, 'critical'],
    ['CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', '4.0', 1, 'low'],
  ])('%s → %s %d %s', (vector, version, score, severity) => {
    const result = scored(vector, 'nvd@nist.gov');
    expect(result).toMatchObject({ version, baseScore: score, severity, source: 'nvd@nist.gov' });
  });

  it('keeps the 3.x base score when temporal metrics follow, and scores 4.0 threat metrics', () => {
    expect(scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O').baseScore).toBe(9.8);
    expect(
      scored('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U').baseScore,
    ).toBe(8.1);
  });

  it.each([
    ['', 'WL_VULN_CVSS_VERSION'],
    ['garbage', 'WL_VULN_CVSS_VERSION'],
    ['CVSS:5.0/AV:N', 'WL_VULN_CVSS_VERSION'],
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'WL_VULN_CVSS_VERSION'],
    ['CVSS:3.1/AV:N', 'WL_VULN_CVSS_INCOMPLETE'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X', 'WL_VULN_CVSS_INCOMPLETE'],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'WL_VULN_CVSS_UNKNOWN_METRIC'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:U', 'WL_VULN_CVSS_UNKNOWN_METRIC'],
    ['CVSS:3.1/__proto__:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'WL_VULN_CVSS_MALFORMED'],
    ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'WL_VULN_CVSS_DUPLICATE_METRIC'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', 'WL_VULN_CVSS_MALFORMED'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:Q', 'WL_VULN_CVSS_MALFORMED'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A', 'WL_VULN_CVSS_MALFORMED'],
    [`CVSS:3.1/${'AV:N/'.repeat(200)}`, 'WL_VULN_CVSS_TOO_LONG'],
    [`CVSS:3.1/${Array.from({ length: 41 }, () => 'E:X').join('/')}`, 'WL_VULN_CVSS_TOO_LONG'],
  ])('refuses %s with %s', (vector, code) => {
    const result = scoreCvss(vector);
    expect(isCvssError(result) && result.code).toBe(code);
    if (isCvssError(result))
      expect(result.vector.length).toBeLessThanOrEqual(MAX_CVSS_VECTOR_LENGTH);
  });
});

describe('severityOf', () => {
  it('uses the 3.x/4.0 rating bands at their edges', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map((s) => severityOf('3.1', s))).toEqual([
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
    expect(severityOf('4.0', 9)).toBe('critical');
  });
  it('uses low/medium/high for 2.0', () => {
    expect([0, 3.9, 4, 6.9, 7, 10].map((s) => severityOf('2.0', s))).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});

describe('bestCvss', () => {
  const v2 = scored('AV:N/AC:L/Au:N/C:C/I:C/A:C', 'nvd@nist.gov');
  const v31Nvd = scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 'nvd@nist.gov');
  const v31Adp = scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CISA-ADP');
  const v31Cna = scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N', 'psirt@vendor.example');
  const v40Cna = scored(
    'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N',
    'psirt@vendor.example',
  );

  it('takes the newest version first', () => {
    expect(bestCvss([v2, v31Nvd, v40Cna])).toBe(v40Cna);
  });
  it('prefers NVD, then the CNA, over an ADP within a version, whatever the order', () => {
    expect(bestCvss([v31Adp, v31Nvd, v2])).toBe(v31Nvd);
    expect(bestCvss([v31Nvd, v31Adp])).toBe(v31Nvd);
    expect(bestCvss([v31Adp, v31Cna])).toBe(v31Cna);
    expect(bestCvss([v31Cna, v31Nvd])).toBe(v31Nvd);
  });
  it('is null for no scores', () => {
    expect(bestCvss([])).toBeNull();
  });
  it('ranks sources', () => {
    expect([null, '', 'CISA-ADP', 'psirt@x', 'nvd@nist.gov'].map(sourceRank)).toEqual([
      0, 0, 1, 2, 3,
    ]);
  });
});

describe('technicalImpactOfCvss', () => {
  it('is total only when confidentiality, integrity and availability are all high', () => {
    expect(technicalImpactOfCvss(scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'))).toBe(
      'total',
    );
    expect(technicalImpactOfCvss(scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L'))).toBe(
      'partial',
    );
    expect(technicalImpactOfCvss(scored('AV:N/AC:L/Au:N/C:C/I:C/A:C'))).toBe('total');
    expect(technicalImpactOfCvss(scored('AV:N/AC:L/Au:N/C:P/I:P/A:P'))).toBe('partial');
    expect(
      technicalImpactOfCvss(
        scored('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N'),
      ),
    ).toBe('total');
    expect(
      technicalImpactOfCvss(
        scored('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H'),
      ),
    ).toBe('partial');
    expect(technicalImpactOfCvss(null)).toBe('partial');
  });
});

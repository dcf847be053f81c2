import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATIENT_SAFETY_IMPACTS } from '../../../domain/inventory.js';
import {
  EXPOSURES,
  MISSION_WELL_BEING,
  SSVC_DECISIONS,
  SSVC_EXPLOITATION,
  SSVC_TECHNICAL_IMPACT,
} from '../../../domain/vulnerability.js';
import { isCvssError, scoreCvss } from './cvss.js';
import { DECISION_WEIGHT, priorityScore } from './score.js';
import { ssvcDecision } from './ssvc.js';

const factors = fc.record({
  decision: fc.constantFrom(...SSVC_DECISIONS),
  inKev: fc.boolean(),
  ransomware: fc.boolean(),
  epss: fc.option(fc.double({ min: -1, max: 2, noNaN: false }), { nil: null }),
  cvss: fc.option(fc.double({ min: -5, max: 15, noNaN: false }), { nil: null }),
  patientSafety: fc.constantFrom(...PATIENT_SAFETY_IMPACTS),
});

const inputs = fc.record({
  exploitation: fc.constantFrom(...SSVC_EXPLOITATION),
  automatable: fc.boolean(),
  technicalImpact: fc.constantFrom(...SSVC_TECHNICAL_IMPACT),
  missionWellBeing: fc.constantFrom(...MISSION_WELL_BEING),
  exposure: fc.constantFrom(...EXPOSURES),
});

const rank = <T>(list: readonly T[], value: T): number => list.indexOf(value);

describe('priorityScore properties', () => {
  it('never lowers for KEV, ransomware, more EPSS or a higher CVSS', () => {
    fc.assert(
      fc.property(factors, (f) => {
        const score = priorityScore(f);
        expect(Number.isFinite(score)).toBe(true);
        expect(priorityScore({ ...f, inKev: true })).toBeGreaterThanOrEqual(score);
        if (!f.inKev) expect(priorityScore({ ...f, inKev: true })).toBeGreaterThan(score);
        expect(priorityScore({ ...f, ransomware: true })).toBeGreaterThanOrEqual(score);
        expect(priorityScore({ ...f, epss: 1 })).toBeGreaterThanOrEqual(score);
        expect(priorityScore({ ...f, cvss: 10 })).toBeGreaterThanOrEqual(score);
      }),
    );
  });

  it('puts every finding of a higher decision above every finding of a lower one', () => {
    fc.assert(
      fc.property(factors, factors, (a, b) => {
        const ra = rank(SSVC_DECISIONS, a.decision);
        const rb = rank(SSVC_DECISIONS, b.decision);
        if (ra > rb) expect(priorityScore(a)).toBeGreaterThan(priorityScore(b));
        expect(priorityScore(a)).toBeGreaterThanOrEqual(ra * DECISION_WEIGHT);
        expect(priorityScore(a)).toBeLessThan((ra + 1) * DECISION_WEIGHT);
      }),
    );
  });
});

describe('ssvcDecision properties', () => {
  it('never lowers the decision for more exploitation, total impact or higher mission & well-being', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const level = rank(SSVC_DECISIONS, ssvcDecision(i).decision);
        const more = [
          { ...i, exploitation: 'active' as const },
          { ...i, technicalImpact: 'total' as const },
          { ...i, missionWellBeing: 'high' as const },
        ];
        for (const raised of more) {
          expect(rank(SSVC_DECISIONS, ssvcDecision(raised).decision)).toBeGreaterThanOrEqual(level);
        }
      }),
    );
  });

  it('never ranks a small-exposure finding above the same finding at controlled exposure', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const small = ssvcDecision({ ...i, exposure: 'small' }).decision;
        const controlled = ssvcDecision({ ...i, exposure: 'controlled' }).decision;
        expect(rank(SSVC_DECISIONS, small)).toBeLessThanOrEqual(rank(SSVC_DECISIONS, controlled));
      }),
    );
  });
});

describe('scoreCvss properties', () => {
  const metric = fc
    .tuple(
      fc.constantFrom(
        'AV',
        'AC',
        'PR',
        'UI',
        'S',
        'C',
        'I',
        'A',
        'Au',
        'VC',
        'E',
        'ZZ',
        '__proto__',
        '',
      ),
      fc.constantFrom('N', 'L', 'H', 'P', 'C', 'U', 'R', 'X', 'Clear', 'Q', ''),
    )
    .map(([k, v]) => `${k}:${v}`);
  const vector = fc.oneof(
    fc.string({ maxLength: 600 }),
    fc
      .tuple(
        fc.constantFrom('CVSS:2.0/', 'CVSS:3.0/', 'CVSS:3.1/', 'CVSS:4.0/', '', '('),
        fc.array(metric, { maxLength: 50 }),
      )
      .map(([prefix, parts]) => prefix + parts.join('/')),
  );

  it('never throws and returns a score in range or an error, within a time budget', () => {
    const started = performance.now();
    fc.assert(
      fc.property(vector, (text) => {
        const result = scoreCvss(text);
        if (!isCvssError(result)) {
          expect(result.baseScore).toBeGreaterThanOrEqual(0);
          expect(result.baseScore).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 2000 },
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

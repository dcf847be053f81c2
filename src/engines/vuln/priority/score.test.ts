import { describe, expect, it } from 'vitest';
import { explainPriority, priorityScore, type PriorityFactors } from './score.js';
import { DEFAULT_PATCH_POLICY, dueDate, isOverdue } from './patch-policy.js';

const base: PriorityFactors = {
  decision: 'act',
  inKev: true,
  ransomware: false,
  epss: 0.5,
  cvss: 9.8,
  patientSafety: 'high',
};

describe('priorityScore', () => {
  it('adds the weights documented', () => {
    expect(priorityScore(base)).toBe(3787);
    expect(
      priorityScore({
        ...base,
        decision: 'track',
        inKev: false,
        epss: null,
        cvss: null,
        patientSafety: 'none',
      }),
    ).toBe(0);
    expect(priorityScore({ ...base, ransomware: true })).toBe(3887);
  });
  it('clamps out-of-range and NaN inputs', () => {
    expect(priorityScore({ ...base, epss: 5, cvss: 50 })).toBe(
      priorityScore({ ...base, epss: 1, cvss: 10 }),
    );
    expect(priorityScore({ ...base, epss: Number.NaN })).toBe(
      priorityScore({ ...base, epss: null }),
    );
  });
});

describe('explainPriority', () => {
  it('gives the decision first, then the factors by weight, leaving out what adds nothing', () => {
    expect(explainPriority(base)).toEqual([
      'SSVC decision Act: needs supervisory and leadership attention; remediate as soon as possible.',
      "In CISA's Known Exploited Vulnerabilities catalog: attackers are using it.",
      'CVSS base score 9.8.',
      'Patient-safety impact high: failure or tampering can cost a life.',
      'EPSS 0.50: an estimated 50% chance of exploitation activity in the next 30 days.',
    ]);
    expect(
      explainPriority({
        ...base,
        inKev: false,
        epss: null,
        cvss: null,
        patientSafety: 'none',
        decision: 'track',
      }),
    ).toEqual([
      'SSVC decision Track: no action needed now; remediate within the standard timeline.',
    ]);
  });
});

describe('patch policy', () => {
  it('has the documented defaults in hours', () => {
    expect(DEFAULT_PATCH_POLICY).toEqual({ act: 48, attend: 336, 'track*': 720, track: 2160 });
  });
  it('computes due dates from first seen', () => {
    expect(dueDate('2025-03-01T08:00:00Z', 'act')).toBe('2025-03-03T08:00:00.000Z');
    expect(dueDate('2025-03-01', 'attend')).toBe('2025-03-15T00:00:00.000Z');
    expect(dueDate('2025-03-01T08:00:00+02:00', 'track*')).toBe('2025-03-31T06:00:00.000Z');
    expect(dueDate('2025-01-01T00:00:00Z', 'track')).toBe('2025-04-01T00:00:00.000Z');
    expect(dueDate('2025-01-01T00:00:00Z', 'act', { ...DEFAULT_PATCH_POLICY, act: 4 })).toBe(
      '2025-01-01T04:00:00.000Z',
    );
  });
  it('refuses timestamps that are not ISO 8601 and policies that are not hours', () => {
    for (const bad of ['March 1', '2025-02-30', '2025-03-01T08:00', '', '2025-3-1']) {
      expect(() => dueDate(bad, 'act'), bad).toThrow(
        expect.objectContaining({ code: 'WL_REQUEST_INVALID' }),
      );
    }
    expect(() => dueDate('2025-01-01', 'act', { ...DEFAULT_PATCH_POLICY, act: -1 })).toThrow(
      /not a number of hours/,
    );
    expect(() => dueDate('2025-01-01', 'act', { ...DEFAULT_PATCH_POLICY, act: 1e15 })).toThrow(
      /not a number of hours/,
    );
  });
  it('is overdue only once now is past due', () => {
    const due = '2025-03-03T08:00:00.000Z';
    expect(isOverdue(due, '2025-03-03T08:00:00Z')).toBe(false);
    expect(isOverdue(due, '2025-03-03T08:00:01Z')).toBe(true);
    expect(isOverdue(due, '2025-03-02')).toBe(false);
    expect(() => isOverdue(due, 'now')).toThrow(/not an ISO 8601/);
  });
});

import { describe, expect, it } from 'vitest';
import { FINDING_STATUSES, type FindingStatus } from '../../../domain/vulnerability.js';
import { isLifecycleError, transition, type LifecycleEvent } from './lifecycle.js';
import { MAX_CONTROL_LENGTH } from './limits.js';

const EVENTS: readonly LifecycleEvent[] = [
  { kind: 'start_work' },
  { kind: 'mitigate', control: 'Moved to VLAN 40 behind a deny-by-default ACL' },
  { kind: 'accept_risk', until: '2025-12-31' },
  { kind: 'mark_not_affected', justification: 'vulnerable_code_not_present' },
  { kind: 'fix' },
  { kind: 'rescan_absent' },
  { kind: 'rescan_present' },
  { kind: 'exception_expired' },
  { kind: 'reopen' },
];

/**
 * The expected outcome of every event from every status, written out in full: a status, `=` for
 * unchanged (system events), `x` for refused. Columns follow FINDING_STATUSES: open, in_progress,
 * mitigated, risk_accepted, not_affected, fixed, verified_fixed, reopened.
 */
const EXPECTED: Readonly<Record<LifecycleEvent['kind'], readonly string[]>> = {
  start_work: ['in_progress', 'x', 'in_progress', 'in_progress', 'x', 'x', 'x', 'in_progress'],
  mitigate: ['mitigated', 'mitigated', 'x', 'mitigated', 'x', 'x', 'x', 'mitigated'],
  accept_risk: [
    'risk_accepted',
    'risk_accepted',
    'risk_accepted',
    'x',
    'x',
    'x',
    'x',
    'risk_accepted',
  ],
  mark_not_affected: [
    'not_affected',
    'not_affected',
    'not_affected',
    'not_affected',
    'x',
    'x',
    'x',
    'not_affected',
  ],
  fix: ['fixed', 'fixed', 'fixed', 'fixed', 'x', 'x', 'x', 'fixed'],
  rescan_absent: [
    'verified_fixed',
    'verified_fixed',
    '=',
    '=',
    '=',
    'verified_fixed',
    '=',
    'verified_fixed',
  ],
  rescan_present: ['=', '=', '=', '=', '=', 'reopened', 'reopened', '='],
  exception_expired: ['=', '=', 'open', 'open', '=', '=', '=', '='],
  reopen: ['x', 'x', 'reopened', 'reopened', 'reopened', 'reopened', 'reopened', 'x'],
};

describe('transition', () => {
  it('follows the table for every status and event', () => {
    expect(FINDING_STATUSES).toEqual([
      'open',
      'in_progress',
      'mitigated',
      'risk_accepted',
      'not_affected',
      'fixed',
      'verified_fixed',
      'reopened',
    ]);
    let checked = 0;
    for (const event of EVENTS) {
      FINDING_STATUSES.forEach((from, column) => {
        const want = EXPECTED[event.kind][column];
        const got = transition(from, event);
        const label = `${from} + ${event.kind}`;
        if (want === 'x') {
          expect(isLifecycleError(got) && got.code, label).toBe('WL_FINDING_TRANSITION_INVALID');
          if (isLifecycleError(got)) expect(got).toMatchObject({ from, event: event.kind });
        } else {
          expect(got, label).toBe(want === '=' ? from : (want as FindingStatus));
        }
        checked += 1;
      });
    }
    expect(checked).toBe(72);
  });

  it('says why in plain words', () => {
    const result = transition('in_progress', { kind: 'start_work' });
    expect(isLifecycleError(result) && result.message).toBe(
      'A finding that is in progress cannot take “start work”.',
    );
  });

  it('needs the compensating control for mitigate', () => {
    for (const control of ['', '   ', 'x'.repeat(MAX_CONTROL_LENGTH + 1)]) {
      const result = transition('open', { kind: 'mitigate', control });
      expect(isLifecycleError(result) && result.code).toBe('WL_FINDING_CONTROL_REQUIRED');
    }
    expect(transition('open', { kind: 'mitigate', control: 'x'.repeat(MAX_CONTROL_LENGTH) })).toBe(
      'mitigated',
    );
  });

  it('needs an ISO 8601 until date for accept_risk', () => {
    for (const until of ['', 'next year', '2025-02-30', '31/12/2025']) {
      const result = transition('open', { kind: 'accept_risk', until });
      expect(isLifecycleError(result) && result.code, until).toBe('WL_FINDING_UNTIL_INVALID');
    }
    expect(transition('open', { kind: 'accept_risk', until: '2025-12-31T17:00:00Z' })).toBe(
      'risk_accepted',
    );
  });

  it('needs a VEX justification for mark_not_affected', () => {
    const result = transition('open', {
      kind: 'mark_not_affected',
      justification: 'because' as 'component_not_present',
    });
    expect(isLifecycleError(result) && result.code).toBe('WL_FINDING_JUSTIFICATION_INVALID');
  });

  it('checks the event before the status: a bad mitigate from a closed status names the missing control', () => {
    const result = transition('fixed', { kind: 'mitigate', control: '' });
    expect(isLifecycleError(result) && result.code).toBe('WL_FINDING_CONTROL_REQUIRED');
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../api/vuln-types';
import { FINDING_STATUSES } from '../api/vuln-vocabulary';
import {
  availableEvents,
  EMPTY_STATUS_CHANGE,
  isIsoDate,
  prepareStatusChange,
  topFinding,
} from './finding-events';
import { vulnAccess } from './vuln-access';
import { LIFECYCLE } from '../../../src/engines/vuln/findings/lifecycle.js';

const lead = vulnAccess(['security-analyst']);
const engineer = vulnAccess(['clinical-engineer']);
const auditor = vulnAccess(['auditor']);
const TODAY = '2026-03-10';

describe('status changes offered for a finding', () => {
  it('offers exactly the person events the server lifecycle table allows, from every status', () => {
    const events = ['start_work', 'mitigate', 'accept_risk', 'mark_not_affected', 'fix', 'reopen'];
    for (const status of FINDING_STATUSES) {
      const allowed = events.filter(
        (event) => LIFECYCLE[event as keyof typeof LIFECYCLE][status] !== undefined,
      );
      expect(availableEvents(status, lead), status).toEqual(allowed);
    }
  });

  it('keeps accepting risk to the risk owners and offers nothing to an auditor', () => {
    expect(availableEvents('open', engineer)).toEqual([
      'start_work',
      'mitigate',
      'mark_not_affected',
      'fix',
    ]);
    for (const status of FINDING_STATUSES) {
      expect(availableEvents(status, auditor)).toEqual([]);
    }
  });
});

describe('the status-change form', () => {
  it('sends start work with only the event and a trimmed note', () => {
    expect(
      prepareStatusChange(
        'start_work',
        { ...EMPTY_STATUS_CHANGE, note: '  vendor called ' },
        TODAY,
      ),
    ).toEqual({ request: { event: 'start_work', note: 'vendor called' } });
  });

  it('asks a mitigation for its controls, one per line, and takes an optional review date', () => {
    expect(prepareStatusChange('mitigate', EMPTY_STATUS_CHANGE, TODAY)).toMatchObject({
      problems: { controls: expect.any(String) as string },
    });
    expect(
      prepareStatusChange(
        'mitigate',
        { ...EMPTY_STATUS_CHANGE, controls: 'VLAN 40 isolation\n\n SMB blocked ' },
        TODAY,
      ),
    ).toEqual({ request: { event: 'mitigate', controls: ['VLAN 40 isolation', 'SMB blocked'] } });
  });

  it('needs a future calendar date to accept a risk', () => {
    const accept = (until: string) =>
      prepareStatusChange('accept_risk', { ...EMPTY_STATUS_CHANGE, until }, TODAY);
    expect(accept('')).toHaveProperty('problems.until');
    expect(accept('2026-02-30')).toHaveProperty('problems.until');
    expect(accept(TODAY)).toHaveProperty('problems.until');
    expect(accept('2026-06-30')).toEqual({
      request: { event: 'accept_risk', until: '2026-06-30' },
    });
  });

  it('needs a VEX justification for not affected', () => {
    expect(prepareStatusChange('mark_not_affected', EMPTY_STATUS_CHANGE, TODAY)).toHaveProperty(
      'problems.justification',
    );
    expect(
      prepareStatusChange(
        'mark_not_affected',
        { ...EMPTY_STATUS_CHANGE, justification: 'component_not_present' },
        TODAY,
      ),
    ).toEqual({
      request: { event: 'mark_not_affected', justification: 'component_not_present' },
    });
  });

  it('recognizes real calendar days only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-2-1')).toBe(false);
  });
});

describe('the top finding of a vulnerability', () => {
  const finding = (id: string, priority: number, dueAt: string) =>
    ({ id, priority, dueAt }) as unknown as Finding;

  it('is the highest priority, then the earliest due, and none for no findings', () => {
    const top = topFinding([
      finding('a', 10, '2026-04-01'),
      finding('b', 30, '2026-05-01'),
      finding('c', 30, '2026-03-01'),
    ]);
    expect(top?.id).toBe('c');
    expect(topFinding([])).toBeUndefined();
  });
});

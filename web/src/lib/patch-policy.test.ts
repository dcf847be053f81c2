import { describe, expect, it } from 'vitest';
import { describeHours, fromHours, policyValues, preparePolicy } from './patch-policy';

const POLICY = { act: 48, attend: 168, 'track*': 720, track: 2160 } as const;

describe('patch policy form', () => {
  it('shows hours as days and back', () => {
    expect(policyValues(POLICY, 'days')).toEqual({
      act: '2',
      attend: '7',
      'track*': '30',
      track: '90',
    });
    expect(fromHours(36, 'days')).toBe('1.5');
    expect(preparePolicy(policyValues(POLICY, 'days'), 'days')).toEqual({ policy: POLICY });
    expect(preparePolicy(policyValues(POLICY, 'hours'), 'hours')).toEqual({ policy: POLICY });
  });

  it('refuses zero, words and more than ten years, per decision', () => {
    const result = preparePolicy(
      { act: '0', attend: 'soon', 'track*': '3651', track: '90' },
      'days',
    );
    expect(result).toEqual({
      problems: {
        act: 'More than zero.',
        attend: 'A positive number.',
        'track*': 'At most ten years.',
      },
    });
  });

  it('describes a deadline in whole days when it is one', () => {
    expect(describeHours(48)).toBe('2 days');
    expect(describeHours(24)).toBe('1 day');
    expect(describeHours(36)).toBe('36 hours');
  });
});

import { describe, expect, it } from 'vitest';
import { exceptionEnd, exceptionState } from './exceptions.js';

const controls = ['VLAN 40, deny-by-default ACL', 'Remote service disabled'];

describe('exceptionState', () => {
  it('holds a date-only until through the end of that day, UTC', () => {
    expect(exceptionState({ until: '2025-06-30', controls }, '2025-06-30T23:59:59Z')).toBe(
      'active',
    );
    expect(exceptionState({ until: '2025-06-30', controls }, '2025-07-01T00:00:00Z')).toBe(
      'expired',
    );
    expect(exceptionEnd('2025-06-30')).toBe(Date.parse('2025-07-01T00:00:00Z'));
  });

  it('ends at an exact until time', () => {
    expect(
      exceptionState({ until: '2025-06-30T12:00:00Z', controls }, '2025-06-30T11:59:59Z'),
    ).toBe('active');
    expect(
      exceptionState({ until: '2025-06-30T12:00:00Z', controls }, '2025-06-30T12:00:00Z'),
    ).toBe('expired');
    expect(
      exceptionState({ until: '2025-06-30T14:00:00+02:00', controls }, '2025-06-30T12:30:00Z'),
    ).toBe('expired');
  });

  it('fails closed on a broken record', () => {
    expect(exceptionState({ until: 'someday', controls }, '2020-01-01')).toBe('expired');
    expect(exceptionState({ until: '2099-01-01', controls: [] }, '2020-01-01')).toBe('expired');
    expect(exceptionState({ until: '2099-01-01', controls: ['  '] }, '2020-01-01')).toBe('expired');
    expect(
      exceptionState(
        { until: '2099-01-01', controls: Array.from({ length: 51 }, () => 'c') },
        '2020-01-01',
      ),
    ).toBe('expired');
  });

  it('refuses a now that is not ISO 8601', () => {
    expect(() => exceptionState({ until: '2099-01-01', controls }, 'today')).toThrow(
      expect.objectContaining({ code: 'WL_REQUEST_INVALID' }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_HUNT, prepareHunt, utcInstant } from './hunt-form';

describe('hunt form', () => {
  it('reads a datetime-local value as UTC', () => {
    expect(utcInstant('2026-11-20T10:30')).toBe('2026-11-20T10:30:00.000Z');
    expect(utcInstant('2026-11-20')).toBeNull();
    expect(utcInstant('2026-13-40T99:99')).toBeNull();
  });

  it('sends stored rule ids or pasted YAML with the range', () => {
    expect(
      prepareHunt({ ...EMPTY_HUNT, ruleIds: ['rul_1'], from: '2026-11-01T00:00', to: '' }),
    ).toEqual({ request: { ruleIds: ['rul_1'], from: '2026-11-01T00:00:00.000Z' } });
    expect(prepareHunt({ ...EMPTY_HUNT, mode: 'yaml', yaml: 'title: x', ruleIds: ['r'] })).toEqual({
      request: { yaml: 'title: x' },
    });
  });

  it('refuses no rule, an empty paste and a range that ends before it starts', () => {
    expect(prepareHunt(EMPTY_HUNT)).toEqual({ problem: 'Choose at least one rule.' });
    expect(prepareHunt({ ...EMPTY_HUNT, mode: 'yaml', yaml: '  ' })).toHaveProperty('problem');
    expect(
      prepareHunt({
        ...EMPTY_HUNT,
        ruleIds: ['r'],
        from: '2026-11-02T00:00',
        to: '2026-11-01T00:00',
      }),
    ).toEqual({ problem: 'The start must come before the end.' });
  });
});

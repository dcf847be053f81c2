import { describe, expect, it } from 'vitest';
import { confidenceText, factLabel, factValue } from './fact-format';

describe('fact formatting', () => {
  it('names fields in words', () => {
    expect(factLabel('patientSafety')).toBe('Patient-safety impact');
    expect(factLabel('somethingNew')).toBe('somethingNew');
  });

  it('writes any stored value as text', () => {
    expect(factValue('category', 'infusion-pump')).toBe('Infusion pump');
    expect(factValue('patientSafety', 'high')).toBe('High');
    expect(factValue('holdsEphi', true)).toBe('Yes');
    expect(factValue('vlan', 30)).toBe('30');
    expect(factValue('hostname', null)).toBe('—');
    expect(factValue('x', ['a', 1, false])).toBe('a, 1, No');
    expect(factValue('x', { a: 1 })).toBe('{"a":1}');
  });

  it('writes a confidence as a bounded percentage', () => {
    expect(confidenceText(0.824)).toBe('82%');
    expect(confidenceText(1.7)).toBe('100%');
    expect(confidenceText(Number.NaN)).toBe('0%');
  });
});

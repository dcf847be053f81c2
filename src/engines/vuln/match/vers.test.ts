import { describe, expect, it } from 'vitest';
import { normalizeProduct, normalizeVendor, purlParts, vendorsAgree } from './normalize.js';
import { ALL_VERSIONS, NO_HIT, ruleHit } from './rule.js';
import { parseVersionRange } from './vers.js';

describe('CSAF range texts', () => {
  it('reads vers: ranges into intervals', () => {
    const rule = parseVersionRange('vers:generic/>=1.0|<2.0|>=3.0');
    expect(rule?.bounds).toEqual([
      { startIncluding: '1.0', startExcluding: null, endIncluding: null, endExcluding: '2.0' },
      { startIncluding: '3.0', startExcluding: null, endIncluding: null, endExcluding: null },
    ]);
    expect(rule === null ? null : ruleHit(rule, '2.5')).toBe(NO_HIT);
    expect(rule === null ? null : ruleHit(rule, '3.1')).toBe(1);
    expect(parseVersionRange('vers:npm/*')?.all).toBe(true);
    expect(parseVersionRange('vers:pypi/1.0|1.1')?.versions).toEqual(new Set(['1.0', '1.1']));
  });

  it('reads the vendor’s words, or gives up', () => {
    const rule = parseVersionRange('All versions < V3.1');
    expect(rule === null ? null : ruleHit(rule, '3.0.9')).toBe(0);
    expect(rule === null ? null : ruleHit(rule, 'V3.1')).toBe(NO_HIT);
    const all = parseVersionRange('All versions');
    expect(all === null ? null : ruleHit(all, null)).toBe(ALL_VERSIONS);
    expect(parseVersionRange('versions before the spring release')).toBeNull();
  });
});

describe('normalization', () => {
  it('normalizes vendors, products and purls', () => {
    expect(normalizeVendor('Acme Medical Systems, Inc.')).toBe('acmemedicalsystems');
    expect(normalizeVendor('Siemens Healthineers AG')).toBe('siemenshealthineers');
    expect(normalizeVendor('Philips S.A.')).toBe('philips');
    expect(normalizeProduct('Infusion-Pump 3000')).toBe('infusionpump3000');
    expect(vendorsAgree('The Apache Software Foundation', 'apache')).toBe(true);
    expect(vendorsAgree('GE Healthcare', 'Philips')).toBe(false);
    expect(purlParts('pkg:pypi/Django_REST@3.0')).toEqual({
      key: 'pypi/django-rest',
      type: 'pypi',
      version: '3.0',
    });
    expect(purlParts('pkg:npm/%40Angular/Core@1')?.key).toBe('npm/@angular/core');
    expect(purlParts('nonsense')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Zone } from '../api/types';
import {
  EMPTY_ZONE_FORM,
  hasZoneProblems,
  toZoneFields,
  zoneFormOf,
  zoneFormProblems,
} from './zone-form';

describe('zone form', () => {
  it('asks for a name and a kind, and accepts a zone without networks', () => {
    const problems = zoneFormProblems(EMPTY_ZONE_FORM);
    expect(problems).toMatchObject({
      name: 'A zone needs a name.',
      kind: 'Choose what the zone is for.',
      cidrs: [null],
    });
    expect(hasZoneProblems(problems)).toBe(true);
    const ok = zoneFormProblems({ ...EMPTY_ZONE_FORM, name: 'Lab', kind: 'server' });
    expect(hasZoneProblems(ok)).toBe(false);
  });

  it('places each CIDR problem beside its line and skips blank lines', () => {
    const problems = zoneFormProblems({
      ...EMPTY_ZONE_FORM,
      name: 'Imaging',
      kind: 'imaging',
      cidrs: ['10.30.0.0/24', '', '10.30.0.0/24', '10.31.0.0'],
    });
    expect(problems.cidrs).toEqual([
      null,
      null,
      'This network is already listed.',
      'Add the prefix length, such as /24.',
    ]);
  });

  it('checks the VLAN and the description length', () => {
    const base = { ...EMPTY_ZONE_FORM, name: 'x', kind: 'guest' as const };
    expect(zoneFormProblems({ ...base, vlan: '4095' }).vlan).toContain('1 to 4094');
    expect(zoneFormProblems({ ...base, vlan: '3.5' }).vlan).toContain('1 to 4094');
    expect(zoneFormProblems({ ...base, vlan: ' 30 ' }).vlan).toBeUndefined();
    expect(zoneFormProblems({ ...base, description: 'd'.repeat(1001) }).description).toContain(
      '1000',
    );
  });

  it('sends trimmed fields, nulls for nothing', () => {
    expect(
      toZoneFields({
        name: ' Imaging ',
        kind: 'imaging',
        cidrs: [' 10.30.0.0/24 ', '', 'fd00:30::/64'],
        vlan: ' 30 ',
        description: '  ',
      }),
    ).toEqual({
      name: 'Imaging',
      kind: 'imaging',
      cidrs: ['10.30.0.0/24', 'fd00:30::/64'],
      vlan: 30,
      description: null,
    });
  });

  it('starts editing from the zone as stored', () => {
    const zone: Zone = {
      id: 'zon_1',
      siteId: 'sit_1',
      name: 'Guest Wi-Fi',
      kind: 'guest',
      cidrs: [],
      vlan: null,
      description: null,
    };
    expect(zoneFormOf(zone)).toEqual({
      name: 'Guest Wi-Fi',
      kind: 'guest',
      cidrs: [''],
      vlan: '',
      description: '',
    });
  });
});

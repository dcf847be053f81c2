import { describe, expect, it } from 'vitest';
import { ZONE_KINDS } from '../../../domain/inventory.js';
import type { Criticality } from '../../../domain/inventory.js';
import { exploitationOf, explainExploitation } from './exploitation.js';
import { exposureOfZone, ZONE_EXPOSURE_TABLE } from './exposure.js';
import { explainMissionWellBeing, humanImpactOf, missionWellBeingOf } from './mission.js';

function criticality(patientSafety: Criticality['patientSafety'], holdsEphi = false): Criticality {
  return { patientSafety, holdsEphi, overridden: false };
}

describe('exposureOfZone', () => {
  it('maps every zone kind', () => {
    expect(Object.keys(ZONE_EXPOSURE_TABLE).sort()).toEqual([...ZONE_KINDS].sort());
    expect(ZONE_EXPOSURE_TABLE).toEqual({
      internet: 'open',
      dmz: 'open',
      guest: 'open',
      'clinical-device': 'controlled',
      imaging: 'controlled',
      ehr: 'controlled',
      server: 'controlled',
      workstation: 'controlled',
      network: 'controlled',
    });
  });

  it('makes an isolated segment small, but never an open zone', () => {
    expect(exposureOfZone('clinical-device', { isolated: true }).exposure).toBe('small');
    expect(exposureOfZone('imaging', { isolated: true }).exposure).toBe('small');
    expect(exposureOfZone('guest', { isolated: true }).exposure).toBe('open');
    expect(exposureOfZone('dmz', { isolated: true }).exposure).toBe('open');
    expect(exposureOfZone('clinical-device', {}).exposure).toBe('controlled');
  });

  it('makes anything internet-facing open', () => {
    for (const kind of ZONE_KINDS) {
      expect(exposureOfZone(kind, { internetFacing: true, isolated: true }).exposure).toBe('open');
    }
    expect(exposureOfZone(null, { internetFacing: true }).exposure).toBe('open');
  });

  it('takes an unknown zone as controlled and says so', () => {
    const result = exposureOfZone(null, {});
    expect(result.exposure).toBe('controlled');
    expect(result.explanation).toMatch(/Zone unknown/);
    expect(exposureOfZone(null, { isolated: true }).exposure).toBe('controlled');
  });
});

describe('missionWellBeingOf', () => {
  it.each([
    ['high', false, 'high'],
    ['high', true, 'high'],
    ['medium', false, 'medium'],
    ['medium', true, 'medium'],
    ['low', true, 'medium'],
    ['low', false, 'low'],
    ['none', true, 'medium'],
    ['none', false, 'low'],
  ] as const)('patient safety %s, ePHI %s → %s', (safety, ephi, expected) => {
    expect(missionWellBeingOf(criticality(safety, ephi))).toBe(expected);
  });

  it('takes a stated mission prevalence', () => {
    expect(missionWellBeingOf(criticality('low'), { missionPrevalence: 'essential' })).toBe('high');
    expect(missionWellBeingOf(criticality('none'), { missionPrevalence: 'support' })).toBe(
      'medium',
    );
    expect(explainMissionWellBeing(criticality('low', true)).explanation[0]).toMatch(
      /Public well-being impact material, from it holds ePHI/,
    );
  });
});

describe('humanImpactOf', () => {
  it('follows the CERT/CC human impact table from patient safety', () => {
    expect(humanImpactOf(criticality('high'))).toBe('high'); // Critical × MEF support crippled
    expect(humanImpactOf(criticality('medium'))).toBe('low'); // Marginal × MEF support crippled
    expect(humanImpactOf(criticality('none'))).toBe('low');
    expect(humanImpactOf(criticality('high'), { missionImpact: 'mission-failure' })).toBe(
      'very-high',
    );
    expect(humanImpactOf(criticality('medium'), { missionPrevalence: 'essential' })).toBe('medium');
  });
});

describe('exploitationOf', () => {
  it('is active for KEV whatever else is known', () => {
    const published = {
      exploitation: 'none',
      automatable: false,
      technicalImpact: 'partial',
      timestamp: null,
    } as const;
    expect(exploitationOf({ inKev: true, epss: 0, published })).toBe('active');
  });
  it('takes CISA published values, raised by EPSS only from none', () => {
    const at = (exploitation: 'none' | 'poc' | 'active') =>
      ({ exploitation, automatable: false, technicalImpact: 'partial', timestamp: null }) as const;
    expect(exploitationOf({ inKev: false, epss: null, published: at('poc') })).toBe('poc');
    expect(exploitationOf({ inKev: false, epss: 0.01, published: at('active') })).toBe('active');
    expect(exploitationOf({ inKev: false, epss: 0.5, published: at('active') })).toBe('active');
    expect(exploitationOf({ inKev: false, epss: 0.5, published: at('none') })).toBe('poc');
    expect(exploitationOf({ inKev: false, epss: 0.05, published: at('none') })).toBe('none');
  });
  it('raises to poc at the EPSS threshold, configurable', () => {
    expect(exploitationOf({ inKev: false, epss: 0.1 })).toBe('poc');
    expect(exploitationOf({ inKev: false, epss: 0.0999 })).toBe('none');
    expect(exploitationOf({ inKev: false, epss: 0.3 }, { epssThreshold: 0.5 })).toBe('none');
    expect(exploitationOf({ inKev: false, epss: 0.3 }, { epssThreshold: 0.2 })).toBe('poc');
  });
  it('ignores an EPSS that is not a probability', () => {
    expect(exploitationOf({ inKev: false, epss: Number.NaN })).toBe('none');
    expect(exploitationOf({ inKev: false, epss: 7 })).toBe('none');
    expect(explainExploitation({ inKev: false, epss: null }).explanation).toMatch(/no EPSS score/);
  });
});

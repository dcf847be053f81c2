import { describe, expect, it } from 'vitest';
import type { CvssScore } from '../../../domain/vulnerability.js';
import { isCvssError, scoreCvss } from './cvss.js';
import { prioritize, type PrioritizeInput } from './prioritize.js';

function scored(vector: string, source: string): CvssScore {
  const result = scoreCvss(vector, source);
  if (isCvssError(result)) throw new Error(result.message);
  return result;
}

const nvd = scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'nvd@nist.gov');
const adp = scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N', 'CISA-ADP');

const pump: PrioritizeInput = {
  advisory: { cvss: [adp, nvd], ssvc: null },
  kev: { knownRansomwareCampaignUse: true },
  epss: 0.94,
  asset: {
    criticality: { patientSafety: 'high', holdsEphi: true, overridden: false },
    zoneKind: 'clinical-device',
  },
  firstSeen: '2025-03-01T08:00:00Z',
  now: '2025-03-04T08:00:00Z',
};

describe('prioritize', () => {
  it('ranks a KEV-listed critical flaw on an infusion pump Act, due in 48 hours', () => {
    const result = prioritize(pump);
    expect(result.cvss).toBe(nvd);
    expect(result.prioritization).toMatchObject({
      decision: 'act',
      exploitation: 'active',
      automatable: false,
      technicalImpact: 'total',
      missionWellBeing: 'high',
      exposure: 'controlled',
      deployer: 'out-of-cycle',
    });
    expect(result.priority).toBe(3000 + 400 + 100 + 188 + 147 + 140);
    expect(result.dueAt).toBe('2025-03-03T08:00:00.000Z');
    expect(result.overdue).toBe(true);
    expect(result.prioritization.reasons[0]).toMatch(/^SSVC decision Act/);
    expect(result.prioritization.explanation).toContain(
      "In CISA's KEV catalog: exploitation active.",
    );
  });

  it('ranks the same flaw, not exploited, on an isolated device below an open one', () => {
    const quiet = {
      ...pump,
      kev: null,
      epss: 0.001,
      advisory: {
        cvss: [nvd],
        ssvc: {
          exploitation: 'poc',
          automatable: true,
          technicalImpact: 'total',
          timestamp: null,
        } as const,
      },
    };
    const isolated = prioritize({
      ...quiet,
      asset: { ...pump.asset, exposure: { isolated: true } },
    });
    const open = prioritize({
      ...quiet,
      asset: { ...pump.asset, exposure: { internetFacing: true } },
    });
    expect(isolated.prioritization).toMatchObject({
      exposure: 'small',
      automatable: false,
      decision: 'attend',
    });
    expect(open.prioritization).toMatchObject({
      exposure: 'open',
      automatable: true,
      decision: 'attend',
      deployer: 'out-of-cycle',
    });
    expect(isolated.prioritization.deployer).toBe('scheduled');
    expect(isolated.overdue).toBe(false);
  });
});

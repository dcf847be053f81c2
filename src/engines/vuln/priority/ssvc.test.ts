import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CvssScore } from '../../../domain/vulnerability.js';
import { isCvssError, scoreCvss } from './cvss.js';
import {
  humanImpactCell,
  missionWellBeingCell,
  type MissionImpact,
  type MissionPrevalence,
  type PublicWellBeingImpact,
  type SafetyImpact,
} from './mission.js';
import { ssvcDecision, vulnerabilityDecisionPoints } from './ssvc.js';
import { cisaLevel, deployerPriority } from './ssvc-tables.js';

/** The reference, read in place as raw text through Vite (no file-system module in an engine). */
async function readReference(): Promise<string | null> {
  try {
    const url = new URL('../../../../../shared/reference/ssvc-deployer.yaml', import.meta.url);
    const module = (await import(/* @vite-ignore */ `${url.pathname}?raw`)) as { default: string };
    return module.default;
  } catch {
    return null;
  }
}

const referenceText = await readReference();
const present = referenceText !== null;

interface Table {
  readonly verified?: boolean;
  readonly rows: readonly (readonly string[])[];
}

let tables: Record<string, Table> | undefined;

function table(name: string): Table {
  tables ??= (parse(referenceText ?? '') as { tables: Record<string, Table> }).tables;
  const reference = { tables };
  const found = reference.tables[name];
  if (found === undefined) throw new Error(`no table ${name}`);
  return found;
}

/** The reference's words → the engine's values. */
const WORDS: Readonly<Record<string, string>> = {
  None: 'none',
  'Public PoC': 'poc',
  Active: 'active',
  Partial: 'partial',
  Total: 'total',
  Low: 'low',
  Medium: 'medium',
  High: 'high',
  'Very High': 'very-high',
  Small: 'small',
  Controlled: 'controlled',
  Open: 'open',
  Track: 'track',
  'Track*': 'track*',
  Attend: 'attend',
  Act: 'act',
  Defer: 'defer',
  Scheduled: 'scheduled',
  'Out-of-Cycle': 'out-of-cycle',
  Immediate: 'immediate',
  Minimal: 'minimal',
  Support: 'support',
  Essential: 'essential',
  Material: 'material',
  Irreversible: 'irreversible',
  Negligible: 'negligible',
  Marginal: 'marginal',
  Critical: 'critical',
  Catastrophic: 'catastrophic',
  Degraded: 'degraded',
  'MEF Support Crippled': 'mef-support-crippled',
  'MEF Failure': 'mef-failure',
  'Mission Failure': 'mission-failure',
};

function word(text: string | undefined): string {
  const value = text === undefined ? undefined : WORDS[text];
  if (value === undefined) throw new Error(`unknown word ${String(text)}`);
  return value;
}

function yes(text: string | undefined): boolean {
  if (text !== 'Yes' && text !== 'No') throw new Error(`not yes/no: ${String(text)}`);
  return text === 'Yes';
}

// The reference rows are checked against the engine through its typed API; the words map to
// valid values or `word` throws.
type Any = never;

describe.skipIf(!present)(
  `SSVC tables against the reference${present ? '' : ' (SKIPPED: ../shared/reference absent)'}`,
  () => {
    it('has every CISA Coordinator row (36), through ssvcDecision at controlled exposure', () => {
      const cisa = table('cisa_coordinator');
      expect(cisa.verified).toBe(true);
      expect(cisa.rows).toHaveLength(36);
      for (const [e, a, t, m, level] of cisa.rows) {
        const inputs = {
          exploitation: word(e) as Any,
          automatable: yes(a),
          technicalImpact: word(t) as Any,
          missionWellBeing: word(m) as Any,
        };
        expect(
          cisaLevel(
            inputs.exploitation,
            inputs.automatable,
            inputs.technicalImpact,
            inputs.missionWellBeing,
          ),
          `${e}/${a}/${t}/${m}`,
        ).toBe(word(level));
        for (const exposure of ['controlled', 'open'] as const) {
          expect(ssvcDecision({ ...inputs, exposure }).decision, `${e}/${a}/${t}/${m}`).toBe(
            word(level),
          );
        }
      }
    });

    it('has every CERT/CC deployer row (72), through ssvcDecision with a stated human impact', () => {
      const deployer = table('deployer');
      expect(deployer.verified).toBe(true);
      expect(deployer.rows).toHaveLength(72);
      for (const [e, x, a, h, outcome] of deployer.rows) {
        const label = `${e}/${x}/${a}/${h}`;
        expect(
          deployerPriority(word(e) as Any, word(x) as Any, yes(a), word(h) as Any),
          label,
        ).toBe(word(outcome));
        const result = ssvcDecision({
          exploitation: word(e) as Any,
          automatable: yes(a),
          technicalImpact: 'total',
          missionWellBeing: 'high',
          exposure: word(x) as Any,
          humanImpact: word(h) as Any,
        });
        expect(result.deployer, label).toBe(word(outcome));
      }
    });

    it('has every Human Impact row (16)', () => {
      const humanImpact = table('human_impact');
      expect(humanImpact.verified).toBe(true);
      expect(humanImpact.rows).toHaveLength(16);
      for (const [safety, mission, impact] of humanImpact.rows) {
        expect(humanImpactCell(word(safety) as SafetyImpact, word(mission) as MissionImpact)).toBe(
          word(impact),
        );
      }
    });

    it('has every Mission & Well-being row (9; the reference marks this table unverified)', () => {
      const mwi = table('mission_and_well_being');
      expect(mwi.verified).toBe(false);
      expect(mwi.rows).toHaveLength(9);
      for (const [prevalence, wellBeing, value] of mwi.rows) {
        expect(
          missionWellBeingCell(
            word(prevalence) as MissionPrevalence,
            word(wellBeing) as PublicWellBeingImpact,
          ),
        ).toBe(word(value));
      }
    });
  },
);

describe('ssvcDecision', () => {
  it('takes Automatable as no at small exposure and says why', () => {
    const open = ssvcDecision({
      exploitation: 'active',
      automatable: true,
      technicalImpact: 'partial',
      missionWellBeing: 'medium',
      exposure: 'open',
    });
    const small = ssvcDecision({
      exploitation: 'active',
      automatable: true,
      technicalImpact: 'partial',
      missionWellBeing: 'medium',
      exposure: 'small',
    });
    expect(open.decision).toBe('attend');
    expect(small.decision).toBe('track');
    expect(small.inputs).toMatchObject({
      automatable: false,
      automatableStated: true,
      exposure: 'small',
    });
    expect(small.explanation.join(' ')).toMatch(
      /Automatable taken as no: exposure is small \(isolated\).*kill-chain steps 1–4/,
    );
    expect(open.explanation.join(' ')).not.toMatch(/taken as no/);
  });

  it('uses the stated Automatable in the deployer tree, which has its own exposure column', () => {
    const small = ssvcDecision({
      exploitation: 'active',
      automatable: true,
      technicalImpact: 'total',
      missionWellBeing: 'low',
      exposure: 'small',
      humanImpact: 'medium',
    });
    // Active / Small / Yes / Medium → Out-of-Cycle; with No it would be Scheduled.
    expect(small.deployer).toBe('out-of-cycle');
  });

  it('follows Mission & Well-being for human impact when none is given, and says so', () => {
    const result = ssvcDecision({
      exploitation: 'none',
      automatable: false,
      technicalImpact: 'total',
      missionWellBeing: 'high',
      exposure: 'controlled',
    });
    expect(result.inputs.humanImpact).toBe('high');
    expect(result.decision).toBe('track*');
    expect(result.deployer).toBe('scheduled');
    expect(result.explanation.at(-1)).toMatch(/taken from mission & well-being/);
  });

  it('ranks a KEV-listed, wormable, total-impact flaw on a life-critical device Act / Immediate when open', () => {
    const result = ssvcDecision({
      exploitation: 'active',
      automatable: true,
      technicalImpact: 'total',
      missionWellBeing: 'high',
      exposure: 'open',
      humanImpact: 'very-high',
    });
    expect(result).toMatchObject({ decision: 'act', deployer: 'immediate' });
    expect(result.explanation[4]).toBe(
      'CISA decision Act (exploitation active, automatable yes, technical impact total, mission & well-being high).',
    );
  });
});

function scored(vector: string): CvssScore {
  const result = scoreCvss(vector);
  if (isCvssError(result)) throw new Error(result.message);
  return result;
}

describe('vulnerabilityDecisionPoints', () => {
  const critical = scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  const medium = scored('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N');

  it('defaults automatable to no and technical impact from CVSS when nothing is published', () => {
    expect(
      vulnerabilityDecisionPoints({ published: null, cvss: critical, inKev: false, epss: null }),
    ).toMatchObject({ exploitation: 'none', automatable: false, technicalImpact: 'total' });
    const partial = vulnerabilityDecisionPoints({
      published: null,
      cvss: medium,
      inKev: true,
      epss: null,
    });
    expect(partial).toMatchObject({
      exploitation: 'active',
      automatable: false,
      technicalImpact: 'partial',
    });
    expect(partial.explanation).toContain('No published SSVC: automatable taken as no.');
    expect(
      vulnerabilityDecisionPoints({ published: null, cvss: null, inKev: false, epss: null })
        .technicalImpact,
    ).toBe('partial');
  });

  it('takes CISA published values as given, KEV still raising exploitation', () => {
    const published = {
      exploitation: 'none',
      automatable: true,
      technicalImpact: 'partial',
      timestamp: null,
    } as const;
    expect(
      vulnerabilityDecisionPoints({ published, cvss: critical, inKev: false, epss: null }),
    ).toMatchObject({ exploitation: 'none', automatable: true, technicalImpact: 'partial' });
    expect(
      vulnerabilityDecisionPoints({ published, cvss: critical, inKev: true, epss: null })
        .exploitation,
    ).toBe('active');
  });
});

/**
 * The two SSVC decision tables Wardline uses, row by row as the reference
 * (`shared/reference/ssvc-deployer.yaml`, both tables verified there) gives them; `ssvc.test.ts`
 * reads that file and checks every row against these.
 *
 * - CISA Coordinator v2.0.3 (`cisa:DT_CO:2.0.3`, the tree of CISA's SSVC Guide): Exploitation ×
 *   Automatable × Technical Impact × Mission & Well-being → Track / Track* / Attend / Act.
 * - CERT/CC Deployer Patch Application Priority (`ssvc:DT_DP:1.0.0`): Exploitation × System
 *   Exposure × Automatable × Human Impact → Defer / Scheduled / Out-of-Cycle / Immediate.
 *
 * The CERT/CC tables are CC BY-NC 4.0 in their repository; these rows are the facts (which outcome
 * a combination yields), re-expressed. Credit: CERT/CC, Software Engineering Institute.
 */
import type {
  Exposure,
  MissionWellBeing,
  SsvcDecision,
  SsvcExploitation,
  SsvcTechnicalImpact,
} from '../../../domain/vulnerability.js';
import type { HumanImpact } from './mission.js';

/** The CERT/CC deployer outcomes, in rising urgency. */
export const DEPLOYER_OUTCOMES = ['defer', 'scheduled', 'out-of-cycle', 'immediate'] as const;
export type DeployerOutcome = (typeof DEPLOYER_OUTCOMES)[number];

type CisaRow = readonly [
  SsvcExploitation,
  boolean,
  SsvcTechnicalImpact,
  MissionWellBeing,
  SsvcDecision,
];
type DeployerRow = readonly [SsvcExploitation, Exposure, boolean, HumanImpact, DeployerOutcome];

/** Exploitation, Automatable, Technical Impact, Mission & Well-being → CISA level. */
const CISA_ROWS: readonly CisaRow[] = [
  ['none', false, 'partial', 'low', 'track'],
  ['none', false, 'partial', 'medium', 'track'],
  ['none', false, 'partial', 'high', 'track'],
  ['none', false, 'total', 'low', 'track'],
  ['none', false, 'total', 'medium', 'track'],
  ['none', false, 'total', 'high', 'track*'],
  ['none', true, 'partial', 'low', 'track'],
  ['none', true, 'partial', 'medium', 'track'],
  ['none', true, 'partial', 'high', 'attend'],
  ['none', true, 'total', 'low', 'track'],
  ['none', true, 'total', 'medium', 'track'],
  ['none', true, 'total', 'high', 'attend'],
  ['poc', false, 'partial', 'low', 'track'],
  ['poc', false, 'partial', 'medium', 'track'],
  ['poc', false, 'partial', 'high', 'track*'],
  ['poc', false, 'total', 'low', 'track'],
  ['poc', false, 'total', 'medium', 'track*'],
  ['poc', false, 'total', 'high', 'attend'],
  ['poc', true, 'partial', 'low', 'track'],
  ['poc', true, 'partial', 'medium', 'track'],
  ['poc', true, 'partial', 'high', 'attend'],
  ['poc', true, 'total', 'low', 'track'],
  ['poc', true, 'total', 'medium', 'track*'],
  ['poc', true, 'total', 'high', 'attend'],
  ['active', false, 'partial', 'low', 'track'],
  ['active', false, 'partial', 'medium', 'track'],
  ['active', false, 'partial', 'high', 'attend'],
  ['active', false, 'total', 'low', 'track'],
  ['active', false, 'total', 'medium', 'attend'],
  ['active', false, 'total', 'high', 'act'],
  ['active', true, 'partial', 'low', 'attend'],
  ['active', true, 'partial', 'medium', 'attend'],
  ['active', true, 'partial', 'high', 'act'],
  ['active', true, 'total', 'low', 'attend'],
  ['active', true, 'total', 'medium', 'act'],
  ['active', true, 'total', 'high', 'act'],
];

/** Exploitation, System Exposure, Automatable, Human Impact → deployer priority. */
const DEPLOYER_ROWS: readonly DeployerRow[] = [
  ['none', 'small', false, 'low', 'defer'],
  ['none', 'small', false, 'medium', 'defer'],
  ['none', 'small', false, 'high', 'scheduled'],
  ['none', 'small', false, 'very-high', 'scheduled'],
  ['none', 'small', true, 'low', 'defer'],
  ['none', 'small', true, 'medium', 'scheduled'],
  ['none', 'small', true, 'high', 'scheduled'],
  ['none', 'small', true, 'very-high', 'scheduled'],
  ['none', 'controlled', false, 'low', 'defer'],
  ['none', 'controlled', false, 'medium', 'scheduled'],
  ['none', 'controlled', false, 'high', 'scheduled'],
  ['none', 'controlled', false, 'very-high', 'scheduled'],
  ['none', 'controlled', true, 'low', 'scheduled'],
  ['none', 'controlled', true, 'medium', 'scheduled'],
  ['none', 'controlled', true, 'high', 'scheduled'],
  ['none', 'controlled', true, 'very-high', 'scheduled'],
  ['none', 'open', false, 'low', 'defer'],
  ['none', 'open', false, 'medium', 'scheduled'],
  ['none', 'open', false, 'high', 'scheduled'],
  ['none', 'open', false, 'very-high', 'scheduled'],
  ['none', 'open', true, 'low', 'scheduled'],
  ['none', 'open', true, 'medium', 'scheduled'],
  ['none', 'open', true, 'high', 'scheduled'],
  ['none', 'open', true, 'very-high', 'out-of-cycle'],
  ['poc', 'small', false, 'low', 'defer'],
  ['poc', 'small', false, 'medium', 'scheduled'],
  ['poc', 'small', false, 'high', 'scheduled'],
  ['poc', 'small', false, 'very-high', 'scheduled'],
  ['poc', 'small', true, 'low', 'scheduled'],
  ['poc', 'small', true, 'medium', 'scheduled'],
  ['poc', 'small', true, 'high', 'scheduled'],
  ['poc', 'small', true, 'very-high', 'scheduled'],
  ['poc', 'controlled', false, 'low', 'defer'],
  ['poc', 'controlled', false, 'medium', 'scheduled'],
  ['poc', 'controlled', false, 'high', 'scheduled'],
  ['poc', 'controlled', false, 'very-high', 'scheduled'],
  ['poc', 'controlled', true, 'low', 'scheduled'],
  ['poc', 'controlled', true, 'medium', 'scheduled'],
  ['poc', 'controlled', true, 'high', 'scheduled'],
  ['poc', 'controlled', true, 'very-high', 'out-of-cycle'],
  ['poc', 'open', false, 'low', 'scheduled'],
  ['poc', 'open', false, 'medium', 'scheduled'],
  ['poc', 'open', false, 'high', 'scheduled'],
  ['poc', 'open', false, 'very-high', 'out-of-cycle'],
  ['poc', 'open', true, 'low', 'scheduled'],
  ['poc', 'open', true, 'medium', 'scheduled'],
  ['poc', 'open', true, 'high', 'out-of-cycle'],
  ['poc', 'open', true, 'very-high', 'out-of-cycle'],
  ['active', 'small', false, 'low', 'scheduled'],
  ['active', 'small', false, 'medium', 'scheduled'],
  ['active', 'small', false, 'high', 'out-of-cycle'],
  ['active', 'small', false, 'very-high', 'out-of-cycle'],
  ['active', 'small', true, 'low', 'scheduled'],
  ['active', 'small', true, 'medium', 'out-of-cycle'],
  ['active', 'small', true, 'high', 'out-of-cycle'],
  ['active', 'small', true, 'very-high', 'out-of-cycle'],
  ['active', 'controlled', false, 'low', 'scheduled'],
  ['active', 'controlled', false, 'medium', 'scheduled'],
  ['active', 'controlled', false, 'high', 'out-of-cycle'],
  ['active', 'controlled', false, 'very-high', 'out-of-cycle'],
  ['active', 'controlled', true, 'low', 'out-of-cycle'],
  ['active', 'controlled', true, 'medium', 'out-of-cycle'],
  ['active', 'controlled', true, 'high', 'out-of-cycle'],
  ['active', 'controlled', true, 'very-high', 'out-of-cycle'],
  ['active', 'open', false, 'low', 'scheduled'],
  ['active', 'open', false, 'medium', 'out-of-cycle'],
  ['active', 'open', false, 'high', 'out-of-cycle'],
  ['active', 'open', false, 'very-high', 'immediate'],
  ['active', 'open', true, 'low', 'out-of-cycle'],
  ['active', 'open', true, 'medium', 'out-of-cycle'],
  ['active', 'open', true, 'high', 'immediate'],
  ['active', 'open', true, 'very-high', 'immediate'],
];

const CISA = new Map<string, SsvcDecision>(
  CISA_ROWS.map(([e, a, t, m, decision]) => [[e, a, t, m].join('|'), decision]),
);
const DEPLOYER = new Map<string, DeployerOutcome>(
  DEPLOYER_ROWS.map(([e, x, a, h, outcome]) => [[e, x, a, h].join('|'), outcome]),
);

/**
 * One cell of the CISA table. Every combination has a row (the test checks all 36), so the
 * fallback is unreachable for typed input; were a row missing it would fail safe, to the most
 * urgent level.
 */
export function cisaLevel(
  exploitation: SsvcExploitation,
  automatable: boolean,
  technicalImpact: SsvcTechnicalImpact,
  missionWellBeing: MissionWellBeing,
): SsvcDecision {
  return (
    CISA.get([exploitation, automatable, technicalImpact, missionWellBeing].join('|')) ?? 'act'
  );
}

/** One cell of the deployer table. Every combination has a row; the fallback fails safe. */
export function deployerPriority(
  exploitation: SsvcExploitation,
  exposure: Exposure,
  automatable: boolean,
  humanImpact: HumanImpact,
): DeployerOutcome {
  return DEPLOYER.get([exploitation, exposure, automatable, humanImpact].join('|')) ?? 'immediate';
}

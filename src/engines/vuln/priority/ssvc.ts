/**
 * The SSVC decision for one finding: CISA's tree (Track / Track* / Attend / Act) with Wardline's
 * exposure rule, and the CERT/CC deployer priority for the same finding alongside.
 *
 * Wardline's exposure rule: the CISA tree has no System Exposure decision point, so a device on an
 * isolated segment would rank like one on the open network. When exposure is `small`, Automatable
 * is taken as no — SSVC's Automatable asks whether an attacker can reliably automate kill-chain
 * steps 1–4 (reconnaissance, weaponization, delivery, exploitation), and delivery cannot be
 * automated against a device the network does not reach. The deployer tree has exposure as its own
 * column, so there the stated Automatable is used unchanged.
 *
 * @example
 * ssvcDecision({ exploitation: 'active', automatable: true, technicalImpact: 'total',
 *                missionWellBeing: 'high', exposure: 'small' });
 * // → { decision: 'act', deployer: 'out-of-cycle', inputs: { automatable: false, … },
 * //     explanation: ['Exploitation active.', 'Automatable taken as no: …', …] }
 */
import type {
  CvssScore,
  Exposure,
  MissionWellBeing,
  SsvcDecision,
  SsvcExploitation,
  SsvcPublished,
  SsvcTechnicalImpact,
} from '../../../domain/vulnerability.js';
import { technicalImpactOfCvss } from './cvss.js';
import { explainExploitation, type ExploitationOptions } from './exploitation.js';
import type { HumanImpact } from './mission.js';
import { cisaLevel, deployerPriority, type DeployerOutcome } from './ssvc-tables.js';

export interface SsvcInputs {
  readonly exploitation: SsvcExploitation;
  readonly automatable: boolean;
  readonly technicalImpact: SsvcTechnicalImpact;
  readonly missionWellBeing: MissionWellBeing;
  readonly exposure: Exposure;
  /** For the deployer tree; when absent it follows Mission & Well-being (low, medium, high). */
  readonly humanImpact?: HumanImpact;
}

/** The values the tables were read with, after Wardline's rules. */
export interface SsvcInputsUsed {
  readonly exploitation: SsvcExploitation;
  /** Automatable as the CISA tree used it (no when exposure is small). */
  readonly automatable: boolean;
  /** Automatable as given, which the deployer tree uses. */
  readonly automatableStated: boolean;
  readonly technicalImpact: SsvcTechnicalImpact;
  readonly missionWellBeing: MissionWellBeing;
  readonly exposure: Exposure;
  readonly humanImpact: HumanImpact;
}

export interface SsvcOutcome {
  readonly decision: SsvcDecision;
  readonly explanation: readonly string[];
  readonly inputs: SsvcInputsUsed;
  readonly deployer: DeployerOutcome;
}

const DECISION_NAMES: Readonly<Record<SsvcDecision, string>> = {
  track: 'Track',
  'track*': 'Track*',
  attend: 'Attend',
  act: 'Act',
};

/** The CISA decision and the deployer priority, with the reasons in plain words. */
export function ssvcDecision(inputs: SsvcInputs): SsvcOutcome {
  const isolated = inputs.exposure === 'small';
  const automatable = inputs.automatable && !isolated;
  const humanImpact = inputs.humanImpact ?? inputs.missionWellBeing;
  const decision = cisaLevel(
    inputs.exploitation,
    automatable,
    inputs.technicalImpact,
    inputs.missionWellBeing,
  );
  const deployer = deployerPriority(
    inputs.exploitation,
    inputs.exposure,
    inputs.automatable,
    humanImpact,
  );
  const explanation = [
    `Exploitation ${inputs.exploitation}.`,
    automatableReason(inputs.automatable, isolated),
    `Technical impact ${inputs.technicalImpact}.`,
    `Mission & well-being ${inputs.missionWellBeing}.`,
    `CISA decision ${DECISION_NAMES[decision]} (exploitation ${inputs.exploitation}, automatable ${yesNo(automatable)}, technical impact ${inputs.technicalImpact}, mission & well-being ${inputs.missionWellBeing}).`,
    `CERT/CC deployer priority ${deployer} (exposure ${inputs.exposure}, automatable ${yesNo(inputs.automatable)}, human impact ${humanImpact}${inputs.humanImpact === undefined ? ', taken from mission & well-being' : ''}).`,
  ];
  return {
    decision,
    explanation,
    inputs: {
      exploitation: inputs.exploitation,
      automatable,
      automatableStated: inputs.automatable,
      technicalImpact: inputs.technicalImpact,
      missionWellBeing: inputs.missionWellBeing,
      exposure: inputs.exposure,
      humanImpact,
    },
    deployer,
  };
}

function automatableReason(stated: boolean, isolated: boolean): string {
  if (stated && isolated) {
    return 'Automatable taken as no: exposure is small (isolated), and an attacker cannot automate kill-chain steps 1–4 (reconnaissance, weaponization, delivery, exploitation) against a device the network does not reach.';
  }
  return `Automatable ${yesNo(stated)}.`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export interface VulnerabilityEvidence {
  /** CISA's published decision points (Vulnrichment), when there are any. */
  readonly published: SsvcPublished | null;
  /** The score ranked by (see `bestCvss`); null when the advisory has none. */
  readonly cvss: CvssScore | null;
  readonly inKev: boolean;
  readonly epss: number | null;
}

export interface VulnerabilityDecisionPoints {
  readonly exploitation: SsvcExploitation;
  readonly automatable: boolean;
  readonly technicalImpact: SsvcTechnicalImpact;
  readonly explanation: readonly string[];
}

/**
 * The three decision points that belong to the vulnerability rather than the asset. Without
 * CISA's published values: Automatable defaults to no (most CVEs are not wormable, and CISA
 * publishes yes where it is; no keeps the default from inflating every unscored CVE), and
 * Technical Impact to total when CVSS says high confidentiality, integrity and availability
 * impact, partial otherwise.
 *
 * @example
 * vulnerabilityDecisionPoints({ published: null, cvss: critical, inKev: true, epss: 0.9 });
 * // → { exploitation: 'active', automatable: false, technicalImpact: 'total', explanation: […] }
 */
export function vulnerabilityDecisionPoints(
  evidence: VulnerabilityEvidence,
  options: ExploitationOptions = {},
): VulnerabilityDecisionPoints {
  const exploitation = explainExploitation(evidence, options);
  if (evidence.published !== null) {
    return {
      exploitation: exploitation.value,
      automatable: evidence.published.automatable,
      technicalImpact: evidence.published.technicalImpact,
      explanation: [
        exploitation.explanation,
        `Automatable ${yesNo(evidence.published.automatable)} and technical impact ${evidence.published.technicalImpact}, as CISA published them.`,
      ],
    };
  }
  const technicalImpact = technicalImpactOfCvss(evidence.cvss);
  const impactWhy =
    evidence.cvss === null
      ? 'no CVSS vector'
      : technicalImpact === 'total'
        ? `CVSS ${evidence.cvss.version} says high confidentiality, integrity and availability impact`
        : `CVSS ${evidence.cvss.version} does not say high impact on all of confidentiality, integrity and availability`;
  return {
    exploitation: exploitation.value,
    automatable: false,
    technicalImpact,
    explanation: [
      exploitation.explanation,
      'No published SSVC: automatable taken as no.',
      `Technical impact ${technicalImpact}: ${impactWhy}.`,
    ],
  };
}

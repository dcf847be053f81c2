/**
 * Where an asset's clinical role enters SSVC: Mission & Well-being (`ssvc:MWI:1.0.0`, the CISA
 * tree) and Human Impact (`ssvc:HI:2.0.2`, the CERT/CC deployer tree), from the asset's
 * criticality (patient-safety impact, ePHI) and, when someone stated it, the mission prevalence of
 * what it does.
 *
 * @example
 * missionWellBeingOf({ patientSafety: 'high', holdsEphi: true, overridden: false }); // → 'high'
 * missionWellBeingOf({ patientSafety: 'low', holdsEphi: false, overridden: false }); // → 'low'
 * humanImpactOf({ patientSafety: 'high', holdsEphi: true, overridden: false }); // → 'high'
 */
import type { Criticality, PatientSafetyImpact } from '../../../domain/inventory.js';
import type { MissionWellBeing } from '../../../domain/vulnerability.js';

/** CISA Mission Prevalence (`cisa:MP:1.0.0`). */
export type MissionPrevalence = 'minimal' | 'support' | 'essential';
/** SSVC Public Well-Being Impact (`ssvc:PWI:1.1.0`). */
export type PublicWellBeingImpact = 'minimal' | 'material' | 'irreversible';
/** SSVC Safety Impact (`ssvc:SI:2.0.1`). */
export type SafetyImpact = 'negligible' | 'marginal' | 'critical' | 'catastrophic';
/** SSVC Mission Impact (`ssvc:MI:2.0.0`). */
export type MissionImpact = 'degraded' | 'mef-support-crippled' | 'mef-failure' | 'mission-failure';
/** SSVC Human Impact (`ssvc:HI:2.0.2`). */
export type HumanImpact = 'low' | 'medium' | 'high' | 'very-high';

export interface MissionContext {
  /** What the asset's function is to the hospital's mission, when someone stated it. */
  readonly missionPrevalence?: MissionPrevalence;
  /** How badly its failure hurts the mission, when someone stated it (deployer tree). */
  readonly missionImpact?: MissionImpact;
}

/**
 * Patient safety → Public Well-Being Impact. PWI's definitions: Irreversible is “multiple
 * fatalities likely” or loss of the cyber-physical system; Material is “physical distress or
 * injury, reduced safety margins … financial or psychological harm”; Minimal is below that.
 * Wardline's `high` is a device whose failure can kill (the criticality defaults read SSVC Safety
 * Impact Critical as high), so it is Irreversible; `medium` (misleads diagnosis or treatment) is
 * Material. Holding ePHI raises low/none to Material: a breach of patient records is the
 * financial and psychological harm Material names.
 */
const WELL_BEING: Readonly<Record<PatientSafetyImpact, PublicWellBeingImpact>> = {
  high: 'irreversible',
  medium: 'material',
  low: 'minimal',
  none: 'minimal',
};

/**
 * The default Mission Prevalence: an asset with a clinical function (patient safety medium or
 * high) supports the hospital's mission essential function, patient care (Support); anything else
 * is Minimal. Essential (“directly provides a MEF”) is never assumed; a person states it.
 */
const DEFAULT_PREVALENCE: Readonly<Record<PatientSafetyImpact, MissionPrevalence>> = {
  high: 'support',
  medium: 'support',
  low: 'minimal',
  none: 'minimal',
};

/**
 * The CISA Mission & Well-being table (Mission Prevalence × Public Well-Being Impact). Rules from
 * the MWI decision-point definitions: Low = Minimal and Minimal; Medium = Support and (Minimal or
 * Material); High = Essential or Irreversible. The reference marks the table verified: false
 * because the (Minimal, Material) cell is not covered by those rules; Wardline takes Medium there
 * deliberately: it is what CISA's guide is recalled to say, it sits between the cells around it
 * (Low for Minimal/Minimal, High for Minimal/Irreversible), and it is the cell an ePHI-holding
 * non-clinical server lands in, where Low would under-rank a records breach.
 */
const MWI_TABLE: Readonly<
  Record<MissionPrevalence, Readonly<Record<PublicWellBeingImpact, MissionWellBeing>>>
> = {
  minimal: { minimal: 'low', material: 'medium', irreversible: 'high' },
  support: { minimal: 'medium', material: 'medium', irreversible: 'high' },
  essential: { minimal: 'high', material: 'high', irreversible: 'high' },
};

/** One cell of the MWI table, for tests against the reference. */
export function missionWellBeingCell(
  prevalence: MissionPrevalence,
  wellBeing: PublicWellBeingImpact,
): MissionWellBeing {
  return MWI_TABLE[prevalence][wellBeing];
}

export interface MissionWellBeingResult {
  readonly value: MissionWellBeing;
  readonly explanation: readonly string[];
}

/** Mission & Well-being with the reasons, in plain words. */
export function explainMissionWellBeing(
  criticality: Criticality,
  context: MissionContext = {},
): MissionWellBeingResult {
  const safety = WELL_BEING[criticality.patientSafety];
  const wellBeing = safety === 'minimal' && criticality.holdsEphi ? 'material' : safety;
  const prevalence = context.missionPrevalence ?? DEFAULT_PREVALENCE[criticality.patientSafety];
  const value = MWI_TABLE[prevalence][wellBeing];
  const wellBeingWhy =
    wellBeing === safety
      ? `patient-safety impact ${criticality.patientSafety}`
      : `it holds ePHI (patient-safety impact ${criticality.patientSafety})`;
  const prevalenceWhy =
    context.missionPrevalence === undefined ? 'default for its patient-safety impact' : 'as stated';
  return {
    value,
    explanation: [
      `Public well-being impact ${wellBeing}, from ${wellBeingWhy}; mission prevalence ${prevalence} (${prevalenceWhy}): mission & well-being ${value}.`,
    ],
  };
}

/** Mission & Well-being for the CISA tree. */
export function missionWellBeingOf(
  criticality: Criticality,
  context: MissionContext = {},
): MissionWellBeing {
  return explainMissionWellBeing(criticality, context).value;
}

/**
 * Patient safety → SSVC Safety Impact, as the criticality defaults read it: high → Critical (loss
 * of life), medium → Marginal (major injury), low and none → Negligible. Catastrophic (multiple
 * loss of life) is never inferred from one asset.
 */
const SAFETY: Readonly<Record<PatientSafetyImpact, SafetyImpact>> = {
  high: 'critical',
  medium: 'marginal',
  low: 'negligible',
  none: 'negligible',
};

/** Mission Prevalence → the default Mission Impact when the asset fails. */
const MISSION_IMPACT: Readonly<Record<MissionPrevalence, MissionImpact>> = {
  minimal: 'degraded',
  support: 'mef-support-crippled',
  essential: 'mef-failure',
};

/**
 * The CERT/CC Human Impact table (`ssvc:DT_HI:1.0.0`, verified in the reference) — the table the
 * SSVC documentation renders, not its prose, which the reference notes disagrees on Marginal +
 * Degraded; the older, harsher SSVC v2 table is not used because it was recalled, not checked.
 */
const HUMAN_IMPACT: Readonly<Record<SafetyImpact, Readonly<Record<MissionImpact, HumanImpact>>>> = {
  negligible: {
    degraded: 'low',
    'mef-support-crippled': 'low',
    'mef-failure': 'medium',
    'mission-failure': 'very-high',
  },
  marginal: {
    degraded: 'low',
    'mef-support-crippled': 'low',
    'mef-failure': 'medium',
    'mission-failure': 'very-high',
  },
  critical: {
    degraded: 'medium',
    'mef-support-crippled': 'high',
    'mef-failure': 'high',
    'mission-failure': 'very-high',
  },
  catastrophic: {
    degraded: 'very-high',
    'mef-support-crippled': 'very-high',
    'mef-failure': 'very-high',
    'mission-failure': 'very-high',
  },
};

/** One cell of the Human Impact table, for tests against the reference. */
export function humanImpactCell(safety: SafetyImpact, mission: MissionImpact): HumanImpact {
  return HUMAN_IMPACT[safety][mission];
}

/** Human Impact for the deployer tree, from patient safety and the mission impact. */
export function humanImpactOf(criticality: Criticality, context: MissionContext = {}): HumanImpact {
  const prevalence = context.missionPrevalence ?? DEFAULT_PREVALENCE[criticality.patientSafety];
  const mission = context.missionImpact ?? MISSION_IMPACT[prevalence];
  return HUMAN_IMPACT[SAFETY[criticality.patientSafety]][mission];
}

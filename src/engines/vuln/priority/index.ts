/**
 * Prioritization: CVSS scored from the vector, the SSVC decision points from what Wardline knows
 * of the vulnerability (KEV, EPSS, CISA's published values) and of the asset (zone, criticality),
 * the CISA and CERT/CC decisions, a queue-ordering score and the patch policy's due dates. Pure.
 */
export {
  scoreCvss,
  bestCvss,
  severityOf,
  sourceRank,
  technicalImpactOfCvss,
  isCvssError,
  CVSS_ERROR_CODES,
  type CvssError,
  type CvssErrorCode,
} from './cvss.js';
export {
  exposureOfZone,
  ZONE_EXPOSURE_TABLE,
  type ExposureFacts,
  type ExposureResult,
} from './exposure.js';
export {
  missionWellBeingOf,
  explainMissionWellBeing,
  humanImpactOf,
  type HumanImpact,
  type MissionContext,
  type MissionImpact,
  type MissionPrevalence,
  type MissionWellBeingResult,
} from './mission.js';
export {
  exploitationOf,
  explainExploitation,
  type ExploitationEvidence,
  type ExploitationOptions,
  type ExploitationResult,
} from './exploitation.js';
export {
  ssvcDecision,
  vulnerabilityDecisionPoints,
  type SsvcInputs,
  type SsvcInputsUsed,
  type SsvcOutcome,
  type VulnerabilityDecisionPoints,
  type VulnerabilityEvidence,
} from './ssvc.js';
export { DEPLOYER_OUTCOMES, type DeployerOutcome } from './ssvc-tables.js';
export {
  priorityScore,
  explainPriority,
  DECISION_WEIGHT,
  PRIORITY_WEIGHTS,
  type PriorityFactors,
} from './score.js';
export { DEFAULT_PATCH_POLICY, dueDate, isOverdue, type PatchPolicy } from './patch-policy.js';
export { DEFAULT_EPSS_POC_THRESHOLD, MAX_CVSS_VECTOR_LENGTH } from './limits.js';
export { prioritize, type PrioritizeInput, type PrioritizeResult } from './prioritize.js';

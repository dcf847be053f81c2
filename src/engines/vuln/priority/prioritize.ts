/**
 * Everything about one finding's rank in one call: the SSVC decision points from the advisory,
 * KEV, EPSS and the asset, the CISA and deployer decisions, the queue score with its reasons, and
 * the due date under the patch policy. What a service stores as `Finding.prioritization`.
 *
 * @example
 * prioritize({
 *   advisory: { cvss: [nvdCritical], ssvc: null },
 *   kev: { knownRansomwareCampaignUse: true }, epss: 0.94,
 *   asset: { criticality: { patientSafety: 'high', holdsEphi: true, overridden: false },
 *            zoneKind: 'clinical-device' },
 *   firstSeen: '2025-03-01T08:00:00Z', now: '2025-03-04T08:00:00Z',
 * });
 * // → { prioritization: { decision: 'act', deployer: 'out-of-cycle', … }, priority: 3 … ,
 * //     dueAt: '2025-03-03T08:00:00.000Z', overdue: true, cvss: nvdCritical }
 */
import type { Criticality, ZoneKind } from '../../../domain/inventory.js';
import type { CvssScore, Prioritization, SsvcPublished } from '../../../domain/vulnerability.js';
import { bestCvss } from './cvss.js';
import { exposureOfZone, type ExposureFacts } from './exposure.js';
import { explainMissionWellBeing, humanImpactOf, type MissionContext } from './mission.js';
import { DEFAULT_PATCH_POLICY, dueDate, isOverdue, type PatchPolicy } from './patch-policy.js';
import { explainPriority, priorityScore } from './score.js';
import { ssvcDecision, vulnerabilityDecisionPoints } from './ssvc.js';

export interface PrioritizeInput {
  readonly advisory: { readonly cvss: readonly CvssScore[]; readonly ssvc: SsvcPublished | null };
  /** The KEV entry when the CVE is listed. */
  readonly kev: { readonly knownRansomwareCampaignUse: boolean } | null;
  readonly epss: number | null;
  readonly asset: {
    readonly criticality: Criticality;
    readonly zoneKind: ZoneKind | null;
    readonly exposure?: ExposureFacts;
    readonly mission?: MissionContext;
  };
  readonly firstSeen: string;
  readonly now: string;
  readonly policy?: PatchPolicy;
  readonly epssThreshold?: number;
}

export interface PrioritizeResult {
  readonly prioritization: Prioritization;
  readonly priority: number;
  /** The CVSS score ranked by. */
  readonly cvss: CvssScore | null;
  readonly dueAt: string;
  readonly overdue: boolean;
}

export function prioritize(input: PrioritizeInput): PrioritizeResult {
  const cvss = bestCvss(input.advisory.cvss);
  const inKev = input.kev !== null;
  const points = vulnerabilityDecisionPoints(
    { published: input.advisory.ssvc, cvss, inKev, epss: input.epss },
    input.epssThreshold === undefined ? {} : { epssThreshold: input.epssThreshold },
  );
  const { criticality } = input.asset;
  const exposure = exposureOfZone(input.asset.zoneKind, input.asset.exposure ?? {});
  const mission = explainMissionWellBeing(criticality, input.asset.mission);
  const outcome = ssvcDecision({
    exploitation: points.exploitation,
    automatable: points.automatable,
    technicalImpact: points.technicalImpact,
    missionWellBeing: mission.value,
    exposure: exposure.exposure,
    humanImpact: humanImpactOf(criticality, input.asset.mission),
  });
  const factors = {
    decision: outcome.decision,
    inKev,
    ransomware: input.kev?.knownRansomwareCampaignUse ?? false,
    epss: input.epss,
    cvss: cvss?.baseScore ?? null,
    patientSafety: criticality.patientSafety,
  };
  const dueAt = dueDate(input.firstSeen, outcome.decision, input.policy ?? DEFAULT_PATCH_POLICY);
  return {
    prioritization: {
      decision: outcome.decision,
      exploitation: outcome.inputs.exploitation,
      automatable: outcome.inputs.automatable,
      technicalImpact: outcome.inputs.technicalImpact,
      missionWellBeing: outcome.inputs.missionWellBeing,
      exposure: outcome.inputs.exposure,
      deployer: outcome.deployer,
      explanation: [
        ...points.explanation,
        exposure.explanation,
        ...mission.explanation,
        ...outcome.explanation,
      ],
      reasons: explainPriority(factors),
    },
    priority: priorityScore(factors),
    cvss,
    dueAt,
    overdue: isOverdue(dueAt, input.now),
  };
}

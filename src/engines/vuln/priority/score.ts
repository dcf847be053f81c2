/**
 * One sortable number per finding for the work queue, and the reasons behind it in plain words.
 *
 * The SSVC decision dominates: each decision level is worth 1 000 points and everything else
 * together stays below 1 000, so a higher decision always outranks a lower one. Within a level:
 * KEV 400, ransomware use 100, EPSS × 200, CVSS base × 15, patient safety 0 / 20 / 60 / 140. KEV
 * and EPSS outweigh CVSS because they measure whether attackers use it, which CVSS does not; patient
 * safety sits beside CVSS because the decision already weighs it through Mission & Well-being.
 *
 * @example
 * priorityScore({ decision: 'act', inKev: true, ransomware: false, epss: 0.5, cvss: 9.8,
 *                 patientSafety: 'high' });
 * // → 3787   (3 000 + 400 + 100 + 147 + 140)
 */
import type { PatientSafetyImpact } from '../../../domain/inventory.js';
import type { SsvcDecision } from '../../../domain/vulnerability.js';

export interface PriorityFactors {
  readonly decision: SsvcDecision;
  readonly inKev: boolean;
  /** KEV's `knownRansomwareCampaignUse`. */
  readonly ransomware: boolean;
  /** EPSS probability 0–1, null when unscored. */
  readonly epss: number | null;
  /** The CVSS base score ranked by, null when there is none. */
  readonly cvss: number | null;
  readonly patientSafety: PatientSafetyImpact;
}

/** Points per decision level; the sum of all other points stays below it. */
export const DECISION_WEIGHT = 1000;

const DECISION_RANK: Readonly<Record<SsvcDecision, number>> = {
  track: 0,
  'track*': 1,
  attend: 2,
  act: 3,
};

export const PRIORITY_WEIGHTS = {
  kev: 400,
  ransomware: 100,
  /** Per unit of EPSS probability. */
  epss: 200,
  /** Per CVSS point. */
  cvss: 15,
  patientSafety: { none: 0, low: 20, medium: 60, high: 140 },
} as const satisfies {
  kev: number;
  ransomware: number;
  epss: number;
  cvss: number;
  patientSafety: Readonly<Record<PatientSafetyImpact, number>>;
};

interface Contribution {
  readonly points: number;
  readonly reason: string;
}

const DECISION_REASONS: Readonly<Record<SsvcDecision, string>> = {
  act: 'SSVC decision Act: needs supervisory and leadership attention; remediate as soon as possible.',
  attend:
    'SSVC decision Attend: needs supervisory attention; remediate sooner than the standard timeline.',
  'track*':
    'SSVC decision Track*: watch closely for changes; remediate within the standard timeline.',
  track: 'SSVC decision Track: no action needed now; remediate within the standard timeline.',
};

const SAFETY_REASONS: Readonly<Record<PatientSafetyImpact, string>> = {
  high: 'Patient-safety impact high: failure or tampering can cost a life.',
  medium: 'Patient-safety impact medium: failure or tampering can mislead diagnosis or treatment.',
  low: 'Patient-safety impact low.',
  none: 'No patient-safety impact.',
};

/** The queue-ordering number: higher is more urgent. */
export function priorityScore(factors: PriorityFactors): number {
  let total = DECISION_RANK[factors.decision] * DECISION_WEIGHT;
  for (const part of contributions(factors)) total += part.points;
  return Math.round(total * 100) / 100;
}

/**
 * The reasons for the score, decision first, then the other factors from the one that adds most
 * to the one that adds least; factors that add nothing (not in KEV, no EPSS) are left out.
 */
export function explainPriority(factors: PriorityFactors): string[] {
  const parts = contributions(factors)
    .filter((part) => part.points > 0)
    .sort((a, b) => b.points - a.points);
  return [DECISION_REASONS[factors.decision], ...parts.map((part) => part.reason)];
}

function contributions(factors: PriorityFactors): Contribution[] {
  const parts: Contribution[] = [];
  if (factors.inKev) {
    parts.push({
      points: PRIORITY_WEIGHTS.kev,
      reason: "In CISA's Known Exploited Vulnerabilities catalog: attackers are using it.",
    });
  }
  if (factors.ransomware) {
    parts.push({
      points: PRIORITY_WEIGHTS.ransomware,
      reason: 'Known to be used in ransomware campaigns.',
    });
  }
  const epss = clamp(factors.epss, 1);
  if (epss !== null) {
    parts.push({
      points: epss * PRIORITY_WEIGHTS.epss,
      reason: `EPSS ${epss.toFixed(2)}: an estimated ${(epss * 100).toFixed(epss < 0.01 ? 2 : 0)}% chance of exploitation activity in the next 30 days.`,
    });
  }
  const cvss = clamp(factors.cvss, 10);
  if (cvss !== null) {
    parts.push({
      points: cvss * PRIORITY_WEIGHTS.cvss,
      reason: `CVSS base score ${cvss.toFixed(1)}.`,
    });
  }
  parts.push({
    points: PRIORITY_WEIGHTS.patientSafety[factors.patientSafety],
    reason: SAFETY_REASONS[factors.patientSafety],
  });
  return parts;
}

/** A finite value cut to [0, max]; null for null or NaN. */
function clamp(value: number | null, max: number): number | null {
  if (value === null || Number.isNaN(value)) return null;
  return Math.min(max, Math.max(0, value));
}

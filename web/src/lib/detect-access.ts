import type { Role } from '../api/vocabulary';

/**
 * Who may do what with detection. Everyone signed in reads; the server enforces the same lists
 * (src/server/routes/detection.ts) and the UI only hides what would be refused.
 */
export const ALERT_WORKER_ROLES: readonly Role[] = [
  'admin',
  'security-analyst',
  'incident-lead',
  'clinical-engineer',
];
/** Silencing alerts hides evidence, so it stays with the people who answer for the alerts. */
export const SUPPRESSOR_ROLES: readonly Role[] = ['admin', 'security-analyst', 'incident-lead'];
/** Rules, hunts and sources decide what Wardline sees at all. */
export const DETECTION_ENGINEER_ROLES: readonly Role[] = ['admin', 'security-analyst'];

export interface DetectAccess {
  /** Acknowledge, close, mark false positive, reopen, open an incident. */
  readonly workAlerts: boolean;
  /** Create and revoke suppressions. */
  readonly suppress: boolean;
  /** Upload, enable and test rules; run hunts; create event sources. */
  readonly engineer: boolean;
}

const hasAny = (roles: readonly Role[], allowed: readonly Role[]) =>
  allowed.some((role) => roles.includes(role));

export function detectAccess(roles: readonly Role[]): DetectAccess {
  return {
    workAlerts: hasAny(roles, ALERT_WORKER_ROLES),
    suppress: hasAny(roles, SUPPRESSOR_ROLES),
    engineer: hasAny(roles, DETECTION_ENGINEER_ROLES),
  };
}

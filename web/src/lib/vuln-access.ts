import type { Role } from '../api/vocabulary';

/**
 * Who may do what with vulnerabilities. Everyone signed in reads; the server enforces the same
 * lists (src/server/routes/vulnerabilities.ts) and the UI only hides what would be refused.
 */
export const FINDING_WORKER_ROLES: readonly Role[] = [
  'admin',
  'security-analyst',
  'clinical-engineer',
];
/** Accepting risk, recording exceptions and setting the patch policy: the security lead's call. */
export const RISK_OWNER_ROLES: readonly Role[] = ['admin', 'security-analyst'];
export const FEED_LOADER_ROLES: readonly Role[] = ['admin', 'security-analyst'];

export interface VulnAccess {
  /** Start work, mitigate, mark not affected, fix, reopen. */
  readonly workFindings: boolean;
  /** Accept risk, record and revoke exceptions, edit the patch policy. */
  readonly ownRisk: boolean;
  /** Upload feed files, sync feeds. */
  readonly loadFeeds: boolean;
}

const hasAny = (roles: readonly Role[], allowed: readonly Role[]) =>
  allowed.some((role) => roles.includes(role));

export function vulnAccess(roles: readonly Role[]): VulnAccess {
  return {
    workFindings: hasAny(roles, FINDING_WORKER_ROLES),
    ownRisk: hasAny(roles, RISK_OWNER_ROLES),
    loadFeeds: hasAny(roles, FEED_LOADER_ROLES),
  };
}

/**
 * Roles of Wardline users. A route declares the roles it allows; `auditor` reads and never writes.
 */
export const ROLES = [
  'admin',
  'security-analyst',
  'incident-lead',
  'clinical-engineer',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Every role: for routes any signed-in user may read. */
export const ANY_ROLE: readonly Role[] = ROLES;

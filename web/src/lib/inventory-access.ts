import type { Role } from '../api/vocabulary';

/**
 * Who may change the inventory: import files, correct assets, edit zones. Everyone signed in may
 * read it. The server enforces the same list; the UI only hides what would be refused.
 */
export const INVENTORY_EDITOR_ROLES: readonly Role[] = [
  'admin',
  'security-analyst',
  'clinical-engineer',
];

export function canEditInventory(roles: readonly Role[]): boolean {
  return INVENTORY_EDITOR_ROLES.some((role) => roles.includes(role));
}

import { describe, expect, it } from 'vitest';
import { canEditInventory } from './inventory-access';

describe('canEditInventory', () => {
  it('lets the roles that import and correct assets edit, and no one else', () => {
    expect(canEditInventory(['clinical-engineer'])).toBe(true);
    expect(canEditInventory(['auditor', 'security-analyst'])).toBe(true);
    expect(canEditInventory(['admin'])).toBe(true);
    expect(canEditInventory(['auditor'])).toBe(false);
    expect(canEditInventory(['incident-lead'])).toBe(false);
    expect(canEditInventory([])).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { detectAccess } from './detect-access';

describe('detectAccess', () => {
  it('gives the auditor nothing to change', () => {
    expect(detectAccess(['auditor'])).toEqual({
      workAlerts: false,
      suppress: false,
      engineer: false,
    });
  });

  it('lets a clinical engineer work alerts but neither suppress nor change rules', () => {
    expect(detectAccess(['clinical-engineer'])).toEqual({
      workAlerts: true,
      suppress: false,
      engineer: false,
    });
  });

  it('lets an incident lead suppress, and an analyst do everything', () => {
    expect(detectAccess(['incident-lead']).suppress).toBe(true);
    expect(detectAccess(['incident-lead']).engineer).toBe(false);
    expect(detectAccess(['security-analyst'])).toEqual({
      workAlerts: true,
      suppress: true,
      engineer: true,
    });
  });

  it('adds up the rights of several roles', () => {
    expect(detectAccess(['auditor', 'admin']).engineer).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Alert } from '../api/detect-types';
import { defaultSuppression, prepareSuppression, scopesOf } from './suppression-form';

const ALERT: Alert = {
  id: 'alr_1',
  ruleId: 'c947b146-0abc-4c87-9c64-b17e9d7274a2',
  title: 'Shadow copies deleted',
  level: 'high',
  tags: [],
  techniques: ['T1490'],
  kind: 'rule',
  status: 'new',
  assetId: 'ast_9',
  assetName: 'WS-RAD-07',
  host: 'ws-rad-07.hospital.local',
  groupKey: null,
  count: 1,
  firstSeen: '2026-11-20T10:00:00.000Z',
  lastSeen: '2026-11-20T10:00:00.000Z',
  sourceId: null,
  incidentId: null,
  statusNote: null,
  updatedAt: '2026-11-20T10:00:00.000Z',
};

describe('suppression form', () => {
  it('offers the rule, host and asset the alert names, and defaults to rule and asset', () => {
    expect(scopesOf(ALERT)).toEqual(['rule', 'host', 'asset']);
    expect(scopesOf({ ...ALERT, host: null, assetId: null })).toEqual(['rule']);
    expect(defaultSuppression(ALERT, '2026-12-01').scopes).toEqual(['rule', 'asset']);
    expect(defaultSuppression({ ...ALERT, assetId: null }, '2026-12-01').scopes).toEqual([
      'rule',
      'host',
    ]);
  });

  it('builds the request from the chosen scopes', () => {
    const prepared = prepareSuppression(
      ALERT,
      { scopes: ['rule', 'host'], reason: '  Backup job on this host  ', until: '2026-12-31' },
      '2026-11-20',
    );
    expect(prepared).toEqual({
      request: {
        ruleId: ALERT.ruleId,
        host: 'ws-rad-07.hospital.local',
        reason: 'Backup job on this host',
        until: '2026-12-31',
      },
    });
  });

  it('refuses no scope, no reason and a date that is not in the future', () => {
    const prepared = prepareSuppression(
      ALERT,
      { scopes: [], reason: ' ', until: '2026-11-20' },
      '2026-11-20',
    );
    expect(prepared).toEqual({
      problems: {
        scopes: expect.any(String) as string,
        reason: expect.any(String) as string,
        until: 'Choose a date after today.',
      },
    });
  });
});

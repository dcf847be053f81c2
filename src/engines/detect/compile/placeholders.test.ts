import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../../domain/detection.js';
import { parseSigmaRule } from '../sigma/index.js';
import { compileRules } from './index.js';

const RULE = `
title: DICOM from an unknown AE title
id: 3c1e9f0a-5b6d-4e2f-8a7b-9c0d1e2f3a4b
logsource: { category: health_record_access }
detection:
  selection: { EventType|contains: DICOM }
  known: { CallingAETitle|expand: '%known_ae_titles%' }
  condition: selection and not known
`;

function event(calling: string): LogEvent {
  return {
    time: '2026-11-27T10:00:00.000Z',
    logsource: { product: 'atna', category: 'health_record_access' },
    shape: 'audit-trail',
    data: { EventType: 'DICOM Instances Transferred', CallingAETitle: calling },
  };
}

describe('placeholders', () => {
  const [rule] = parseSigmaRule(RULE, { source: 'test' }).rules;
  if (rule === undefined) throw new Error('rule did not parse');

  it('expands a placeholder to its values', () => {
    const { ruleSet, problems } = compileRules([rule], {
      placeholders: new Map([['known_ae_titles', ['CT_LARKSPUR', 'MR_LARKSPUR']]]),
    });
    expect(problems).toEqual([]);
    expect(ruleSet.match(event('CT_LARKSPUR'))).toHaveLength(0);
    expect(ruleSet.match(event('ROGUE_SCP'))).toHaveLength(1);
  });

  it('lets a known but empty placeholder match nothing, so every AE title is unknown', () => {
    const { ruleSet, problems } = compileRules([rule], {
      placeholders: new Map([['known_ae_titles', []]]),
    });
    expect(problems).toEqual([]);
    expect(ruleSet.match(event('CT_LARKSPUR'))).toHaveLength(1);
  });

  it('reports a placeholder nobody defined as a problem of that rule', () => {
    const { ruleSet, problems } = compileRules([rule]);
    expect(problems.map((p) => p.code)).toEqual(['WL_DETECT_PLACEHOLDER_UNKNOWN']);
    expect(ruleSet.rules).toHaveLength(0);
  });
});

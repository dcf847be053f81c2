/** Test helpers: rules from YAML text and events from flat data. */
import type { EventData, EventShape, LogEvent, LogSource } from '../../../domain/detection.js';
import { parseSigmaRule, type SigmaRule } from '../sigma/index.js';

/** A rule from a detection written as YAML lines (indented under `detection:`). */
export function ruleOf(detection: string, logsource = 'product: windows'): SigmaRule {
  const text = `title: t\nid: 00000000-0000-0000-0000-000000000001\nlogsource:\n  ${logsource.split('\n').join('\n  ')}\ndetection:\n  ${detection.trim().split('\n').join('\n  ')}\n`;
  const result = parseSigmaRule(text, { source: 'test' });
  if (result.rule === null)
    throw new Error(`rule does not parse: ${JSON.stringify(result.problems)}`);
  return result.rule;
}

export function eventOf(
  data: EventData,
  logsource: LogSource = { product: 'windows' },
  shape: EventShape = 'flat',
): LogEvent {
  return { time: '2026-01-01T00:00:00.000Z', logsource, shape, data };
}

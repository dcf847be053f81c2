/** Building correlations and events for the correlator's tests. */
import type { EventData, EventValue, LogEvent } from '../../../domain/detection.js';
import { parseSigmaRule } from '../sigma/index.js';
import type { SigmaCorrelation } from '../sigma/index.js';

/** A correlation from its YAML text; throws when the text has a problem (a broken test). */
export function correlationFrom(yamlText: string): SigmaCorrelation {
  const result = parseSigmaRule(yamlText, { source: 'test' });
  const [first] = result.correlations;
  if (first === undefined || result.problems.length > 0) {
    throw new Error(`bad test correlation: ${JSON.stringify(result.problems)}`);
  }
  return first;
}

const BASE = Date.UTC(2024, 0, 1);

/** An event `seconds` after 2024-01-01T00:00:00Z with these fields. */
export function eventAt(seconds: number, data: EventData = {}): LogEvent {
  return {
    time: new Date(BASE + seconds * 1000).toISOString(),
    logsource: {},
    shape: 'flat',
    data,
  };
}

/** Looks a field up at the top level, or along a dotted path. */
export function fieldOf(event: LogEvent, field: string): EventValue | undefined {
  if (Object.hasOwn(event.data, field)) return event.data[field];
  let current: EventValue | undefined = event.data;
  for (const part of field.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    const record = current as { readonly [key: string]: EventValue };
    current = Object.hasOwn(record, part) ? record[part] : undefined;
  }
  return current;
}

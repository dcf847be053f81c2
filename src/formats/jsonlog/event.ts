import type { EventData, LogEvent } from '../../domain/detection.js';
import { valueAt } from './json-record.js';
import { isoFromValue } from './time.js';

/**
 * Where common JSON logs keep the event time, tried in order: Elastic/Logstash, generic, Zeek,
 * Windows (PowerShell `Get-WinEvent`, evtx_dump / python-evtx JSON), Azure/Entra (Graph and Log
 * Analytics), Okta, CloudTrail.
 */
export const TIME_PATHS: readonly (readonly string[])[] = [
  ['@timestamp'],
  ['timestamp'],
  ['time'],
  ['ts'],
  ['TimeCreated'],
  ['TimeCreated', 'SystemTime'],
  ['Event', 'System', 'TimeCreated', '#attributes', 'SystemTime'],
  ['Event', 'System', 'TimeCreated', 'SystemTime'],
  ['createdDateTime'],
  ['TimeGenerated'],
  ['published'],
  ['eventTime'],
];

/** The first readable time among `TIME_PATHS`, ISO UTC; '' when none (the caller fills it in). */
export function jsonLogTime(data: EventData): string {
  for (const path of TIME_PATHS) {
    const iso = isoFromValue(valueAt(data, path));
    if (iso !== '') return iso;
  }
  return '';
}

/** One JSON log record as a `flat` event; the caller classifies its shape and log source. */
export function jsonLogEvent(data: EventData, source: string, position: string): LogEvent {
  return {
    time: jsonLogTime(data),
    logsource: {},
    shape: 'flat',
    data,
    origin: { source, position },
  };
}

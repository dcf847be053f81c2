/** Content-based classification of an event: its shape, Sigma log source, time, host and IPs. */
import type { EventData, EventShape, LogSource } from '../../../domain/detection.js';
import { classifyEcs, isEcs } from './ecs.js';
import { classifyEve, classifyZeek, isEve, isZeek } from './network.js';
import {
  classifyAuditTrail,
  classifyFlat,
  classifySyslog,
  isAuditTrail,
  isSyslog,
} from './other.js';
import type { Classified, ClassifyHint, EventClassification } from './types.js';
import { at, isRecord, optional } from './values.js';
import { classifyEcsWindows, classifyEvtx } from './windows.js';

function isEvtx(data: EventData): boolean {
  return isRecord(at(data, 'Event', 'System'));
}

/** The shape a record is in, tried in this order; `flat` when nothing more specific fits. */
export function detectShape(data: EventData): EventShape {
  if (isEvtx(data)) return 'evtx-json';
  if (isEcs(data)) return 'ecs';
  if (isZeek(data)) return 'zeek';
  if (isEve(data)) return 'eve';
  if (isAuditTrail(data)) return 'audit-trail';
  if (isSyslog(data)) return 'syslog';
  return 'flat';
}

const READERS: Record<EventShape, (data: EventData) => Classified> = {
  'evtx-json': classifyEvtx,
  ecs: (data) => (isRecord(data.winlog) ? classifyEcsWindows(data) : classifyEcs(data)),
  zeek: classifyZeek,
  eve: classifyEve,
  'audit-trail': classifyAuditTrail,
  syslog: classifySyslog,
  flat: classifyFlat,
};

function withHint(found: Classified, hint: LogSource | undefined): Classified {
  if (hint === undefined) return found;
  const logsource: LogSource = { ...found.logsource, ...definedOnly(hint) };
  // Further categories follow from the content's category; a hint naming another drops them.
  const keepAlso =
    found.alsoCategories !== undefined &&
    (hint.category === undefined || hint.category === found.logsource.category);
  const base: Classified = {
    logsource,
    ...optional({ time: found.time, host: found.host, ips: found.ips }),
  };
  return keepAlso ? { ...base, alsoCategories: found.alsoCategories } : base;
}

function definedOnly(source: LogSource): LogSource {
  return {
    ...(source.product === undefined ? {} : { product: source.product }),
    ...(source.category === undefined ? {} : { category: source.category }),
    ...(source.service === undefined ? {} : { service: source.service }),
  };
}

/**
 * What an event is, read from its content: the shape its fields are laid out in (or the hint's),
 * the Sigma log source (each attribute the hint gives wins), further categories it also belongs
 * to, and its own time (ISO 8601 UTC), host and IP addresses when it names them. Never throws.
 *
 * @example
 * classifyEvent({ Event: { System: { Channel: 'Microsoft-Windows-Sysmon/Operational',
 *   EventID: 13, Computer: 'ws1', TimeCreated: { '#attributes': { SystemTime: '2025-01-02 03:04:05.6' } } } } })
 * // { shape: 'evtx-json',
 * //   logsource: { product: 'windows', service: 'sysmon', category: 'registry_set' },
 * //   alsoCategories: ['registry_event'], time: '2025-01-02T03:04:05.600Z', host: 'ws1' }
 * @example
 * classifyEvent({ ts: 1700000000.5, uid: 'C1', 'id.orig_h': '10.0.0.1', _path: 'dns' })
 * // { shape: 'zeek', logsource: { product: 'zeek', service: 'dns' },
 * //   time: '2023-11-14T22:13:20.500Z', ips: ['10.0.0.1'] }
 */
export function classifyEvent(data: EventData, hint?: ClassifyHint): EventClassification {
  const shape = hint?.shape ?? detectShape(data);
  const found = withHint(READERS[shape](data), hint?.logsource);
  return { shape, ...found };
}

/**
 * The detection vocabularies with the words and colours the UI shows for them. Each table is a
 * `Record` over the union, so a value added to the domain fails to compile until it has a label.
 */
import type {
  AlertStatus,
  DetectionLevel,
  EventShape,
  IngestProtocol,
  RuleOrigin,
} from '../../../src/domain/detection.js';

export {
  ALERT_STATUSES,
  ALERT_TRANSITIONS,
  DETECTION_LEVELS,
  EVENT_SHAPES,
  INGEST_PROTOCOLS,
  RULE_ORIGINS,
} from '../../../src/domain/detection.js';

interface Shown {
  readonly label: string;
  readonly color: string;
}

/** Sigma levels: critical red down to informational grey. */
export const LEVEL_INFO: Record<DetectionLevel, Shown> = {
  critical: { label: 'Critical', color: 'red' },
  high: { label: 'High', color: 'orange' },
  medium: { label: 'Medium', color: 'yellow' },
  low: { label: 'Low', color: 'blue' },
  informational: { label: 'Informational', color: 'gray' },
};

/** Most severe first, as filters list them. */
export const LEVELS_BY_SEVERITY: readonly DetectionLevel[] = [
  'critical',
  'high',
  'medium',
  'low',
  'informational',
];

export const ALERT_STATUS_INFO: Record<AlertStatus, Shown> = {
  new: { label: 'New', color: 'red' },
  acknowledged: { label: 'Acknowledged', color: 'yellow' },
  closed: { label: 'Closed', color: 'green' },
  'false-positive': { label: 'False positive', color: 'gray' },
};

/** What the button that moves an alert to a status says. */
export const STATUS_ACTION_LABELS: Record<AlertStatus, string> = {
  new: 'Reopen',
  acknowledged: 'Acknowledge',
  closed: 'Close',
  'false-positive': 'False positive',
};

export const PROTOCOL_LABELS: Record<IngestProtocol, string> = {
  'syslog-udp': 'Syslog over UDP',
  'syslog-tcp': 'Syslog over TCP',
  'syslog-tls': 'Syslog over TLS',
  http: 'HTTP (NDJSON)',
  file: 'Files',
};

export const ORIGIN_LABELS: Record<RuleOrigin, string> = {
  bundled: 'Bundled',
  uploaded: 'Uploaded',
  directory: 'Rules folder',
};

export const SHAPE_LABELS: Record<EventShape, string> = {
  'evtx-json': 'Windows events (EVTX JSON)',
  ecs: 'Elastic Common Schema',
  flat: 'Flat JSON',
  zeek: 'Zeek',
  eve: 'Suricata EVE',
  syslog: 'Syslog',
  'audit-trail': 'Health-record audit trail',
};

/**
 * The detection vocabulary: log events as they arrive from a source, the log source a Sigma rule
 * selects them by, the detections the engine reports, and the alerts people work through.
 */
import type { Diagnostic } from './diagnostic.js';

/** A JSON value as an event carries it. */
export type EventValue =
  string | number | boolean | null | readonly EventValue[] | { readonly [key: string]: EventValue };

export type EventData = { readonly [key: string]: EventValue };

/**
 * Sigma's log source: what kind of log an event is. A rule selects events whose log source has
 * every attribute the rule names (a rule naming only `product: windows` sees all Windows events).
 */
export interface LogSource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

/**
 * How an event's fields are laid out, which decides how a Sigma field name is looked up:
 * - `evtx-json`: `{"Event":{"System":…,"EventData":…}}`, as the Rust `evtx_dump` and SigmaHQ's
 *   regression data write Windows events (Wardline's EVTX reader writes the same);
 * - `ecs`: Winlogbeat/Elastic Common Schema (`winlog.event_data.*`, `process.command_line`…);
 * - `flat`: field names at the top level, as Sigma names them (most JSON logs, Entra, Okta);
 * - `zeek`, `eve`: Zeek and Suricata EVE JSON records;
 * - `syslog`: a syslog message (`host`, `app`, `msg`, structured data…);
 * - `audit-trail`: a health-record access event in Wardline's audit-trail fields
 *   (`AUDIT_TRAIL_FIELDS`), read from FHIR AuditEvent or DICOM/IHE ATNA messages.
 */
export const EVENT_SHAPES = [
  'evtx-json',
  'ecs',
  'flat',
  'zeek',
  'eve',
  'syslog',
  'audit-trail',
] as const;
export type EventShape = (typeof EVENT_SHAPES)[number];

/** One event as it enters detection. */
export interface LogEvent {
  /** When it happened, ISO 8601 UTC; the receive time when the event carries none. */
  readonly time: string;
  readonly logsource: LogSource;
  readonly shape: EventShape;
  readonly data: EventData;
  /** The host the event is about (Windows `Computer`, syslog hostname…), when it names one. */
  readonly host?: string;
  /** Source and destination IP addresses the event names, for resolving assets. */
  readonly ips?: readonly string[];
  /** Where it was read: a file name and record position, or a listener and peer. */
  readonly origin?: EventOrigin;
}

export interface EventOrigin {
  readonly source: string;
  readonly position?: string;
}

/**
 * The fields of a health-record access event (`audit-trail` shape), the same whether the EHR
 * wrote a FHIR AuditEvent or the PACS an ATNA message, so one rule covers both.
 */
export const AUDIT_TRAIL_FIELDS = [
  'EventType',
  'EventSubtype',
  'Action',
  'Outcome',
  'UserId',
  'UserName',
  'UserRole',
  'SourceAddress',
  'Application',
  'PatientId',
  'ObjectType',
  'ObjectId',
  'Purpose',
  'Query',
] as const;
export type AuditTrailField = (typeof AUDIT_TRAIL_FIELDS)[number];

/** The log source health-record access events carry; `product` is `fhir` or `atna`. */
export const AUDIT_TRAIL_CATEGORY = 'health_record_access';

export const DETECTION_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type DetectionLevel = (typeof DETECTION_LEVELS)[number];

/** What a rule says about itself, carried onto every detection and alert. */
export interface RuleSummary {
  /** The rule's id (a UUID in SigmaHQ), or its name, or a path when it has neither. */
  readonly ruleId: string;
  readonly title: string;
  readonly level: DetectionLevel;
  readonly tags: readonly string[];
  /** ATT&CK technique ids, `T1059.001` form. */
  readonly techniques: readonly string[];
  readonly description?: string;
}

/** What the engine reports: a rule (or correlation) fired on these events. */
export interface Detection extends RuleSummary {
  readonly kind: 'rule' | 'correlation';
  /** The events that prove it, oldest first (a correlation holds several). */
  readonly events: readonly LogEvent[];
  /** A correlation's group-by values, `field=value`; empty for a single rule. */
  readonly groupKey?: string;
  readonly time: string;
}

export const ALERT_STATUSES = ['new', 'acknowledged', 'closed', 'false-positive'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Which status changes are allowed: any open alert may be closed; a closed one may reopen. */
export const ALERT_TRANSITIONS: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  new: ['acknowledged', 'closed', 'false-positive'],
  acknowledged: ['new', 'closed', 'false-positive'],
  closed: ['new'],
  'false-positive': ['new'],
};

export function isAlertStatus(value: string): value is AlertStatus {
  return (ALERT_STATUSES as readonly string[]).includes(value);
}

export const INGEST_PROTOCOLS = ['syslog-udp', 'syslog-tcp', 'syslog-tls', 'http', 'file'] as const;
export type IngestProtocol = (typeof INGEST_PROTOCOLS)[number];

/**
 * What a log reader yields for each record: an event, or a record it could not read with the
 * reason and (cut to a bound) the raw text, which goes to the source's dead-letter store.
 */
export type LogReadItem =
  | { readonly kind: 'event'; readonly event: LogEvent }
  | {
      readonly kind: 'rejected';
      readonly diagnostic: Diagnostic;
      readonly raw?: string;
    };

/** Raw text kept with a rejected record, at most. */
export const MAX_DEAD_LETTER_RAW_CHARS = 4_096;

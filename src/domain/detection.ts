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
  /** Further categories the event also belongs to (Sysmon 13 is `registry_set` and `registry_event`). */
  readonly alsoCategories?: readonly string[];
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

/** One alert: a rule that fired, on which asset, with the events that prove it. */
export interface Alert extends RuleSummary {
  readonly id: string;
  readonly kind: 'rule' | 'correlation';
  readonly status: AlertStatus;
  /** The asset resolved from the events' host name or IP addresses, when one is known. */
  readonly assetId: string | null;
  readonly assetName: string | null;
  readonly host: string | null;
  readonly groupKey: string | null;
  /** Detections folded into this alert (same rule, host and group within the window). */
  readonly count: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly sourceId: string | null;
  readonly incidentId: string | null;
  readonly statusNote: string | null;
  readonly updatedAt: string;
}

/** An alert with the events that prove it (the first ones kept, capped) and its history. */
export interface AlertDetail extends Alert {
  readonly events: readonly LogEvent[];
  readonly history: readonly AlertHistoryEntry[];
}

export interface AlertHistoryEntry {
  readonly at: string;
  readonly by: string | null;
  readonly from: AlertStatus | null;
  readonly to: AlertStatus;
  readonly note: string | null;
}

/** Silences alerts of one rule (or any rule) on one host or asset (or any), with a reason, until a time. */
export interface Suppression {
  readonly id: string;
  readonly ruleId: string | null;
  readonly host: string | null;
  readonly assetId: string | null;
  readonly reason: string;
  readonly until: string;
  readonly createdBy: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** Where events come from: a listener, an HTTP token, or files; with what was declared about them. */
export interface EventSource {
  readonly id: string;
  readonly name: string;
  readonly protocol: IngestProtocol;
  /** Declared log source; empty means inferred from each event's content. */
  readonly logsource: LogSource;
  /** Declared shape; null means inferred. */
  readonly shape: EventShape | null;
  readonly enabled: boolean;
  readonly eventsTotal: number;
  readonly errorsTotal: number;
  /** Datagrams or events lost before reading (UDP receive drops, over-long frames). */
  readonly droppedTotal: number;
  readonly lastEventAt: string | null;
  /** Events per second over the last minute, as last measured. */
  readonly eps: number;
  readonly createdAt: string;
}

/** An event a source could not read, kept with the reason. */
export interface DeadLetter {
  readonly id: string;
  readonly sourceId: string;
  readonly receivedAt: string;
  readonly code: string;
  readonly message: string;
  readonly position: string | null;
  readonly raw: string | null;
}

export const RULE_ORIGINS = ['bundled', 'uploaded', 'directory'] as const;
export type RuleOrigin = (typeof RULE_ORIGINS)[number];

/** A Sigma rule as Wardline keeps it: its text, whether it runs, and what kept it from compiling. */
export interface DetectionRule {
  readonly id: string;
  readonly ruleId: string;
  readonly title: string;
  readonly level: DetectionLevel;
  readonly kind: 'rule' | 'correlation';
  readonly origin: RuleOrigin;
  readonly path: string;
  readonly logsource: LogSource;
  readonly tags: readonly string[];
  readonly enabled: boolean;
  readonly problems: readonly string[];
  readonly updatedAt: string;
}

/**
 * The shapes of the detection routes (`/alerts`, `/alert-suppressions`, `/detection-rules`,
 * `/event-sources`, `/hunts`). Alerts, rules, sources and events are Wardline's domain types,
 * shared with the server; the request bodies and the answers that exist only on the wire are
 * declared here.
 */
import type {
  AlertStatus,
  Detection,
  DetectionLevel,
  DetectionRule,
  EventShape,
  EventSource,
  IngestProtocol,
  LogSource,
  RuleOrigin,
} from '../../../src/domain/detection.js';

export type {
  Alert,
  AlertDetail,
  AlertHistoryEntry,
  AlertStatus,
  DeadLetter,
  Detection,
  DetectionLevel,
  DetectionRule,
  EventData,
  EventOrigin,
  EventShape,
  EventSource,
  EventValue,
  IngestProtocol,
  LogEvent,
  LogSource,
  RuleOrigin,
  RuleSummary,
  Suppression,
} from '../../../src/domain/detection.js';

/** `GET /alerts`. */
export interface AlertQuery {
  readonly limit: number;
  readonly offset: number;
  readonly status?: AlertStatus;
  readonly level?: DetectionLevel;
  readonly ruleId?: string;
  readonly assetId?: string;
  readonly q?: string;
}

/** `POST /alerts/:id/status`. */
export interface AlertStatusChange {
  readonly status: AlertStatus;
  readonly note?: string;
}

/** `POST /alerts/:id/incident`. */
export interface OpenedIncident {
  readonly incidentId: string;
}

/** `POST /alert-suppressions`: at least one of rule, host and asset narrows it. */
export interface SuppressionCreate {
  readonly ruleId?: string;
  readonly host?: string;
  readonly assetId?: string;
  readonly reason: string;
  /** ISO date or instant. */
  readonly until: string;
}

/** `GET /detection-rules`. */
export interface RuleQuery {
  readonly limit: number;
  readonly offset: number;
  readonly q?: string;
  readonly origin?: RuleOrigin;
  readonly enabled?: boolean;
  readonly level?: DetectionLevel;
}

/** `GET /detection-rules/:id`: the stored rule with its YAML text. */
export type DetectionRuleText = DetectionRule & { readonly yaml: string };

/** `POST /detection-rules`: the rules the upload stored and why others were refused. */
export interface RuleUploadResult {
  readonly rules: readonly DetectionRule[];
  readonly problems: readonly string[];
}

/** `POST /detection-rules/test`. */
export interface RuleTestRequest {
  readonly yaml: string;
  /** NDJSON or a JSON array of events. */
  readonly events: string;
}

export interface RejectedLine {
  readonly line: number;
  readonly message: string;
}

export interface RuleTestResult {
  readonly detections: readonly Detection[];
  readonly problems: readonly string[];
  /** Events read from the text. */
  readonly events: number;
  readonly rejected: readonly RejectedLine[];
}

/** `POST /event-sources`. */
export interface SourceCreate {
  readonly name: string;
  readonly protocol: IngestProtocol;
  readonly logsource?: LogSource;
  readonly shape?: EventShape;
}

/** The source created; for the HTTP protocol, its bearer token, shown this once. */
export interface SourceCreated {
  readonly source: EventSource;
  readonly token?: string;
}

/** `POST /hunts`: stored rules by id, or rule YAML pasted, over a time range. */
export interface HuntRequest {
  readonly ruleIds?: readonly string[];
  readonly yaml?: string;
  /** ISO 8601 instants. */
  readonly from?: string;
  readonly to?: string;
}

export interface HuntStarted {
  readonly jobId: string;
}

/** `GET /hunts/:jobId`, once the hunt's job has ended. */
export interface HuntResult {
  readonly detections: readonly Detection[];
  /** Events searched. */
  readonly events: number;
}

/** The detection tables (migration 0004): rules, sources, dead letters, kept events, alerts. */

export interface DetectionRuleTable {
  id: string;
  /** The Sigma id, or name, or path when the rule has neither. */
  rule_id: string;
  title: string;
  level: string;
  /** rule | correlation */
  kind: string;
  /** bundled | uploaded | directory */
  origin: string;
  path: string;
  yaml: string;
  /** JSON LogSource. */
  logsource: string;
  /** JSON array. */
  tags: string;
  enabled: number;
  /** JSON array of problem messages; a rule with problems does not run. */
  problems: string;
  updated_at: string;
}

export interface EventSourceTable {
  id: string;
  name: string;
  protocol: string;
  /** JSON LogSource: declared, `{}` when inferred per event. */
  logsource: string;
  shape: string | null;
  /** SHA-256 of the HTTP ingest token; null for other protocols. */
  token_hash: string | null;
  enabled: number;
  events_total: number;
  errors_total: number;
  dropped_total: number;
  last_event_at: string | null;
  eps: number;
  created_by: string | null;
  created_at: string;
}

export interface DeadLetterTable {
  id: string;
  source_id: string;
  received_at: string;
  code: string;
  message: string;
  position: string | null;
  raw_sealed: string | null;
}

export interface LogEventTable {
  id: string;
  source_id: string | null;
  time: string;
  received_at: string;
  host: string | null;
  product: string | null;
  category: string | null;
  service: string | null;
  /** The LogEvent as JSON, sealed. */
  event_sealed: string;
}

export interface AlertTable {
  id: string;
  rule_id: string;
  title: string;
  level: string;
  kind: string;
  /** JSON arrays. */
  tags: string;
  techniques: string;
  description: string | null;
  status: string;
  asset_id: string | null;
  host: string | null;
  group_key: string | null;
  /** rule, host or asset, and group: detections with one key within the window fold together. */
  dedup_key: string;
  count: number;
  first_seen: string;
  last_seen: string;
  source_id: string | null;
  incident_id: string | null;
  status_note: string | null;
  /** JSON array of the first matched LogEvents, sealed. */
  events_sealed: string;
  updated_at: string;
}

export interface AlertHistoryTable {
  alert_id: string;
  seq: number;
  at: string;
  by_user: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface AlertSuppressionTable {
  id: string;
  rule_id: string | null;
  host: string | null;
  asset_id: string | null;
  reason: string;
  until: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface IncidentTable {
  id: string;
  title: string;
  severity: string;
  status: string;
  alert_id: string | null;
  asset_id: string | null;
  created_by: string | null;
  created_at: string;
}

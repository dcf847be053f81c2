/**
 * The database as Kysely sees it. Portable across SQLite and PostgreSQL: times are ISO 8601 UTC
 * text (they sort as strings), flags are integers 0/1, lists and maps are JSON text, and columns
 * ending in `_sealed` hold AES-256-GCM ciphertext from `store/sealing.ts`, never plaintext.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface SiteTable {
  id: string;
  name: string;
  code: string;
  address: string | null;
  created_at: string;
}

export interface ZoneTable {
  id: string;
  site_id: string;
  name: string;
  kind: string;
  /** JSON array of CIDR strings. */
  cidrs: string;
  vlan: number | null;
  description: string | null;
  created_at: string;
}

export interface AssetTable {
  id: string;
  site_id: string | null;
  zone_id: string | null;
  name: string;
  category: string;
  vendor: string | null;
  model: string | null;
  os: string | null;
  serial: string | null;
  firmware: string | null;
  location: string | null;
  owner: string | null;
  /** Classification confidence, 0–1. */
  category_confidence: number;
  /** JSON array of the reasons for the category, in plain words. */
  category_reasons: string | null;
  patient_safety: string;
  holds_ephi: number;
  criticality_overridden: number;
  first_seen: string;
  last_seen: string;
  created_at: string;
  updated_at: string;
}

export interface AssetIdentifierTable {
  id: string;
  asset_id: string;
  kind: string;
  value: string;
  source: string;
  first_seen: string;
  last_seen: string;
}

/** The winning value of one fact of one asset, and where it came from. */
export interface AssetFactTable {
  asset_id: string;
  field: string;
  /** JSON value. */
  value: string;
  source_kind: string;
  source_name: string;
  import_id: string | null;
  observed_at: string;
  /** 1 when a user set it: no import replaces it. */
  overridden: number;
  /** How a host name was learned (`dhcp`, `dns-ptr`…), or `oui` for a vendor from the MAC. */
  origin: string | null;
}

/** A kind of source that reported an asset, and when it last did. */
export interface AssetSourceTable {
  asset_id: string;
  source_kind: string;
  last_seen: string;
}

/** One fact one source reported: the provenance timeline. */
export interface AssetObservationTable {
  id: string;
  asset_id: string;
  field: string;
  value: string;
  source_kind: string;
  source_name: string;
  import_id: string | null;
  observed_at: string;
}

export interface AssetServiceTable {
  asset_id: string;
  transport: string;
  port: number;
  name: string | null;
  product: string | null;
  version: string | null;
  /** JSON array of CPE strings. */
  cpes: string;
  tls: number;
  source_kind: string;
  source_name: string;
  first_seen: string;
  last_seen: string;
}

export interface AssetSoftwareTable {
  id: string;
  asset_id: string;
  /** What makes two reports the same software on one asset: purl, else CPE, else name@version. */
  identity: string;
  kind: string;
  name: string;
  version: string | null;
  supplier: string | null;
  purl: string | null;
  cpe: string | null;
  /** JSON map algorithm → hex digest. */
  hashes: string;
  end_of_support: string | null;
  source_kind: string;
  source_name: string;
  first_seen: string;
  last_seen: string;
}

export interface AssetProtocolsTable {
  asset_id: string;
  /** JSON ProtocolFacts. */
  facts: string;
  updated_at: string;
}

export interface AssetScanFindingTable {
  asset_id: string;
  scanner_id: string;
  /** `443/tcp`; `-/-` for host-level findings. */
  port_key: string;
  title: string;
  severity: number | null;
  /** JSON array of CVE ids. */
  cves: string;
  source_kind: string;
  source_name: string;
  first_seen: string;
  last_seen: string;
}

export interface SbomTable {
  id: string;
  import_id: string | null;
  asset_id: string | null;
  vendor: string | null;
  model: string | null;
  format: string;
  spec_version: string | null;
  document_id: string | null;
  name: string | null;
  version: string | null;
  supplier: string | null;
  end_of_support: string | null;
  components: number;
  sha256: string;
  created_at: string;
}

export interface SbomComponentTable {
  sbom_id: string;
  seq: number;
  ref: string | null;
  type: string | null;
  name: string;
  version: string | null;
  supplier: string | null;
  purl: string | null;
  cpe: string | null;
  hashes: string;
  /** JSON array of license ids or expressions. */
  licenses: string;
}

export interface FlowTable {
  id: string;
  client_ip: string;
  server_ip: string;
  server_port: number;
  transport: string;
  protocol: string;
  client_asset_id: string | null;
  server_asset_id: string | null;
  /** bigint: PostgreSQL returns it as text; read with Number(). */
  packets: number | string;
  bytes: number | string;
  encrypted: number;
  carries_ephi: number;
  first_seen: string;
  last_seen: string;
}

export interface ImportTable {
  id: string;
  job_id: string | null;
  kind: string;
  file_name: string;
  sha256: string;
  bytes: number | string;
  status: string;
  /** JSON counts and ids. */
  summary: string;
  diagnostics: number;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface ImportDiagnosticTable {
  import_id: string;
  seq: number;
  code: string;
  severity: string;
  byte_offset: number | string;
  line: number | null;
  message: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email_sealed: string | null;
  password_hash: string;
  /** JSON array of roles. */
  roles: string;
  disabled: number;
  totp_secret_sealed: string | null;
  totp_enrolled_at: string | null;
  /** Last TOTP time step accepted, so a code is never accepted twice. */
  totp_last_step: number | null;
  /** JSON array of SHA-256 hashes of unused recovery codes, sealed. */
  recovery_codes_sealed: string | null;
  /** 1 while the password is one an administrator set: it must be changed before anything else. */
  password_temporary: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PasskeyTable {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  counter: number;
  transports: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  stage: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  /** A TOTP secret offered during enrollment and not yet confirmed, sealed. */
  pending_totp_sealed: string | null;
  /** The outstanding WebAuthn challenge of this session. */
  webauthn_challenge: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  /** JSON object. */
  details: string;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_at: string;
}

export interface JobTable {
  id: string;
  kind: string;
  status: string;
  progress: number;
  message: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** JSON. */
  result: string | null;
  error: string | null;
}

export interface DataKeyTable {
  id: string;
  /** The AES-256 data key, wrapped (AES-256-GCM) by the master key. */
  wrapped: string;
  /** Fingerprint of the master key that wrapped it, to say which key is expected. */
  master_fingerprint: string;
  created_at: string;
  active: number;
}

export interface FeedSnapshotTable {
  id: string;
  /** kev, epss, nvd, cve, osv, csaf */
  feed: string;
  /** The file name or URL it was read from. */
  source: string;
  sha256: string;
  /** The feed's own version: catalog version, EPSS model and date, NVD timestamp. */
  version: string | null;
  records: number;
  errors: number;
  /** complete | failed */
  status: string;
  imported_at: string;
  imported_by: string | null;
}

export interface FeedDiagnosticTable {
  snapshot_id: string;
  seq: number;
  source: string;
  position: number;
  code: string;
  severity: string;
  message: string;
}

export interface AdvisoryTable {
  /** `<source>:<id>` */
  key: string;
  id: string;
  source: string;
  /** The CVE id when the advisory has one, else its own id: what findings are keyed by. */
  vuln_id: string;
  document: string | null;
  title: string | null;
  published: string | null;
  modified: string | null;
  withdrawn: string | null;
  /** JSON of the whole normalized `Advisory`. */
  body: string;
  snapshot_id: string;
  updated_at: string;
}

export interface KevEntryTable {
  cve_id: string;
  vendor_project: string;
  product: string;
  name: string;
  date_added: string;
  due_date: string;
  required_action: string;
  ransomware: number;
  snapshot_id: string;
}

export interface EpssScoreTable {
  cve_id: string;
  epss: number;
  percentile: number;
  score_date: string | null;
  snapshot_id: string;
}

export interface FindingTable {
  id: string;
  asset_id: string;
  vuln_id: string;
  status: string;
  /** The most precise match kind among the matches. */
  match_kind: string;
  confidence: number;
  /** JSON array of the matches (component, criterion, range, explanation). */
  matches: string;
  title: string | null;
  decision: string;
  priority: number;
  /** JSON: SSVC inputs, outcome, explanation and the priority reasons. */
  prioritization: string;
  cvss_score: number | null;
  kev: number;
  ransomware: number;
  epss: number | null;
  fixed_version: string | null;
  /** JSON of the vendor's VEX statement when a vendor says not affected. */
  vex: string | null;
  status_note: string | null;
  risk_accepted_until: string | null;
  first_seen: string;
  last_seen: string;
  due_at: string;
  closed_at: string | null;
  updated_at: string;
}

export interface FindingEventTable {
  id: string;
  finding_id: string;
  at: string;
  actor: string | null;
  from_status: string | null;
  to_status: string;
  note: string | null;
}

export interface VulnExceptionTable {
  id: string;
  asset_id: string;
  /** Null: the exception covers every finding on the asset (an end-of-support device). */
  vuln_id: string | null;
  /** risk_accepted | mitigated */
  kind: string;
  reason: string;
  /** JSON array of compensating controls. */
  controls: string;
  until: string;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
}

import type {
  DetectionRuleTable,
  EventSourceTable,
  DeadLetterTable,
  LogEventTable,
  AlertTable,
  AlertHistoryTable,
  AlertSuppressionTable,
  IncidentTable,
} from './schema-detection.js';

export type {
  DetectionRuleTable,
  EventSourceTable,
  DeadLetterTable,
  LogEventTable,
  AlertTable,
  AlertHistoryTable,
  AlertSuppressionTable,
  IncidentTable,
};

export interface Database {
  sites: SiteTable;
  zones: ZoneTable;
  assets: AssetTable;
  asset_identifiers: AssetIdentifierTable;
  asset_facts: AssetFactTable;
  asset_sources: AssetSourceTable;
  asset_observations: AssetObservationTable;
  asset_services: AssetServiceTable;
  asset_software: AssetSoftwareTable;
  asset_protocols: AssetProtocolsTable;
  asset_scan_findings: AssetScanFindingTable;
  sboms: SbomTable;
  sbom_components: SbomComponentTable;
  flows: FlowTable;
  imports: ImportTable;
  import_diagnostics: ImportDiagnosticTable;
  users: UserTable;
  passkeys: PasskeyTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  jobs: JobTable;
  data_keys: DataKeyTable;
  feed_snapshots: FeedSnapshotTable;
  feed_diagnostics: FeedDiagnosticTable;
  advisories: AdvisoryTable;
  kev_entries: KevEntryTable;
  epss_scores: EpssScoreTable;
  findings: FindingTable;
  finding_events: FindingEventTable;
  vuln_exceptions: VulnExceptionTable;
  detection_rules: DetectionRuleTable;
  event_sources: EventSourceTable;
  dead_letters: DeadLetterTable;
  log_events: LogEventTable;
  alerts: AlertTable;
  alert_history: AlertHistoryTable;
  alert_suppressions: AlertSuppressionTable;
  incidents: IncidentTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type AssetRow = Selectable<AssetTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobTable>;

/** Marker kept for tables that later issues give generated columns. */
export type { Generated };

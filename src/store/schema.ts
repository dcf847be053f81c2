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

export interface Database {
  sites: SiteTable;
  zones: ZoneTable;
  assets: AssetTable;
  asset_identifiers: AssetIdentifierTable;
  users: UserTable;
  passkeys: PasskeyTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  jobs: JobTable;
  data_keys: DataKeyTable;
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

/**
 * The shapes the Wardline HTTP API speaks (docs/api.md). The web UI talks to the API only, so
 * these mirror the contract rather than importing the server's domain types.
 */
import type { AssetCategory, PatientSafetyImpact, Role, ZoneKind } from './vocabulary';

export type SessionStage = 'password' | 'enroll' | 'full';
export type SecondFactor = 'totp' | 'passkey';

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly mfaEnrolled: boolean;
  readonly passkeyCount: number;
}

export interface SessionInfo {
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly user: SessionUser;
  readonly secondFactors: readonly SecondFactor[];
  readonly idleExpiresAt: string;
  readonly absoluteExpiresAt: string;
}

/** Every list route answers with one page of items and the total that match. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

export interface BootstrapStatus {
  readonly needed: boolean;
}

export interface BootstrapRequest {
  readonly token: string;
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
}

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
}

export type SecondFactorRequest = { readonly code: string } | { readonly recoveryCode: string };

export interface TotpEnrollment {
  readonly secret: string;
  readonly otpauthUrl: string;
  /** A `data:image/png` URL of the otpauth QR code. */
  readonly qrDataUrl: string;
}

export interface TotpConfirmation {
  readonly session: SessionInfo;
  readonly recoveryCodes: readonly string[];
}

export interface Passkey {
  readonly id: string;
  readonly name: string;
}

export interface PasswordChange {
  readonly currentPassword: string;
  readonly newPassword: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
  readonly mfaEnrolled: boolean;
  readonly passkeyCount: number;
  readonly lastLoginAt: string | null;
  readonly createdAt: string;
}

export interface UserCreate {
  readonly username: string;
  readonly displayName: string;
  readonly email?: string;
  readonly roles: readonly Role[];
}

export interface UserUpdate {
  readonly displayName?: string;
  /** Null removes the address. */
  readonly email?: string | null;
  readonly roles?: readonly Role[];
  readonly disabled?: boolean;
}

export interface UserCreated {
  readonly user: User;
  readonly temporaryPassword: string;
}

export interface TemporaryPassword {
  readonly temporaryPassword: string;
}

export type AuditOutcome = 'success' | 'failure';

export interface AuditEntry {
  readonly seq: number;
  readonly id: string;
  readonly at: string;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly outcome: AuditOutcome;
  readonly ip: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly checked: number;
  readonly firstBroken?: { readonly seq: number; readonly reason: string };
}

export interface Overview {
  readonly organization: string;
  readonly sites: number;
  readonly zones: number;
  readonly assets: number;
  readonly assetsByCategory: Readonly<Partial<Record<string, number>>>;
  readonly assetsByZoneKind: Readonly<Partial<Record<string, number>>>;
}

export interface Site {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly address: string | null;
}

export interface Zone {
  readonly id: string;
  readonly siteId: string;
  readonly name: string;
  readonly kind: ZoneKind;
  readonly cidrs: readonly string[];
  readonly vlan: number | null;
  readonly description: string | null;
}

export interface AssetSummary {
  readonly id: string;
  readonly name: string;
  readonly category: AssetCategory;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly zoneId: string | null;
  readonly zoneName: string | null;
  readonly siteId: string | null;
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly lastSeen: string;
  readonly ip: string | null;
  readonly mac: string | null;
}

export type IdentifierKind = 'mac' | 'ip' | 'hostname' | 'serial' | 'ae-title';

export interface Identifier {
  readonly kind: IdentifierKind;
  readonly value: string;
  readonly source: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

export interface Criticality {
  readonly patientSafety: PatientSafetyImpact;
  readonly holdsEphi: boolean;
  readonly overridden: boolean;
}

export interface Asset {
  readonly id: string;
  readonly siteId: string | null;
  readonly zoneId: string | null;
  readonly name: string;
  readonly category: AssetCategory;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly os: string | null;
  readonly criticality: Criticality;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly identifiers: readonly Identifier[];
}

export type AssetSort = 'name' | 'category' | 'lastSeen' | 'criticality';
export type SortOrder = 'asc' | 'desc';

/**
 * The shapes the Wardline HTTP API speaks (docs/api.md). Records the API returns as they are
 * (users, audit entries, sites, zones, assets) are Wardline's domain types, shared with the server;
 * the request and session shapes that exist only on the wire are declared here.
 */
import type { Role } from './vocabulary';

export type { AuditEntry } from '../../../src/domain/audit.js';
export type {
  Asset,
  AssetSummary,
  Criticality,
  Identifier,
  Site,
  Zone,
} from '../../../src/domain/inventory.js';
export type {
  AssetDetail,
  AssetFact,
  AssetSbom,
  AssetScanFinding,
  AssetService,
  AssetSoftwareItem,
  Communication,
  ProvenanceEntry,
  SourceRef,
} from '../../../src/domain/asset-detail.js';
export type {
  ImportCounts,
  ImportDiagnostic,
  ImportKind,
  ImportStatus,
  ImportSummary,
} from '../../../src/domain/import.js';
export type { Job, JobStatus } from '../../../src/domain/job.js';
export type {
  ApplicationProtocol,
  ObservationSourceKind,
  ProtocolFacts,
} from '../../../src/domain/observation.js';
export type { Page } from '../../../src/domain/page.js';
export type { SessionStage, User } from '../../../src/domain/user.js';
import type { SessionStage, User } from '../../../src/domain/user.js';
import type {
  AssetCategory,
  PatientSafetyImpact,
  ZoneKind,
} from '../../../src/domain/inventory.js';
import type { Communication } from '../../../src/domain/asset-detail.js';
import type { ImportKind } from '../../../src/domain/import.js';

export type SecondFactor = 'totp' | 'passkey';

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly mfaEnrolled: boolean;
  readonly mustChangePassword: boolean;
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

export type AssetSort = 'name' | 'category' | 'lastSeen' | 'criticality';
export type SortOrder = 'asc' | 'desc';

/** The facts a person may set on an asset; each one overrides every source. */
export interface AssetOverrides {
  readonly name?: string;
  readonly category?: AssetCategory;
  readonly patientSafety?: PatientSafetyImpact;
  readonly holdsEphi?: boolean;
  readonly location?: string;
  readonly owner?: string;
}

export type OverridableFact = keyof AssetOverrides;

/** `PATCH /assets/:id`: overrides to set, and overrides to remove so the sources' value returns. */
export interface AssetEdit {
  readonly set: AssetOverrides;
  readonly clear: readonly OverridableFact[];
}

/** The editable fields of a zone; `POST /zones` adds the site. */
export interface ZoneFields {
  readonly name: string;
  readonly kind: ZoneKind;
  readonly cidrs: readonly string[];
  readonly vlan: number | null;
  readonly description: string | null;
}

export interface ZoneCreate extends ZoneFields {
  readonly siteId: string;
}

/** A node of the communication map: an asset, or an address no asset holds (`ip:<address>`). */
export interface MapNode {
  readonly id: string;
  readonly assetId: string | null;
  readonly label: string;
  readonly category: string | null;
  readonly zoneId: string | null;
  readonly zoneName: string | null;
  readonly patientSafety: string | null;
}

/** `GET /map`: who talks to whom. */
export interface CommunicationMap {
  readonly nodes: readonly MapNode[];
  readonly edges: readonly Communication[];
}

/** `POST /imports`: what the file is and, for some kinds, what it belongs to. */
export interface ImportUpload {
  readonly kind: ImportKind;
  readonly fileName: string;
  /** SBOMs: the asset the SBOM describes. */
  readonly assetId?: string;
  /** SBOMs: the vendor and model every such device shares (both or neither). */
  readonly vendor?: string;
  readonly model?: string;
  /** Inventory exports: the column mapping, as JSON text. */
  readonly mapping?: string;
}

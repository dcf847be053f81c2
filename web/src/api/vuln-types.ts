/**
 * The shapes of the vulnerability routes (`/vulnerabilities`, `/findings`, `/vuln-exceptions`,
 * `/patch-policy`, `/vuln-dashboard`, `/feeds`). Findings, exceptions and advisories are Wardline's
 * domain types, shared with the server; the list rows, the dashboard and the request bodies exist
 * only on the wire and are declared here.
 */
import type {
  Advisory,
  ExceptionKind,
  Finding,
  FindingStatus,
  SsvcDecision,
  VexJustification,
} from '../../../src/domain/vulnerability.js';

export type {
  Advisory,
  AdvisoryReference,
  CvssScore,
  ExceptionKind,
  Finding,
  FindingMatch,
  FindingStatus,
  MatchKind,
  PackageCriterion,
  Prioritization,
  ProductCriterion,
  Remediation,
  SsvcDecision,
  VexJustification,
  VexStatement,
  VulnException,
} from '../../../src/domain/vulnerability.js';

/** One row of `GET /vulnerabilities`: a vulnerability and how it stands across the assets. */
export interface VulnerabilitySummary {
  readonly vulnId: string;
  readonly title: string | null;
  readonly decision: SsvcDecision;
  readonly priority: number;
  readonly kev: boolean;
  readonly ransomware: boolean;
  /** Probability of exploitation in the next 30 days, 0–1. */
  readonly epss: number | null;
  readonly cvssScore: number | null;
  readonly assets: number;
  readonly open: number;
  readonly overdue: number;
  readonly nextDue: string | null;
}

export interface KevFacts {
  readonly dateAdded: string;
  readonly dueDate: string;
  readonly ransomware: boolean;
  readonly requiredAction: string;
}

export interface EpssFacts {
  readonly epss: number;
  readonly percentile: number;
}

/** `GET /vulnerabilities/:vulnId`. */
export interface VulnerabilityDetail {
  readonly vulnId: string;
  readonly title: string | null;
  readonly advisories: readonly Advisory[];
  readonly kev: KevFacts | null;
  readonly epss: EpssFacts | null;
  readonly findings: readonly Finding[];
}

/** One step of a finding's history. */
export interface FindingHistoryEntry {
  readonly id: string;
  readonly findingId: string;
  readonly at: string;
  readonly actor: string | null;
  readonly from: FindingStatus | null;
  readonly to: FindingStatus;
  readonly note: string | null;
}

export const STATUS_EVENTS = [
  'start_work',
  'mitigate',
  'accept_risk',
  'mark_not_affected',
  'fix',
  'reopen',
] as const;
export type StatusEvent = (typeof STATUS_EVENTS)[number];

/** `POST /findings/:id/status`. */
export interface StatusChangeRequest {
  readonly event: StatusEvent;
  readonly note?: string;
  /** mitigate: the compensating controls in place. */
  readonly controls?: readonly string[];
  /** accept_risk (and mitigate, optionally): `YYYY-MM-DD`. */
  readonly until?: string;
  /** mark_not_affected. */
  readonly justification?: VexJustification;
}

/** `POST /vuln-exceptions`. */
export interface ExceptionCreate {
  readonly assetId: string;
  /** Null: every finding on the asset. */
  readonly vulnId: string | null;
  readonly kind: ExceptionKind;
  readonly reason: string;
  readonly controls: readonly string[];
  /** `YYYY-MM-DD`. */
  readonly until: string;
}

/** Hours from first seen to due, per SSVC decision. */
export type PatchPolicy = Readonly<Record<SsvcDecision, number>>;

export interface OpenOverdue {
  readonly open: number;
  readonly overdue: number;
}

export interface GroupCount extends OpenOverdue {
  /** Null: findings on assets without a site (or owner). */
  readonly key: string | null;
}

/** `GET /vuln-dashboard`. */
export interface SlaDashboard {
  readonly generatedAt: string;
  readonly totals: OpenOverdue;
  readonly byDecision: readonly (OpenOverdue & { readonly decision: SsvcDecision })[];
  readonly bySite: readonly GroupCount[];
  readonly byOwner: readonly GroupCount[];
  /** One point a day over 90 days. */
  readonly trend: readonly (OpenOverdue & { readonly date: string })[];
}

export interface FeedStatus {
  readonly feed: string;
  readonly snapshots: number;
  readonly lastImportedAt: string | null;
  readonly lastVersion: string | null;
  readonly lastSource: string | null;
  readonly records: number;
}

export type FeedFileStatus = 'imported' | 'duplicate' | 'rejected' | 'skipped';

/** `POST /feeds/files`: what became of one uploaded file. */
export interface FeedFileResult {
  readonly file: string;
  readonly feed: string | null;
  readonly status: FeedFileStatus;
  readonly records: number;
  readonly errors: number;
  readonly reason: string | null;
  readonly snapshotId: string | null;
}

export const SYNC_FEEDS = ['kev', 'epss', 'nvd', 'csaf'] as const;
export type SyncFeed = (typeof SYNC_FEEDS)[number];

/** `POST /feeds/sync`. */
export interface FeedSyncResult {
  readonly feeds: readonly {
    readonly feed: string;
    readonly status: 'imported' | 'unchanged' | 'failed';
    readonly records: number;
    readonly reason: string | null;
  }[];
}

/**
 * The vulnerability vocabularies with the words and colours the UI shows for them. Each table is a
 * `Record` over the union, so a value added to the domain fails to compile until it has a label.
 */
import type {
  ExceptionKind,
  FindingStatus,
  MatchKind,
  RemediationCategory,
  SsvcDecision,
  VexJustification,
} from '../../../src/domain/vulnerability.js';
import type { FeedFileStatus, StatusEvent } from './vuln-types';

export {
  EXCEPTION_KINDS,
  FINDING_STATUSES,
  MATCH_KINDS,
  SSVC_DECISIONS,
  VEX_JUSTIFICATIONS,
} from '../../../src/domain/vulnerability.js';

interface Shown {
  readonly label: string;
  readonly color: string;
}

/** CISA SSVC outcomes: Act red, Attend orange, Track* yellow, Track grey. */
export const DECISION_INFO: Record<SsvcDecision, Shown> = {
  act: { label: 'Act', color: 'red' },
  attend: { label: 'Attend', color: 'orange' },
  'track*': { label: 'Track*', color: 'yellow' },
  track: { label: 'Track', color: 'gray' },
};

/** Most urgent first, as filters and dashboards list them. */
export const DECISIONS_BY_URGENCY: readonly SsvcDecision[] = ['act', 'attend', 'track*', 'track'];

export const FINDING_STATUS_INFO: Record<FindingStatus, Shown> = {
  open: { label: 'Open', color: 'red' },
  in_progress: { label: 'In progress', color: 'blue' },
  mitigated: { label: 'Mitigated', color: 'teal' },
  risk_accepted: { label: 'Risk accepted', color: 'grape' },
  not_affected: { label: 'Not affected', color: 'gray' },
  fixed: { label: 'Fixed', color: 'green' },
  verified_fixed: { label: 'Verified fixed', color: 'green' },
  reopened: { label: 'Reopened', color: 'red' },
};

export const EVENT_LABELS: Record<StatusEvent, string> = {
  start_work: 'Start work',
  mitigate: 'Mitigate',
  accept_risk: 'Accept risk',
  mark_not_affected: 'Not affected',
  fix: 'Mark fixed',
  reopen: 'Reopen',
};

/** How a match was made; loose kinds are where false positives come from. */
export const MATCH_KIND_LABELS: Record<MatchKind, string> = {
  purl: 'Package URL',
  'cpe-exact': 'CPE (exact)',
  'cpe-range': 'CPE (version range)',
  'device-model': 'Device model',
  'device-name': 'Device name',
  'name-fuzzy': 'Name guess',
};

export const VEX_JUSTIFICATION_LABELS: Record<VexJustification, string> = {
  component_not_present: 'Component not present',
  vulnerable_code_not_present: 'Vulnerable code not present',
  vulnerable_code_cannot_be_controlled_by_adversary:
    'Vulnerable code cannot be controlled by an adversary',
  vulnerable_code_not_in_execute_path: 'Vulnerable code not in execute path',
  inline_mitigations_already_exist: 'Inline mitigations already exist',
};

export const EXCEPTION_KIND_LABELS: Record<ExceptionKind, string> = {
  risk_accepted: 'Risk accepted',
  mitigated: 'Mitigated',
};

export const EXCEPTION_STATE_INFO: Record<'active' | 'expired' | 'revoked', Shown> = {
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'orange' },
  revoked: { label: 'Revoked', color: 'gray' },
};

export const REMEDIATION_LABELS: Record<RemediationCategory, string> = {
  vendor_fix: 'Vendor fix',
  mitigation: 'Mitigation',
  workaround: 'Workaround',
  none_available: 'None available',
  no_fix_planned: 'No fix planned',
  optional_patch: 'Optional patch',
  fix_planned: 'Fix planned',
};

export const FEED_FILE_STATUS_INFO: Record<FeedFileStatus, Shown> = {
  imported: { label: 'Imported', color: 'green' },
  duplicate: { label: 'Already imported', color: 'gray' },
  rejected: { label: 'Rejected', color: 'red' },
  skipped: { label: 'Skipped', color: 'yellow' },
};

const FEED_NAMES: Readonly<Record<string, string>> = {
  kev: 'CISA KEV',
  epss: 'EPSS',
  nvd: 'NVD',
  cve: 'CVE records',
  osv: 'OSV',
  csaf: 'CSAF advisories',
};

export const feedLabel = (feed: string | null): string =>
  feed === null ? '—' : (FEED_NAMES[feed] ?? feed);

const ADVISORY_SOURCE_NAMES: Readonly<Record<string, string>> = {
  nvd: 'NVD',
  cve: 'CVE record',
  osv: 'OSV',
  csaf: 'Vendor CSAF',
  wardline: 'Wardline',
};

export const advisorySourceLabel = (source: string): string =>
  ADVISORY_SOURCE_NAMES[source] ?? source;

/** Words for the SSVC inputs as the API spells them (`poc`, `total`, `controlled`…). */
const SSVC_VALUE_WORDS: Readonly<Record<string, string>> = {
  none: 'None',
  poc: 'Proof of concept',
  active: 'Active',
  partial: 'Partial',
  total: 'Total',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  small: 'Small',
  controlled: 'Controlled',
  open: 'Open',
};

export const ssvcValueLabel = (value: string): string => SSVC_VALUE_WORDS[value] ?? value;

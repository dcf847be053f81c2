/**
 * The status changes a person can ask of a finding, and what each needs. The server's lifecycle
 * table (src/engines/vuln/findings/lifecycle.ts) decides; this copy only offers the events that
 * can apply, so nobody is shown a button that is sure to be refused.
 */
import type {
  Finding,
  FindingStatus,
  StatusChangeRequest,
  StatusEvent,
  VexJustification,
} from '../api/vuln-types';
import { VEX_JUSTIFICATIONS } from '../api/vuln-vocabulary';
import type { VulnAccess } from './vuln-access';

const WORKED: readonly FindingStatus[] = ['open', 'in_progress', 'reopened'];
const CLOSED: readonly FindingStatus[] = ['fixed', 'verified_fixed', 'not_affected'];

/** From which statuses each event applies. */
export const EVENT_FROM: Record<StatusEvent, readonly FindingStatus[]> = {
  start_work: ['open', 'reopened', 'mitigated', 'risk_accepted'],
  mitigate: [...WORKED, 'risk_accepted'],
  accept_risk: [...WORKED, 'mitigated'],
  mark_not_affected: [...WORKED, 'mitigated', 'risk_accepted'],
  fix: [...WORKED, 'mitigated', 'risk_accepted'],
  reopen: [...CLOSED, 'mitigated', 'risk_accepted'],
};

const EVENT_ORDER: readonly StatusEvent[] = [
  'start_work',
  'mitigate',
  'accept_risk',
  'mark_not_affected',
  'fix',
  'reopen',
];

/** The events this user may take on a finding in this status, in the order buttons show them. */
export function availableEvents(status: FindingStatus, access: VulnAccess): StatusEvent[] {
  if (!access.workFindings) return [];
  return EVENT_ORDER.filter(
    (event) => EVENT_FROM[event].includes(status) && (event !== 'accept_risk' || access.ownRisk),
  );
}

/** What the status-change form holds, as typed. */
export interface StatusChangeValues {
  readonly note: string;
  /** One compensating control per line. */
  readonly controls: string;
  readonly until: string;
  readonly justification: string | null;
}

export const EMPTY_STATUS_CHANGE: StatusChangeValues = {
  note: '',
  controls: '',
  until: '',
  justification: null,
};

export type StatusChangeProblems = Partial<Record<keyof StatusChangeValues, string>>;

/** Which inputs an event asks for beyond the note. */
export function eventNeeds(event: StatusEvent): {
  readonly controls: boolean;
  readonly until: 'required' | 'optional' | 'none';
  readonly justification: boolean;
} {
  return {
    controls: event === 'mitigate',
    until: event === 'accept_risk' ? 'required' : event === 'mitigate' ? 'optional' : 'none',
    justification: event === 'mark_not_affected',
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_CONTROLS = 20;
const MAX_CONTROL = 500;
const MAX_NOTE = 2000;

/** `YYYY-MM-DD` that names a real calendar day. */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Lines of a textarea, trimmed, without the empty ones. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function isJustification(value: string | null): value is VexJustification {
  return value !== null && (VEX_JUSTIFICATIONS as readonly string[]).includes(value);
}

function checkControls(controls: readonly string[]): string | undefined {
  if (controls.length === 0) return 'Name the compensating control in place, one per line.';
  if (controls.length > MAX_CONTROLS) return `At most ${MAX_CONTROLS} controls.`;
  if (controls.some((c) => c.length > MAX_CONTROL))
    return `Each control at most ${MAX_CONTROL} characters.`;
  return undefined;
}

function checkUntil(until: string, need: 'required' | 'optional' | 'none', today: string) {
  if (need === 'none' || (need === 'optional' && until === '')) return undefined;
  if (!isIsoDate(until)) return 'A date, YYYY-MM-DD.';
  if (until <= today) return 'A date after today.';
  return undefined;
}

/** The request for the server, or what is wrong with the form. `today` is `YYYY-MM-DD` (UTC). */
export function prepareStatusChange(
  event: StatusEvent,
  values: StatusChangeValues,
  today: string,
): { request: StatusChangeRequest } | { problems: StatusChangeProblems } {
  const needs = eventNeeds(event);
  const note = values.note.trim();
  const controls = splitLines(values.controls);
  const until = values.until.trim();
  const problems: StatusChangeProblems = {
    note: note.length > MAX_NOTE ? `At most ${MAX_NOTE} characters.` : undefined,
    controls: needs.controls ? checkControls(controls) : undefined,
    until: checkUntil(until, needs.until, today),
    justification:
      needs.justification && !isJustification(values.justification)
        ? 'Choose why the asset is not affected.'
        : undefined,
  };
  if (Object.values(problems).some(Boolean)) return { problems };
  return {
    request: {
      event,
      ...(note === '' ? {} : { note }),
      ...(needs.controls ? { controls } : {}),
      ...(needs.until !== 'none' && until !== '' ? { until } : {}),
      ...(needs.justification && isJustification(values.justification)
        ? { justification: values.justification }
        : {}),
    },
  };
}

/** Today as `YYYY-MM-DD` in UTC, as the API speaks. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The finding that decides a vulnerability's rank: highest priority, then the earliest due. */
export function topFinding(findings: readonly Finding[]): Finding | undefined {
  return [...findings].sort((a, b) => b.priority - a.priority || a.dueAt.localeCompare(b.dueAt))[0];
}

/**
 * The finding lifecycle as a table: which event moves a finding from which status to which.
 *
 * Two kinds of event. A person's (start work, mitigate, accept risk, mark not affected, fix,
 * reopen) is refused with a `LifecycleError` when it makes no sense from the current status, so
 * the UI can say why. The system's (a rescan saw it or not, an exception expired) is never refused:
 * where it changes nothing the status comes back unchanged, because a scheduler or an import must
 * not fail on a finding someone closed meanwhile.
 *
 * @example
 * transition('open', { kind: 'start_work' }); // → 'in_progress'
 * transition('fixed', { kind: 'rescan_present' }); // → 'reopened'
 * transition('open', { kind: 'mitigate', control: '' });
 * // → { kind: 'lifecycle-error', code: 'WL_FINDING_CONTROL_REQUIRED', … }
 */
import {
  VEX_JUSTIFICATIONS,
  type FindingStatus,
  type VexJustification,
} from '../../../domain/vulnerability.js';
import { parseInstant } from '../priority/time.js';
import { MAX_CONTROL_LENGTH } from './limits.js';

export type LifecycleEvent =
  | { readonly kind: 'start_work' }
  /** A compensating control is in place (segmentation, disabled service); says which. */
  | { readonly kind: 'mitigate'; readonly control: string }
  /** The risk is accepted until a date (ISO 8601), after which the finding opens again. */
  | { readonly kind: 'accept_risk'; readonly until: string }
  /** A VEX statement (the vendor's or a person's) says the asset is not affected. */
  | { readonly kind: 'mark_not_affected'; readonly justification: VexJustification }
  /** A person says it is fixed; a rescan verifies it. */
  | { readonly kind: 'fix' }
  | { readonly kind: 'rescan_absent' }
  | { readonly kind: 'rescan_present' }
  | { readonly kind: 'exception_expired' }
  | { readonly kind: 'reopen' };

export type LifecycleEventKind = LifecycleEvent['kind'];

export const LIFECYCLE_ERROR_CODES = [
  'WL_FINDING_TRANSITION_INVALID',
  'WL_FINDING_CONTROL_REQUIRED',
  'WL_FINDING_UNTIL_INVALID',
  'WL_FINDING_JUSTIFICATION_INVALID',
] as const;
export type LifecycleErrorCode = (typeof LIFECYCLE_ERROR_CODES)[number];

export interface LifecycleError {
  readonly kind: 'lifecycle-error';
  readonly code: LifecycleErrorCode;
  readonly from: FindingStatus;
  readonly event: LifecycleEventKind;
  readonly message: string;
}

export function isLifecycleError(value: FindingStatus | LifecycleError): value is LifecycleError {
  return typeof value !== 'string';
}

/** For each event: the statuses it applies to and where each goes. */
type Moves = Partial<Readonly<Record<FindingStatus, FindingStatus>>>;

/** Statuses a person can still act on before it is fixed. */
const WORKABLE = ['open', 'in_progress', 'reopened', 'mitigated', 'risk_accepted'] as const;

function all(from: readonly FindingStatus[], to: FindingStatus): Moves {
  return Object.fromEntries(from.map((status) => [status, to]));
}

/**
 * The table. Choices: start work, mitigation, risk acceptance, not-affected and fix apply to every
 * status still being worked or excepted (a patch can arrive for a mitigated device); mitigating
 * or accepting what is already so is refused, as is starting work twice. Reopen is a person's
 * “this is not done”: from any closed status.
 */
export const LIFECYCLE: Readonly<Record<LifecycleEventKind, Moves>> = {
  start_work: all(['open', 'reopened', 'mitigated', 'risk_accepted'], 'in_progress'),
  mitigate: all(['open', 'in_progress', 'reopened', 'risk_accepted'], 'mitigated'),
  accept_risk: all(['open', 'in_progress', 'reopened', 'mitigated'], 'risk_accepted'),
  mark_not_affected: all(WORKABLE, 'not_affected'),
  fix: all(WORKABLE, 'fixed'),
  rescan_absent: all(['fixed', 'open', 'in_progress', 'reopened'], 'verified_fixed'),
  rescan_present: all(['fixed', 'verified_fixed'], 'reopened'),
  exception_expired: all(['risk_accepted', 'mitigated'], 'open'),
  reopen: all(
    ['fixed', 'verified_fixed', 'not_affected', 'mitigated', 'risk_accepted'],
    'reopened',
  ),
};

/** System events: never refused; where the table has no move, the status stays. */
const SYSTEM_EVENTS: ReadonlySet<LifecycleEventKind> = new Set([
  'rescan_absent',
  'rescan_present',
  'exception_expired',
]);

/** The status after the event, or why the event cannot apply. */
export function transition(
  current: FindingStatus,
  event: LifecycleEvent,
): FindingStatus | LifecycleError {
  const problem = checkEvent(event);
  if (problem !== null) return failure(current, event.kind, problem.code, problem.message);
  const next = LIFECYCLE[event.kind][current];
  if (next !== undefined) return next;
  if (SYSTEM_EVENTS.has(event.kind)) return current;
  return failure(
    current,
    event.kind,
    'WL_FINDING_TRANSITION_INVALID',
    `A finding that is ${current.replaceAll('_', ' ')} cannot take “${event.kind.replaceAll('_', ' ')}”.`,
  );
}

function checkEvent(event: LifecycleEvent): { code: LifecycleErrorCode; message: string } | null {
  switch (event.kind) {
    case 'mitigate': {
      const control = event.control.trim();
      if (control.length === 0 || control.length > MAX_CONTROL_LENGTH) {
        return {
          code: 'WL_FINDING_CONTROL_REQUIRED',
          message: `Mitigating needs the compensating control in words (1–${MAX_CONTROL_LENGTH} characters).`,
        };
      }
      return null;
    }
    case 'accept_risk':
      return parseInstant(event.until) === null
        ? {
            code: 'WL_FINDING_UNTIL_INVALID',
            message: 'Accepting a risk needs the date it ends, as ISO 8601 (2025-12-31).',
          }
        : null;
    case 'mark_not_affected':
      return (VEX_JUSTIFICATIONS as readonly string[]).includes(event.justification)
        ? null
        : {
            code: 'WL_FINDING_JUSTIFICATION_INVALID',
            message: `Not affected needs a VEX justification: ${VEX_JUSTIFICATIONS.join(', ')}.`,
          };
    case 'start_work':
    case 'fix':
    case 'rescan_absent':
    case 'rescan_present':
    case 'exception_expired':
    case 'reopen':
      return null;
  }
}

function failure(
  from: FindingStatus,
  event: LifecycleEventKind,
  code: LifecycleErrorCode,
  message: string,
): LifecycleError {
  return { kind: 'lifecycle-error', code, from, event, message };
}

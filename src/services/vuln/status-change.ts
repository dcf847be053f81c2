/**
 * A person's change to a finding, checked against the lifecycle table before anything is written.
 */
import { WardlineError } from '../../domain/errors.js';
import type { FindingStatus, VexJustification } from '../../domain/vulnerability.js';
import {
  isLifecycleError,
  transition,
  type LifecycleEvent,
} from '../../engines/vuln/findings/index.js';

export const STATUS_EVENTS = [
  'start_work',
  'mitigate',
  'accept_risk',
  'mark_not_affected',
  'fix',
  'reopen',
] as const;
export type StatusEvent = (typeof STATUS_EVENTS)[number];

export interface StatusChange {
  readonly event: StatusEvent;
  readonly note?: string | undefined;
  /** mitigate: the compensating controls in place. */
  readonly controls?: readonly string[] | undefined;
  /** mitigate, accept_risk: until when (ISO 8601). */
  readonly until?: string | undefined;
  readonly justification?: VexJustification | undefined;
}

function eventOf(change: StatusChange): LifecycleEvent {
  switch (change.event) {
    case 'mitigate':
      return { kind: 'mitigate', control: (change.controls ?? []).join('; ') };
    case 'accept_risk':
      return { kind: 'accept_risk', until: change.until ?? '' };
    case 'mark_not_affected':
      return {
        kind: 'mark_not_affected',
        justification: change.justification ?? ('' as VexJustification),
      };
    case 'start_work':
    case 'fix':
    case 'reopen':
      return { kind: change.event };
  }
}

/** The status the change leads to; throws `WL_FINDING_TRANSITION` with the reason when it cannot. */
export function checkStatusChange(current: FindingStatus, change: StatusChange): FindingStatus {
  const next = transition(current, eventOf(change));
  if (isLifecycleError(next)) {
    throw new WardlineError('WL_FINDING_TRANSITION', next.message, {
      details: { code: next.code, from: current, event: change.event },
    });
  }
  return next;
}

/**
 * Whether an exception (risk accepted, or mitigated by compensating controls) still holds.
 *
 * An exception holds until its `until`: a date alone means through the end of that day, UTC (an
 * exception “until 2025-06-30” still holds all of June 30). It fails closed: an `until` that is
 * not ISO 8601, or an exception naming no control, or more than the cap, is expired, so a broken
 * record puts the finding back in the queue rather than hiding it.
 *
 * @example
 * exceptionState({ until: '2025-06-30', controls: ['VLAN 40, deny-by-default ACL'] }, '2025-06-30T23:00:00Z');
 * // → 'active'
 * exceptionState({ until: '2025-06-30', controls: ['VLAN 40'] }, '2025-07-01T00:00:00Z'); // → 'expired'
 */
import { WardlineError } from '../../../domain/errors.js';
import { isDateOnly, parseInstant } from '../priority/time.js';
import { MAX_EXCEPTION_CONTROLS } from './limits.js';

export interface ExceptionTerms {
  /** ISO 8601 date or date-time. */
  readonly until: string;
  readonly controls: readonly string[];
}

export type ExceptionState = 'active' | 'expired';

const DAY_MS = 86_400_000;

/**
 * `active` while `now` is before the end of the exception, `expired` from then on. Throws
 * `WardlineError('WL_REQUEST_INVALID')` when `now` is not ISO 8601 (the caller's clock, not the
 * record, is wrong).
 */
export function exceptionState(exception: ExceptionTerms, now: string): ExceptionState {
  const at = parseInstant(now);
  if (at === null) {
    throw new WardlineError('WL_REQUEST_INVALID', 'now is not an ISO 8601 timestamp.', {
      details: { now: now.slice(0, 40) },
    });
  }
  const end = exceptionEnd(exception.until);
  const controls = exception.controls.filter((control) => control.trim().length > 0);
  if (end === null || controls.length === 0 || controls.length > MAX_EXCEPTION_CONTROLS) {
    return 'expired';
  }
  return at < end ? 'active' : 'expired';
}

/** The first instant the exception no longer holds, or null for an unreadable `until`. */
export function exceptionEnd(until: string): number | null {
  const ms = parseInstant(until);
  if (ms === null) return null;
  return isDateOnly(until) ? ms + DAY_MS : ms;
}

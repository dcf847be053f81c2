/**
 * How long each SSVC decision may stay open: the hospital's patch policy, in hours, and the due
 * date and overdue test that follow from it.
 *
 * The default is Wardline's, not a standard's: CISA's levels say only “as soon as possible” (Act),
 * “sooner than standard” (Attend) and “standard timelines” (Track*, Track). 48 hours for Act sits
 * inside BOD 26-04's 3 days for exploited, exposed vulnerabilities; 14 days for Attend matches its
 * 14-day tier; 30 and 90 days are common hospital maintenance cycles, Track* on the shorter one
 * because it is the level to watch.
 *
 * @example
 * dueDate('2025-03-01T08:00:00Z', 'act'); // → '2025-03-03T08:00:00.000Z'
 * isOverdue('2025-03-03T08:00:00.000Z', '2025-03-04T00:00:00Z'); // → true
 */
import { WardlineError } from '../../../domain/errors.js';
import type { SsvcDecision } from '../../../domain/vulnerability.js';
import { parseInstant } from './time.js';

/** Hours from first seen to due, per decision. */
export type PatchPolicy = Readonly<Record<SsvcDecision, number>>;

const HOURS_PER_DAY = 24;

export const DEFAULT_PATCH_POLICY: PatchPolicy = {
  act: 48,
  attend: 14 * HOURS_PER_DAY,
  'track*': 30 * HOURS_PER_DAY,
  track: 90 * HOURS_PER_DAY,
};

const MS_PER_HOUR = 3_600_000;

/**
 * When a finding first seen at `firstSeen` (ISO 8601) is due under the policy, as an ISO 8601 UTC
 * timestamp. Throws `WardlineError('WL_REQUEST_INVALID')` for a timestamp that is not ISO 8601 or
 * a policy entry that is not a non-negative number of hours.
 */
export function dueDate(
  firstSeen: string,
  decision: SsvcDecision,
  policy: PatchPolicy = DEFAULT_PATCH_POLICY,
): string {
  const start = instant(firstSeen, 'firstSeen');
  const hours = policy[decision];
  // 8.64e15 ms is the last instant a Date can hold.
  if (!Number.isFinite(hours) || hours < 0 || start + hours * MS_PER_HOUR > 8.64e15) {
    throw new WardlineError(
      'WL_REQUEST_INVALID',
      `The patch policy for ${decision} is not a number of hours.`,
      { details: { decision, hours } },
    );
  }
  return new Date(start + hours * MS_PER_HOUR).toISOString();
}

/** True once `now` is past `due` (a finding due at 08:00 is not overdue at 08:00). */
export function isOverdue(due: string, now: string): boolean {
  return instant(now, 'now') > instant(due, 'due');
}

function instant(text: string, name: string): number {
  const ms = parseInstant(text);
  if (ms === null) {
    throw new WardlineError('WL_REQUEST_INVALID', `${name} is not an ISO 8601 timestamp.`, {
      details: { [name]: text.slice(0, 40) },
    });
  }
  return ms;
}

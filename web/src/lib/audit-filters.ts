import type { AuditQuery } from '../api/endpoints';
import type { AuditOutcome } from '../api/types';

/** The audit filter form as typed: dates are `YYYY-MM-DD` days in UTC. */
export interface AuditFilterForm {
  readonly action: string;
  readonly actor: string;
  readonly outcome: '' | AuditOutcome;
  readonly fromDay: string;
  readonly toDay: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterForm = {
  action: '',
  actor: '',
  outcome: '',
  fromDay: '',
  toDay: '',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The first instant of a UTC day, or undefined for an empty or malformed day. */
export function dayStart(day: string): string | undefined {
  if (!DAY.test(day)) return undefined;
  const date = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The last millisecond of a UTC day, so "to 2026-03-04" includes all of that day. */
export function dayEnd(day: string): string | undefined {
  if (!DAY.test(day)) return undefined;
  const date = new Date(`${day}T23:59:59.999Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const orUndefined = (value: string): string | undefined =>
  value.trim() === '' ? undefined : value.trim();

export function toAuditQuery(form: AuditFilterForm, limit: number, offset: number): AuditQuery {
  return {
    limit,
    offset,
    action: orUndefined(form.action),
    actor: orUndefined(form.actor),
    outcome: form.outcome === '' ? undefined : form.outcome,
    from: dayStart(form.fromDay),
    to: dayEnd(form.toDay),
  };
}

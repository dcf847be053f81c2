import type { Alert, SuppressionCreate } from '../api/detect-types';

/** What a suppression is narrowed to: this alert's rule, its host, its asset. */
export type SuppressionScope = 'rule' | 'host' | 'asset';

export interface SuppressionValues {
  readonly scopes: readonly SuppressionScope[];
  readonly reason: string;
  /** `YYYY-MM-DD`. */
  readonly until: string;
}

export type SuppressionProblems = Partial<Record<'scopes' | 'reason' | 'until', string>>;

const MAX_SUPPRESSION_REASON = 2_000;

/** The scopes an alert offers: the rule always, the host and asset when it names them. */
export function scopesOf(alert: Alert): SuppressionScope[] {
  const scopes: SuppressionScope[] = ['rule'];
  if (alert.host !== null) scopes.push('host');
  if (alert.assetId !== null) scopes.push('asset');
  return scopes;
}

/** The rule and the most specific place: the asset when known, else the host. */
export function defaultSuppression(alert: Alert, until: string): SuppressionValues {
  const offered = scopesOf(alert);
  const place: SuppressionScope[] = offered.includes('asset')
    ? ['asset']
    : offered.includes('host')
      ? ['host']
      : [];
  return { scopes: ['rule', ...place], reason: '', until };
}

function problemsOf(values: SuppressionValues, today: string): SuppressionProblems {
  const problems: SuppressionProblems = {};
  if (values.scopes.length === 0) {
    problems.scopes = 'Choose at least one: a suppression of everything would hide every alert.';
  }
  const reason = values.reason.trim();
  if (reason === '') problems.reason = 'Say why these alerts may be silenced.';
  else if (reason.length > MAX_SUPPRESSION_REASON) {
    problems.reason = `Keep it under ${String(MAX_SUPPRESSION_REASON)} characters.`;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.until)) problems.until = 'Choose an end date.';
  else if (values.until <= today) problems.until = 'Choose a date after today.';
  return problems;
}

/** The request for an alert's suppression, or what is wrong with the form. */
export function prepareSuppression(
  alert: Alert,
  values: SuppressionValues,
  today: string,
): { request: SuppressionCreate } | { problems: SuppressionProblems } {
  const problems = problemsOf(values, today);
  if (Object.keys(problems).length > 0) return { problems };
  const has = (scope: SuppressionScope) =>
    values.scopes.includes(scope) && scopesOf(alert).includes(scope);
  return {
    request: {
      ...(has('rule') ? { ruleId: alert.ruleId } : {}),
      ...(has('host') && alert.host !== null ? { host: alert.host } : {}),
      ...(has('asset') && alert.assetId !== null ? { assetId: alert.assetId } : {}),
      reason: values.reason.trim(),
      until: values.until,
    },
  };
}

/**
 * The patch policy's form: a deadline per SSVC decision, typed in hours or days. The API keeps
 * hours (more than 0, at most 87,600: ten years).
 */
import type { PatchPolicy, SsvcDecision } from '../api/vuln-types';
import { SSVC_DECISIONS } from '../api/vuln-vocabulary';

export type PolicyUnit = 'hours' | 'days';

export const MAX_POLICY_HOURS = 87_600;

/** Typed values per decision, as text so a half-typed number is kept. */
export type PolicyValues = Readonly<Record<SsvcDecision, string>>;

export type PolicyProblems = Partial<Record<SsvcDecision, string>>;

/** `72` hours reads as `3` days; a part-day stays a decimal, trimmed. */
export function fromHours(hours: number, unit: PolicyUnit): string {
  const value = unit === 'days' ? hours / 24 : hours;
  return String(Math.round(value * 1000) / 1000);
}

export function policyValues(policy: PatchPolicy, unit: PolicyUnit): PolicyValues {
  return Object.fromEntries(SSVC_DECISIONS.map((d) => [d, fromHours(policy[d], unit)])) as Record<
    SsvcDecision,
    string
  >;
}

/** `'3 days'` or `'72 hours'`, whichever is whole; hours otherwise. */
export function describeHours(hours: number): string {
  if (hours % 24 === 0) {
    const days = hours / 24;
    return `${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
  }
  return `${hours.toLocaleString('en-US')} ${hours === 1 ? 'hour' : 'hours'}`;
}

function toHours(text: string, unit: PolicyUnit): number | string {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return 'A positive number.';
  const hours = Number(trimmed) * (unit === 'days' ? 24 : 1);
  if (hours <= 0) return 'More than zero.';
  if (hours > MAX_POLICY_HOURS) return 'At most ten years.';
  return Math.round(hours * 1000) / 1000;
}

/** The policy to send, or what is wrong per decision. */
export function preparePolicy(
  values: PolicyValues,
  unit: PolicyUnit,
): { policy: PatchPolicy } | { problems: PolicyProblems } {
  const problems: PolicyProblems = {};
  const policy: Partial<Record<SsvcDecision, number>> = {};
  for (const decision of SSVC_DECISIONS) {
    const hours = toHours(values[decision], unit);
    if (typeof hours === 'string') problems[decision] = hours;
    else policy[decision] = hours;
  }
  if (Object.keys(problems).length > 0) return { problems };
  return { policy: policy as PatchPolicy };
}

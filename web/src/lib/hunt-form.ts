import type { HuntRequest } from '../api/detect-types';

export type HuntRuleMode = 'stored' | 'yaml';

export interface HuntValues {
  readonly mode: HuntRuleMode;
  readonly ruleIds: readonly string[];
  readonly yaml: string;
  /** `YYYY-MM-DDTHH:mm` as a datetime-local input gives it, read as UTC; empty for open. */
  readonly from: string;
  readonly to: string;
}

export const EMPTY_HUNT: HuntValues = { mode: 'stored', ruleIds: [], yaml: '', from: '', to: '' };

const LOCAL_MINUTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;

/** A datetime-local value as a UTC instant (the UI speaks UTC), or null when it is not one. */
export function utcInstant(value: string): string | null {
  if (!LOCAL_MINUTE.test(value)) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The hunt request, or why the form cannot be sent. */
export function prepareHunt(values: HuntValues): { request: HuntRequest } | { problem: string } {
  if (values.mode === 'stored' && values.ruleIds.length === 0) {
    return { problem: 'Choose at least one rule.' };
  }
  if (values.mode === 'yaml' && values.yaml.trim() === '') {
    return { problem: 'Paste the rule to hunt with.' };
  }
  const from = values.from === '' ? undefined : utcInstant(values.from);
  const to = values.to === '' ? undefined : utcInstant(values.to);
  if (from === null || to === null) return { problem: 'Give the times as date and time.' };
  if (from !== undefined && to !== undefined && from >= to) {
    return { problem: 'The start must come before the end.' };
  }
  return {
    request: {
      ...(values.mode === 'stored' ? { ruleIds: [...values.ruleIds] } : { yaml: values.yaml }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    },
  };
}

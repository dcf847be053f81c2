/** Group-by values of a hit, through the correlation's field aliases. */
import type { EventValue, LogEvent } from '../../../domain/detection.js';
import type { SigmaCorrelation } from '../sigma/types.js';
import { MAX_VALUE_CHARS } from './limits.js';

export type FieldReader = (event: LogEvent, field: string) => EventValue | undefined;

export interface HitGroup {
  /** The map key: the values as a JSON array, so no value can forge another group. */
  readonly key: string;
  /** `field=value, field=value` for people. */
  readonly groupKey: string;
  readonly values: ReadonlyMap<string, string>;
}

/** A scalar as text, cut to the cap; null, lists and objects are no group value. */
export function scalarText(value: EventValue | undefined): string | undefined {
  if (typeof value === 'string') return value.slice(0, MAX_VALUE_CHARS);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The event field a correlation field names for this hit: the alias's field for the hit's rule
 * (by id, then name), or the name itself.
 */
export function resolveField(
  correlation: SigmaCorrelation,
  field: string,
  ruleId: string | undefined,
  ruleName: string | undefined,
): string {
  const perRule = correlation.aliases.get(field);
  if (perRule === undefined) return field;
  return (
    (ruleId === undefined ? undefined : perRule.get(ruleId)) ??
    (ruleName === undefined ? undefined : perRule.get(ruleName)) ??
    field
  );
}

export interface GroupSource {
  readonly ruleId?: string;
  readonly ruleName?: string;
  readonly event: LogEvent;
  /** Group values a chained correlation hit carries from the correlation that fired. */
  readonly groupValues?: ReadonlyMap<string, string>;
}

/** The hit's group, or undefined when a group-by field has no value in it. */
export function groupOf(
  correlation: SigmaCorrelation,
  hit: GroupSource,
  fieldOf: FieldReader,
): HitGroup | undefined {
  const values = new Map<string, string>();
  for (const name of correlation.groupBy) {
    const carried = hit.groupValues?.get(name);
    const value =
      carried ??
      scalarText(fieldOf(hit.event, resolveField(correlation, name, hit.ruleId, hit.ruleName)));
    if (value === undefined) return undefined;
    values.set(name, value);
  }
  const list = [...values.values()];
  return {
    key: JSON.stringify(list),
    groupKey: [...values].map(([name, value]) => `${name}=${value}`).join(', '),
    values,
  };
}

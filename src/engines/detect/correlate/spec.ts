/** A correlation rule made ready to run: its references, window mode, condition and summary. */
import type { DetectionLevel, RuleSummary } from '../../../domain/detection.js';
import type { CorrelationOperator, SigmaCorrelation } from '../sigma/types.js';
import type { GroupWindow } from './window.js';
import { WindowList } from './window-list.js';

/**
 * `sliding`: the condition can only become true as hits arrive (gt, gte), so it is checked on
 * every hit over the hits of the last `timespan`. `closing`: the condition can still turn false
 * while hits arrive (lt, lte, eq, neq), so it is checked once, when the window closes.
 */
export type WindowMode = 'sliding' | 'closing';

export interface CorrelationSpec {
  readonly correlation: SigmaCorrelation;
  readonly refs: readonly string[];
  readonly mode: WindowMode;
  readonly operator: CorrelationOperator;
  readonly threshold: number;
  readonly spanMs: number;
  readonly summary: RuleSummary;
  /** Groups in the order the sweep looks at them (window start, or last activity). */
  readonly groups: WindowList;
  /** Entries held across the groups. */
  entries: number;
  /** The latest event time any hit of this correlation carried. */
  watermark: number;
  /** True when every correlation referring to this one has `generate: false`. */
  suppressed: boolean;
}

const CLOSING: ReadonlySet<CorrelationOperator> = new Set(['lt', 'lte', 'eq', 'neq']);

/** The id, else the name, else the title: what a detection names the correlation by. */
export function correlationKey(correlation: SigmaCorrelation): string {
  return correlation.id ?? correlation.name ?? correlation.title;
}

function summaryOf(correlation: SigmaCorrelation): RuleSummary {
  const level: DetectionLevel = correlation.level ?? 'medium';
  return {
    ruleId: correlationKey(correlation),
    title: correlation.title,
    level,
    tags: correlation.tags,
    techniques: correlation.attack.techniques,
    ...(correlation.description === undefined ? {} : { description: correlation.description }),
  };
}

export function buildSpec(correlation: SigmaCorrelation): CorrelationSpec {
  // Temporal types without a condition need every referenced rule.
  const operator = correlation.condition?.operator ?? 'gte';
  const threshold = correlation.condition?.value ?? correlation.rules.length;
  return {
    correlation,
    refs: correlation.rules,
    mode: CLOSING.has(operator) ? 'closing' : 'sliding',
    operator,
    threshold,
    spanMs: Math.max(0, correlation.timespanSeconds) * 1000,
    summary: summaryOf(correlation),
    groups: new WindowList(),
    entries: 0,
    watermark: Number.NEGATIVE_INFINITY,
    suppressed: false,
  };
}

/** `count <operator> threshold`. */
export function holds(operator: CorrelationOperator, count: number, threshold: number): boolean {
  switch (operator) {
    case 'gt':
      return count > threshold;
    case 'gte':
      return count >= threshold;
    case 'lt':
      return count < threshold;
    case 'lte':
      return count <= threshold;
    case 'eq':
      return count === threshold;
    case 'neq':
      return count !== threshold;
  }
}

/** The number the condition compares for this window. */
export function metricOf(spec: CorrelationSpec, window: GroupWindow): number {
  switch (spec.correlation.type) {
    case 'event_count':
      return spec.mode === 'closing' ? window.total : window.count;
    case 'value_count':
      return window.distinctValues;
    case 'temporal':
      return window.distinctRefs;
    case 'temporal_ordered':
      return window.orderedRefs(spec.refs.length);
  }
}

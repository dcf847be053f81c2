/**
 * The Sigma rule vocabulary after parsing (Sigma specification 2.0.0): metadata, the detection's
 * search identifiers as search nodes, the condition as a syntax tree, and correlation rules.
 */
import type { Diagnostic } from '../../../domain/diagnostic.js';

export const SIGMA_PROBLEM_CODES = [
  'WL_SIGMA_INPUT_TOO_LARGE',
  'WL_SIGMA_YAML_INVALID',
  'WL_SIGMA_ALIAS_LIMIT',
  'WL_SIGMA_TOO_MANY_DOCUMENTS',
  'WL_SIGMA_NOT_A_RULE',
  'WL_SIGMA_FIELD_MISSING',
  'WL_SIGMA_FIELD_INVALID',
  'WL_SIGMA_DETECTION_INVALID',
  'WL_SIGMA_MODIFIER_UNKNOWN',
  'WL_SIGMA_MODIFIER_INVALID',
  'WL_SIGMA_CONDITION_SYNTAX',
  'WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER',
  'WL_SIGMA_CONDITION_UNSUPPORTED',
  'WL_SIGMA_LIMIT_EXCEEDED',
  'WL_SIGMA_CORRELATION_INVALID',
  'WL_SIGMA_COLLECTION_UNSUPPORTED',
] as const;
export type SigmaProblemCode = (typeof SIGMA_PROBLEM_CODES)[number];

/** A problem with a rule file: a diagnostic plus the rule and field it concerns, when known. */
export interface RuleProblem extends Diagnostic<SigmaProblemCode> {
  readonly ruleId?: string;
  readonly field?: string;
}

export const SIGMA_STATUSES = [
  'stable',
  'test',
  'experimental',
  'deprecated',
  'unsupported',
] as const;
export type SigmaStatus = (typeof SIGMA_STATUSES)[number];

export const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type SigmaLevel = (typeof SIGMA_LEVELS)[number];

export const SIGMA_MODIFIERS = [
  'contains',
  'startswith',
  'endswith',
  'all',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'windash',
  're',
  'i',
  'm',
  's',
  'cidr',
  'exists',
  'cased',
  'gt',
  'gte',
  'lt',
  'lte',
  'fieldref',
  'expand',
] as const;
export type SigmaModifier = (typeof SIGMA_MODIFIERS)[number];

/** A value as written: strings keep their `*`, `?` wildcards and `\` escapes untouched. */
export type SigmaValue = string | number | boolean | null;

export interface FieldCondition {
  /** The field name; the empty string for a keyword-style key such as `|contains`. */
  readonly field: string;
  readonly modifiers: readonly SigmaModifier[];
  /** Alternatives (OR), or all required when `modifiers` has `all`. */
  readonly values: readonly SigmaValue[];
}

/** What one search identifier holds. */
export type SearchNode =
  /** A map: every field condition must hold (AND). */
  | { readonly kind: 'fields'; readonly conditions: readonly FieldCondition[] }
  /** A list of maps: any of them (OR). */
  | { readonly kind: 'anyOf'; readonly alternatives: readonly SearchNode[] }
  /** A list of plain values: any value found anywhere in the event. */
  | { readonly kind: 'keywords'; readonly values: readonly SigmaValue[] };

/** The condition as a syntax tree; `of` lists the identifiers its pattern expanded to. */
export type ConditionNode =
  | { readonly kind: 'and'; readonly children: readonly ConditionNode[] }
  | { readonly kind: 'or'; readonly children: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly child: ConditionNode }
  | { readonly kind: 'ref'; readonly name: string }
  | {
      readonly kind: 'of';
      readonly quantifier: 'all' | 'any';
      readonly pattern: string;
      readonly names: readonly string[];
    };

export interface SigmaLogsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
  readonly definition?: string;
}

/** The ATT&CK tags of a rule, split out: `attack.t1059.001` → technique `T1059.001`. */
export interface AttackTags {
  readonly techniques: readonly string[];
  readonly tactics: readonly string[];
  readonly groups: readonly string[];
  readonly software: readonly string[];
}

export interface SigmaDetection {
  readonly searches: ReadonlyMap<string, SearchNode>;
  /** The condition text(s) as written; several are combined with OR. */
  readonly conditionText: readonly string[];
  readonly condition: ConditionNode;
  /** Deprecated `timeframe` inside detection, kept as written. */
  readonly timeframe?: string;
}

export interface SigmaRuleMeta {
  readonly id?: string;
  readonly name?: string;
  readonly title: string;
  readonly status?: SigmaStatus;
  readonly level?: SigmaLevel;
  readonly description?: string;
  readonly author?: string;
  /** `YYYY-MM-DD` when written as a date (either `-` or `/`), else as written. */
  readonly date?: string;
  readonly modified?: string;
  readonly tags: readonly string[];
  readonly attack: AttackTags;
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
}

export interface SigmaRule extends SigmaRuleMeta {
  readonly logsource: SigmaLogsource;
  readonly detection: SigmaDetection;
  readonly fields: readonly string[];
}

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export const CORRELATION_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type CorrelationOperator = (typeof CORRELATION_OPERATORS)[number];

export interface CorrelationCondition {
  readonly operator: CorrelationOperator;
  readonly value: number;
  /** The field whose distinct values `value_count` counts. */
  readonly field?: string;
}

export interface SigmaCorrelation extends SigmaRuleMeta {
  readonly type: CorrelationType;
  /** Ids or names of the rules it correlates. */
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespan: string;
  readonly timespanSeconds: number;
  /** Absent for `temporal` and `temporal_ordered` when the file gives none. */
  readonly condition?: CorrelationCondition;
  readonly generate: boolean;
  /** Field aliases: alias → rule id or name → field. */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface SigmaParseResult {
  /** The first detection rule in the file, or null when none parsed cleanly. */
  readonly rule: SigmaRule | null;
  /** Every detection rule in the file that parsed (multi-document files). */
  readonly rules: readonly SigmaRule[];
  readonly correlations: readonly SigmaCorrelation[];
  readonly problems: readonly RuleProblem[];
}

export interface SigmaParseOptions {
  /** The name the caller gave the input, copied into each problem. */
  readonly source: string;
}

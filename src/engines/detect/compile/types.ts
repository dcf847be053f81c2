/** What the Sigma evaluator takes and gives: options, problems, compiled rules and rule sets. */
import type { LogEvent, LogSource, RuleSummary } from '../../../domain/detection.js';

export interface CompileOptions {
  /** Values for `%name%` placeholders of the `expand` modifier (name without the `%`). */
  readonly placeholders?: ReadonlyMap<string, readonly string[]>;
}

export const COMPILE_PROBLEM_CODES = [
  'WL_DETECT_REGEX_UNSUPPORTED',
  'WL_DETECT_PLACEHOLDER_UNKNOWN',
  'WL_DETECT_VALUE_UNSUPPORTED',
  'WL_DETECT_LIMIT_EXCEEDED',
] as const;
export type CompileProblemCode = (typeof COMPILE_PROBLEM_CODES)[number];

/** A rule that could not be compiled, and why; the rule is left out of the set. */
export interface CompileProblem {
  readonly ruleId: string;
  readonly title: string;
  readonly code: CompileProblemCode;
  readonly message: string;
}

export interface CompiledRule {
  readonly summary: RuleSummary;
  readonly id?: string;
  readonly name?: string;
  readonly logsource: LogSource;
}

export interface MatchExtra {
  readonly alsoCategories?: readonly string[];
}

export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  /**
   * The rules whose log source and detection hold for the event, in the order compiled.
   * `alsoCategories` (from `classifyEvent`) are further categories the event belongs to: a rule
   * naming any of them sees the event too (Sysmon 13 is `registry_set` and `registry_event`).
   */
  match(event: LogEvent, extra?: MatchExtra): readonly CompiledRule[];
}

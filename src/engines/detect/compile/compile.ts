/** `compileRules`: parsed Sigma rules into one indexed rule set, with a problem per rule left out. */
import type { LogSource, RuleSummary } from '../../../domain/detection.js';
import type { SigmaRule } from '../sigma/index.js';
import { compileDetection } from './detection.js';
import { detectionKeys, offeredKeys, sharedWeight } from './keys.js';
import { RuleCompileError } from './problem.js';
import { indexRules, type IndexedRule } from './ruleset.js';
import type { CompileOptions, CompiledRuleSet, CompileProblem } from './types.js';

function ruleIdOf(rule: SigmaRule, position: number): string {
  return rule.id ?? rule.name ?? `rule#${position}`;
}

function summaryOf(rule: SigmaRule, ruleId: string): RuleSummary {
  return {
    ruleId,
    title: rule.title,
    level: rule.level ?? 'medium',
    tags: rule.tags,
    techniques: rule.attack.techniques,
    ...(rule.description === undefined ? {} : { description: rule.description }),
  };
}

function logsourceOf(rule: SigmaRule): LogSource {
  const { product, category, service } = rule.logsource;
  return {
    ...(product === undefined ? {} : { product }),
    ...(category === undefined ? {} : { category }),
    ...(service === undefined ? {} : { service }),
  };
}

/** One rule compiled, or the problem that keeps it out. */
export function compileRule(
  rule: SigmaRule,
  position: number,
  options: CompileOptions = {},
): IndexedRule | CompileProblem {
  const ruleId = ruleIdOf(rule, position);
  try {
    const test = compileDetection(rule.detection, options);
    return {
      summary: summaryOf(rule, ruleId),
      ...(rule.id === undefined ? {} : { id: rule.id }),
      ...(rule.name === undefined ? {} : { name: rule.name }),
      logsource: logsourceOf(rule),
      test,
      keys: detectionKeys(rule.detection, options),
    };
  } catch (error) {
    if (!(error instanceof RuleCompileError)) throw error;
    return { ruleId, title: rule.title, code: error.code, message: error.message };
  }
}

function isProblem(value: IndexedRule | CompileProblem): value is CompileProblem {
  return 'code' in value;
}

/**
 * Compiles rules into a set that matches events; a rule that cannot compile is reported, never
 * thrown, and the others are kept.
 *
 * @example
 * const { ruleSet, problems } = compileRules([parsed rule `Image|endswith: '\\whoami.exe'`]);
 * ruleSet.match({ shape: 'flat', logsource: { product: 'windows', category: 'process_creation' },
 *   data: { Image: 'C:\\Windows\\System32\\WHOAMI.EXE' }, time: '…' })
 * // → [that rule]; problems → []
 */
export function compileRules(
  rules: readonly SigmaRule[],
  options: CompileOptions = {},
): { ruleSet: CompiledRuleSet; problems: CompileProblem[] } {
  const compiled: { rule: SigmaRule; result: IndexedRule }[] = [];
  const problems: CompileProblem[] = [];
  const counts = new Map<string, number>();
  for (const [position, rule] of rules.entries()) {
    const result = compileRule(rule, position, options);
    if (isProblem(result)) {
      problems.push(result);
      continue;
    }
    compiled.push({ rule, result });
    for (const name of offeredKeys(rule.detection, options)) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  // Keys again, now rating a key by how many rules share it.
  const weigh = sharedWeight(counts);
  const indexed = compiled.map(({ rule, result }) => ({
    ...result,
    keys: detectionKeys(rule.detection, options, weigh),
  }));
  return { ruleSet: indexRules(indexed), problems };
}

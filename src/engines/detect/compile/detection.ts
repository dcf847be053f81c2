/** Search identifiers and the condition tree compiled into one test per rule. */
import type { ConditionNode, SearchNode, SigmaDetection } from '../sigma/index.js';
import { compileFieldCondition, type ContextTest } from './field.js';
import { RuleCompileError } from './problem.js';
import type { CompileOptions } from './types.js';

function every(tests: readonly ContextTest[]): ContextTest {
  const [a, b] = tests;
  if (tests.length === 1 && a !== undefined) return a;
  if (tests.length === 2 && a !== undefined && b !== undefined) return (c) => a(c) && b(c);
  return (context) => {
    for (const test of tests) if (!test(context)) return false;
    return true;
  };
}

function some(tests: readonly ContextTest[]): ContextTest {
  const [a, b] = tests;
  if (tests.length === 1 && a !== undefined) return a;
  if (tests.length === 2 && a !== undefined && b !== undefined) return (c) => a(c) || b(c);
  return (context) => {
    for (const test of tests) if (test(context)) return true;
    return false;
  };
}

/**
 * A search identifier's test: a map is AND of its field conditions, a list of maps OR, a list of
 * plain values a keyword search (each value found anywhere in the event's values, wildcards
 * allowed).
 */
export function compileSearch(node: SearchNode, options: CompileOptions): ContextTest {
  switch (node.kind) {
    case 'fields':
      return every(node.conditions.map((condition) => compileFieldCondition(condition, options)));
    case 'anyOf':
      return some(node.alternatives.map((alternative) => compileSearch(alternative, options)));
    case 'keywords':
      return compileFieldCondition(
        { field: '', modifiers: ['contains'], values: node.values },
        options,
      );
  }
}

function compileCondition(
  node: ConditionNode,
  searches: ReadonlyMap<string, ContextTest>,
): ContextTest {
  const lookup = (name: string): ContextTest => {
    const test = searches.get(name);
    if (test === undefined) {
      throw new RuleCompileError('WL_DETECT_VALUE_UNSUPPORTED', `no search identifier \`${name}\``);
    }
    return test;
  };
  switch (node.kind) {
    case 'and':
      return every(node.children.map((child) => compileCondition(child, searches)));
    case 'or':
      return some(node.children.map((child) => compileCondition(child, searches)));
    case 'not': {
      const child = compileCondition(node.child, searches);
      return (context) => !child(context);
    }
    case 'ref':
      return lookup(node.name);
    case 'of': {
      const tests = node.names.map(lookup);
      return node.quantifier === 'all' ? every(tests) : some(tests);
    }
  }
}

/** The rule's detection as one test; throws RuleCompileError for what cannot compile. */
export function compileDetection(detection: SigmaDetection, options: CompileOptions): ContextTest {
  const searches = new Map<string, ContextTest>();
  for (const [name, node] of detection.searches) searches.set(name, compileSearch(node, options));
  return compileCondition(detection.condition, searches);
}

/**
 * Rule regular expressions that cannot hang. A pattern runs on V8's backtracking engine only when
 * @eslint-community/regexpp shows it has no backreference, no lookaround, no quantifier inside a
 * repeated quantifier, no alternation inside a repeated group and at most one unbounded
 * quantifier (so at worst quadratic), and only on values up to MAX_BACKTRACK_INPUT_CHARS; every
 * other pattern, and longer values, run on re2js (linear time). A pattern neither engine can run
 * is a compile problem.
 */
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { Node } from '@eslint-community/regexpp/ast';
import { RE2JS } from 're2js';
import { MAX_BACKTRACK_INPUT_CHARS } from './limits.js';
import { RuleCompileError } from './problem.js';
import type { StringTest } from './glob.js';

export interface RegexFlags {
  readonly i: boolean;
  readonly m: boolean;
  readonly s: boolean;
}

const parser = new RegExpParser({ ecmaVersion: 2022 });

function insideRepeat(node: Node): boolean {
  for (let parent = node.parent; parent !== null; parent = parent.parent) {
    if (parent.type === 'Quantifier' && parent.max > 1) return true;
  }
  return false;
}

/**
 * Whether V8 may run the pattern: it parses, and has none of the constructs that backtrack
 * exponentially (or polynomially past one unbounded repeat).
 *
 * @example
 * isBacktrackSafe('^cmd\\.exe /c')   // → true
 * isBacktrackSafe('(a+)+$')           // → false
 */
export function isBacktrackSafe(source: string): boolean {
  const state = { safe: true, unbounded: 0 };
  try {
    const ast = parser.parsePattern(source, 0, source.length, { unicode: false });
    visitRegExpAST(ast, {
      onBackreferenceEnter: () => {
        state.safe = false;
      },
      onAssertionEnter: (node) => {
        if (node.kind === 'lookahead' || node.kind === 'lookbehind') state.safe = false;
      },
      onQuantifierEnter: (node) => {
        if (node.max === Infinity) state.unbounded += 1;
        if (node.max > 1 && insideRepeat(node)) state.safe = false;
      },
      onAlternativeEnter: (node) => {
        const parent = node.parent;
        const branches =
          parent.type === 'Group' || parent.type === 'CapturingGroup'
            ? parent.alternatives.length
            : 1;
        if (branches > 1 && insideRepeat(node)) state.safe = false;
      },
    });
  } catch {
    return false;
  }
  return state.safe && state.unbounded <= 1;
}

function re2Of(source: string, flags: RegexFlags): RE2JS | undefined {
  let bits = 0;
  if (flags.i) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.m) bits |= RE2JS.MULTILINE;
  if (flags.s) bits |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(source, bits);
  } catch {
    return undefined;
  }
}

function v8Of(source: string, flags: RegexFlags): RegExp | undefined {
  try {
    return new RegExp(source, `${flags.i ? 'i' : ''}${flags.m ? 'm' : ''}${flags.s ? 's' : ''}`);
  } catch {
    return undefined;
  }
}

/**
 * A search test (matches anywhere, as Sigma's `re`) for a rule's regular expression.
 *
 * @example
 * regexTest('(a+)+$', { i: false, m: false, s: false })('a'.repeat(30) + 'b') // → false, fast
 */
export function regexTest(source: string, flags: RegexFlags): StringTest {
  const re2 = re2Of(source, flags);
  const v8 = isBacktrackSafe(source) ? v8Of(source, flags) : undefined;
  if (v8 !== undefined) {
    if (re2 === undefined) return (value) => v8.test(value);
    return (value) =>
      value.length <= MAX_BACKTRACK_INPUT_CHARS ? v8.test(value) : re2.test(value);
  }
  if (re2 !== undefined) return (value) => re2.test(value);
  throw new RuleCompileError(
    'WL_DETECT_REGEX_UNSUPPORTED',
    `the regular expression /${source}/ uses constructs only a backtracking engine runs (backreferences, lookaround) or does not parse`,
  );
}

/**
 * Rule regular expressions that cannot hang. A pattern runs on V8's backtracking engine only when
 * @eslint-community/regexpp shows it has no backreference, no lookaround, no quantifier inside a
 * repeated quantifier, no alternation inside a repeated group and at most one unbounded
 * quantifier (so at worst quadratic), and only on values up to MAX_BACKTRACK_INPUT_CHARS; every
 * other pattern, and longer values, run on re2js (linear time). A pattern neither engine can run
 * is a compile problem.
 */
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { Alternative, Node } from '@eslint-community/regexpp/ast';
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

/** Runs of plain characters in one top-level alternative; a character `skip` rejects ends a run. */
function literalRuns(alternative: Alternative, skip: (code: number) => boolean): string[] {
  const runs: string[] = [];
  let run = '';
  for (const element of alternative.elements) {
    if (element.type === 'Character' && element.value < 128 && !skip(element.value)) {
      run += String.fromCharCode(element.value);
      continue;
    }
    if (run !== '') runs.push(run);
    run = '';
  }
  if (run !== '') runs.push(run);
  return runs;
}

/**
 * Lowercase ASCII literals one of which every match of the pattern contains (one per top-level
 * alternative: its longest run of plain characters), or null when some alternative has none. A
 * leading `(?i)` is read as the `i` flag. Under `i`, `s` never joins a literal: re2js folds `ſ`
 * (U+017F) to `s`, which lowercasing the value does not do.
 *
 * @example
 * regexLiterals('\\.exe\\s+-enc', { i: false, m: false, s: false }) // → ['.exe']
 * regexLiterals('(?i)foo|bar\\d', { i: false, m: false, s: false })   // → ['foo', 'bar']
 */
export function regexLiterals(source: string, flags: RegexFlags): string[] | null {
  // Escapes the two engines read differently (re2's \\Q…\\E, \\A, \\z, \\pL; \\x{…}): no literal.
  if (/\\[a-zA-Z]/.test(source.replace(/\\[\\dDwWsSbBtnrfv]/g, ''))) return null;
  const inline = source.startsWith('(?i)');
  const body = inline ? source.slice(4) : source;
  const folded = flags.i || inline;
  const skip = folded ? (code: number) => code === 0x73 || code === 0x53 : () => false;
  try {
    const ast = parser.parsePattern(body, 0, body.length, { unicode: false });
    const literals: string[] = [];
    for (const alternative of ast.alternatives) {
      let longest = '';
      for (const run of literalRuns(alternative, skip))
        if (run.length > longest.length) longest = run;
      if (longest === '') return null;
      literals.push(longest.toLowerCase());
    }
    return literals;
  } catch {
    return null;
  }
}

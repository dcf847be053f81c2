/**
 * The Sigma condition grammar (specification 2.0.0): `and`, `or`, `not`, parentheses,
 * `1 of x`, `any of x`, `all of x` with `them` or an identifier pattern using `*` and `?`.
 * Precedence: not > and > or. Patterns are expanded against the detection's search identifiers
 * here, so the tree names only identifiers that exist. Pipes (`| count() > 5`, the deprecated
 * aggregations) are reported unsupported.
 */
import { MAX_CONDITION_CHARS, MAX_CONDITION_DEPTH } from './limits.js';
import type { ProblemSink } from './problems.js';
import type { ConditionNode } from './types.js';

type Token =
  | { readonly kind: 'open' | 'close' | 'pipe'; readonly at: number }
  | { readonly kind: 'word'; readonly text: string; readonly at: number };

class ConditionError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'WL_SIGMA_CONDITION_SYNTAX'
      | 'WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER'
      | 'WL_SIGMA_CONDITION_UNSUPPORTED'
      | 'WL_SIGMA_LIMIT_EXCEEDED' = 'WL_SIGMA_CONDITION_SYNTAX',
  ) {
    super(message);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const word = /[^\s()|]+/y;
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (/\s/.test(char)) {
      at += 1;
    } else if (char === '(' || char === ')' || char === '|') {
      tokens.push({ kind: char === '(' ? 'open' : char === ')' ? 'close' : 'pipe', at });
      at += 1;
    } else {
      word.lastIndex = at;
      const match = word.exec(text);
      const found = match?.[0] ?? char;
      tokens.push({ kind: 'word', text: found, at });
      at += found.length;
    }
  }
  return tokens;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'of', 'them', 'all', 'any', '1']);
const IDENTIFIER = /^[A-Za-z0-9_*?.-]+$/;

/** Whether `name` matches a pattern where `*` is any run and `?` one character. */
export function matchesIdentifierPattern(pattern: string, name: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'u').test(name);
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly searches: readonly string[],
  ) {}

  parse(): ConditionNode {
    if (this.tokens.length === 0) throw new ConditionError('the condition is empty');
    const node = this.parseOr(0);
    const rest = this.tokens[this.position];
    if (rest !== undefined) {
      if (rest.kind === 'pipe') {
        throw new ConditionError(
          'aggregations after `|` are deprecated in Sigma 2.0 and not supported; use a correlation rule',
          'WL_SIGMA_CONDITION_UNSUPPORTED',
        );
      }
      throw new ConditionError(`unexpected ${describe(rest)} at offset ${rest.at}`);
    }
    return node;
  }

  private peekWord(): string | undefined {
    const token = this.tokens[this.position];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  }

  private parseOr(depth: number): ConditionNode {
    const children = [this.parseAnd(depth)];
    while (this.peekWord() === 'or') {
      this.position += 1;
      children.push(this.parseAnd(depth));
    }
    return children.length === 1 && children[0] !== undefined
      ? children[0]
      : { kind: 'or', children };
  }

  private parseAnd(depth: number): ConditionNode {
    const children = [this.parseNot(depth)];
    while (this.peekWord() === 'and') {
      this.position += 1;
      children.push(this.parseNot(depth));
    }
    return children.length === 1 && children[0] !== undefined
      ? children[0]
      : { kind: 'and', children };
  }

  private parseNot(depth: number): ConditionNode {
    if (depth > MAX_CONDITION_DEPTH) {
      throw new ConditionError(
        `the condition nests deeper than ${MAX_CONDITION_DEPTH}`,
        'WL_SIGMA_LIMIT_EXCEEDED',
      );
    }
    if (this.peekWord() === 'not') {
      this.position += 1;
      return { kind: 'not', child: this.parseNot(depth + 1) };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): ConditionNode {
    const token = this.tokens[this.position];
    if (token === undefined) throw new ConditionError('the condition ends too early');
    if (token.kind === 'open') {
      this.position += 1;
      const inner = this.parseOr(depth + 1);
      const close = this.tokens[this.position];
      if (close?.kind !== 'close') throw new ConditionError(`unclosed ( at offset ${token.at}`);
      this.position += 1;
      return inner;
    }
    if (token.kind !== 'word')
      throw new ConditionError(`unexpected ${describe(token)} at offset ${token.at}`);
    const word = token.text.toLowerCase();
    if (word === '1' || word === 'all' || word === 'any') return this.parseOf(word);
    const next = this.tokens[this.position + 1];
    if (next?.kind === 'word' && next.text.toLowerCase() === 'of') {
      throw new ConditionError(
        `\`${token.text} of\`: only \`1 of\`, \`any of\` and \`all of\` exist`,
      );
    }
    if (KEYWORDS.has(word))
      throw new ConditionError(`unexpected \`${token.text}\` at offset ${token.at}`);
    this.position += 1;
    return this.reference(token.text);
  }

  private parseOf(quantifierWord: string): ConditionNode {
    const ofToken = this.tokens[this.position + 1];
    const target = this.tokens[this.position + 2];
    if (
      ofToken?.kind !== 'word' ||
      ofToken.text.toLowerCase() !== 'of' ||
      target?.kind !== 'word'
    ) {
      throw new ConditionError(
        `\`${quantifierWord}\` must be followed by \`of\` and a pattern or \`them\``,
      );
    }
    this.position += 3;
    const quantifier = quantifierWord === 'all' ? 'all' : 'any';
    const pattern = target.text;
    if (pattern.toLowerCase() === 'them') {
      const names = this.searches.filter((name) => !name.startsWith('_'));
      if (names.length === 0) throw new ConditionError('`them` names no search identifier');
      return { kind: 'of', quantifier, pattern: 'them', names };
    }
    if (!IDENTIFIER.test(pattern))
      throw new ConditionError(`\`${pattern}\` is not an identifier pattern`);
    const names = this.searches.filter((name) => matchesIdentifierPattern(pattern, name));
    if (names.length === 0) {
      throw new ConditionError(
        `\`${pattern}\` matches no search identifier`,
        'WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER',
      );
    }
    return { kind: 'of', quantifier, pattern, names };
  }

  private reference(name: string): ConditionNode {
    if (!IDENTIFIER.test(name)) throw new ConditionError(`\`${name}\` is not an identifier`);
    if (name.includes('*') || name.includes('?')) {
      throw new ConditionError(`the pattern \`${name}\` needs \`1 of\` or \`all of\` before it`);
    }
    if (!this.searches.includes(name)) {
      throw new ConditionError(
        `\`${name}\` is not a search identifier of the detection`,
        'WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER',
      );
    }
    return { kind: 'ref', name };
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'open':
      return '`(`';
    case 'close':
      return '`)`';
    case 'pipe':
      return '`|`';
    case 'word':
      return `\`${token.text}\``;
  }
}

/**
 * Parses one condition expression against the detection's search identifiers; null after
 * reporting a problem.
 *
 * @example
 * parseCondition('sel and not 1 of filter_*', ['sel', 'filter_a'], sink)
 * // → { kind: 'and', children: [{ kind: 'ref', name: 'sel' },
 * //      { kind: 'not', child: { kind: 'of', quantifier: 'any', pattern: 'filter_*', names: ['filter_a'] } }] }
 */
export function parseCondition(
  text: string,
  searches: readonly string[],
  sink: ProblemSink,
): ConditionNode | null {
  if (text.length > MAX_CONDITION_CHARS) {
    sink.add(
      'WL_SIGMA_LIMIT_EXCEEDED',
      `the condition is longer than ${MAX_CONDITION_CHARS} characters`,
      'condition',
    );
    return null;
  }
  try {
    return new Parser(tokenize(text), searches).parse();
  } catch (error) {
    if (!(error instanceof ConditionError)) throw error;
    sink.add(error.code, `condition \`${text}\`: ${error.message}`, 'condition');
    return null;
  }
}

import { describe, expect, it } from 'vitest';
import { matchesIdentifierPattern, parseCondition } from './condition.js';
import { ProblemSink } from './problems.js';
import type { ConditionNode } from './types.js';

const NAMES = ['sel', 'sel_img', 'sel_cli', 'filter_a', 'filter_b', '_hidden', 'x'];

function parse(
  text: string,
  names: readonly string[] = NAMES,
): { tree: ConditionNode | null; sink: ProblemSink } {
  const sink = new ProblemSink('t.yml', 0, 1);
  return { tree: parseCondition(text, names, sink), sink };
}

const ref = (name: string): ConditionNode => ({ kind: 'ref', name });

describe('parseCondition', () => {
  it('reads a single identifier', () => {
    expect(parse('sel').tree).toEqual(ref('sel'));
  });

  it('binds not tighter than and, and tighter than or', () => {
    expect(parse('sel or x and not filter_a').tree).toEqual({
      kind: 'or',
      children: [
        ref('sel'),
        { kind: 'and', children: [ref('x'), { kind: 'not', child: ref('filter_a') }] },
      ],
    });
    expect(parse('not sel and x').tree).toEqual({
      kind: 'and',
      children: [{ kind: 'not', child: ref('sel') }, ref('x')],
    });
  });

  it('lets parentheses override precedence', () => {
    expect(parse('(sel or x) and filter_a').tree).toEqual({
      kind: 'and',
      children: [{ kind: 'or', children: [ref('sel'), ref('x')] }, ref('filter_a')],
    });
    expect(parse('not (sel or x)').tree).toEqual({
      kind: 'not',
      child: { kind: 'or', children: [ref('sel'), ref('x')] },
    });
  });

  it('flattens chains of the same operator', () => {
    expect(parse('sel and x and filter_a').tree).toEqual({
      kind: 'and',
      children: [ref('sel'), ref('x'), ref('filter_a')],
    });
  });

  it('expands identifier patterns against the search identifiers', () => {
    expect(parse('1 of sel_* and not all of filter_?').tree).toEqual({
      kind: 'and',
      children: [
        { kind: 'of', quantifier: 'any', pattern: 'sel_*', names: ['sel_img', 'sel_cli'] },
        {
          kind: 'not',
          child: {
            kind: 'of',
            quantifier: 'all',
            pattern: 'filter_?',
            names: ['filter_a', 'filter_b'],
          },
        },
      ],
    });
    expect(parse('any of sel*').tree).toEqual({
      kind: 'of',
      quantifier: 'any',
      pattern: 'sel*',
      names: ['sel', 'sel_img', 'sel_cli'],
    });
  });

  it('takes `them` as every identifier not starting with an underscore', () => {
    expect(parse('all of them').tree).toEqual({
      kind: 'of',
      quantifier: 'all',
      pattern: 'them',
      names: ['sel', 'sel_img', 'sel_cli', 'filter_a', 'filter_b', 'x'],
    });
    expect(parse('1 of them').tree).toMatchObject({ kind: 'of', quantifier: 'any' });
  });

  it('reads keywords in any case', () => {
    expect(parse('sel AND NOT x').tree).toEqual({
      kind: 'and',
      children: [ref('sel'), { kind: 'not', child: ref('x') }],
    });
  });

  it('reports an unknown identifier and a pattern matching nothing', () => {
    const unknown = parse('sel and missing');
    expect(unknown.tree).toBeNull();
    expect(unknown.sink.problems[0]?.code).toBe('WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER');
    expect(unknown.sink.problems[0]?.message).toContain('missing');
    expect(parse('1 of nothing_*').sink.problems[0]?.code).toBe(
      'WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER',
    );
  });

  it('reports syntax errors', () => {
    for (const text of [
      '',
      'sel and',
      '(sel',
      'sel)',
      'sel x',
      '2 of sel*',
      'all sel',
      'and',
      'sel*',
    ]) {
      const { tree, sink } = parse(text);
      expect(tree, text).toBeNull();
      expect(sink.problems[0]?.code, text).toBe('WL_SIGMA_CONDITION_SYNTAX');
    }
  });

  it('reports pipes as unsupported with the reason', () => {
    const { tree, sink } = parse('sel | count() by User > 5');
    expect(tree).toBeNull();
    expect(sink.problems[0]?.code).toBe('WL_SIGMA_CONDITION_UNSUPPORTED');
    expect(sink.problems[0]?.message).toContain('correlation');
  });

  it('rejects nesting over the cap without overflowing the stack', () => {
    const deep = `${'('.repeat(5000)}sel${')'.repeat(5000)}`;
    expect(parse(deep).sink.problems[0]?.code).toBe('WL_SIGMA_LIMIT_EXCEEDED');
    expect(parse(`${'not '.repeat(5000)}sel`).sink.problems[0]?.code).toBe(
      'WL_SIGMA_LIMIT_EXCEEDED',
    );
    expect(parse(`${'('.repeat(10)}sel${')'.repeat(10)}`).tree).toEqual(ref('sel'));
  });
});

describe('matchesIdentifierPattern', () => {
  it('treats * and ? as wildcards and everything else literally', () => {
    expect(matchesIdentifierPattern('sel_*', 'sel_img')).toBe(true);
    expect(matchesIdentifierPattern('sel_?', 'sel_ab')).toBe(false);
    expect(matchesIdentifierPattern('a.b', 'axb')).toBe(false);
    expect(matchesIdentifierPattern('a-b*', 'a-bc')).toBe(true);
  });
});

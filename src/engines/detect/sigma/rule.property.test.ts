import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSigmaRule } from './rule.js';
import { SIGMA_PROBLEM_CODES } from './types.js';

const CODES = new Set<string>(SIGMA_PROBLEM_CODES);
const FRAGMENTS = [
  'title: t\n',
  'logsource: {product: x}\n',
  'detection:\n',
  '  sel: {a|contains: x}\n',
  '  filter_1: [a, b]\n',
  '  condition: ',
  'sel and not 1 of filter_*',
  ' | count() > 3',
  '(',
  ')',
  '---\n',
  'correlation: {type: event_count, rules: [a], timespan: 1h, condition: {gt: 1}}\n',
  '&a [x]\n',
  '*a\n',
  '!!binary x\n',
  '- ',
  '{',
  ':',
  '\n',
];

describe('parseSigmaRule on arbitrary input', () => {
  it('never throws and reports only its own codes', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = parseSigmaRule(input, { source: 'p.yml' });
        for (const problem of result.problems) expect(CODES.has(problem.code)).toBe(true);
        expect(result.rule === null || result.rules.includes(result.rule)).toBe(true);
      }),
      { numRuns: 500, plugins: [fc.interruptAfterTimeLimit(20_000)] },
    );
  });
});

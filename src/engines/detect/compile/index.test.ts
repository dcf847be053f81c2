import { describe, expect, it } from 'vitest';
import type { EventValue, LogEvent } from '../../../domain/detection.js';
import type { SigmaModifier, SigmaRule, SigmaValue } from '../sigma/index.js';
import { compileRules } from './compile.js';
import { detectionKeys } from './keys.js';
import { LiteralSet } from './literals.js';
import { matchWithoutIndex, type IndexedRule } from './ruleset.js';

const VALUES: SigmaValue[] = [
  'ΑΣ',
  'Σ',
  'İ',
  'ı',
  'K',
  '\\cmd.exe',
  '\\CMD.EXE',
  '*\\cmd.exe',
  'cmd',
  'C:\\W\\',
  'a?c',
  'a*c',
  '*',
  '',
  ' -e ',
  'x',
  4624,
  1.5,
  true,
];
const MODIFIERS: SigmaModifier[][] = [
  [],
  ['cased'],
  ['contains'],
  ['contains', 'cased'],
  ['startswith'],
  ['startswith', 'cased'],
  ['endswith'],
  ['endswith', 'cased'],
  ['contains', 'windash'],
  ['contains', 'all'],
  ['wide', 'base64offset', 'contains'],
  ['base64'],
];
const REGEXES = [
  '(?i)CMD\\.exe',
  'CMD\\.EXE',
  'ſ',
  'S',
  '(?i)s',
  'k',
  '(?i)K',
  '\\Qa\\E',
  '\\x41',
  'a|b',
  'c.*e',
  '^c:\\\\w',
];
const EVENT_VALUES: EventValue[] = [
  'ΑΣΑ',
  'ασ',
  'ας',
  'İ',
  'i̇',
  'ı',
  'K',
  'k',
  'C:\\Windows\\CMD.EXE',
  'c:\\w\\cmd.exe',
  'c:/w/cmd.exe',
  'cmd',
  'abc',
  'aXc',
  ' /e ',
  ' -E ',
  '',
  4624,
  '4624',
  '1.50',
  true,
  'TRUE',
  'eAA=',
  'dwBoAG8AYQBtAGkA',
  'ſ',
  '\u212a',
  'Qa',
  ['x', 'cmd'],
];

function rule(field: string, modifiers: SigmaModifier[], values: SigmaValue[]): SigmaRule {
  return {
    id: `${field}|${modifiers.join('|')}:${JSON.stringify(values)}`,
    title: 't',
    tags: [],
    attack: { techniques: [], tactics: [], groups: [], software: [] },
    references: [],
    falsepositives: [],
    logsource: {},
    fields: [],
    detection: {
      searches: new Map([['s', { kind: 'fields', conditions: [{ field, modifiers, values }] }]]),
      conditionText: ['s'],
      condition: { kind: 'ref', name: 's' },
    },
  };
}

const event = (value: EventValue): LogEvent => ({
  time: '',
  shape: 'flat',
  logsource: {},
  data: { F: value, G: 'other' },
});

describe('the index', () => {
  it('finds what brute force finds for every value, modifier set and event value here', () => {
    const rules: SigmaRule[] = [];
    for (const modifiers of MODIFIERS) {
      for (const value of VALUES) {
        rules.push(rule('F', modifiers, [value]));
        rules.push(rule('', modifiers, [value]));
        if (modifiers.includes('all')) rules.push(rule('F', modifiers, [value, 'x']));
      }
    }
    for (const pattern of REGEXES) {
      rules.push(rule('F', ['re'], [pattern]));
      rules.push(rule('F', ['re', 'i'], [pattern]));
    }
    const { ruleSet } = compileRules(rules);
    const compiled = ruleSet.rules as readonly IndexedRule[];
    let matched = 0;
    for (const value of EVENT_VALUES) {
      const ids = ruleSet.match(event(value)).map((one) => one.id);
      const expected = matchWithoutIndex(compiled, event(value)).map((one) => one.id);
      expect(ids, JSON.stringify(value)).toEqual(expected);
      matched += ids.length;
    }
    expect(matched).toBeGreaterThan(100);
  });

  it('keys a rule by a cased non-ASCII literal only through its exact value', () => {
    const keys = detectionKeys(rule('F', ['contains', 'cased'], ['ΑΣ']).detection);
    expect(keys).toBeNull();
    expect(detectionKeys(rule('F', ['contains'], ['ΑΣ']).detection)).toEqual([
      { field: 'F', kind: 'sub', key: 'ας' },
    ]);
    expect(detectionKeys(rule('F', ['endswith'], ['\\CMD.exe']).detection)).toEqual([
      { field: 'F', kind: 'base', key: 'cmd.exe' },
    ]);
  });
});

describe('LiteralSet', () => {
  /** What a scan must find: the literals in the lowercased text, σ and ς as one letter. */
  const fold = (text: string): string => text.toLowerCase().replaceAll('ς', 'σ');
  const naive = (literals: readonly string[], raw: string): number[] => {
    const text = fold(raw);
    const out: number[] = [];
    for (let end = 1; end <= text.length; end += 1) {
      for (const [id, literal] of literals.entries()) {
        const start = end - literal.length;
        if (literal !== '' && start >= 0 && text.startsWith(fold(literal), start)) out.push(id);
      }
    }
    return out;
  };

  it('reports every occurrence of every literal in the lowercased text, ASCII or not', () => {
    const literals = ['he', 'she', 'his', 'hers', 'ασ', 'σα', 'ας', 'é', 'x\u0000y', 'aaa', 'a'];
    const literalsMore = [...literals, 'k', 'i\u0307', '\u{10428}x'];
    const set = new LiteralSet(literalsMore);
    const texts = ['ushers', 'USHERS', 'ΑΣΑασαασ', 'ΑΣ', 'éÉ', 'x\u0000yX', 'aAaA', '', 'zzz'];
    for (const text of [...texts, 'sHéHE', '\u212a', 'İ', '\u{10400}X', '\ud800', '\ud800Σ']) {
      const out: number[] = [];
      set.scan(text, out);
      expect(out.sort(), text).toEqual(naive(literalsMore, text).sort());
    }
  });
});

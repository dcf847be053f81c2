import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventData, EventValue, LogEvent, LogSource } from '../../../domain/detection.js';
import type {
  ConditionNode,
  FieldCondition,
  SearchNode,
  SigmaModifier,
  SigmaRule,
  SigmaValue,
} from '../sigma/index.js';
import { compileRules } from './compile.js';
import { matchWithoutIndex, type IndexedRule } from './ruleset.js';

const FIELDS = ['EventID', 'Image', 'F', 'G', 'a.b'];
/** Field names of conditions: '' is a keyword-style key (`'|contains': …`), any value of the event. */
const CONDITION_FIELDS = [...FIELDS, ''];
const STRINGS = [
  'a',
  'A',
  'x',
  '\\x.exe',
  '*\\x.exe',
  'C:\\w\\X.EXE',
  'c:/w/x.exe',
  '4624',
  '04624',
  '1?',
  '*',
  'b*',
  'a\\*',
  ' -e',
  '10.1.2.3',
  '',
  'ΑΣ',
  'İx',
  '*é*',
  'cmd.exe',
];
const NUMBERS = [0, 1, 4624, -1, 1.5];

const plainValue = fc.oneof(
  fc.constantFrom<SigmaValue>(...STRINGS),
  fc.constantFrom<SigmaValue>(...NUMBERS),
  fc.constantFrom<SigmaValue>(null, true, false),
);

const condition: fc.Arbitrary<FieldCondition> = fc.oneof(
  fc.record({
    field: fc.constantFrom(...CONDITION_FIELDS),
    modifiers: fc.constantFrom<SigmaModifier[]>(
      [],
      ['contains'],
      ['startswith'],
      ['endswith'],
      ['endswith', 'cased'],
      ['contains', 'all'],
      ['cased'],
      ['windash', 'contains'],
      ['contains', 'cased'],
      ['startswith', 'cased'],
      ['base64offset', 'contains'],
      ['wide', 'contains'],
    ),
    values: fc.array(plainValue, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    modifiers: fc.constant<SigmaModifier[]>(['exists']),
    values: fc.array(fc.boolean(), { minLength: 1, maxLength: 1 }),
  }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    modifiers: fc.constantFrom<SigmaModifier[]>(['gt'], ['lte']),
    values: fc.array(fc.constantFrom(...NUMBERS), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    modifiers: fc.constantFrom<SigmaModifier[]>(['re'], ['re', 'i']),
    values: fc.array(fc.constantFrom('^a', 'x\\.exe$', '(a+)+$', 'a|b', '[0-9]{4}'), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    modifiers: fc.constant<SigmaModifier[]>(['cidr']),
    values: fc.array(fc.constantFrom('10.0.0.0/8', '10.1.2.3', '::/0'), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
  fc.record({
    field: fc.constantFrom(...FIELDS),
    modifiers: fc.constant<SigmaModifier[]>(['fieldref']),
    values: fc.array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 1 }),
  }),
);

const search: fc.Arbitrary<SearchNode> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('fields' as const),
      conditions: fc.array(condition, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('anyOf' as const),
      alternatives: fc.array(
        fc.record({
          kind: fc.constant('fields' as const),
          conditions: fc.array(condition, { minLength: 1, maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('keywords' as const),
      values: fc.array(fc.constantFrom<SigmaValue>('x', 'a*', '4624', 'cmd', 'σ', 'x -E'), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
  },
);

const NAMES = ['s0', 's1', 's2'];

const tree: fc.Arbitrary<ConditionNode> = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('ref' as const), name: fc.constantFrom(...NAMES) }),
    fc.record({
      kind: fc.constant('and' as const),
      children: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('or' as const),
      children: fc.array(tie('node'), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant('not' as const), child: tie('node') }),
    fc.record({
      kind: fc.constant('of' as const),
      quantifier: fc.constantFrom('all' as const, 'any' as const),
      pattern: fc.constant('s*'),
      names: fc.subarray(NAMES, { minLength: 1 }),
    }),
  ),
})).node;

const logsource: fc.Arbitrary<LogSource> = fc.record(
  {
    product: fc.constantFrom('windows', 'linux'),
    category: fc.constantFrom('process_creation', 'file_event'),
    service: fc.constantFrom('sysmon', 'security'),
  },
  { requiredKeys: [] },
);

const rule: fc.Arbitrary<SigmaRule> = fc
  .record({ searches: fc.tuple(search, search, search), condition: tree, logsource, id: fc.uuid() })
  .map(({ searches, condition: root, logsource: source, id }) => ({
    id,
    title: 'random',
    tags: [],
    attack: { techniques: [], tactics: [], groups: [], software: [] },
    references: [],
    falsepositives: [],
    logsource: source,
    detection: {
      searches: new Map(NAMES.map((name, index) => [name, searches[index] ?? searches[0]])),
      conditionText: ['random'],
      condition: root,
    },
    fields: [],
  }));

const eventValue: fc.Arbitrary<EventValue> = fc.oneof(
  fc.constantFrom<EventValue>(
    ...STRINGS,
    ...NUMBERS,
    null,
    true,
    'x -e y',
    'X.exe',
    'C:\\w\\x.exe',
    'ΑΣΑ',
    'ıx',
    'İX',
    'C:\\CMD.EXE -É',
    // 'x' in UTF-16LE, base64 at each offset (what `wide|base64offset|contains` looks for).
    'eAA=',
    'B4AA',
    'AHgA',
  ),
  fc.array(fc.constantFrom<EventValue>('a', 'x', 4624), { maxLength: 2 }),
);

const event: fc.Arbitrary<LogEvent> = fc
  .record({
    data: fc.dictionary(fc.constantFrom('EventID', 'Image', 'F', 'G', 'a.b'), eventValue, {
      maxKeys: 5,
    }),
    nested: fc.option(fc.record({ b: eventValue }), { nil: undefined }),
    logsource,
  })
  .map(({ data, nested, logsource: source }) => ({
    time: '2026-01-01T00:00:00.000Z',
    shape: 'flat' as const,
    logsource: source,
    data: nested === undefined ? data : { ...data, a: nested },
  }));

const ids = (rules: readonly { id?: string }[]): (string | undefined)[] =>
  rules.map((item) => item.id);

describe('compileRules properties', () => {
  it('the index finds exactly the rules a brute-force pass finds', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { minLength: 1, maxLength: 12 }),
        fc.array(event, { minLength: 1, maxLength: 8 }),
        (rules, events) => {
          const { ruleSet } = compileRules(rules);
          const compiled = ruleSet.rules as readonly IndexedRule[];
          for (const one of events) {
            expect(ids(ruleSet.match(one))).toEqual(ids(matchWithoutIndex(compiled, one)));
            const also = { alsoCategories: ['file_event'] };
            expect(ids(ruleSet.match(one, also))).toEqual(
              ids(matchWithoutIndex(compiled, one, also)),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws a foreign error on arbitrary rules and events', () => {
    fc.assert(
      fc.property(
        fc.array(rule, { maxLength: 5 }),
        fc.array(fc.jsonValue(), { maxLength: 3 }),
        (rules, values) => {
          const { ruleSet } = compileRules(rules);
          for (const value of values) {
            for (const shape of ['flat', 'evtx-json', 'ecs'] as const) {
              const data = (
                typeof value === 'object' && value !== null && !Array.isArray(value)
                  ? value
                  : { v: value }
              ) as EventData;
              ruleSet.match({ time: '', shape, logsource: { product: 'windows' }, data });
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('hostile regular expressions stay fast on hostile input', () => {
    const hostile = ['(a+)+$', '(a|a)*$', '(a*)*b', '(.*a){12}', '^(\\w+\\s?)*$'];
    fc.assert(
      fc.property(
        fc.constantFrom(...hostile),
        fc.integer({ min: 20, max: 5000 }),
        (pattern, length) => {
          const base: SigmaRule = {
            title: 'hostile',
            tags: [],
            attack: { techniques: [], tactics: [], groups: [], software: [] },
            references: [],
            falsepositives: [],
            fields: [],
            logsource: {},
            detection: {
              searches: new Map([
                [
                  's',
                  {
                    kind: 'fields',
                    conditions: [{ field: 'F', modifiers: ['re'], values: [pattern] }],
                  },
                ],
              ]),
              conditionText: ['s'],
              condition: { kind: 'ref', name: 's' },
            },
          };
          const { ruleSet } = compileRules([base]);
          const started = performance.now();
          ruleSet.match({
            time: '',
            shape: 'flat',
            logsource: {},
            data: { F: `${'a'.repeat(length)}!` },
          });
          expect(performance.now() - started).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});

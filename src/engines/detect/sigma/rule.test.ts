import { describe, expect, it } from 'vitest';
import { MAX_LIST_VALUES } from './limits.js';
import { parseSigmaRule } from './rule.js';

const parse = (text: string) => parseSigmaRule(text, { source: 'test.yml' });

const FULL = `title: Suspicious Encoded PowerShell
id: 8d3a1c52-0000-4000-8000-000000000001
name: encoded_powershell
status: test
level: high
description: Encoded command lines
author: Someone
date: 2023/01/31
modified: 2024-02-01
references:
  - https://example.org/a
tags:
  - attack.execution
  - attack.t1059.001
  - attack.defense_evasion
  - attack.g0007
  - attack.s0001
  - cve.2021-44228
logsource:
  product: windows
  category: process_creation
detection:
  sel_img:
    Image|endswith:
      - '\\powershell.exe'
      - '\\pwsh.exe'
  sel_cli:
    CommandLine|contains|all:
      - ' -enc'
      - 'JAB*'
    Count|gte: 3
  filter_any:
    - ParentImage: 'C:\\Windows\\*'
    - User: null
  keywords:
    - 'mimikatz'
    - 42
  condition: all of sel_* and not filter_any or keywords
falsepositives:
  - Admin scripts
fields:
  - CommandLine
`;

describe('parseSigmaRule', () => {
  it('reads metadata, ATT&CK tags and logsource', () => {
    const { rule, problems } = parse(FULL);
    expect(problems).toEqual([]);
    expect(rule).toMatchObject({
      id: '8d3a1c52-0000-4000-8000-000000000001',
      name: 'encoded_powershell',
      title: 'Suspicious Encoded PowerShell',
      status: 'test',
      level: 'high',
      author: 'Someone',
      date: '2023-01-31',
      modified: '2024-02-01',
      references: ['https://example.org/a'],
      falsepositives: ['Admin scripts'],
      fields: ['CommandLine'],
      logsource: { product: 'windows', category: 'process_creation' },
      attack: {
        techniques: ['T1059.001'],
        tactics: ['execution', 'defense-evasion'],
        groups: ['G0007'],
        software: ['S0001'],
      },
    });
    expect(rule?.tags).toContain('cve.2021-44228');
  });

  it('reads maps as AND, lists of maps as OR, lists of values as keywords', () => {
    const searches = parse(FULL).rule?.detection.searches;
    expect(searches?.get('sel_img')).toEqual({
      kind: 'fields',
      conditions: [
        { field: 'Image', modifiers: ['endswith'], values: ['\\powershell.exe', '\\pwsh.exe'] },
      ],
    });
    expect(searches?.get('sel_cli')).toEqual({
      kind: 'fields',
      conditions: [
        { field: 'CommandLine', modifiers: ['contains', 'all'], values: [' -enc', 'JAB*'] },
        { field: 'Count', modifiers: ['gte'], values: [3] },
      ],
    });
    expect(searches?.get('filter_any')).toEqual({
      kind: 'anyOf',
      alternatives: [
        {
          kind: 'fields',
          conditions: [{ field: 'ParentImage', modifiers: [], values: ['C:\\Windows\\*'] }],
        },
        { kind: 'fields', conditions: [{ field: 'User', modifiers: [], values: [null] }] },
      ],
    });
    expect(searches?.get('keywords')).toEqual({ kind: 'keywords', values: ['mimikatz', 42] });
  });

  it('parses the condition with precedence and expanded patterns', () => {
    expect(parse(FULL).rule?.detection.condition).toEqual({
      kind: 'or',
      children: [
        {
          kind: 'and',
          children: [
            { kind: 'of', quantifier: 'all', pattern: 'sel_*', names: ['sel_img', 'sel_cli'] },
            { kind: 'not', child: { kind: 'ref', name: 'filter_any' } },
          ],
        },
        { kind: 'ref', name: 'keywords' },
      ],
    });
  });

  it('accepts regular expressions with flags, exists, cidr and fieldref', () => {
    const { rule, problems } = parse(`title: t
logsource: {product: linux}
detection:
  sel:
    cmd|re|i: '^curl .*\\|sh$'
    DestinationIp|cidr: 10.0.0.0/8
    Extra|exists: true
    Target|fieldref: Source
  condition: sel
`);
    expect(problems).toEqual([]);
    expect(rule?.detection.searches.get('sel')).toMatchObject({
      conditions: [
        { field: 'cmd', modifiers: ['re', 'i'] },
        { field: 'DestinationIp', modifiers: ['cidr'] },
        { field: 'Extra', modifiers: ['exists'], values: [true] },
        { field: 'Target', modifiers: ['fieldref'], values: ['Source'] },
      ],
    });
  });

  it('reports an unknown modifier with the rule id and field, and drops the rule', () => {
    const { rule, problems } = parse(`title: t
id: abc
logsource: {product: linux}
detection:
  sel:
    cmd|contians: x
  condition: sel
`);
    expect(rule).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'WL_SIGMA_MODIFIER_UNKNOWN',
      ruleId: 'abc',
      field: 'cmd',
      severity: 'error',
      source: 'test.yml',
      line: 1,
    });
    expect(problems[0]?.message).toContain('contians');
  });

  it('reports misused modifiers', () => {
    const rule = (key: string, value: string) =>
      `title: t\nlogsource: {product: x}\ndetection:\n  sel:\n    ${key}: ${value}\n  condition: sel\n`;
    expect(parse(rule('a|i', 'x')).problems[0]?.code).toBe('WL_SIGMA_MODIFIER_INVALID');
    expect(parse(rule('a|gt', 'x')).problems[0]?.code).toBe('WL_SIGMA_MODIFIER_INVALID');
    expect(parse(rule('a|exists', 'yes')).problems[0]?.code).toBe('WL_SIGMA_MODIFIER_INVALID');
    expect(parse(rule('a|re', `'${'a'.repeat(5000)}'`)).problems[0]?.code).toBe(
      'WL_SIGMA_MODIFIER_INVALID',
    );
  });

  it('reports an unknown identifier in the condition', () => {
    const { rule, problems } = parse(
      'title: t\nlogsource: {product: x}\ndetection:\n  sel: {a: 1}\n  condition: sel and filter\n',
    );
    expect(rule).toBeNull();
    expect(problems[0]?.code).toBe('WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER');
  });

  it('reports missing sections', () => {
    expect(
      parse('logsource: {product: x}\ndetection: {sel: {a: 1}, condition: sel}\n').problems[0]
        ?.code,
    ).toBe('WL_SIGMA_FIELD_MISSING');
    expect(parse('title: t\ndetection: {sel: {a: 1}, condition: sel}\n').problems[0]?.field).toBe(
      'logsource',
    );
    expect(parse('title: t\nlogsource: {}\ndetection: {sel: {a: 1}}\n').problems[0]?.field).toBe(
      'condition',
    );
    expect(parse('- a\n- b\n').problems[0]?.code).toBe('WL_SIGMA_NOT_A_RULE');
    expect(parse('').problems[0]?.code).toBe('WL_SIGMA_NOT_A_RULE');
  });

  it('keeps a rule with an unknown level as a warning', () => {
    const { rule, problems } = parse(
      'title: t\nlevel: severe\nlogsource: {}\ndetection: {sel: {a: 1}, condition: sel}\n',
    );
    expect(rule?.level).toBeUndefined();
    expect(problems).toMatchObject([
      { code: 'WL_SIGMA_FIELD_INVALID', severity: 'warning', field: 'level' },
    ]);
  });

  it('reads a rule and its correlation from one multi-document file', () => {
    const { rules, correlations, problems } = parse(`title: Failed logon
name: failed_logon
logsource: {product: windows, service: security}
detection:
  sel: {EventID: 4625}
  condition: sel
---
title: Many failed logons
id: corr-1
level: high
correlation:
  type: value_count
  rules: [failed_logon]
  group-by: [IpAddress]
  timespan: 5m
  condition:
    gte: 10
    field: TargetUserName
  generate: true
  aliases:
    ip:
      failed_logon: IpAddress
`);
    expect(problems).toEqual([]);
    expect(rules.map((rule) => rule.name)).toEqual(['failed_logon']);
    expect(correlations).toHaveLength(1);
    expect(correlations[0]).toMatchObject({
      id: 'corr-1',
      type: 'value_count',
      rules: ['failed_logon'],
      groupBy: ['IpAddress'],
      timespan: '5m',
      timespanSeconds: 300,
      condition: { operator: 'gte', value: 10, field: 'TargetUserName' },
      generate: true,
    });
    expect(correlations[0]?.aliases.get('ip')?.get('failed_logon')).toBe('IpAddress');
  });

  it('reads temporal correlations without a condition and rejects bad ones', () => {
    const corr = (body: string) => parse(`title: c\ncorrelation:\n${body}`);
    expect(
      corr('  type: temporal_ordered\n  rules: [a, b]\n  group-by: [h]\n  timespan: 1h\n')
        .correlations[0],
    ).toMatchObject({ type: 'temporal_ordered', timespanSeconds: 3600 });
    expect(corr('  type: sum\n  rules: [a]\n  timespan: 1h\n').problems[0]?.code).toBe(
      'WL_SIGMA_CORRELATION_INVALID',
    );
    expect(corr('  type: event_count\n  rules: [a]\n  timespan: soon\n').problems[0]?.field).toBe(
      'timespan',
    );
    expect(corr('  type: event_count\n  rules: [a]\n  timespan: 1h\n').problems[0]?.field).toBe(
      'condition',
    );
    expect(
      corr('  type: value_count\n  rules: [a]\n  timespan: 1h\n  condition: {gt: 3}\n').problems[0]
        ?.message,
    ).toContain('field');
  });

  it('keeps good documents when another in the file is bad', () => {
    const { rules, problems } = parse(
      'title: a\nlogsource: {}\ndetection: {s: {x: 1}, condition: s}\n---\ntitle: b\nlogsource: {}\ndetection: {s: {x: 1}, condition: t}\n',
    );
    expect(rules.map((rule) => rule.title)).toEqual(['a']);
    expect(problems).toMatchObject([{ code: 'WL_SIGMA_CONDITION_UNKNOWN_IDENTIFIER', line: 4 }]);
  });

  it('reports removed rule collections', () => {
    expect(parse('action: global\ntitle: x\n').problems[0]?.code).toBe(
      'WL_SIGMA_COLLECTION_UNSUPPORTED',
    );
  });
});

describe('hostile input', () => {
  it('rejects a value list over the cap', () => {
    const values = Array.from({ length: 100_000 }, (_, index) => `v${index}`).join(', ');
    const { rule, problems } = parse(
      `title: t\nlogsource: {}\ndetection:\n  s: {a: [${values}]}\n  condition: s\n`,
    );
    expect(rule).toBeNull();
    expect(problems[0]?.code).toBe('WL_SIGMA_LIMIT_EXCEEDED');
    expect(problems[0]?.message).toContain(String(MAX_LIST_VALUES));
  });

  it('rejects deep nesting without overflowing the stack', () => {
    const deep = `title: t\nlogsource: {}\ndetection:\n  s: ${'['.repeat(3000)}1${']'.repeat(3000)}\n  condition: s\n`;
    const result = parse(deep);
    expect(result.rule).toBeNull();
    expect(result.problems[0]?.code).toBe('WL_SIGMA_LIMIT_EXCEEDED');
    const block = Array.from({ length: 400 }, (_, index) => `${' '.repeat(index + 2)}- `).join(
      '\n',
    );
    expect(parse(`title: t\nx:\n${block}1\n`).problems[0]?.code).toBe('WL_SIGMA_LIMIT_EXCEEDED');
    const nested = `title: t\nx: ${'{a: '.repeat(20)}1${'}'.repeat(20)}\n`;
    expect(parse(nested).problems[0]?.code).toBe('WL_SIGMA_LIMIT_EXCEEDED');
  });

  it('rejects an alias bomb', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let index = 1; index < 10; index += 1) {
      const previous = `*a${index - 1}`;
      lines.push(`a${index}: &a${index} [${Array(10).fill(previous).join(', ')}]`);
    }
    const { rule, problems } = parse(`title: t\n${lines.join('\n')}\n`);
    expect(rule).toBeNull();
    expect(problems[0]?.code).toBe('WL_SIGMA_ALIAS_LIMIT');
  });

  it('rejects text over the size cap and custom tags', () => {
    expect(parse(`title: ${'a'.repeat(1_000_001)}`).problems[0]?.code).toBe(
      'WL_SIGMA_INPUT_TOO_LARGE',
    );
    const tagged = parse(
      'title: !!js/function "x"\nlogsource: {}\ndetection: {s: {a: 1}, condition: s}\n',
    );
    expect(tagged.problems[0]?.code).toBe('WL_SIGMA_YAML_INVALID');
    expect(tagged.rule?.title).toBe('x');
  });

  it('rejects duplicate keys', () => {
    expect(parse('title: a\ntitle: b\n').problems[0]?.code).toBe('WL_SIGMA_YAML_INVALID');
  });
});

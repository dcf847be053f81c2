import { describe, expect, it } from 'vitest';
import type { EventData } from '../../../domain/detection.js';
import { compileRules } from './compile.js';
import { eventOf, ruleOf } from './test-helpers.js';

/** Whether a detection (YAML) fires on flat data. */
function fires(detection: string, data: EventData, placeholders?: Map<string, string[]>): boolean {
  const { ruleSet, problems } = compileRules([ruleOf(detection)], { placeholders });
  expect(problems).toEqual([]);
  return ruleSet.match(eventOf(data)).length === 1;
}

function problemOf(detection: string): string | undefined {
  return compileRules([ruleOf(detection)]).problems[0]?.code;
}

describe('plain values and wildcards', () => {
  const sel = "sel:\n  Image: 'C:\\Windows\\cmd.exe'\ncondition: sel";
  it('equals case-insensitively by default', () => {
    expect(fires(sel, { Image: 'c:\\windows\\CMD.EXE' })).toBe(true);
    expect(fires(sel, { Image: 'c:\\windows\\cmd.exe2' })).toBe(false);
  });
  it('reads * and ? and their escapes', () => {
    expect(fires("sel:\n  Image: '*\\cm?.exe'\ncondition: sel", { Image: 'x\\cmd.exe' })).toBe(
      true,
    );
    expect(fires("sel:\n  Image: '*\\cm?.exe'\ncondition: sel", { Image: 'x\\cm.exe' })).toBe(
      false,
    );
    expect(fires("sel:\n  F: 'a\\*b'\ncondition: sel", { F: 'a*b' })).toBe(true);
    expect(fires("sel:\n  F: 'a\\*b'\ncondition: sel", { F: 'axxb' })).toBe(false);
    expect(fires("sel:\n  F: 'a*b*c'\ncondition: sel", { F: 'a--b--c' })).toBe(true);
    expect(fires("sel:\n  F: 'a*b*c'\ncondition: sel", { F: 'a--c--b' })).toBe(false);
  });
  it('treats a list as OR and a map as AND', () => {
    const list = 'sel:\n  F:\n    - a\n    - b\ncondition: sel';
    expect(fires(list, { F: 'b' })).toBe(true);
    expect(fires(list, { F: 'c' })).toBe(false);
    const map = 'sel:\n  F: a\n  G: b\ncondition: sel';
    expect(fires(map, { F: 'a', G: 'b' })).toBe(true);
    expect(fires(map, { F: 'a', G: 'c' })).toBe(false);
  });
  it('compares numbers with numeric text', () => {
    expect(fires('sel:\n  EventID: 4624\ncondition: sel', { EventID: '4624' })).toBe(true);
    expect(fires('sel:\n  EventID: 4624\ncondition: sel', { EventID: 4624 })).toBe(true);
    expect(fires('sel:\n  EventID: 4624\ncondition: sel', { EventID: '4625' })).toBe(false);
    expect(fires("sel:\n  EventID: '4624'\ncondition: sel", { EventID: 4624 })).toBe(true);
  });
  it('matches null when the field is absent or null', () => {
    const sel = 'sel:\n  F: null\ncondition: sel';
    expect(fires(sel, { G: 1 })).toBe(true);
    expect(fires(sel, { F: null })).toBe(true);
    expect(fires(sel, { F: '' })).toBe(false);
  });
  it('matches any element of an array value', () => {
    expect(fires('sel:\n  F: b\ncondition: sel', { F: ['a', 'b'] })).toBe(true);
    expect(fires('sel:\n  F: c\ncondition: sel', { F: ['a', 'b'] })).toBe(false);
  });
  it('follows dotted paths into nested objects', () => {
    expect(fires('sel:\n  src.ip: 10.0.0.1\ncondition: sel', { src: { ip: '10.0.0.1' } })).toBe(
      true,
    );
  });
  it('matches booleans with text', () => {
    expect(fires('sel:\n  F: true\ncondition: sel', { F: 'True' })).toBe(true);
    expect(fires('sel:\n  F: true\ncondition: sel', { F: false })).toBe(false);
  });
});

describe('string modifiers', () => {
  it('contains, startswith, endswith', () => {
    expect(fires('sel:\n  F|contains: mid\ncondition: sel', { F: 'aMIDb' })).toBe(true);
    expect(fires('sel:\n  F|contains: mid\ncondition: sel', { F: 'amdb' })).toBe(false);
    expect(fires('sel:\n  F|startswith: ab\ncondition: sel', { F: 'ABc' })).toBe(true);
    expect(fires('sel:\n  F|startswith: ab\ncondition: sel', { F: 'cab' })).toBe(false);
    expect(fires('sel:\n  F|endswith: bc\ncondition: sel', { F: 'aBC' })).toBe(true);
    expect(fires('sel:\n  F|endswith: bc\ncondition: sel', { F: 'bca' })).toBe(false);
  });
  it('all requires every value', () => {
    const sel = 'sel:\n  F|contains|all:\n    - a\n    - b\ncondition: sel';
    expect(fires(sel, { F: 'xaxbx' })).toBe(true);
    expect(fires(sel, { F: 'xax' })).toBe(false);
  });
  it('cased compares case-sensitively', () => {
    expect(fires('sel:\n  F|cased: Abc\ncondition: sel', { F: 'Abc' })).toBe(true);
    expect(fires('sel:\n  F|cased: Abc\ncondition: sel', { F: 'abc' })).toBe(false);
  });
  it('windash covers -, /, en dash, em dash and horizontal bar', () => {
    const sel = "sel:\n  F|windash|contains: ' -enc '\ncondition: sel";
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(fires(sel, { F: `powershell ${dash}enc abc` })).toBe(true);
    }
    expect(fires(sel, { F: 'powershell +enc abc' })).toBe(false);
  });
  it('base64 and base64offset', () => {
    const text = Buffer.from('xx http://evil').toString('base64');
    expect(fires('sel:\n  F|base64offset|contains: http\ncondition: sel', { F: text })).toBe(true);
    expect(fires('sel:\n  F|base64offset|contains: ftp\ncondition: sel', { F: text })).toBe(false);
    const whole = Buffer.from('hello').toString('base64');
    expect(fires('sel:\n  F|base64: hello\ncondition: sel', { F: whole })).toBe(true);
    expect(fires('sel:\n  F|base64: hellO\ncondition: sel', { F: whole })).toBe(false);
  });
  it('utf16le/wide with base64offset finds PowerShell -enc payloads', () => {
    const payload = Buffer.from('IEX (New-Object Net.WebClient)', 'utf16le').toString('base64');
    const sel = 'sel:\n  F|wide|base64offset|contains: Net.WebClient\ncondition: sel';
    expect(fires(sel, { F: `powershell -enc ${payload}` })).toBe(true);
    const utf8 = Buffer.from('IEX (New-Object Net.WebClient)').toString('base64');
    expect(fires(sel, { F: `powershell -enc ${utf8}` })).toBe(false);
    const be = 'sel:\n  F|utf16be|base64offset|contains: WebClient\ncondition: sel';
    const bePayload = Buffer.from('IEX WebClient', 'utf16le').swap16().toString('base64');
    expect(fires(be, { F: bePayload })).toBe(true);
    const bom = 'sel:\n  F|utf16|base64: ab\ncondition: sel';
    expect(fires(bom, { F: Buffer.from('\ufeffab', 'utf16le').toString('base64') })).toBe(true);
  });
  it('base64 of a wildcard value is a problem', () => {
    expect(problemOf("sel:\n  F|base64: 'a*'\ncondition: sel")).toBe('WL_DETECT_VALUE_UNSUPPORTED');
  });
});

describe('regular expressions', () => {
  it('re searches, case-sensitive unless i', () => {
    expect(fires("sel:\n  F|re: 'a.c'\ncondition: sel", { F: 'xxabcxx' })).toBe(true);
    expect(fires("sel:\n  F|re: 'a.c'\ncondition: sel", { F: 'ABC' })).toBe(false);
    expect(fires("sel:\n  F|re|i: 'a.c'\ncondition: sel", { F: 'ABC' })).toBe(true);
  });
  it('m and s flags', () => {
    expect(fires("sel:\n  F|re|m: '^b$'\ncondition: sel", { F: 'a\nb\nc' })).toBe(true);
    expect(fires("sel:\n  F|re: '^b$'\ncondition: sel", { F: 'a\nb\nc' })).toBe(false);
    expect(fires("sel:\n  F|re|s: 'a.b'\ncondition: sel", { F: 'a\nb' })).toBe(true);
    expect(fires("sel:\n  F|re: 'a.b'\ncondition: sel", { F: 'a\nb' })).toBe(false);
  });
  it('runs a hostile pattern in linear time', () => {
    const started = performance.now();
    expect(fires("sel:\n  F|re: '(a+)+$'\ncondition: sel", { F: `${'a'.repeat(30)}b` })).toBe(
      false,
    );
    expect(fires("sel:\n  F|re: '(a|aa)*c'\ncondition: sel", { F: 'a'.repeat(5000) })).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it('reports backreferences and lookaround, which no linear engine runs', () => {
    expect(problemOf("sel:\n  F|re: '(a)\\1'\ncondition: sel")).toBe('WL_DETECT_REGEX_UNSUPPORTED');
    expect(problemOf("sel:\n  F|re: 'a(?!b)'\ncondition: sel")).toBe('WL_DETECT_REGEX_UNSUPPORTED');
  });
  it('accepts inline flags through re2js', () => {
    expect(fires("sel:\n  F|re: '(?i)abc'\ncondition: sel", { F: 'ABC' })).toBe(true);
  });
});

describe('cidr, exists, comparisons, fieldref, expand', () => {
  it('cidr for IPv4 and IPv6', () => {
    const v4 = "sel:\n  Ip|cidr: '10.0.0.0/8'\ncondition: sel";
    expect(fires(v4, { Ip: '10.200.3.4' })).toBe(true);
    expect(fires(v4, { Ip: '11.0.0.1' })).toBe(false);
    expect(fires(v4, { Ip: '::ffff:10.1.1.1' })).toBe(true);
    const v6 = "sel:\n  Ip|cidr: 'fe80::/10'\ncondition: sel";
    expect(fires(v6, { Ip: 'fe80::1:2' })).toBe(true);
    expect(fires(v6, { Ip: 'fec0::1' })).toBe(false);
    expect(
      fires("sel:\n  Ip|cidr: '2001:db8::/32'\ncondition: sel", { Ip: '2001:0db8:0:0:0:0:0:1' }),
    ).toBe(true);
    expect(problemOf("sel:\n  Ip|cidr: '10.0.0.0/40'\ncondition: sel")).toBe(
      'WL_DETECT_VALUE_UNSUPPORTED',
    );
  });
  it('exists', () => {
    expect(fires('sel:\n  F|exists: true\ncondition: sel', { F: '' })).toBe(true);
    expect(fires('sel:\n  F|exists: true\ncondition: sel', { G: 'x' })).toBe(false);
    expect(fires('sel:\n  F|exists: false\ncondition: sel', { G: 'x' })).toBe(true);
  });
  it('gt, gte, lt, lte on numbers and numeric text', () => {
    expect(fires('sel:\n  N|gt: 5\ncondition: sel', { N: '6' })).toBe(true);
    expect(fires('sel:\n  N|gt: 5\ncondition: sel', { N: 5 })).toBe(false);
    expect(fires('sel:\n  N|gte: 5\ncondition: sel', { N: 5 })).toBe(true);
    expect(fires('sel:\n  N|lt: 5\ncondition: sel', { N: 4 })).toBe(true);
    expect(fires('sel:\n  N|lte: 5\ncondition: sel', { N: 6 })).toBe(false);
    expect(fires('sel:\n  N|lt: 5\ncondition: sel', { N: 'abc' })).toBe(false);
  });
  it('fieldref compares two fields', () => {
    expect(fires('sel:\n  A|fieldref: B\ncondition: sel', { A: 'x', B: 'X' })).toBe(true);
    expect(fires('sel:\n  A|fieldref: B\ncondition: sel', { A: 'x', B: 'y' })).toBe(false);
    expect(
      fires('sel:\n  A|fieldref|endswith: B\ncondition: sel', { A: 'c:\\x.exe', B: 'x.exe' }),
    ).toBe(true);
  });
  it('expand substitutes placeholders, and an unknown one is a problem', () => {
    const sel = "sel:\n  Host|expand: '%dc%'\ncondition: sel";
    const placeholders = new Map([['dc', ['DC1', 'DC2']]]);
    expect(fires(sel, { Host: 'dc2' }, placeholders)).toBe(true);
    expect(fires(sel, { Host: 'dc3' }, placeholders)).toBe(false);
    expect(problemOf(sel)).toBe('WL_DETECT_PLACEHOLDER_UNKNOWN');
  });
});

describe('keywords and conditions', () => {
  it('keywords search every value of the event', () => {
    const sel = 'keywords:\n  - mimikatz\n  - "sekurlsa::*"\ncondition: keywords';
    expect(fires(sel, { a: { b: ['x', 'run Mimikatz now'] } })).toBe(true);
    expect(fires(sel, { msg: 'sekurlsa::logonpasswords' })).toBe(true);
    expect(fires(sel, { msg: 'nothing' })).toBe(false);
  });
  it('a keyword-style field condition with modifiers', () => {
    expect(fires("sel:\n  '|contains': evil\ncondition: sel", { x: 'so evil' })).toBe(true);
  });
  const searches = 'a:\n  F: 1\nb:\n  G: 1\nfilter_x:\n  H: 1\n';
  it('and, or, not, parentheses', () => {
    expect(fires(`${searches}condition: a and not b`, { F: 1 })).toBe(true);
    expect(fires(`${searches}condition: a and not b`, { F: 1, G: 1 })).toBe(false);
    expect(fires(`${searches}condition: a or b`, { G: 1 })).toBe(true);
    expect(fires(`${searches}condition: not (a or b)`, { H: 1 })).toBe(true);
    expect(fires(`${searches}condition: not (a or b)`, { F: 1 })).toBe(false);
  });
  it('1 of, all of, them', () => {
    expect(fires(`${searches}condition: 1 of filter_*`, { H: 1 })).toBe(true);
    expect(fires(`${searches}condition: all of them`, { F: 1, G: 1 })).toBe(false);
    expect(fires(`${searches}condition: all of them`, { F: 1, G: 1, H: 1 })).toBe(true);
    expect(fires(`${searches}condition: 1 of them`, { G: 1 })).toBe(true);
    expect(fires(`${searches}condition: 1 of them`, { X: 1 })).toBe(false);
  });
  it('a list of maps is OR', () => {
    const sel = 'sel:\n  - F: 1\n  - G: 2\ncondition: sel';
    expect(fires(sel, { G: 2 })).toBe(true);
    expect(fires(sel, { G: 1 })).toBe(false);
  });
});

describe('log sources', () => {
  it('a rule sees events whose log source has every attribute it names', () => {
    const rule = ruleOf(
      'sel:\n  F: 1\ncondition: sel',
      'product: windows\ncategory: process_creation',
    );
    const { ruleSet } = compileRules([rule]);
    const data = { F: 1 };
    expect(
      ruleSet.match(
        eventOf(data, { product: 'windows', category: 'process_creation', service: 'sysmon' }),
      ),
    ).toHaveLength(1);
    expect(ruleSet.match(eventOf(data, { product: 'windows' }))).toHaveLength(0);
    expect(
      ruleSet.match(eventOf(data, { product: 'linux', category: 'process_creation' })),
    ).toHaveLength(0);
    expect(
      ruleSet.match(eventOf(data, { product: 'windows', category: 'x' }), {
        alsoCategories: ['process_creation'],
      }),
    ).toHaveLength(1);
  });
  it('carries the rule summary', () => {
    const { ruleSet } = compileRules([ruleOf('sel:\n  F: 1\ncondition: sel')]);
    expect(ruleSet.rules[0]?.summary).toMatchObject({
      ruleId: '00000000-0000-0000-0000-000000000001',
      title: 't',
      level: 'medium',
    });
  });
});

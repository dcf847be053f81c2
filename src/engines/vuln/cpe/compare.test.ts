/**
 * Name matching per NISTIR 7696: every line of Table 6-2, the Table 6-3 example, the Internet
 * Explorer example of §1 and the CPE 2.2 example of Appendix B.
 */
import { describe, expect, it } from 'vitest';
import { compareAttribute, compareCpeNames, cpeCovers } from './compare.js';
import { parseCpe } from './parse.js';
import { CpeParseError, type CpeName } from './types.js';

function name(text: string): CpeName {
  const parsed = parseCpe(text);
  if (parsed instanceof CpeParseError) throw new Error(`${text}: ${parsed.code}`);
  return parsed;
}

describe('attribute comparison (Table 6-2)', () => {
  it.each([
    [1, '*', '*', 'EQUAL'],
    [2, '*', '-', 'SUPERSET'],
    [3, '*', 'foo', 'SUPERSET'],
    [4, '*', '*b??', 'UNDEFINED'],
    [5, '-', '*', 'SUBSET'],
    [6, '-', '-', 'EQUAL'],
    [7, '-', 'foo', 'DISJOINT'],
    [8, '-', '*b??', 'UNDEFINED'],
    [9, 'foo', 'foo', 'EQUAL'],
    [10, 'foo', 'bar', 'DISJOINT'],
    [11, 'foo', '*b??', 'UNDEFINED'],
    [12, 'foo', '-', 'DISJOINT'],
    [13, 'foo', '*', 'SUBSET'],
    [14, '9.*', '9.3', 'SUPERSET'],
    [14, '9.*', '8.3', 'DISJOINT'],
    [15, '*b??', '*', 'SUBSET'],
    [16, '*b??', '-', 'DISJOINT'],
    [17, '*b??', 'b?', 'UNDEFINED'],
  ] as const)('line %i: %s vs %s is %s', (_line, source, target, relation) => {
    expect(compareAttribute(source, target)).toBe(relation);
  });

  it('treats * as zero or more characters and ? as zero or one (§6.3)', () => {
    expect(compareAttribute('sp?', 'sp')).toBe('SUPERSET');
    expect(compareAttribute('sp?', 'sp1')).toBe('SUPERSET');
    expect(compareAttribute('sp?', 'sp12')).toBe('DISJOINT');
    expect(compareAttribute('??foo', 'xyfoo')).toBe('SUPERSET');
    expect(compareAttribute('??foo', 'wxyfoo')).toBe('DISJOINT');
    expect(compareAttribute('*foo', 'barfoo')).toBe('SUPERSET');
    expect(compareAttribute('*foo*', 'xfooy')).toBe('SUPERSET');
    expect(compareAttribute('*foo', 'foobar')).toBe('DISJOINT');
    expect(compareAttribute('8.*', '8.0.6001')).toBe('SUPERSET');
    expect(compareAttribute('*b??', 'abc')).toBe('SUPERSET');
  });

  it('counts a quoted pair as one character and never splits it', () => {
    expect(compareAttribute('?b', '\\!b')).toBe('SUPERSET');
    expect(compareAttribute('b?', 'b\\!')).toBe('SUPERSET');
    expect(compareAttribute('b?', 'b\\!\\!')).toBe('DISJOINT');
    expect(compareAttribute('\\?', '\\?')).toBe('EQUAL');
    expect(compareAttribute('a\\??', 'a\\?x')).toBe('SUPERSET');
    expect(compareAttribute('a\\??', 'ax')).toBe('DISJOINT');
    expect(compareAttribute('*\\\\', 'x\\\\')).toBe('SUPERSET');
  });
});

describe('name comparison (Table 6-4)', () => {
  it('gives the Table 6-3 attribute relations', () => {
    const result = compareCpeNames(
      name('cpe:2.3:a:adobe:*:9.*:*:palmos:*:*:*:*:*'),
      name('cpe:2.3:a:*:reader:9.3.2:-:-:*:*:*:*:*'),
    );
    expect(result.attributes).toMatchObject({
      part: 'EQUAL',
      vendor: 'SUBSET',
      product: 'SUPERSET',
      version: 'SUPERSET',
      update: 'SUPERSET',
      edition: 'DISJOINT',
    });
    expect(result.relation).toBe('DISJOINT');
  });

  it('finds Internet Explorer 8 installed (§1)', () => {
    const source = name('cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*');
    const target = name('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:-:-:en-us:*:*:*:*');
    expect(compareCpeNames(source, target).relation).toBe('SUPERSET');
    expect(cpeCovers(source, target)).toBe(true);
    expect(compareCpeNames(target, source).relation).toBe('UNDEFINED');
  });

  it('reproduces CPE 2.2 matching (Appendix B)', () => {
    const x = name('cpe:/o:microsoft:windows_2000');
    expect(compareCpeNames(x, name('cpe:/o:microsoft:windows_2000::sp3:pro')).relation).toBe(
      'SUPERSET',
    );
    expect(compareCpeNames(x, name('cpe:/a:microsoft:ie:5.5')).relation).toBe('DISJOINT');
  });

  it('names EQUAL, SUBSET and mixed relations', () => {
    const a = name('cpe:2.3:a:acme:pump:1.0:*:*:*:*:*:*:*');
    const b = name('cpe:2.3:a:acme:pump:*:*:*:*:*:*:*:*');
    expect(compareCpeNames(a, a).relation).toBe('EQUAL');
    expect(compareCpeNames(a, b).relation).toBe('SUBSET');
    expect(compareCpeNames(b, a).relation).toBe('SUPERSET');
    const c = name('cpe:2.3:a:acme:*:1.0:*:*:*:*:*:*:*');
    expect(compareCpeNames(b, c).relation).toBe('UNDEFINED');
    expect(cpeCovers(b, c)).toBe(false);
  });
});

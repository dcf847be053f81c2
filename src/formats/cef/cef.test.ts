import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatCef } from './index.js';

describe('formatCef', () => {
  it('writes the seven header fields and the extension', () => {
    const line = formatCef({
      vendor: 'Wardline',
      product: 'Wardline',
      version: '0.1.0',
      signatureId: 'rule-1',
      name: 'Shadow copies deleted',
      severity: 9,
      extension: [
        ['rt', 1_700_000_000_000],
        ['dhost', 'WS-0042'],
      ],
    });
    expect(line).toBe(
      'CEF:0|Wardline|Wardline|0.1.0|rule-1|Shadow copies deleted|9|rt=1700000000000 dhost=WS-0042',
    );
  });

  it('escapes pipes in the header and equals signs, backslashes and newlines in values', () => {
    const line = formatCef({
      vendor: 'A|B',
      product: 'C\\D',
      version: '1',
      signatureId: 'x',
      name: 'line\nbreak',
      severity: 42,
      extension: [['msg', 'a=b\\c\nd']],
    });
    expect(line).toBe('CEF:0|A\\|B|C\\\\D|1|x|line break|10|msg=a\\=b\\\\c\\nd');
  });

  it('refuses an extension key that would break the line', () => {
    expect(() =>
      formatCef({
        vendor: 'a',
        product: 'b',
        version: '1',
        signatureId: 'x',
        name: 'n',
        severity: 1,
        extension: [['bad key', 'v']],
      }),
    ).toThrow(/extension key/);
  });

  it('never lets a value add a header field or a line', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, value) => {
        const line = formatCef({
          vendor: 'v',
          product: 'p',
          version: '1',
          signatureId: 's',
          name,
          severity: 5,
          extension: [['msg', value]],
        });
        expect(line).not.toMatch(/[\r\n]/);
        const unescapedPipes = line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|');
        expect(unescapedPipes.length).toBeGreaterThanOrEqual(8);
        expect(unescapedPipes.slice(0, 7).join('|').startsWith('CEF:0|v|p|1|s|')).toBe(true);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { ByteView } from './bytes.js';
import { EvtxJsonBuilder } from './json-builder.js';
import { decodeValue } from './values.js';

function decode(type: number, bytes: number[]): unknown {
  return decodeValue(new ByteView(Uint8Array.from(bytes)), type, 0, bytes.length);
}

const utf16 = (s: string) =>
  Array.from(s, (c) => c).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);

describe('value types', () => {
  it.each([
    ['null', 0x00, [1, 2], null],
    [
      'string, trailing space dropped, cut at NUL',
      0x01,
      [...utf16('cmd.exe \t'), 0, 0, 0x41, 0],
      'cmd.exe',
    ],
    ['ansi string (windows-1252), NULs dropped', 0x02, [0x41, 0xe9, 0, 0x42], 'AéB'],
    ['int8', 0x03, [0xff], -1],
    ['uint8', 0x04, [0xff], 255],
    ['int16', 0x05, [0xfe, 0xff], -2],
    ['uint16', 0x06, [0x10, 0x12], 4624],
    ['int32', 0x07, [0xfb, 0xff, 0xff, 0xff], -5],
    ['uint32', 0x08, [0xff, 0xff, 0xff, 0xff], 4294967295],
    ['int64', 0x09, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], -1],
    ['uint64, safe', 0x0a, [1, 0, 0, 0, 1, 0, 0, 0], 4294967297],
    [
      'uint64, past 2^53 as decimal text',
      0x0a,
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
      '18446744073709551615',
    ],
    ['real32, shortest form', 0x0b, [0xcd, 0xcc, 0xcc, 0x3d], 0.1],
    ['real64', 0x0c, [0, 0, 0, 0, 0, 0, 0xf8, 0x3f], 1.5],
    ['bool', 0x0d, [1, 0, 0, 0], true],
    ['binary, upper-case hex', 0x0e, [0x4e, 0x00, 0xab], '4E00AB'],
    [
      'GUID, upper case, no braces',
      0x0f,
      [
        0x5f, 0x38, 0x70, 0x57, 0x2a, 0xc2, 0xe0, 0x43, 0xbf, 0x4c, 0x06, 0xf5, 0x69, 0x8f, 0xfb,
        0xd9,
      ],
      '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
    ],
    ['size_t (4 bytes) as hex', 0x10, [0x78, 0x03, 0, 0], '0x378'],
    ['size_t (8 bytes) as hex', 0x10, [0xe7, 0x03, 0, 0, 0, 0, 0, 0], '0x3e7'],
    ['FILETIME 0 is 1601', 0x11, [0, 0, 0, 0, 0, 0, 0, 0], '1601-01-01T00:00:00.000000Z'],
    [
      'SYSTEMTIME',
      0x12,
      [0xe5, 0x07, 11, 0, 6, 0, 27, 0, 15, 0, 47, 0, 0, 0, 0x71, 0x01],
      '2021-11-27T15:47:00.369000Z',
    ],
    [
      'SYSTEMTIME, invalid month',
      0x12,
      [0xe5, 0x07, 13, 0, 6, 0, 27, 0, 15, 0, 47, 0, 0, 0, 0, 0],
      null,
    ],
    ['SID', 0x13, [1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0], 'S-1-5-18'],
    ['SID cut short', 0x13, [1, 2, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0], null],
    ['hex32', 0x14, [0x01, 0x00, 0x10, 0x00], '0x100001'],
    ['hex64', 0x15, [0x5f, 0xc6, 0xf4, 0x01, 0, 0, 0, 0], '0x1f4c65f'],
    ['uint16 array', 0x86, [1, 0, 2, 0], [1, 2]],
    [
      'string array keeps items as written',
      0x81,
      [...utf16('a '), 0, 0, 0, 0, ...utf16('b'), 0, 0],
      ['a ', '', 'b'],
    ],
    ['int32 with too few bytes', 0x07, [1, 2], null],
    ['EvtHandle has no JSON form', 0x20, [1, 2, 3, 4], null],
  ])('%s', (_, type, bytes, expected) => {
    expect(decode(type, bytes)).toEqual(expected);
  });
});

describe('JSON shape', () => {
  it('keeps repeated names as name, name_1…, the newest under the plain name', () => {
    const b = new EvtxJsonBuilder();
    b.open('Headers', []);
    for (const text of ['first', 'second', 'third']) {
      b.open('Header', []);
      b.text(text);
      b.close();
    }
    b.close();
    expect(b.root).toEqual({ Headers: { Header: 'third', Header_1: 'first', Header_2: 'second' } });
  });

  it('drops null attributes, writes #text beside attributes, null for an element with neither', () => {
    const b = new EvtxJsonBuilder();
    b.open('System', []);
    b.open('EventID', [['Qualifiers', 0]]);
    b.text(4624);
    b.close();
    b.open('Correlation', [['ActivityID', null]]);
    b.close();
    b.close();
    expect(b.root).toEqual({
      System: { EventID: { '#attributes': { Qualifiers: 0 }, '#text': 4624 }, Correlation: null },
    });
  });

  it('named Data by name, unnamed Data under #text, text pieces concatenated', () => {
    const b = new EvtxJsonBuilder();
    b.open('EventData', []);
    b.open('Data', [['Name', 'CommandLine']]);
    b.text('a ');
    b.text('&');
    b.text(' b');
    b.close();
    b.open('Data', []);
    b.text('x');
    b.close();
    b.open('Data', []);
    b.text('y');
    b.close();
    b.close();
    expect(b.root).toEqual({ EventData: { CommandLine: 'a & b', Data: { '#text': ['x', 'y'] } } });
  });

  it('renames keys that could poison an object', () => {
    const b = new EvtxJsonBuilder();
    b.open('__proto__', [['constructor', 'x']]);
    b.close();
    expect(Object.getPrototypeOf(b.root)).toBe(Object.prototype);
    expect(b.root).toEqual({ ___proto__: { '#attributes': { _constructor: 'x' } } });
  });
});

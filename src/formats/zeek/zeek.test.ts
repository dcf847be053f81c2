/**
 * Zeek ASCII (TSV) and JSON logs written by hand after the Zeek logging framework documentation
 * (docs.zeek.org, `base/frameworks/logging/writers/ascii.zeek`, Zeek 6–8): the `#separator \x09`
 * header block, typed columns, `-` unset, `(empty)` empty, `\xHH` escapes.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../jsonlog/limits.js';
import { chunked, codesOf, collect, eventsOf } from '../jsonlog/test-helpers.js';
import { pathFromSource, readZeek, readZeekText } from './read.js';
import { unescapeZeek, zeekTimeIso } from './values.js';

const T = '\t';
const row = (...cells: string[]): string => cells.join(T);

const HEADER = [
  '#separator \\x09',
  row('#set_separator', ','),
  row('#empty_field', '(empty)'),
  row('#unset_field', '-'),
  row('#path', 'conn'),
  row('#open', '2024-03-01-10-00-00'),
  row(
    '#fields',
    'ts',
    'uid',
    'id.orig_h',
    'id.orig_p',
    'id.resp_h',
    'id.resp_p',
    'proto',
    'service',
    'duration',
    'orig_bytes',
    'local_orig',
    'history',
    'tunnel_parents',
    'delta',
    'rtts',
  ),
  row(
    '#types',
    'time',
    'string',
    'addr',
    'port',
    'addr',
    'port',
    'enum',
    'string',
    'interval',
    'count',
    'bool',
    'string',
    'set[string]',
    'int',
    'vector[interval]',
  ),
];
const ROW1 = row(
  '1709287200.123456',
  'CAbc1',
  '10.0.0.5',
  '49152',
  '10.0.0.9',
  '104',
  'tcp',
  'dicom',
  '2.500000',
  '1024',
  'T',
  'ShADad',
  'Cx1,Cx2',
  '-7',
  '0.1,0.25',
);
const ROW2 = row(
  '1709287201.000001',
  'CAbc2',
  'fe80::1',
  '546',
  'ff02::1:2',
  '547',
  'udp',
  '-',
  '-',
  '-',
  'F',
  '\\x2d',
  '(empty)',
  '0',
  '(empty)',
);
const CLOSE = row('#close', '2024-03-01-11-00-00');

const opts = { source: '/var/log/zeek/conn.log' };

describe('readZeekText: ASCII logs', () => {
  it('types every column by #types, drops unset ones and keeps dotted names flat', () => {
    const items = readZeekText([...HEADER, ROW1, ROW2, CLOSE].join('\n'), opts);
    expect(codesOf(items)).toEqual([]);
    const [first, second] = eventsOf(items);
    expect(first).toEqual({
      time: '2024-03-01T10:00:00.123Z',
      logsource: { product: 'zeek', service: 'conn' },
      shape: 'zeek',
      data: {
        _path: 'conn',
        ts: '2024-03-01T10:00:00.123456Z',
        uid: 'CAbc1',
        'id.orig_h': '10.0.0.5',
        'id.orig_p': 49152,
        'id.resp_h': '10.0.0.9',
        'id.resp_p': 104,
        proto: 'tcp',
        service: 'dicom',
        duration: 2.5,
        orig_bytes: 1024,
        local_orig: true,
        history: 'ShADad',
        tunnel_parents: ['Cx1', 'Cx2'],
        delta: -7,
        rtts: [0.1, 0.25],
      },
      ips: ['10.0.0.5', '10.0.0.9'],
      origin: { source: '/var/log/zeek/conn.log', position: 'line 9' },
    });
    expect(second?.data).toEqual({
      _path: 'conn',
      ts: '2024-03-01T10:00:01.000001Z',
      uid: 'CAbc2',
      'id.orig_h': 'fe80::1',
      'id.orig_p': 546,
      'id.resp_h': 'ff02::1:2',
      'id.resp_p': 547,
      proto: 'udp',
      local_orig: false,
      history: '-',
      tunnel_parents: [],
      delta: 0,
      rtts: [],
    });
  });

  it('undoes \\x escapes: separator, backslash, non-ASCII bytes, and set separators inside elements', () => {
    const text = [
      '#separator \\x09',
      row('#path', 'http'),
      row('#fields', 'uri', 'tags', 'host'),
      row('#types', 'string', 'set[string]', 'string'),
      row('/a\\x09b\\x5cc', 'x\\x2cy,z', 'caf\\xc3\\xa9'),
      row('\\xff', '(empty)', ''),
    ].join('\n');
    const events = eventsOf(readZeekText(text, { source: 'x' }));
    expect(events[0]?.data).toEqual({
      _path: 'http',
      uri: '/a\tb\\c',
      tags: ['x,y', 'z'],
      host: 'café',
    });
    expect(events[1]?.data).toEqual({ _path: 'http', uri: '\ufffd', tags: [], host: '' });
  });

  it('reads concatenated logs, each with its own header and separator', () => {
    const dns = [
      '#separator \\x7c',
      '#path|dns',
      '#fields|ts|query|answers',
      '#types|time|string|vector[string]',
      '1709287300.5|pacs.example|10.0.0.20,10.0.0.21',
    ];
    const items = readZeekText([...HEADER, ROW1, CLOSE, ...dns].join('\n'), opts);
    expect(eventsOf(items).map((e) => [e.logsource.service, e.data['answers'] ?? null])).toEqual([
      ['conn', null],
      ['dns', ['10.0.0.20', '10.0.0.21']],
    ]);
    expect(eventsOf(items)[1]?.ips).toBeUndefined();
  });

  it('rejects bad lines with their code, line and offset, and reads the rest', () => {
    const badCount = row('1709287200.1', 'CAbc3', '10.0.0.5');
    const badValue = ROW1.replace('\t49152\t', '\t70000\t');
    const badTime = ROW1.replace('1709287200.123456', 'yesterday');
    const text = [row('1', '2'), ...HEADER, badCount, ROW1, badValue, badTime, CLOSE, ROW2].join(
      '\r\n',
    );
    const items = readZeekText(text, opts);
    expect(codesOf(items)).toEqual([
      'WL_ZEEK_HEADER_MISSING',
      'WL_ZEEK_FIELD_COUNT',
      'WL_ZEEK_VALUE_INVALID',
      'WL_ZEEK_VALUE_INVALID',
      'WL_ZEEK_HEADER_MISSING',
    ]);
    expect(eventsOf(items).map((e) => e.data['uid'])).toEqual(['CAbc1']);
    const value = items.find(
      (i) => i.kind === 'rejected' && i.diagnostic.code === 'WL_ZEEK_VALUE_INVALID',
    );
    expect(value?.kind === 'rejected' && value.diagnostic).toMatchObject({
      source: '/var/log/zeek/conn.log',
      line: 12,
      severity: 'error',
      message: 'column `id.orig_p` holds `70000`, not a port',
    });
    expect(value?.kind === 'rejected' && value.raw).toBe(badValue);
    const first = items[0];
    expect(first?.kind === 'rejected' && [first.diagnostic.offset, first.diagnostic.line]).toEqual([
      0, 1,
    ]);
  });

  it('refuses a header with poisoned, duplicate or mismatched columns, and its data', () => {
    const text = [
      '#separator \\x09',
      row('#fields', 'ts', '__proto__'),
      row('1', '2'),
      row('#fields', 'a', 'a'),
      row('#fields', 'a', 'b'),
      row('#types', 'count'),
      row('1', 'x'),
    ].join('\n');
    const items = readZeekText(text, opts);
    expect(codesOf(items)).toEqual([
      'WL_ZEEK_HEADER_INVALID',
      'WL_ZEEK_HEADER_MISSING',
      'WL_ZEEK_HEADER_INVALID',
      'WL_ZEEK_HEADER_INVALID',
    ]);
    // #types rejected: the columns stay strings.
    expect(eventsOf(items)[0]?.data).toEqual({ a: '1', b: 'x' });
  });
});

describe('readZeekText: JSON logs', () => {
  it('reads JSON records, taking the path from _path or the file name', () => {
    const text = [
      '{"_path":"dns","ts":1709287300.5,"uid":"C1","id.orig_h":"10.0.0.5","id.orig_p":53000,"id.resp_h":"10.0.0.1","id.resp_p":53,"query":"pacs.example"}',
      '{"ts":"2024-03-01T10:00:00.123456Z","uid":"C2","id.orig_h":"10.0.0.5","id.resp_h":"10.0.0.9"}',
      '{"ts":1,"__proto__":{"x":1}}',
      '{"ts":',
    ].join('\n');
    const items = readZeekText(text, { source: 'logs/conn.00:00:00-01:00:00.log' });
    expect(codesOf(items)).toEqual(['WL_ZEEK_KEY_REFUSED', 'WL_ZEEK_JSON_INVALID']);
    const [dns, conn] = eventsOf(items);
    expect(dns?.logsource).toEqual({ product: 'zeek', service: 'dns' });
    expect(dns?.time).toBe('2024-03-01T10:01:40.500Z');
    expect(dns?.data['ts']).toBe(1709287300.5);
    expect(conn?.logsource).toEqual({ product: 'zeek', service: 'conn' });
    expect(conn?.data['_path']).toBe('conn');
    expect(conn?.time).toBe('2024-03-01T10:00:00.123Z');
    expect(conn?.ips).toEqual(['10.0.0.5', '10.0.0.9']);
  });

  it('takes the path option over the file name, and goes without one', () => {
    const line = '{"ts":1709287300,"uid":"C1"}';
    expect(eventsOf(readZeekText(line, { source: 'x.log', path: 'ssl' }))[0]?.logsource).toEqual({
      product: 'zeek',
      service: 'ssl',
    });
    const none = eventsOf(readZeekText(line, { source: '' }))[0];
    expect(none?.logsource).toEqual({ product: 'zeek' });
    expect(none?.data).toEqual({ ts: 1709287300, uid: 'C1' });
  });
});

describe('readZeek: streaming', () => {
  it('reads the same in any chunk size, and skips an over-long line', async () => {
    const long = row('1709287200.1', 'x'.repeat(MAX_LINE_BYTES));
    const text = [...HEADER, ROW1, long, ROW2].join('\n');
    const items = await collect(readZeek(chunked(text, 65_536), opts));
    expect(codesOf(items)).toEqual(['WL_ZEEK_LINE_TOO_LONG']);
    expect(eventsOf(items)).toHaveLength(2);
    const small = [...HEADER, ROW1, ROW2].join('\n');
    const whole = readZeekText(small, opts);
    for (const size of [1, 5, 100])
      expect(await collect(readZeek(chunked(small, size), opts))).toEqual(whole);
  });
});

describe('helpers', () => {
  it.each([
    ['conn.log', 'conn'],
    ['/opt/zeek/logs/2024-03-01/dns.10:00:00-11:00:00.log.gz', 'dns'],
    ['C:\\zeek\\smb_files.json', 'smb_files'],
    ['', undefined],
    ['-x.log', undefined],
  ])('pathFromSource(%s) = %s', (source, path) => {
    expect(pathFromSource(source)).toBe(path);
  });

  it('reads Zeek times exactly and refuses what is not one', () => {
    expect(zeekTimeIso('1692161622.036086')).toBe('2023-08-16T04:53:42.036086Z');
    expect(zeekTimeIso('0')).toBe('1970-01-01T00:00:00.000000Z');
    expect(zeekTimeIso('1.5')).toBe('1970-01-01T00:00:01.500000Z');
    expect(zeekTimeIso('-1')).toBeNull();
    expect(zeekTimeIso('1e9')).toBeNull();
    expect(unescapeZeek('a\\x5cb\\xzz')).toBe('a\\b\\xzz');
  });
});

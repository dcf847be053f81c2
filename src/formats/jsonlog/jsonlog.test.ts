import { describe, expect, it } from 'vitest';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import { MAX_JSON_DEPTH, MAX_JSON_NODES, MAX_LINE_BYTES } from './limits.js';
import { readJsonLog, readJsonLogText } from './read.js';
import { chunked, codesOf, collect, cutAt, eventsOf } from './test-helpers.js';

const opts = { source: 'test.json' };

describe('readJsonLogText: JSON lines', () => {
  it('reads each object line as a flat event with its line position and best-effort time', () => {
    const items = readJsonLogText(
      '{"@timestamp":"2020-09-14T00:44:23Z","eventName":"GetObject"}\n{"user":"a"}\n',
      opts,
    );
    expect(items).toEqual([
      {
        kind: 'event',
        event: {
          time: '2020-09-14T00:44:23.000Z',
          logsource: {},
          shape: 'flat',
          data: { '@timestamp': '2020-09-14T00:44:23Z', eventName: 'GetObject' },
          origin: { source: 'test.json', position: 'line 1' },
        },
      },
      {
        kind: 'event',
        event: {
          time: '',
          logsource: {},
          shape: 'flat',
          data: { user: 'a' },
          origin: { source: 'test.json', position: 'line 2' },
        },
      },
    ]);
  });

  it('rejects a bad line with source, byte offset, line, code and raw text, and reads on', () => {
    const items = readJsonLogText('{"a":1}\n{"a":\n[1,2]\n"x"\n{"a":2}', opts);
    expect(eventsOf(items).map((e) => e.data)).toEqual([{ a: 1 }, { a: 2 }]);
    const rejected = items.filter((i) => i.kind === 'rejected');
    expect(rejected).toEqual([
      {
        kind: 'rejected',
        diagnostic: expect.objectContaining({
          source: 'test.json',
          offset: 8,
          line: 2,
          code: 'WL_JSONLOG_JSON_INVALID',
          severity: 'error',
        }) as unknown,
        raw: '{"a":',
      },
      expect.objectContaining({
        diagnostic: expect.objectContaining({
          offset: 14,
          line: 3,
          code: 'WL_JSONLOG_NOT_OBJECT',
        }) as unknown,
        raw: '[1,2]',
      }),
      expect.objectContaining({
        diagnostic: expect.objectContaining({
          offset: 20,
          line: 4,
          code: 'WL_JSONLOG_NOT_OBJECT',
        }) as unknown,
      }),
    ]);
  });

  it('skips a BOM and blank lines, accepts CRLF, and counts offsets in bytes', () => {
    const items = readJsonLogText('\ufeff{"é":"ü"}\r\n\r\n  \n{"b":2}\r\n', opts);
    expect(eventsOf(items).map((e) => [e.data, e.origin?.position])).toEqual([
      [{ é: 'ü' }, 'line 1'],
      [{ b: 2 }, 'line 4'],
    ]);
    const bad = readJsonLogText('\ufeff{"é":1}\n{', opts)[1];
    expect(bad?.kind === 'rejected' && bad.diagnostic.offset).toBe(3 + 8 + 1);
  });

  it('refuses __proto__ and constructor keys at any depth', () => {
    const items = readJsonLogText(
      '{"__proto__":{"admin":true}}\n{"a":{"b":[{"constructor":{"prototype":{}}}]}}\n{"ok":1}',
      opts,
    );
    expect(codesOf(items)).toEqual(['WL_JSONLOG_KEY_REFUSED', 'WL_JSONLOG_KEY_REFUSED']);
    expect(eventsOf(items)).toHaveLength(1);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('caps nesting depth and the number of members', () => {
    const deep = `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`;
    const fine = `${'{"a":'.repeat(MAX_JSON_DEPTH)}1${'}'.repeat(MAX_JSON_DEPTH)}`;
    const wide = JSON.stringify({ list: Array.from({ length: MAX_JSON_NODES + 1 }, () => 0) });
    const items = readJsonLogText([deep, fine, wide, '{"z":1}'].join('\n'), opts);
    expect(codesOf(items)).toEqual(['WL_JSONLOG_TOO_DEEP', 'WL_JSONLOG_TOO_MANY_KEYS']);
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(['line 2', 'line 4']);
  });

  it('cuts the raw text of a rejected record to the dead-letter bound', () => {
    const long = `{"a":"${'x'.repeat(10_000)}"`;
    const [item] = readJsonLogText(long, opts);
    expect(item?.kind === 'rejected' && item.raw?.length).toBe(MAX_DEAD_LETTER_RAW_CHARS);
  });

  it('rejects a line that is not UTF-8 and keeps the next', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"a":"'), 0xff, 0x22, 0x7d, 0x0a]);
    const next = new TextEncoder().encode('{"b":1}\n');
    const items = readJsonLogText(new TextDecoder('latin1').decode(bytes), opts);
    expect(eventsOf(items)).toHaveLength(1); // as a string, ÿ is a valid character
    return collect(readJsonLog(chunked(new Uint8Array([...bytes, ...next]), 3), opts)).then(
      (streamed) => {
        expect(codesOf(streamed)).toEqual(['WL_JSONLOG_ENCODING_INVALID']);
        expect(eventsOf(streamed).map((e) => e.data)).toEqual([{ b: 1 }]);
      },
    );
  });
});

describe('readJsonLogText: a top-level array', () => {
  it('reads each element as an event at its item position', () => {
    const items = readJsonLogText(
      ' \n[\n {"time":"2021-10-20T13:39:12+02:00"},\n {"b":"],}{["},\n 7,\n {"c":[1,{"d":2}]}\n]\n',
      opts,
    );
    expect(
      items.map((i) => (i.kind === 'event' ? i.event.origin?.position : i.diagnostic.code)),
    ).toEqual(['item 1', 'item 2', 'WL_JSONLOG_NOT_OBJECT', 'item 4']);
    expect(eventsOf(items)[0]?.time).toBe('2021-10-20T11:39:12.000Z');
    expect(eventsOf(items)[1]?.data).toEqual({ b: '],}{[' });
    const seven = items[2];
    expect(seven?.kind === 'rejected' && [seven.diagnostic.line, seven.raw]).toEqual([5, '7']);
  });

  it('reports a cut-off array and data after its end', () => {
    expect(codesOf(readJsonLogText('[{"a":1},{"b":', opts))).toEqual([
      'WL_JSONLOG_JSON_INVALID',
      'WL_JSONLOG_TRUNCATED',
    ]);
    expect(codesOf(readJsonLogText('[{"a":1}', opts))).toEqual(['WL_JSONLOG_TRUNCATED']);
    const trailing = readJsonLogText('[{"a":1}] {"b":2}', opts);
    expect(codesOf(trailing)).toEqual(['WL_JSONLOG_TRAILING_DATA']);
    expect(eventsOf(trailing)).toHaveLength(1);
    expect(readJsonLogText('[]', opts)).toEqual([]);
    expect(readJsonLogText('', opts)).toEqual([]);
  });

  it('rejects an empty element and reads the rest', () => {
    const items = readJsonLogText('[{"a":1},,{"b":2}]', opts);
    expect(codesOf(items)).toEqual(['WL_JSONLOG_JSON_INVALID']);
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(['item 1', 'item 3']);
  });
});

describe('readJsonLog: streaming', () => {
  const text = '\ufeff[{"name":"Zoë 🎉","ts":1692161622.036086},\r\n{"name":"日本"}]';

  it('reads the same whatever the chunk boundaries, multibyte characters split included', async () => {
    const whole = readJsonLogText(text, opts);
    for (let size = 1; size <= 7; size += 1) {
      expect(await collect(readJsonLog(chunked(text, size), opts))).toEqual(whole);
    }
    expect(eventsOf(whole).map((e) => e.data['name'])).toEqual(['Zoë 🎉', '日本']);
    expect(eventsOf(whole)[0]?.time).toBe('2023-08-16T04:53:42.036Z');
  });

  it('reads string chunks too', async () => {
    const items = await collect(
      readJsonLog(
        (async function* () {
          await Promise.resolve();
          yield '{"a":';
          yield '1}\n{"b"';
          yield ':2}';
        })(),
        opts,
      ),
    );
    expect(eventsOf(items).map((e) => e.data)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('skips an over-long line to its newline without holding it, then reads on', async () => {
    const long = `{"a":"${'x'.repeat(MAX_LINE_BYTES + 10)}"}`;
    const items = await collect(
      readJsonLog(chunked(`{"first":1}\n${long}\n{"last":1}\n`, 65_536), opts),
    );
    expect(codesOf(items)).toEqual(['WL_JSONLOG_LINE_TOO_LONG']);
    const rejected = items[1];
    expect(rejected?.kind === 'rejected' && rejected.diagnostic.line).toBe(2);
    expect(rejected?.kind === 'rejected' && rejected.raw?.startsWith('{"a":"xxx')).toBe(true);
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(['line 1', 'line 3']);
  });

  it('skips an over-long array item and reads the next', async () => {
    const long = `{"a":"${'x'.repeat(MAX_LINE_BYTES)}"}`;
    const items = await collect(
      readJsonLog(chunked(`[{"first":1},${long},{"last":1}]`, 65_536), opts),
    );
    expect(codesOf(items)).toEqual(['WL_JSONLOG_LINE_TOO_LONG']);
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(['item 1', 'item 3']);
  });

  it('tells the layout apart even when the first bracket comes in a later chunk', async () => {
    const items = await collect(readJsonLog(cutAt('   \n\n  [{"a":1}]', [1, 2, 5]), opts));
    expect(eventsOf(items).map((e) => e.origin?.position)).toEqual(['item 1']);
  });
});

describe('event time', () => {
  it.each([
    [{ '@timestamp': '2024-01-02T03:04:05.678Z' }, '2024-01-02T03:04:05.678Z'],
    [{ timestamp: '2024-01-02T03:04:05.678901+0100' }, '2024-01-02T02:04:05.678Z'],
    [{ time: 1704164645 }, '2024-01-02T03:04:05.000Z'],
    [{ ts: 1704164645123 }, '2024-01-02T03:04:05.123Z'],
    [{ ts: '1704164645.5' }, '2024-01-02T03:04:05.500Z'],
    [{ TimeCreated: '2024-01-02 03:04:05' }, '2024-01-02T03:04:05.000Z'],
    [
      {
        Event: {
          System: { TimeCreated: { '#attributes': { SystemTime: '2021-10-20 13:39:12.731903' } } },
        },
      },
      '2021-10-20T13:39:12.731Z',
    ],
    [{ createdDateTime: '2024-01-02T03:04:05Z' }, '2024-01-02T03:04:05.000Z'],
    [{ published: '2024-01-02T03:04:05.000Z' }, '2024-01-02T03:04:05.000Z'],
    [{ TimeGenerated: '2021-08-02T13:29:25.983Z' }, '2021-08-02T13:29:25.983Z'],
    [{ eventTime: '2020-09-14T00:44:23Z' }, '2020-09-14T00:44:23.000Z'],
    [{ time: 'yesterday', published: '2024-01-02T03:04:05Z' }, '2024-01-02T03:04:05.000Z'],
    [{ time: '2024-02-30T00:00:00Z' }, ''],
    [{ time: '2024-01-01T25:00:00Z' }, ''],
    [{ other: '2024-01-01T00:00:00Z' }, ''],
  ])('%j → %s', (data, time) => {
    const [item] = readJsonLogText(JSON.stringify(data), opts);
    expect(item?.kind === 'event' && item.event.time).toBe(time);
  });
});

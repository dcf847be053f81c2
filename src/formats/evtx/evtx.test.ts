import { describe, expect, it } from 'vitest';
import type { LogReadItem } from '../../domain/detection.js';
import { WardlineError } from '../../domain/errors.js';
import {
  BinXmlWriter,
  writeChunk,
  writeEvtxFile,
  writeRecord,
  writeTemplateInstance,
  type SubstitutionValue,
} from './evtx-writer.js';
import { parseEvtxRecordsFromBuffer, readEvtx } from './index.js';
import { CHUNK_BYTES, FILE_HEADER_BYTES, MAX_ELEMENT_DEPTH } from './limits.js';

const XMLNS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function utf16z(text: string): number[] {
  const w = new BinXmlWriter(0).utf16(text).u16(0);
  return w.bytes;
}

function le(bytes: number, value: bigint): number[] {
  return Array.from({ length: bytes }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
}

/** <Event><System>…</System><EventData>…</EventData></Event> with 8 substitutions. */
function eventTemplate(b: BinXmlWriter): void {
  b.fragmentHeader();
  b.open('Event', true).attribute('xmlns').text(XMLNS).closeStart();
  b.open('System').closeStart();
  b.open('EventID', true).attribute('Qualifiers').substitution(6, 0x06).closeStart();
  b.substitution(0, 0x06).end();
  b.open('TimeCreated', true).attribute('SystemTime').substitution(1, 0x11).closeEmpty();
  b.open('Computer').closeStart().substitution(2, 0x01).end();
  b.open('Security', true).attribute('UserID').substitution(7, 0x13, true).closeEmpty();
  b.end();
  b.open('EventData').closeStart();
  b.open('Data', true).attribute('Name').text('Count').closeStart().substitution(3, 0x07).end();
  b.open('Data', true).attribute('Name').text('LogonId').closeStart().substitution(4, 0x15).end();
  b.open('Data').closeStart().substitution(5, 0x81).end();
  b.end();
  b.end().eof();
}

function values(id: number, computer: string): SubstitutionValue[] {
  return [
    { type: 0x06, bytes: le(2, BigInt(id)) },
    { type: 0x11, bytes: le(8, 132_795_791_527_319_030n) }, // 1635105552.7319030 s after 1970
    { type: 0x01, bytes: new BinXmlWriter(0).utf16(`${computer}  `).bytes },
    { type: 0x07, bytes: le(4, -5n & 0xffffffffn) },
    { type: 0x15, bytes: le(8, 0x3e7n) },
    { type: 0x81, bytes: [...utf16z('a'), ...utf16z(''), ...utf16z('b ')] },
    { type: 0x00, bytes: [] },
    { type: 0x00, bytes: [] },
  ];
}

/** A chunk of `count` records: the first defines the template inline, the rest reuse it. */
function sampleChunk(count: number, firstId = 1, computer = 'HOST'): Uint8Array {
  let definition = 0;
  return writeChunk(
    count,
    (at, i) =>
      writeRecord(at, firstId + i, (w) => {
        w.fragmentHeader();
        const template = i === 0 ? { body: eventTemplate } : { definition };
        definition = writeTemplateInstance(w, values(4624 + i, computer), template);
        w.eof();
      }),
    firstId,
  );
}

function events(items: readonly LogReadItem[]) {
  return items.flatMap((item) => (item.kind === 'event' ? [item.event] : []));
}

function codes(items: readonly LogReadItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'rejected' ? [item.diagnostic.code] : []));
}

describe('records from templates', () => {
  const file = writeEvtxFile([sampleChunk(3)]);
  const items = parseEvtxRecordsFromBuffer(file, { source: 'test.evtx' });

  it('renders the evtx_dump JSON shape with typed values', () => {
    expect(codes(items)).toEqual([]);
    expect(events(items)[0]?.data).toEqual({
      Event: {
        '#attributes': { xmlns: XMLNS },
        System: {
          EventID: 4624,
          TimeCreated: { '#attributes': { SystemTime: '2021-10-24T19:59:12.731903Z' } },
          Computer: 'HOST',
          Security: null,
        },
        EventData: { Count: -5, LogonId: '0x3e7', Data: { '#text': ['a', '', 'b '] } },
      },
    });
  });

  it('reuses a template definition by offset with the later records own values', () => {
    const ids = events(items).map(
      (e) => (e.data.Event as { System: { EventID: number } }).System.EventID,
    );
    expect(ids).toEqual([4624, 4625, 4626]);
  });

  it('sets time, host, log source and position', () => {
    expect(events(items)[2]).toMatchObject({
      time: '2021-10-24T19:59:12.731Z',
      host: 'HOST',
      shape: 'evtx-json',
      logsource: { product: 'windows' },
      origin: { source: 'test.evtx', position: 'chunk 0 record 3' },
    });
  });

  it('reads the same items from a stream of small pieces', async () => {
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let at = 0, n = 1; at < file.length; at += n, n = (n * 7 + 3) % 5000 || 1) {
        yield await Promise.resolve(file.subarray(at, at + n));
      }
    }
    const streamed: LogReadItem[] = [];
    for await (const item of readEvtx(pieces(), { source: 'test.evtx' })) streamed.push(item);
    expect(streamed).toEqual(items);
  });

  it('reads pieces that straddle the header end (found by the property test: pieces of 4097)', async () => {
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < file.length; at += 4097) {
        yield await Promise.resolve(file.subarray(at, at + 4097));
      }
    }
    const streamed: LogReadItem[] = [];
    for await (const item of readEvtx(pieces(), { source: 'test.evtx' })) streamed.push(item);
    expect(streamed).toEqual(items);
  });
});

describe('damaged files', () => {
  const good = [sampleChunk(2, 1, 'A'), sampleChunk(2, 3, 'B'), sampleChunk(2, 5, 'C')];
  const hosts = (items: readonly LogReadItem[]) => events(items).map((e) => e.host);

  it('reads every chunk present though the header counts one (dirty file)', () => {
    const items = parseEvtxRecordsFromBuffer(writeEvtxFile(good, 1), { source: 't' });
    expect(hosts(items)).toEqual(['A', 'A', 'B', 'B', 'C', 'C']);
  });

  it.each([
    ['record data', 700, 'WL_EVTX_CHUNK_DATA_CRC'],
    ['chunk header', 20, 'WL_EVTX_CHUNK_HEADER_CRC'],
    ['signature', 0, 'WL_EVTX_CHUNK_SIGNATURE'],
  ])('a flipped byte in the %s rejects that chunk only', (_, at, code) => {
    const file = writeEvtxFile(good);
    const offset = FILE_HEADER_BYTES + CHUNK_BYTES + at;
    file[offset] = (file[offset] ?? 0) ^ 0x5a;
    const items = parseEvtxRecordsFromBuffer(file, { source: 't' });
    expect(hosts(items)).toEqual(['A', 'A', 'C', 'C']);
    expect(items.find((i) => i.kind === 'rejected')).toMatchObject({
      diagnostic: { code, source: 't', offset: FILE_HEADER_BYTES + CHUNK_BYTES, severity: 'error' },
    });
  });

  it('a cut last chunk is one WL_EVTX_CHUNK_TRUNCATED after the good chunks', () => {
    const file = writeEvtxFile(good).subarray(0, FILE_HEADER_BYTES + 2 * CHUNK_BYTES + 1000);
    const items = parseEvtxRecordsFromBuffer(file, { source: 't' });
    expect(hosts(items)).toEqual(['A', 'A', 'B', 'B']);
    expect(codes(items)).toEqual(['WL_EVTX_CHUNK_TRUNCATED']);
  });

  it('skips zero-filled chunk slots without a diagnostic', () => {
    const items = parseEvtxRecordsFromBuffer(
      writeEvtxFile([good[0] ?? new Uint8Array(), new Uint8Array(CHUNK_BYTES)]),
      {
        source: 't',
      },
    );
    expect(hosts(items)).toEqual(['A', 'A']);
    expect(codes(items)).toEqual([]);
  });

  it('a record with a bad BinXml token is rejected with its bytes, the next record is read', () => {
    const chunk = writeChunk(3, (at, i) =>
      writeRecord(at, i + 1, (w) => {
        w.fragmentHeader();
        if (i === 1) w.u8(0x3f); // not a token
        w.open('Event')
          .closeStart()
          .open('Computer')
          .closeStart()
          .text(`R${String(i)}`)
          .end()
          .end()
          .eof();
      }),
    );
    const items = parseEvtxRecordsFromBuffer(writeEvtxFile([chunk]), { source: 't' });
    expect(items.map((i) => i.kind)).toEqual(['event', 'rejected', 'event']);
    expect(items[1]).toMatchObject({
      diagnostic: {
        code: 'WL_EVTX_RECORD_BINXML',
        message: expect.stringContaining('0x3f') as string,
      },
      raw: expect.stringMatching(/^2A2A0000/) as string,
    });
    const computers = events(items).map((e) => (e.data.Event as { Computer: string }).Computer);
    expect(computers).toEqual(['R0', 'R2']);
  });

  it('elements nested past MAX_ELEMENT_DEPTH reject the record, not the reader', () => {
    const chunk = writeChunk(1, (at) =>
      writeRecord(at, 1, (w) => {
        w.fragmentHeader();
        for (let i = 0; i <= MAX_ELEMENT_DEPTH; i++) w.open('Event').closeStart();
        w.eof();
      }),
    );
    const items = parseEvtxRecordsFromBuffer(writeEvtxFile([chunk]), { source: 't' });
    expect(items).toMatchObject([
      {
        kind: 'rejected',
        diagnostic: {
          code: 'WL_EVTX_RECORD_BINXML',
          message: expect.stringContaining('too deep') as string,
        },
      },
    ]);
  });

  it('a template that instantiates itself stops at the nesting cap', () => {
    const chunk = writeChunk(1, (at) =>
      writeRecord(at, 1, (w) => {
        w.fragmentHeader();
        const self = w.pos + 10; // the definition offset writeTemplateInstance will use
        writeTemplateInstance(w, [], {
          body: (b) => {
            b.fragmentHeader();
            writeTemplateInstance(b, [], { definition: self });
            b.eof();
          },
        });
        w.eof();
      }),
    );
    const items = parseEvtxRecordsFromBuffer(writeEvtxFile([chunk]), { source: 't' });
    expect(codes(items)).toEqual(['WL_EVTX_RECORD_BINXML']);
  });

  it('a file that is not EVTX throws WL_IMPORT_UNREADABLE', async () => {
    expect(() =>
      parseEvtxRecordsFromBuffer(new TextEncoder().encode('MZ not a log'), { source: 't' }),
    ).toThrow(WardlineError);
    const empty = readEvtx((async function* () {})(), { source: 't' });
    await expect(empty.next()).rejects.toMatchObject({ code: 'WL_IMPORT_UNREADABLE' });
  });
});

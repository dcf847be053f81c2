import { describe, expect, it } from 'vitest';
import { concatBytes, feedInChunks, RecordingSink } from '../../tcp-reassembly-harness.js';
import type { StreamDirection } from '../dissector.js';
import { HL7_LIMITS, hl7DissectorFactory, parseMsh, probeHl7 } from './index.js';
import { bytesOf, hl7Message, mllp } from './test-helpers.js';

const C2S = 'client-to-server';
const S2C = 'server-to-client';
const at = (offset = 0) => ({ source: 'ward.pcap', offset });

function run(
  chunks: readonly (readonly [StreamDirection, Uint8Array])[],
  sizes: readonly number[] = [],
): RecordingSink {
  const sink = new RecordingSink();
  const dissector = hl7DissectorFactory.create(sink);
  for (const [direction, bytes] of chunks) feedInChunks(dissector, direction, bytes, sizes);
  dissector.end();
  return sink;
}

const ACK = hl7Message({
  sendingApplication: 'HIS',
  sendingFacility: 'MAIN',
  receivingApplication: 'LAB',
  receivingFacility: 'NORTH',
  messageType: ['ACK', 'R01'],
  segments: [['MSA', 'AA', 'MSG00001']],
});

describe('HL7 dissector: MLLP', () => {
  it('reports the sender from MSH-3/4/9/12 and the receiver from MSH-5/6, and counts messages', () => {
    const sink = run([
      [C2S, mllp(hl7Message())],
      [S2C, mllp(ACK)],
    ]);
    expect(sink.identified).toEqual([{ protocol: 'hl7', encrypted: false }]);
    expect(sink.counters.get('hl7.messages')).toBe(2);
    expect(sink.merged('client', 'hl7')).toEqual({
      applications: ['LAB'],
      facilities: ['NORTH'],
      messageTypes: ['ORU^R01'],
      versions: ['2.5.1'],
    });
    expect(sink.merged('server', 'hl7')).toEqual({
      applications: ['HIS'],
      facilities: ['MAIN'],
      messageTypes: ['ACK^R01'],
      versions: ['2.5.1'],
    });
    expect(sink.diagnostics).toEqual([]);
  });

  it('reads the separators from each message, writing message types with ^', () => {
    const hash = hl7Message({
      fieldSeparator: '#',
      encoding: '$~\\&',
      messageType: ['ADT', 'A01'],
    });
    const dollar = hl7Message({
      fieldSeparator: '$',
      encoding: '#%!*',
      sendingApplication: 'PUMP#7',
      messageType: ['ORU', 'R40'],
      version: '2.6#x',
    });
    const sink = run([[C2S, concatBytes([mllp(hash), mllp(dollar)])]]);
    expect(sink.merged('client', 'hl7')).toEqual({
      applications: ['LAB', 'PUMP'],
      facilities: ['NORTH'],
      messageTypes: ['ADT^A01', 'ORU^R40'],
      versions: ['2.5.1', '2.6'],
    });
    expect(sink.diagnostics).toEqual([]);
  });

  it('gives the same result however the stream is cut into TCP segments', () => {
    const stream = concatBytes([
      mllp(hl7Message()),
      mllp(ACK),
      mllp(hl7Message({ version: '2.3' })),
    ]);
    const whole = run([[C2S, stream]]);
    for (const sizes of [[1], [2, 7, 3], [64]]) {
      const cut = run([[C2S, stream]], sizes);
      expect(cut.facts).toEqual(whole.facts);
      expect(cut.counters).toEqual(whole.counters);
      expect(cut.diagnostics).toEqual([]);
    }
  });

  it('keeps component 1 of an HD, or the universal id when it is empty, and unescapes', () => {
    const sink = run([
      [
        C2S,
        mllp(
          hl7Message({
            sendingApplication: 'MONITOR\\F\\ICU^2.16.840.1.113883.3.1^ISO',
            sendingFacility: '^1.2.3.4^ISO',
            receivingApplication: '',
          }),
        ),
      ],
    ]);
    expect(sink.merged('client', 'hl7')).toMatchObject({
      applications: ['MONITOR|ICU'],
      facilities: ['1.2.3.4'],
    });
    expect(sink.merged('server', 'hl7')).toMatchObject({ applications: [], facilities: ['MAIN'] });
  });

  it('reports each value once per side however many messages repeat it', () => {
    const frames = Array.from({ length: 100 }, () => mllp(hl7Message()));
    const sink = run([[C2S, concatBytes(frames)]]);
    expect(sink.counters.get('hl7.messages')).toBe(100);
    expect(sink.facts.filter((f) => f.subject === 'client')).toHaveLength(1);
  });
});

describe('HL7 dissector: damaged framing', () => {
  it('skips a frame longer than the cap to the next start block', () => {
    const huge = concatBytes([
      bytesOf(`\x0b${hl7Message()}OBX|2|ED|||`),
      new Uint8Array(HL7_LIMITS.maxFrameLength).fill(0x41),
    ]);
    const sink = run([[C2S, concatBytes([huge, mllp(hl7Message({ version: '2.4' }))])]], [65_536]);
    expect(sink.codes()).toEqual(['WL_HL7_FRAME_TOO_LARGE']);
    expect(sink.counters.get('hl7.messages')).toBe(2);
    expect(sink.merged('client', 'hl7')?.versions).toEqual(['2.5.1', '2.4']);
  });

  it('reports a frame cut by a new start block, and reads the next one', () => {
    const cut = bytesOf(`\x0b${hl7Message().slice(0, 120)}`);
    const sink = run([[C2S, concatBytes([cut, mllp(hl7Message({ version: '2.4' }))])]]);
    expect(sink.codes()).toEqual(['WL_HL7_FRAME_UNTERMINATED']);
    expect(sink.counters.get('hl7.messages')).toBe(2);
  });

  it('reports bytes outside frames once per run, and an end block without CR', () => {
    const stream = concatBytes([
      bytesOf('\r\n'),
      mllp(hl7Message()),
      bytesOf('garbage between frames'),
      bytesOf(`\x0b${ACK}\x1c`),
      mllp(hl7Message()),
    ]);
    const sink = run([[C2S, stream]], [5]);
    expect(sink.codes()).toEqual(['WL_HL7_BYTES_OUTSIDE_FRAME', 'WL_HL7_FRAME_TRAILER']);
    expect(sink.counters.get('hl7.messages')).toBe(3);
  });

  it('reports a frame without MSH and an MSH it cannot read, and keeps going', () => {
    const stream = concatBytes([
      mllp('PID|1||12345\r'),
      mllp('MSHA^~\\&|LAB|NORTH\r'), // a letter as field separator
      mllp('MSH|^^\\&|LAB|NORTH|HIS|MAIN|||ORU^R01|1|P|2.5\r'), // repeated encoding character
      mllp('MSH|^~\\&|LAB|NORTH\r'), // too few fields
      mllp(hl7Message()),
    ]);
    const sink = run([[C2S, stream]]);
    expect(sink.codes()).toEqual([
      'WL_HL7_NO_MSH',
      'WL_HL7_MSH_INVALID',
      'WL_HL7_MSH_INVALID',
      'WL_HL7_MSH_INVALID',
    ]);
    expect(sink.diagnostics[0]).toMatchObject({ source: 'test', severity: 'warning' });
    expect(sink.counters.get('hl7.messages')).toBe(1);
  });

  it('loses only the message whose MSH a gap cuts; a gap in a body costs nothing', () => {
    const sink = new RecordingSink();
    const dissector = hl7DissectorFactory.create(sink);
    const first = mllp(hl7Message());
    dissector.data(C2S, first.subarray(0, 30), at(100));
    dissector.gap(C2S, 20, at(200));
    dissector.data(C2S, first.subarray(50), at(300));
    const second = mllp(hl7Message({ version: '2.4' }));
    dissector.data(C2S, second.subarray(0, 90), at(400));
    dissector.gap(C2S, 10, at(500));
    dissector.data(C2S, second.subarray(100), at(600));
    dissector.end();
    expect(sink.codes()).toEqual(['WL_HL7_BYTES_LOST']);
    expect(sink.diagnostics[0]?.offset).toBe(100);
    expect(sink.counters.get('hl7.messages')).toBe(1);
    expect(sink.merged('client', 'hl7')?.versions).toEqual(['2.4']);
  });

  it('caps the diagnostics of one conversation', () => {
    const sink = run([[C2S, concatBytes(Array.from({ length: 50 }, () => mllp('PID|1\r')))]]);
    expect(sink.diagnostics).toHaveLength(HL7_LIMITS.maxDiagnostics + 1);
    expect(sink.diagnostics.at(-1)?.code).toBe('WL_HL7_DIAGNOSTICS_SUPPRESSED');
  });
});

describe('HL7 dissector: without MLLP', () => {
  it('counts messages by their MSH segments and ignores other segments, M ones included', () => {
    const text =
      hl7Message({
        segments: [
          ['EVN', 'A40'],
          ['MRG', '123'],
          ['PID', '1'],
        ],
      }) + hl7Message({ messageType: ['ADT', 'A08'], terminator: '\r\n' });
    const sink = run([[C2S, bytesOf(text)]], [3]);
    expect(sink.counters.get('hl7.messages')).toBe(2);
    expect(sink.merged('client', 'hl7')?.messageTypes).toEqual(['ORU^R01', 'ADT^A08']);
    expect(sink.diagnostics).toEqual([]);
  });
});

describe('probeHl7 and parseMsh', () => {
  it.each([
    ['an MLLP frame', mllp(hl7Message()), 'yes'],
    ['a start block and MS', bytesOf('\x0bMS'), 'more'],
    ['a start block and PID', bytesOf('\x0bPID|'), 'no'],
    ['raw MSH', bytesOf('MSH|^~\\&|LAB'), 'yes'],
    ['raw MSH with # and $', bytesOf('MSH#$~\\&#LAB'), 'yes'],
    ['raw MSH, still short', bytesOf('MSH|^~'), 'more'],
    ['MSH with a letter separator', bytesOf('MSHA^~\\&A'), 'no'],
    ['HTTP', bytesOf('GET / HTTP/1.1'), 'no'],
    ['nothing', new Uint8Array(0), 'more'],
  ] as const)('%s', (_name, bytes, answer) => {
    expect(probeHl7(bytes)).toBe(answer);
    expect(hl7DissectorFactory.probe(bytes, C2S, { client: 1, server: 2 })).toBe(answer);
  });

  it('parses a minimal ACK: a message code without trigger, the version component 1', () => {
    const result = parseMsh('MSH|^~\\&|A|B|C|D|20240101||ACK|1|P|2.3.1^NLD^2.16.840.1');
    expect(result).toEqual({
      ok: true,
      header: {
        fieldSeparator: '|',
        encodingCharacters: '^~\\&',
        sendingApplication: 'A',
        sendingFacility: 'B',
        receivingApplication: 'C',
        receivingFacility: 'D',
        messageType: 'ACK',
        version: '2.3.1',
      },
    });
  });
});

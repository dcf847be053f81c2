import { describe, expect, it } from 'vitest';
import {
  ACK,
  FIN,
  fromServer,
  recordingReassembler,
  RST,
  SYN,
  tcpPacket,
} from './tcp-reassembly-harness.js';
import { TcpReassembler } from './tcp-reassembly.js';

const C2S = 'client-to-server';
const S2C = 'server-to-client';

/** Client ISN `c`, server ISN `s`: SYN, SYN-ACK, ACK. */
function handshake(c: number, s: number) {
  return [
    tcpPacket({ seq: c, flags: SYN }),
    fromServer({ seq: s, ack: c + 1, flags: SYN | ACK }),
    tcpPacket({ seq: c + 1, ack: s + 1, flags: ACK }),
  ];
}

describe('TcpReassembler: order and identity', () => {
  it('delivers each direction in order, as views of the packets, with the SYN sender as client', () => {
    const { reassembler, connections } = recordingReassembler({ source: 'ward.pcap' });
    const request = tcpPacket({ seq: 101, ack: 501, payload: 'hello ', offset: 24 });
    for (const p of handshake(100, 500)) reassembler.add(p);
    reassembler.add(request);
    reassembler.add(tcpPacket({ seq: 107, ack: 501, payload: 'world' }));
    reassembler.add(fromServer({ seq: 501, ack: 112, payload: 'ok' }));
    expect(connections).toHaveLength(1);
    const [{ connection, handler }] = connections as [(typeof connections)[0]];
    expect(connection).toMatchObject({
      id: 0,
      client: { ip: '10.0.0.1', port: 50_000 },
      server: { ip: '10.0.0.2', port: 104 },
      clientBy: 'syn',
    });
    expect(handler.text(C2S)).toBe('hello world');
    expect(handler.text(S2C)).toBe('ok');
    expect(handler.views[0]?.buffer).toBe(request.payload.buffer);
    expect(handler.gaps()).toEqual([]);
  });

  it('passes the capture name and the offset of the packet that carried the bytes', () => {
    const seen: { source: string; offset: number }[] = [];
    const reassembler = new TcpReassembler({
      source: 'ward.pcap',
      onConnection: () => ({ data: (_d, _b, at) => seen.push(at), gap: () => {}, end: () => {} }),
    });
    reassembler.add(tcpPacket({ seq: 1, flags: SYN }));
    reassembler.add(tcpPacket({ seq: 4, payload: 'b', offset: 300 }));
    reassembler.add(tcpPacket({ seq: 2, payload: 'aa', offset: 200 }));
    expect(seen).toEqual([
      { source: 'ward.pcap', offset: 200 },
      { source: 'ward.pcap', offset: 300 },
    ]);
  });

  it('handles sequence numbers wrapping past 2^32', () => {
    const { reassembler, connections } = recordingReassembler();
    const isn = 0xffff_fff0;
    for (const p of handshake(isn, 7)) reassembler.add(p);
    const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
    // 15 bytes before the wrap, the rest after it; sent out of order around the wrap.
    reassembler.add(tcpPacket({ seq: isn + 1 + 20, payload: text.slice(20) }));
    reassembler.add(tcpPacket({ seq: isn + 1, payload: text.slice(0, 10) }));
    reassembler.add(tcpPacket({ seq: isn + 1 + 10, payload: text.slice(10, 20) }));
    expect(connections[0]?.handler.text(C2S)).toBe(text);
  });

  it('drops retransmissions and keeps the first copy of overlapping bytes', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 1, payload: 'AAAAAAAAAA' })); // 1..10
    reassembler.add(tcpPacket({ seq: 1, payload: 'AAAAAAAAAA' })); // retransmitted whole
    reassembler.add(tcpPacket({ seq: 6, payload: 'xxxxxBBBBB' })); // 6..15 overlaps 6..10
    const { handler } = connections[0]!;
    expect(handler.text(C2S)).toBe('AAAAAAAAAABBBBB');
    expect(reassembler.stats().retransmittedBytes).toBe(10);
  });

  it('keeps held out-of-order bytes over a later copy that overlaps them', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 11, payload: 'XXXXX' })); // 11..15 held
    reassembler.add(tcpPacket({ seq: 21, payload: 'ZZ' })); // 21..22 held
    reassembler.add(tcpPacket({ seq: 6, payload: 'yyyyyyyyyyyyyyyyyy' })); // 6..23 held, trimmed
    reassembler.add(tcpPacket({ seq: 1, payload: '12345' })); // fills the hole
    expect(connections[0]?.handler.text(C2S)).toBe('12345yyyyyXXXXXyyyyyZZy');
  });

  it('reorders segments that arrive out of order', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(1000, 9000)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 1007, payload: 'C' }));
    reassembler.add(tcpPacket({ seq: 1004, payload: 'BBB' }));
    reassembler.add(tcpPacket({ seq: 1001, payload: 'AAA' }));
    expect(connections[0]?.handler.events.map((e) => e.kind === 'data' && e.bytes.length)).toEqual([
      3, 3, 1,
    ]);
    expect(reassembler.stats()).toMatchObject({ outOfOrderSegments: 2, bufferedBytes: 0 });
  });
});

describe('TcpReassembler: without a handshake', () => {
  it('starts at the first data seen and takes the lower port as the server', () => {
    const { reassembler, connections } = recordingReassembler();
    reassembler.add(fromServer({ seq: 77, payload: 'banner' })); // server speaks first
    reassembler.add(tcpPacket({ seq: 5000, payload: 'hi' }));
    expect(connections[0]?.connection).toMatchObject({
      client: { ip: '10.0.0.1', port: 50_000 },
      server: { ip: '10.0.0.2', port: 104 },
      clientBy: 'port',
    });
    expect(connections[0]?.handler.text(S2C)).toBe('banner');
    expect(connections[0]?.handler.text(C2S)).toBe('hi');
  });

  it('takes the receiver of a lone SYN-ACK as the client', () => {
    const { reassembler, connections } = recordingReassembler();
    reassembler.add(
      tcpPacket({ src: '10.0.0.9', sport: 40_000, dport: 60_000, seq: 1, flags: SYN | ACK }),
    );
    expect(connections[0]?.connection).toMatchObject({
      client: { ip: '10.0.0.2', port: 60_000 },
      server: { ip: '10.0.0.9', port: 40_000 },
      clientBy: 'syn-ack',
    });
  });

  it('opens no connection for a bare ACK or FIN of a conversation it never saw', () => {
    const { reassembler, connections } = recordingReassembler();
    reassembler.add(tcpPacket({ seq: 1, flags: ACK }));
    reassembler.add(tcpPacket({ seq: 1, flags: FIN | ACK }));
    expect(connections).toHaveLength(0);
  });

  it('keeps VLANs apart', () => {
    const { reassembler, connections } = recordingReassembler();
    reassembler.add(tcpPacket({ seq: 1, payload: 'a', vlanIds: [10] }));
    reassembler.add(tcpPacket({ seq: 1, payload: 'b', vlanIds: [20] }));
    expect(connections.map((c) => [c.connection.vlanIds, c.handler.text(C2S)])).toEqual([
      [[10], 'a'],
      [[20], 'b'],
    ]);
  });
});

describe('TcpReassembler: gaps and caps', () => {
  it('reports a hole the peer acknowledged as a gap at once, then delivers what followed', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 1, payload: 'aaaa' }));
    reassembler.add(tcpPacket({ seq: 9, payload: 'cccc' })); // 5..8 never captured
    reassembler.add(fromServer({ seq: 1, ack: 13, flags: ACK }));
    const { handler } = connections[0]!;
    expect(handler.events.map((e) => e.kind)).toEqual(['data', 'gap', 'data']);
    expect(handler.gaps(C2S)).toEqual([4]);
  });

  it('gives up the first hole when a direction holds more than its cap', () => {
    const { reassembler, connections } = recordingReassembler({
      limits: { maxBufferedPerDirection: 10 },
    });
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 11, payload: '123456' }));
    expect(connections[0]?.handler.gaps()).toEqual([]);
    reassembler.add(tcpPacket({ seq: 17, payload: '789' }));
    reassembler.add(tcpPacket({ seq: 30, payload: 'abcdef' }));
    const { handler } = connections[0]!;
    expect(handler.gaps(C2S)).toEqual([10]);
    expect(handler.text(C2S).slice(10)).toBe('123456789');
    expect(reassembler.stats()).toMatchObject({ capGaps: 1, bufferedBytes: 6 });
    expect(reassembler.diagnostics().map((d) => d.code)).toEqual(['WL_PCAP_TCP_BUFFER_LIMIT']);
  });

  it('gives up holes across connections beyond the global cap', () => {
    const { reassembler, connections } = recordingReassembler({
      limits: { maxBufferedTotal: 8 },
    });
    reassembler.add(tcpPacket({ seq: 1, flags: SYN }));
    reassembler.add(tcpPacket({ seq: 10, payload: 'aaaaa' })); // held: 5
    reassembler.add(tcpPacket({ sport: 50_001, seq: 1, flags: SYN }));
    reassembler.add(tcpPacket({ sport: 50_001, seq: 10, payload: 'bbbbb' })); // held: 10 > 8
    expect(reassembler.stats().bufferedBytes).toBeLessThanOrEqual(8);
    expect(connections.flatMap((c) => c.handler.gaps())).toEqual([8]);
  });

  it('reports the holes still open when the capture ends, then ends the connection', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 1, payload: 'aa' }));
    reassembler.add(tcpPacket({ seq: 6, payload: 'bb' }));
    reassembler.finish();
    const { handler } = connections[0]!;
    expect(handler.events.map((e) => (e.kind === 'gap' ? e.length : e.kind))).toEqual([
      'data',
      3,
      'data',
      'end',
    ]);
    expect(handler.endReasons()).toEqual(['flush']);
    expect(reassembler.stats().liveConnections).toBe(0);
  });

  it('after a segment cut by the snaplen, takes the next one as following it', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 1, payload: 'abc', truncated: true })); // really 1..1460
    reassembler.add(tcpPacket({ seq: 1461, payload: 'next' }));
    expect(connections[0]?.handler.gaps()).toEqual([1457]);
    expect(connections[0]?.handler.text(C2S).endsWith('next')).toBe(true);
  });

  it('drops segments beyond the window, and follows the stream after several in a row', () => {
    const { reassembler, connections } = recordingReassembler({ limits: { maxWindow: 1000 } });
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 5001, payload: 'x' }));
    reassembler.add(tcpPacket({ seq: 1, payload: 'a' }));
    expect(reassembler.stats().outOfWindowSegments).toBe(1);
    for (let i = 0; i < 4; i++) reassembler.add(tcpPacket({ seq: 90_000 + i, payload: 'j' }));
    expect(connections[0]?.handler.gaps()).toEqual([90_003 - 2]); // the first three were dropped
    expect(connections[0]?.handler.text(C2S).endsWith('j')).toBe(true);
  });
});

describe('TcpReassembler: connection ends', () => {
  it('ends on FIN in both directions once every byte before them is delivered', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 4, payload: 'cd', flags: FIN | ACK })); // FIN before 1..3
    reassembler.add(fromServer({ seq: 1, ack: 1, flags: FIN | ACK }));
    expect(connections[0]?.handler.endReasons()).toEqual([]);
    reassembler.add(tcpPacket({ seq: 1, payload: 'ab' }));
    expect(connections[0]?.handler.endReasons()).toEqual([]);
    reassembler.add(tcpPacket({ seq: 3, payload: 'X' }));
    expect(connections[0]?.handler.text(C2S)).toBe('abXcd');
    expect(connections[0]?.handler.endReasons()).toEqual(['fin']);
    expect(reassembler.stats().liveConnections).toBe(0);
  });

  it('ends on RST, reporting the open holes first', () => {
    const { reassembler, connections } = recordingReassembler();
    for (const p of handshake(0, 0)) reassembler.add(p);
    reassembler.add(tcpPacket({ seq: 5, payload: 'late' }));
    reassembler.add(fromServer({ seq: 1, flags: RST }));
    expect(connections[0]?.handler.gaps()).toEqual([4]);
    expect(connections[0]?.handler.endReasons()).toEqual(['rst']);
  });

  it('ends connections idle longer than the timeout, by capture time', () => {
    const { reassembler, connections } = recordingReassembler({
      limits: { idleTimeoutMicros: 10_000_000 },
    });
    reassembler.add(tcpPacket({ seq: 1, payload: 'a', micros: 1_000_000 }));
    reassembler.add(tcpPacket({ sport: 50_001, seq: 1, payload: 'b', micros: 5_000_000 }));
    reassembler.add(tcpPacket({ sport: 50_002, seq: 1, payload: 'c', micros: 12_000_000 }));
    expect(connections.map((c) => c.handler.endReasons())).toEqual([['idle'], [], []]);
    expect(reassembler.stats()).toMatchObject({ expiredConnections: 1, liveConnections: 2 });
  });

  it('evicts the least recently active connection beyond the maximum', () => {
    const { reassembler, connections } = recordingReassembler({ limits: { maxConnections: 2 } });
    reassembler.add(tcpPacket({ sport: 1, dport: 104, seq: 1, payload: 'a', offset: 1 }));
    reassembler.add(tcpPacket({ sport: 2, dport: 104, seq: 1, payload: 'b', offset: 2 }));
    reassembler.add(tcpPacket({ sport: 1, dport: 104, seq: 2, payload: 'a', offset: 3 }));
    reassembler.add(tcpPacket({ sport: 3, dport: 104, seq: 1, payload: 'c', offset: 4 }));
    expect(connections.map((c) => c.handler.endReasons())).toEqual([[], ['evicted'], []]);
    expect(reassembler.diagnostics()).toEqual([
      expect.objectContaining({ code: 'WL_PCAP_TCP_CONNECTIONS_EVICTED', offset: 4 }),
    ]);
  });

  it('starts a new connection on a new SYN for the same ports, but not on a repeated SYN', () => {
    const { reassembler, connections } = recordingReassembler();
    reassembler.add(tcpPacket({ seq: 100, flags: SYN }));
    reassembler.add(tcpPacket({ seq: 100, flags: SYN }));
    reassembler.add(tcpPacket({ seq: 101, payload: 'o' }));
    reassembler.add(tcpPacket({ seq: 100, flags: SYN })); // a late copy, after data
    reassembler.add(tcpPacket({ seq: 102, payload: 'ne' }));
    reassembler.add(tcpPacket({ seq: 9000, flags: SYN }));
    reassembler.add(tcpPacket({ seq: 9001, payload: 'two' }));
    expect(connections.map((c) => [c.handler.text(C2S), c.handler.endReasons()])).toEqual([
      ['one', ['reused']],
      ['two', []],
    ]);
  });

  it("calls an ignored connection's handler no more, frees what it held, and forgets it at FIN", () => {
    const ends: string[] = [];
    let data = 0;
    const reassembler = new TcpReassembler({
      onConnection: (connection) => ({
        data: () => {
          data++;
          connection.ignore();
        },
        gap: () => {},
        end: (reason) => ends.push(reason ?? ''),
      }),
    });
    reassembler.add(tcpPacket({ seq: 1, flags: SYN }));
    reassembler.add(tcpPacket({ seq: 10, payload: 'held' }));
    reassembler.add(tcpPacket({ seq: 2, payload: 'firstfirs' }));
    reassembler.add(tcpPacket({ seq: 14, payload: 'more' }));
    reassembler.add(tcpPacket({ seq: 18, flags: FIN | ACK }));
    reassembler.add(fromServer({ seq: 1, flags: FIN | ACK }));
    expect(data).toBe(1);
    expect(reassembler.stats().bufferedBytes).toBe(0);
    expect(ends).toEqual([]);
    expect(reassembler.stats().liveConnections).toBe(0);
  });

  it('opens no handler when onConnection returns null, and ignores non-TCP packets', () => {
    const reassembler = new TcpReassembler({ onConnection: () => null });
    reassembler.add(tcpPacket({ seq: 1, payload: 'x' }));
    reassembler.add({
      ...tcpPacket({ seq: 1 }),
      transport: { kind: 'udp', srcPort: 1, dstPort: 2 },
    });
    reassembler.add({ ...tcpPacket({ seq: 1, payload: 'x' }), ip: null });
    expect(reassembler.stats()).toMatchObject({ connections: 1, deliveredBytes: 0 });
  });
});

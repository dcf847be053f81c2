import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PacketSummary } from './packet-summary.js';
import {
  ACK,
  FIN,
  PSH,
  fromServer,
  recordingReassembler,
  RST,
  SYN,
  tcpPacket,
} from './tcp-reassembly-harness.js';

const C2S = 'client-to-server';
const S2C = 'server-to-client';

/** A sequence number anywhere, or close enough to 2^32 that the stream wraps. */
const isn = fc.oneof(
  fc.nat(0xffff_ffff),
  fc.integer({ min: 0xffff_ffff - 5_000, max: 0xffff_ffff }),
);

/** One direction's bytes cut into segments, plus retransmissions of arbitrary ranges. */
const directionArb = fc
  .record({
    bytes: fc.uint8Array({ maxLength: 3_000 }),
    cuts: fc.array(fc.nat(3_000), { maxLength: 40 }),
    resent: fc.array(fc.tuple(fc.nat(3_000), fc.integer({ min: 1, max: 600 })), {
      maxLength: 12,
    }),
    isn,
  })
  .map(({ bytes, cuts, resent, isn: start }) => {
    const bounds = [...new Set([0, ...cuts.filter((c) => c < bytes.length), bytes.length])].sort(
      (a, b) => a - b,
    );
    const segments: [number, number][] = [];
    for (let i = 0; i + 1 < bounds.length; i++) segments.push([bounds[i]!, bounds[i + 1]!]);
    for (const [from, length] of resent) {
      if (from < bytes.length) segments.push([from, Math.min(bytes.length, from + length)]);
    }
    return { bytes, segments, isn: start };
  });

type Direction = fc.Arbitrary<{ bytes: Uint8Array; segments: [number, number][]; isn: number }>;

/** Shuffles with bounded displacement: each packet moves at most `window` places. */
function reorder<T>(items: readonly T[], jitter: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: i + (jitter[i % Math.max(1, jitter.length)] ?? 0) }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.item);
}

/**
 * One side's packets. They acknowledge only the peer's SYN: an acknowledgement of bytes the
 * capture shows later would (rightly) turn the hole before them into a gap.
 */
function segmentPackets(
  side: { bytes: Uint8Array; segments: [number, number][]; isn: number },
  make: (spec: Parameters<typeof tcpPacket>[0]) => PacketSummary,
  peerIsn = 0,
): PacketSummary[] {
  const ack = peerIsn + 1;
  const packets = side.segments.map(([from, to]) =>
    make({ seq: side.isn + 1 + from, ack, payload: side.bytes.subarray(from, to), flags: ACK }),
  );
  packets.push(make({ seq: side.isn + 1 + side.bytes.length, ack, flags: FIN | ACK }));
  return packets;
}

describe('TcpReassembler properties', () => {
  it('delivers exactly the original bytes for any segmentation, duplication and reordering', () => {
    fc.assert(
      fc.property(
        directionArb as Direction,
        directionArb as Direction,
        fc.array(fc.nat(8), { maxLength: 64 }),
        (client, server, jitter) => {
          const { reassembler, connections } = recordingReassembler();
          reassembler.add(tcpPacket({ seq: client.isn, flags: SYN }));
          reassembler.add(fromServer({ seq: server.isn, ack: client.isn + 1, flags: SYN | ACK }));
          const data = [
            ...segmentPackets(client, tcpPacket, server.isn),
            ...segmentPackets(server, fromServer, client.isn),
          ];
          for (const packet of reorder(data, jitter)) reassembler.add(packet);
          const { handler } = connections[0]!;
          expect(handler.bytes(C2S)).toEqual(client.bytes);
          expect(handler.bytes(S2C)).toEqual(server.bytes);
          expect(handler.gaps()).toEqual([]);
          expect(handler.endReasons()).toEqual(['fin']);
          expect(reassembler.stats().bufferedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('delivers the original bytes without a handshake when the first segment comes first', () => {
    fc.assert(
      fc.property(directionArb as Direction, fc.array(fc.nat(6), { maxLength: 64 }), (side, j) => {
        fc.pre(side.bytes.length > 0);
        const { reassembler, connections } = recordingReassembler();
        const packets = segmentPackets(side, tcpPacket);
        const firstIndex = side.segments.findIndex(([from]) => from === 0);
        const [first] = packets.splice(firstIndex, 1);
        for (const packet of [first!, ...reorder(packets, j)]) reassembler.add(packet);
        reassembler.finish();
        expect(connections[0]?.handler.bytes(C2S)).toEqual(side.bytes);
        expect(connections[0]?.handler.gaps()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary packets, keeps the buffer caps and frees everything at the end', () => {
    const packet = fc.record({
      fromClient: fc.boolean(),
      sport: fc.constantFrom(50_000, 50_001),
      seq: fc.oneof(fc.nat(0xffff_ffff), fc.nat(400)),
      ack: fc.oneof(fc.nat(0xffff_ffff), fc.nat(400)),
      flags: fc.oneof(
        fc.constantFrom(SYN, SYN | ACK, ACK, ACK | PSH, FIN | ACK, RST),
        fc.nat(0x1ff),
      ),
      payload: fc.uint8Array({ maxLength: 80 }),
      micros: fc.nat(30_000_000),
      truncated: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 120 }), (specs) => {
        const limits = {
          maxBufferedPerDirection: 200,
          maxBufferedTotal: 300,
          maxSegmentsPerDirection: 5,
          maxConnections: 1,
          idleTimeoutMicros: 10_000_000,
          maxWindow: 100_000,
        };
        const { reassembler, connections } = recordingReassembler({ limits });
        let sent = 0;
        for (const { fromClient, sport, ...spec } of specs) {
          const make = fromClient ? tcpPacket : fromServer;
          reassembler.add(make({ ...spec, ...(fromClient ? { sport } : { dport: sport }) }));
          sent += spec.payload.length;
          expect(reassembler.stats().bufferedBytes).toBeLessThanOrEqual(limits.maxBufferedTotal);
        }
        reassembler.finish();
        const stats = reassembler.stats();
        expect(stats.bufferedBytes).toBe(0);
        expect(stats.deliveredBytes).toBeLessThanOrEqual(sent);
        for (const { handler } of connections) {
          expect(handler.endReasons().length).toBeLessThanOrEqual(1);
          expect(handler.gaps().every((g) => g > 0)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

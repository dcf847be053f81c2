/**
 * The flow table discovery counts packets with, against a reference model written the obvious way
 * (a Map re-inserted on every packet): same flows, same counts, same least-recently-seen order and
 * the same evictions, whatever the packets, VLANs and cap. The table's recent-flow cache and
 * recency list are optimizations; this keeps them honest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowTable, type Flow } from '../flows.js';
import type { PacketSummary } from '../packet-summary.js';

function packet(p: {
  src: number;
  dst: number;
  sport: number;
  dport: number;
  protocol: number;
  flags: number;
  vlans: readonly number[];
  micros: number;
}): PacketSummary {
  const tcp = p.protocol === 6;
  return {
    index: 0,
    offset: 0,
    timestampMicros: BigInt(p.micros),
    linkType: 1,
    originalLength: 60,
    srcMac: null,
    dstMac: null,
    vlanIds: p.vlans,
    etherType: 0x0800,
    ip: {
      version: 4,
      src: `10.0.0.${p.src}`,
      dst: `10.0.0.${p.dst}`,
      protocol: p.protocol,
      ttl: 64,
      fragment: null,
    },
    transport: tcp
      ? {
          kind: 'tcp',
          srcPort: p.sport,
          dstPort: p.dport,
          seq: 0,
          ack: 0,
          flags: p.flags,
          window: 0,
        }
      : p.protocol === 17
        ? { kind: 'udp', srcPort: p.sport, dstPort: p.dport }
        : null,
    payload: new Uint8Array(0),
    truncated: false,
  };
}

type MutableFlow = { -readonly [K in keyof Flow]: Flow[K] };

function countInto(f: MutableFlow, p: PacketSummary, forward: boolean): void {
  if (forward) {
    f.packetsAToB++;
    f.bytesAToB += p.originalLength;
  } else {
    f.packetsBToA++;
    f.bytesBToA += p.originalLength;
  }
  const at = p.timestampMicros!;
  if (at < f.firstSeenMicros!) f.firstSeenMicros = at;
  if (at > f.lastSeenMicros!) f.lastSeenMicros = at;
  const flags = p.transport?.kind === 'tcp' ? p.transport.flags : 0;
  if ((flags & 2) === 0) return;
  f.synSeen = true;
  if ((flags & 0x10) === 0) f.initiator = forward ? 'a' : 'b';
  else f.initiator ??= forward ? 'b' : 'a';
}

/** The obvious implementation: key text per packet, delete and re-insert to keep recency. */
function reference(packets: readonly PacketSummary[], maxFlows: number) {
  const table = new Map<string, Flow & Record<string, unknown>>();
  const evicted: Flow[] = [];
  for (const p of packets) {
    const ip = p.ip!;
    const sport = p.transport?.srcPort ?? 0;
    const dport = p.transport?.dstPort ?? 0;
    const forward = ip.src === ip.dst ? sport <= dport : ip.src < ip.dst;
    const a = forward ? { ip: ip.src, port: sport } : { ip: ip.dst, port: dport };
    const b = forward ? { ip: ip.dst, port: dport } : { ip: ip.src, port: sport };
    const key = `${p.vlanIds.join('.')}|${ip.protocol}|${a.ip}|${a.port}|${b.ip}|${b.port}`;
    let flow = table.get(key);
    if (flow === undefined) {
      if (table.size >= maxFlows) {
        const oldest = table.values().next().value!;
        table.delete(oldest.key);
        evicted.push({ ...oldest });
      }
      flow = {
        key,
        vlanIds: [...p.vlanIds],
        protocol: ip.protocol,
        a,
        b,
        firstSeenMicros: p.timestampMicros,
        lastSeenMicros: p.timestampMicros,
        packetsAToB: 0,
        bytesAToB: 0,
        packetsBToA: 0,
        bytesBToA: 0,
        synSeen: false,
        initiator: null,
      };
    }
    table.delete(key);
    table.set(key, flow);
    countInto(flow, p, forward);
  }
  return { flows: [...table.values()].map((f) => ({ ...f })), evicted };
}

describe('FlowTable against a reference model', () => {
  const spec = fc.record({
    src: fc.integer({ min: 1, max: 4 }),
    dst: fc.integer({ min: 1, max: 4 }),
    sport: fc.constantFrom(0, 80, 104, 1024, 1024 ^ 104, 50_000),
    dport: fc.constantFrom(0, 80, 104, 1024, 50_000),
    protocol: fc.constantFrom(6, 17, 1),
    flags: fc.constantFrom(0x10, 0x02, 0x12, 0x18),
    vlans: fc.constantFrom([], [10], [20], [10, 20]),
    micros: fc.integer({ min: 0, max: 1_000_000 }),
  });

  it('same flows, counts, order and evictions', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { maxLength: 300 }),
        fc.integer({ min: 1, max: 12 }),
        (specs, maxFlows) => {
          const packets = specs.map(packet);
          const evicted: Flow[] = [];
          const table = new FlowTable({ maxFlows, onEvict: (f) => evicted.push(f) });
          for (const p of packets) table.add(p);
          const expected = reference(packets, maxFlows);
          expect(table.flows()).toEqual(expected.flows);
          expect(evicted).toEqual(expected.evicted);
          expect(table.evictedCount).toBe(expected.evicted.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

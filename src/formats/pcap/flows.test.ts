import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode.js';
import { aggregateFlows, FlowTable, type Flow } from './flows.js';
import { buildFrame, type FrameSpec } from './frame-builder.js';
import { TCP_FLAGS, type PacketSummary } from './packet-summary.js';
import { readCaptureAll } from './pcap-reader.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/pcaps/', import.meta.url));
const HAS_DATA = existsSync(DATA);

let index = 0;
function packet(
  spec: Partial<FrameSpec> & Pick<FrameSpec, 'transport'>,
  at: bigint,
): PacketSummary {
  const data = buildFrame({ srcIp: '10.1.4.20', dstIp: '10.1.9.5', ...spec });
  const offset = index * 100;
  return decodePacket({
    index: index++,
    offset,
    timestampMicros: at,
    linkType: 1,
    interfaceId: 0,
    capturedLength: data.length,
    originalLength: data.length,
    data,
  }).packet;
}

const tcp = (srcPort: number, dstPort: number, flags: number) =>
  ({ kind: 'tcp', srcPort, dstPort, flags }) as const;
const reverse = { srcIp: '10.1.9.5', dstIp: '10.1.4.20' };

describe('aggregateFlows', () => {
  it('joins both directions into one flow, counts each and names the initiator', () => {
    const { records, diagnostics } = aggregateFlows([
      packet({ transport: tcp(50112, 104, TCP_FLAGS.SYN) }, 10n),
      packet({ ...reverse, transport: tcp(104, 50112, TCP_FLAGS.SYN | TCP_FLAGS.ACK) }, 20n),
      packet({ transport: tcp(50112, 104, TCP_FLAGS.ACK), payload: new Uint8Array(10) }, 30n),
    ]);
    expect(diagnostics).toEqual([]);
    expect(records).toEqual([
      {
        key: '|6|10.1.4.20|50112|10.1.9.5|104',
        vlanIds: [],
        protocol: 6,
        a: { ip: '10.1.4.20', port: 50112 },
        b: { ip: '10.1.9.5', port: 104 },
        firstSeenMicros: 10n,
        lastSeenMicros: 30n,
        packetsAToB: 2,
        bytesAToB: 54 + 64,
        packetsBToA: 1,
        bytesBToA: 54,
        synSeen: true,
        initiator: 'a',
      } satisfies Flow,
    ]);
  });

  it('takes the receiver of a lone SYN-ACK as the initiator', () => {
    const { records } = aggregateFlows([
      packet({ ...reverse, transport: tcp(104, 50112, TCP_FLAGS.SYN | TCP_FLAGS.ACK) }, 1n),
    ]);
    expect(records[0]?.initiator).toBe('a');
  });

  it('keeps flows on different VLANs apart', () => {
    const udp = { kind: 'udp', srcPort: 68, dstPort: 67 } as const;
    const { records } = aggregateFlows([
      packet({ vlanIds: [10], transport: udp }, 1n),
      packet({ vlanIds: [20], transport: udp }, 2n),
    ]);
    expect(records.map((f) => f.vlanIds)).toEqual([[10], [20]]);
    expect(records.every((f) => !f.synSeen && f.initiator === null)).toBe(true);
  });

  it('evicts the least recently seen flow beyond the cap and reports how many', () => {
    const evicted: Flow[] = [];
    const table = new FlowTable({
      maxFlows: 2,
      source: 'cap.pcap',
      onEvict: (f) => evicted.push(f),
    });
    table.add(packet({ transport: tcp(1, 104, 0) }, 1n));
    table.add(packet({ transport: tcp(2, 104, 0) }, 2n));
    table.add(packet({ transport: tcp(1, 104, 0) }, 3n));
    table.add(packet({ transport: tcp(3, 104, 0) }, 4n));
    expect(table.size).toBe(2);
    expect(evicted.map((f) => f.a.port)).toEqual([2]);
    expect(table.flows().map((f) => f.a.port)).toEqual([1, 3]);
    expect(table.diagnostics()).toEqual([
      expect.objectContaining({
        code: 'WL_PCAP_FLOWS_EVICTED',
        source: 'cap.pcap',
        severity: 'warning',
      }),
    ]);
  });
});

describe.skipIf(!HAS_DATA)(
  HAS_DATA
    ? 'flows of a real capture'
    : 'flows of a real capture — SKIPPED: ../shared/data is absent',
  () => {
    it('ndpi/hl7.pcap is one TCP flow: 5 packets, 777 bytes client→server; 4, 396 back', async () => {
      const { records } = await readCaptureAll(createReadStream(DATA + 'ndpi/hl7.pcap'));
      const flows = aggregateFlows(records.map((r) => decodePacket(r).packet)).records;
      expect(flows).toHaveLength(1);
      expect(flows[0]).toMatchObject({
        protocol: 6,
        a: { ip: '10.0.0.126', port: 6661 },
        b: { ip: '10.0.0.155', port: 49242 },
        packetsAToB: 4,
        bytesAToB: 396,
        packetsBToA: 5,
        bytesBToA: 777,
        synSeen: true,
        initiator: 'b',
        firstSeenMicros: 1_517_275_422_250_397n,
      });
    });
  },
);

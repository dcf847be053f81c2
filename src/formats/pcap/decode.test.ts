import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodePacket, LINKTYPE } from './decode.js';
import { buildFrame } from './frame-builder.js';
import type { CapturedPacket } from './packet.js';
import { TCP_FLAGS } from './packet-summary.js';
import { readCaptureAll } from './pcap-reader.js';

const DATA = fileURLToPath(new URL('../../../../shared/data/pcaps/', import.meta.url));
const HAS_DATA = existsSync(DATA);

function captured(data: Uint8Array, linkType: number = LINKTYPE.ETHERNET, cut = 0): CapturedPacket {
  return {
    index: 7,
    offset: 100,
    timestampMicros: 1n,
    linkType,
    interfaceId: 0,
    capturedLength: data.length,
    originalLength: data.length + cut,
    data,
  };
}

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));
}

const TCP_SYN = buildFrame({
  srcMac: '00:0c:29:b5:b6:48',
  dstMac: '08:00:27:1d:a6:c2',
  srcIp: '10.0.0.155',
  dstIp: '10.0.0.126',
  transport: { kind: 'tcp', srcPort: 49242, dstPort: 6661, seq: 1566056812, flags: TCP_FLAGS.SYN },
  payload: hex('0b4d5348'),
});

describe('decodePacket', () => {
  it('decodes Ethernet II, IPv4 and TCP', () => {
    const { packet, diagnostics } = decodePacket(captured(TCP_SYN));
    expect(diagnostics).toEqual([]);
    expect(packet).toMatchObject({
      srcMac: '00:0c:29:b5:b6:48',
      dstMac: '08:00:27:1d:a6:c2',
      vlanIds: [],
      etherType: 0x0800,
      ip: {
        version: 4,
        src: '10.0.0.155',
        dst: '10.0.0.126',
        protocol: 6,
        ttl: 64,
        fragment: null,
      },
      transport: { kind: 'tcp', srcPort: 49242, dstPort: 6661, seq: 1566056812, flags: 2 },
      truncated: false,
    });
    expect(packet.payload).toEqual(hex('0b4d5348'));
  });

  it('keeps 802.1Q and stacked QinQ VLAN ids, outermost first', () => {
    const frame = buildFrame({
      vlanIds: [93, 258],
      srcIp: '10.206.131.18',
      dstIp: '10.206.65.249',
      transport: { kind: 'udp', srcPort: 5353, dstPort: 53 },
      payload: hex('abcd'),
    });
    const { packet } = decodePacket(captured(frame));
    expect(packet.vlanIds).toEqual([93, 258]);
    expect(packet.transport).toEqual({ kind: 'udp', srcPort: 5353, dstPort: 53 });
    expect(packet.payload).toEqual(hex('abcd'));
  });

  it('trims Ethernet padding using the IP total length', () => {
    const padded = new Uint8Array(TCP_SYN.length + 6);
    padded.set(TCP_SYN);
    expect(decodePacket(captured(padded)).packet.payload).toEqual(hex('0b4d5348'));
  });

  it('decodes Linux cooked captures (SLL and SLL2)', () => {
    const ip = TCP_SYN.subarray(14);
    const sll = new Uint8Array([...hex('0000 0001 0006 00 0c 29 b5 b6 48 0000 0800'), ...ip]);
    const sll2 = new Uint8Array([
      ...hex('0800 0000 00000002 0001 00 06 00 0c 29 b5 b6 48 0000'),
      ...ip,
    ]);
    for (const [bytes, linkType] of [
      [sll, LINKTYPE.LINUX_SLL],
      [sll2, LINKTYPE.LINUX_SLL2],
    ] as const) {
      const { packet, diagnostics } = decodePacket(captured(bytes, linkType));
      expect(diagnostics).toEqual([]);
      expect(packet.srcMac).toBe('00:0c:29:b5:b6:48');
      expect(packet.ip?.src).toBe('10.0.0.155');
      expect(packet.transport?.dstPort).toBe(6661);
    }
  });

  it('decodes raw IP (link type 101)', () => {
    const { packet } = decodePacket(captured(TCP_SYN.subarray(14), LINKTYPE.RAW));
    expect(packet.srcMac).toBeNull();
    expect(packet.ip?.dst).toBe('10.0.0.126');
  });

  it('decodes IPv6 past hop-by-hop and fragment extension headers', () => {
    const udp = hex('14e9 0035 000a 0000 beef');
    const ipv6 = hex(
      '60000000 0020 00 40' + // payload length 32: 8 hop-by-hop + 8 fragment + 10 UDP, hop limit 64
        '20010db8000000000000000000000001' +
        'fe800000000000000000000000000002' +
        '2c00 000000000000' + // hop-by-hop: next = fragment (44), length 0 (8 bytes)
        '1100 0001 12345678', // fragment: next = UDP, offset 0, more fragments, id 0x12345678
    );
    const { packet, diagnostics } = decodePacket(
      captured(new Uint8Array([...ipv6, ...udp, 0, 0, 0, 0, 0, 0]), LINKTYPE.RAW),
    );
    expect(diagnostics).toEqual([]);
    expect(packet.ip).toEqual({
      version: 6,
      src: '2001:db8::1',
      dst: 'fe80::2',
      protocol: 17,
      ttl: 64,
      fragment: { id: 0x12345678, offset: 0, moreFragments: true },
    });
    expect(packet.transport).toEqual({ kind: 'udp', srcPort: 5353, dstPort: 53 });
    expect(packet.payload).toEqual(hex('beef'));
  });

  it('notes IPv4 fragments and decodes no transport header past the first', () => {
    const frame = TCP_SYN.slice();
    frame[14 + 6] = 0x00;
    frame[14 + 7] = 0x10; // fragment offset 16 * 8 = 128 bytes
    const { packet } = decodePacket(captured(frame));
    expect(packet.ip?.fragment).toEqual({ id: 1, offset: 128, moreFragments: false });
    expect(packet.transport).toBeNull();
  });

  it('reports malformed headers as diagnostics and keeps what was read', () => {
    const badIhl = TCP_SYN.slice();
    badIhl[14] = 0x42;
    const shortTcp = TCP_SYN.slice(0, 14 + 20 + 10);
    shortTcp[14 + 2] = 0;
    shortTcp[14 + 3] = 30; // total length matches the 30 captured IP bytes
    const cases = [
      [badIhl, 'IPv4 header length 8 below 20'],
      [TCP_SYN.subarray(0, 10), 'Ethernet header'],
      [shortTcp, 'TCP header'],
    ] as const;
    for (const [bytes, text] of cases) {
      const { packet, diagnostics } = decodePacket(captured(bytes), { source: 'x.pcap' });
      expect(diagnostics).toEqual([
        expect.objectContaining({
          source: 'x.pcap',
          offset: 100,
          code: 'WL_PCAP_MALFORMED_PACKET',
          severity: 'warning',
          message: expect.stringContaining(text) as string,
        }),
      ]);
      expect(packet.transport).toBeNull();
    }
  });

  it('marks a snaplen-cut packet truncated without a diagnostic', () => {
    const { packet, diagnostics } = decodePacket(captured(TCP_SYN.subarray(0, 40), 1, 20));
    expect(diagnostics).toEqual([]);
    expect(packet.truncated).toBe(true);
    expect(packet.ip?.src).toBe('10.0.0.155');
  });

  it('reports a link type it does not decode', () => {
    const { diagnostics } = decodePacket(captured(TCP_SYN, 105));
    expect(diagnostics.map((d) => d.code)).toEqual(['WL_PCAP_UNSUPPORTED_LINK_TYPE']);
  });
});

describe.skipIf(!HAS_DATA)(
  HAS_DATA
    ? 'decoding real captures'
    : 'decoding real captures — SKIPPED: ../shared/data is absent',
  () => {
    const decodeAll = async (name: string) => {
      const { records } = await readCaptureAll(createReadStream(DATA + name));
      return records.map((r) => decodePacket(r));
    };

    it('HL7 over MLLP (ndpi/hl7.pcap): the 5-tuple and the first message', async () => {
      const decoded = await decodeAll('ndpi/hl7.pcap');
      expect(decoded.flatMap((d) => d.diagnostics)).toEqual([]);
      expect(decoded[0]?.packet).toMatchObject({
        srcMac: '00:0c:29:b5:b6:48',
        ip: { src: '10.0.0.155', dst: '10.0.0.126', protocol: 6 },
        transport: { kind: 'tcp', srcPort: 49242, dstPort: 6661, seq: 1566056812, flags: 2 },
      });
      const message = decoded[3]!.packet.payload;
      expect(message).toHaveLength(477);
      expect(message.subarray(-2)).toEqual(hex('1c0d')); // MLLP end block, carriage return
    });

    it('QinQ (ndpi/ja3_lots_of_cipher_suites.pcap): VLANs 93 and 258', async () => {
      const [first] = await decodeAll('ndpi/ja3_lots_of_cipher_suites.pcap');
      expect(first?.packet).toMatchObject({
        vlanIds: [93, 258],
        ip: { src: '10.206.131.18' },
        transport: { srcPort: 58657 },
      });
    });

    it('802.1Q (zeek ldap/simpleauth.pcap): VLAN 50, 10.0.0.1:25936 → 10.0.0.2:3268', async () => {
      const [first] = await decodeAll('zeek/traces/ldap/simpleauth.pcap');
      expect(first?.packet).toMatchObject({
        vlanIds: [50],
        ip: { src: '10.0.0.1', dst: '10.0.0.2' },
        transport: { srcPort: 25936, dstPort: 3268 },
      });
    });

    it('IPv6 (ndpi/ftp_failed.pcap) and BSD loopback (ndpi/opc-ua.pcap)', async () => {
      const [ftp] = await decodeAll('ndpi/ftp_failed.pcap');
      expect(ftp?.packet.ip).toMatchObject({
        src: '2a00:d40:1:3:192:12:193:11',
        dst: '2a00:800:1010::1',
      });
      expect(ftp?.packet.transport).toMatchObject({ srcPort: 44724, dstPort: 21 });
      const [opc] = await decodeAll('ndpi/opc-ua.pcap');
      expect(opc?.packet).toMatchObject({
        ip: { src: '127.0.0.1', dst: '127.0.0.1' },
        transport: { srcPort: 57420, dstPort: 4840 },
      });
    });
  },
);

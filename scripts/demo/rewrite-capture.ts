/**
 * Turns a loopback capture of real software into the demo hospital's traffic: every connection to
 * the listening port gets the addresses and MACs of the demo devices that stand at its two ends,
 * the well-known server port, a stable client port and an 802.1Q tag when the capture is from a
 * trunk; segments larger than an Ethernet MTU (loopback's is 64 KiB) are split as a 1500-byte link
 * would carry them, the SYN's MSS says so, and the IPv4 and TCP checksums are computed anew.
 * Payloads, sequence numbers and relative timing stay exactly as the software produced them.
 */
import { parseIpv4, parseMac } from '../../src/formats/pcap/addresses.js';
import type { CapturedPacket, PacketToWrite } from '../../src/formats/pcap/index.js';

/** One end of a conversation in the demo. */
export interface DemoHost {
  readonly ip: string;
  readonly mac: string;
}

/** How one loopback capture becomes demo traffic: who serves, who connects, when. */
export interface LoopbackRewrite {
  /** The port the server listened on during the capture. */
  readonly listenPort: number;
  /** The port it has in the demo (104 for DICOM, 2575 for HL7 MLLP). */
  readonly serverPort: number;
  readonly server: DemoHost;
  /** The client of each connection, in the order the connections opened. */
  readonly clients: readonly DemoHost[];
  /** 802.1Q VLAN id when the capture was taken on a trunk. */
  readonly vlan?: number;
  /** When the first packet is stamped, ISO 8601. */
  readonly start: string;
  /**
   * Seconds added to each connection's packets, in connection order (non-decreasing), so
   * conversations made back to back on loopback are spread as a working day spreads them.
   */
  readonly delays?: readonly number[];
}

const ETHERNET_MTU = 1500;
const TCP_SYN = 0x02;
const TCP_ACK = 0x10;
const TCP_FIN = 0x01;
const TCP_PSH = 0x08;
/** Client ports from the start of the IANA dynamic range, one per connection. */
const FIRST_CLIENT_PORT = 49_712;

/** The capture's packets as the demo's traffic; throws when a packet is not this conversation. */
export function rewriteLoopback(
  packets: readonly CapturedPacket[],
  plan: LoopbackRewrite,
): PacketToWrite[] {
  const first = packets[0]?.timestampMicros ?? 0n;
  const start = BigInt(Date.parse(plan.start)) * 1000n;
  const connections = new Connections(plan);
  const out: PacketToWrite[] = [];
  for (const packet of packets) {
    const segment = readSegment(packet.data);
    const { ends, index } = connections.endsOf(segment, packet.index);
    const delay = BigInt(Math.round((plan.delays?.[index] ?? 0) * 1e6));
    const time = start + delay + ((packet.timestampMicros ?? first) - first);
    for (const data of frames(segment, ends, plan.vlan)) out.push({ timestampMicros: time, data });
  }
  return out;
}

/** Which planned connection each loopback client port is, numbered as their SYNs arrive. */
class Connections {
  private readonly byClientPort = new Map<number, number>();
  private opened = 0;

  constructor(private readonly plan: LoopbackRewrite) {}

  endsOf(segment: Segment, packet: number): { ends: Ends; index: number } {
    const { plan } = this;
    const fromClient = segment.dstPort === plan.listenPort;
    if (!fromClient && segment.srcPort !== plan.listenPort) {
      throw new Error(
        `Packet ${String(packet)} is not to or from port ${String(plan.listenPort)}.`,
      );
    }
    const clientPort = fromClient ? segment.srcPort : segment.dstPort;
    if (fromClient && (segment.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN) {
      this.byClientPort.set(clientPort, this.opened++);
    }
    const index = this.byClientPort.get(clientPort);
    const client = index === undefined ? undefined : plan.clients[index];
    if (index === undefined || client === undefined) {
      throw new Error(`Packet ${String(packet)} belongs to no planned connection.`);
    }
    const port = FIRST_CLIENT_PORT + index * 7;
    const ends: Ends = fromClient
      ? { src: client, dst: plan.server, srcPort: port, dstPort: plan.serverPort }
      : { src: plan.server, dst: client, srcPort: plan.serverPort, dstPort: port };
    return { ends, index };
  }
}

interface Segment {
  readonly ipHeader: Uint8Array;
  readonly tcpHeader: Uint8Array;
  readonly payload: Uint8Array;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly flags: number;
}

/** The IPv4 and TCP parts of a loopback Ethernet frame. */
function readSegment(frame: Uint8Array): Segment {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (view.getUint16(12) !== 0x0800) throw new Error('Not an IPv4 frame.');
  const ip = frame.subarray(14);
  const ihl = ((ip[0] ?? 0) & 0x0f) * 4;
  const total = view.getUint16(14 + 2);
  if (ip[9] !== 6) throw new Error('Not a TCP segment.');
  const tcp = ip.subarray(ihl, total);
  const dataOffset = ((tcp[12] ?? 0) >> 4) * 4;
  const tcpView = new DataView(tcp.buffer, tcp.byteOffset, tcp.byteLength);
  return {
    ipHeader: ip.subarray(0, ihl),
    tcpHeader: tcp.subarray(0, dataOffset),
    payload: tcp.subarray(dataOffset),
    srcPort: tcpView.getUint16(0),
    dstPort: tcpView.getUint16(2),
    seq: tcpView.getUint32(4),
    flags: tcp[13] ?? 0,
  };
}

interface Ends {
  readonly src: DemoHost;
  readonly dst: DemoHost;
  readonly srcPort: number;
  readonly dstPort: number;
}

/** The segment as one or more Ethernet frames of at most 1500 bytes of IP. */
function frames(segment: Segment, ends: Ends, vlan: number | undefined): Uint8Array[] {
  const room = ETHERNET_MTU - segment.ipHeader.length - segment.tcpHeader.length;
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < segment.payload.length; at += room) {
    pieces.push(segment.payload.subarray(at, at + room));
  }
  if (pieces.length === 0) pieces.push(new Uint8Array(0));
  let offset = 0;
  return pieces.map((piece, i) => {
    const last = i === pieces.length - 1;
    const flags = last ? segment.flags : segment.flags & ~(TCP_FIN | TCP_PSH);
    const tcp = tcpSegment(segment, ends, (segment.seq + offset) >>> 0, flags, piece);
    offset += piece.length;
    const ip = ipv4Packet(segment.ipHeader, ends, i, tcp);
    return ethernet(ends, vlan, ip);
  });
}

function tcpSegment(
  segment: Segment,
  ends: Ends,
  seq: number,
  flags: number,
  payload: Uint8Array,
): Uint8Array {
  const header = segment.tcpHeader;
  const out = new Uint8Array(header.length + payload.length);
  out.set(header, 0);
  out.set(payload, header.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, ends.srcPort);
  view.setUint16(2, ends.dstPort);
  view.setUint32(4, seq);
  out[13] = flags;
  view.setUint16(16, 0);
  if ((flags & TCP_SYN) !== 0) setMss(out, header.length, ETHERNET_MTU - 40);
  view.setUint16(16, checksum(pseudoHeader(ends, out.length), out));
  return out;
}

/** Sets the MSS option of a SYN, which loopback announced as 65 495. */
function setMss(segment: Uint8Array, headerLength: number, mss: number): void {
  let at = 20;
  while (at < headerLength) {
    const kind = segment[at] ?? 0;
    if (kind === 0) return;
    if (kind === 1) {
      at += 1;
      continue;
    }
    const length = segment[at + 1] ?? 0;
    if (length < 2) return;
    if (kind === 2 && length === 4) {
      segment[at + 2] = mss >> 8;
      segment[at + 3] = mss & 0xff;
    }
    at += length;
  }
}

function ipv4Packet(header: Uint8Array, ends: Ends, piece: number, tcp: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + tcp.length);
  out.set(header, 0);
  out.set(tcp, header.length);
  const view = new DataView(out.buffer);
  view.setUint16(2, out.length);
  view.setUint16(4, (view.getUint16(4) + piece) & 0xffff);
  out.set(parseIpv4(ends.src.ip), 12);
  out.set(parseIpv4(ends.dst.ip), 16);
  view.setUint16(10, 0);
  view.setUint16(10, checksum(out.subarray(0, header.length)));
  return out;
}

function ethernet(ends: Ends, vlan: number | undefined, ip: Uint8Array): Uint8Array {
  const tag = vlan === undefined ? 0 : 4;
  const out = new Uint8Array(14 + tag + ip.length);
  const view = new DataView(out.buffer);
  out.set(parseMac(ends.dst.mac), 0);
  out.set(parseMac(ends.src.mac), 6);
  if (vlan !== undefined) {
    view.setUint16(12, 0x8100);
    view.setUint16(14, vlan & 0x0fff);
  }
  view.setUint16(12 + tag, 0x0800);
  out.set(ip, 14 + tag);
  return out;
}

/** The TCP pseudo-header of RFC 793 §3.1: addresses, protocol, TCP length. */
function pseudoHeader(ends: Ends, length: number): Uint8Array {
  const out = new Uint8Array(12);
  out.set(parseIpv4(ends.src.ip), 0);
  out.set(parseIpv4(ends.dst.ip), 4);
  out[9] = 6;
  new DataView(out.buffer).setUint16(10, length);
  return out;
}

/** RFC 1071 ones'-complement sum over the parts, as if concatenated (each part even-aligned). */
function checksum(...parts: readonly Uint8Array[]): number {
  let sum = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 2) sum += ((part[i] ?? 0) << 8) | (part[i + 1] ?? 0);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  return ~sum & 0xffff;
}

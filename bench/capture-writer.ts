/**
 * Writes a large pcap file (format 2.4, little endian, microseconds, Ethernet) frame by frame,
 * through a 4 MiB buffer, for bench/discover. Frames are Ethernet II with an optional 802.1Q tag,
 * IPv4 (header checksum computed), and TCP or UDP (checksums left 0, as offloading NICs leave
 * them in captures taken on the sender). TCP conversations keep their own sequence numbers.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseIpv4, parseMac } from '../src/formats/pcap/addresses.js';

const BUFFER_BYTES = 4 * 1024 * 1024;
const FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

/** A network interface: the MAC on the wire and the IPv4 address. */
export interface Host {
  readonly ip: string;
  readonly mac: string;
  readonly ipBytes: Uint8Array;
  readonly macBytes: Uint8Array;
}

export function host(ip: string, mac: string): Host {
  return { ip, mac, ipBytes: parseIpv4(ip), macBytes: parseMac(mac) };
}

export class PcapFileWriter {
  readonly #fd: number;
  readonly #buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  #used = 0;
  #ipId = 1;
  bytesWritten = 0;
  packets = 0;
  /** Capture time of the next frame, microseconds since the epoch. */
  nowMicros: number;

  constructor(
    path: string,
    startMicros: number,
    readonly vlan: number | null,
  ) {
    this.#fd = openSync(path, 'w');
    this.nowMicros = startMicros;
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0);
    header.writeUInt16LE(2, 4);
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(262_144, 16);
    header.writeUInt32LE(1, 20);
    this.#put(header);
  }

  /** One frame from `src` to `dst`; `l2src`/`l2dst` are the MACs on the wire (a router's, say). */
  frame(
    l2src: Uint8Array,
    l2dst: Uint8Array,
    src: Host | Uint8Array,
    dst: Host | Uint8Array,
    transport: Uint8Array,
    protocol: number,
    payload: Uint8Array,
    ttl = 64,
  ): void {
    const vlanBytes = this.vlan === null ? 0 : 4;
    const ipLength = 20 + transport.length + payload.length;
    const frameLength = 14 + vlanBytes + ipLength;
    const needed = 16 + frameLength;
    if (this.#used + needed > BUFFER_BYTES) this.#flush();
    const b = this.#buffer;
    let at = this.#used;
    const seconds = Math.floor(this.nowMicros / 1e6);
    b.writeUInt32LE(seconds, at);
    b.writeUInt32LE(this.nowMicros - seconds * 1e6, at + 4);
    b.writeUInt32LE(frameLength, at + 8);
    b.writeUInt32LE(frameLength, at + 12);
    at += 16;
    b.set(l2dst, at);
    b.set(l2src, at + 6);
    at += 12;
    if (this.vlan !== null) {
      b.writeUInt16BE(0x8100, at);
      b.writeUInt16BE(this.vlan, at + 2);
      at += 4;
    }
    b.writeUInt16BE(0x0800, at);
    at += 2;
    const ip = at;
    b[ip] = 0x45;
    b[ip + 1] = 0;
    b.writeUInt16BE(ipLength, ip + 2);
    b.writeUInt16BE(this.#ipId, ip + 4);
    this.#ipId = (this.#ipId + 1) & 0xffff;
    b.writeUInt16BE(0x4000, ip + 6);
    b[ip + 8] = ttl;
    b[ip + 9] = protocol;
    b.writeUInt16BE(0, ip + 10);
    b.set(src instanceof Uint8Array ? src : src.ipBytes, ip + 12);
    b.set(dst instanceof Uint8Array ? dst : dst.ipBytes, ip + 16);
    b.writeUInt16BE(ipChecksum(b, ip), ip + 10);
    at += 20;
    b.set(transport, at);
    at += transport.length;
    b.set(payload, at);
    at += payload.length;
    this.#used = at;
    this.bytesWritten += needed;
    this.packets++;
  }

  udp(
    src: Host,
    dst: Host | { ipBytes: Uint8Array; macBytes: Uint8Array },
    sport: number,
    dport: number,
    payload: Uint8Array,
    options: { srcIp?: Uint8Array } = {},
  ): void {
    const header = new Uint8Array(8);
    const view = new DataView(header.buffer);
    view.setUint16(0, sport);
    view.setUint16(2, dport);
    view.setUint16(4, 8 + payload.length);
    this.frame(
      src.macBytes,
      dst.macBytes,
      options.srcIp ?? src.ipBytes,
      dst.ipBytes,
      header,
      17,
      payload,
    );
  }

  close(): void {
    this.#flush();
    closeSync(this.#fd);
  }

  #put(bytes: Uint8Array): void {
    if (this.#used + bytes.length > BUFFER_BYTES) this.#flush();
    this.#buffer.set(bytes, this.#used);
    this.#used += bytes.length;
    this.bytesWritten += bytes.length;
  }

  #flush(): void {
    let at = 0;
    while (at < this.#used) at += writeSync(this.#fd, this.#buffer, at, this.#used - at);
    this.#used = 0;
  }
}

function ipChecksum(b: Buffer, at: number): number {
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (b[at + i]! << 8) | b[at + i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** One side of a TCP conversation: its host, the MAC its frames carry, port and sequence. */
interface TcpSide {
  readonly host: Host;
  /** The MAC frames from this side carry: its own, or the router's when it is remote. */
  readonly wireMac: Uint8Array;
  /** TTL of its packets as they arrive here: decremented by the router when it is remote. */
  readonly ttl: number;
  readonly port: number;
  seq: number;
}

/**
 * One TCP conversation: handshake, data in segments of at most `mss` bytes (the receiver ACKs
 * every second segment), and the FIN exchange.
 */
export class TcpConversation {
  readonly #client: TcpSide;
  readonly #server: TcpSide;
  #unacked = 0;

  constructor(
    readonly writer: PcapFileWriter,
    client: { host: Host; wireMac: Uint8Array; ttl: number; port: number; isn: number },
    server: { host: Host; wireMac: Uint8Array; ttl: number; port: number; isn: number },
    readonly mss = 1460,
  ) {
    this.#client = { ...client, seq: client.isn };
    this.#server = { ...server, seq: server.isn };
  }

  /** SYN, SYN-ACK, ACK. */
  *open(): Generator<void> {
    const c = this.#client;
    const s = this.#server;
    this.#segment(c, s, FLAG.SYN, EMPTY, 0);
    c.seq = (c.seq + 1) >>> 0;
    yield;
    this.#segment(s, c, FLAG.SYN | FLAG.ACK, EMPTY, 0);
    s.seq = (s.seq + 1) >>> 0;
    yield;
    this.#segment(c, s, FLAG.ACK, EMPTY, 0);
    yield;
  }

  /**
   * Sends `bytes` from one side in MSS-sized segments, yielding after each packet. When `disorder`
   * says so for a segment, the next one goes first (out of order) and this one is sent twice (a
   * retransmission), so reassembly has holes to fill and duplicates to drop.
   */
  *send(fromClient: boolean, bytes: Uint8Array, disorder?: () => boolean): Generator<void> {
    const from = fromClient ? this.#client : this.#server;
    const to = fromClient ? this.#server : this.#client;
    const start = from.seq;
    let at = 0;
    while (at < bytes.length) {
      const end = Math.min(bytes.length, at + this.mss);
      const nextEnd = Math.min(bytes.length, end + this.mss);
      if (end < bytes.length && disorder?.() === true) {
        this.#segment(from, to, FLAG.ACK, bytes, end, nextEnd, (start + end) >>> 0);
        yield;
        this.#segment(from, to, FLAG.ACK, bytes, at, end, (start + at) >>> 0);
        yield;
        this.#segment(from, to, FLAG.ACK, bytes, at, end, (start + at) >>> 0);
        yield;
        at = nextEnd;
      } else {
        this.#segment(
          from,
          to,
          end === bytes.length ? FLAG.ACK | FLAG.PSH : FLAG.ACK,
          bytes,
          at,
          end,
          (start + at) >>> 0,
        );
        yield;
        at = end;
      }
      from.seq = (start + at) >>> 0;
      if (++this.#unacked >= 2 || at === bytes.length) {
        this.#unacked = 0;
        this.#segment(to, from, FLAG.ACK, EMPTY, 0);
        yield;
      }
    }
  }

  /** FIN from the client, FIN-ACK from the server, the last ACK. */
  *close(): Generator<void> {
    const c = this.#client;
    const s = this.#server;
    this.#segment(c, s, FLAG.FIN | FLAG.ACK, EMPTY, 0);
    c.seq = (c.seq + 1) >>> 0;
    yield;
    this.#segment(s, c, FLAG.FIN | FLAG.ACK, EMPTY, 0);
    s.seq = (s.seq + 1) >>> 0;
    yield;
    this.#segment(c, s, FLAG.ACK, EMPTY, 0);
    yield;
  }

  #segment(
    from: TcpSide,
    to: TcpSide,
    flags: number,
    bytes: Uint8Array,
    start: number,
    end = start,
    seq = from.seq,
  ): void {
    const header = TCP_HEADER;
    const view = TCP_VIEW;
    view.setUint16(0, from.port);
    view.setUint16(2, to.port);
    view.setUint32(4, seq);
    view.setUint32(8, (flags & FLAG.SYN) !== 0 && (flags & FLAG.ACK) === 0 ? 0 : to.seq);
    header[12] = 5 << 4;
    header[13] = flags;
    view.setUint16(14, 64_240);
    this.writer.frame(
      from.wireMac,
      to.wireMac,
      from.host,
      to.host,
      header,
      6,
      bytes.subarray(start, end),
    );
  }
}

const EMPTY = new Uint8Array(0);
const TCP_HEADER = new Uint8Array(20);
const TCP_VIEW = new DataView(TCP_HEADER.buffer);

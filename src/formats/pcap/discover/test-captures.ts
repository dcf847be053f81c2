/**
 * Builds small captures for the discovery tests: Ethernet frames (`buildFrame`) with TCP
 * conversations that have handshakes, segments and FINs, UDP datagrams and ARP, written with
 * `writePcap` (or `writePcapng`).
 */
import { parseIpv4, parseMac } from '../addresses.js';
import { buildFrame } from '../frame-builder.js';
import { TCP_FLAGS } from '../packet-summary.js';
import { writePcap, writePcapng, type PacketToWrite } from '../pcap-writer.js';

const { SYN, ACK, FIN, PSH } = TCP_FLAGS;

/** A test host: its address and the MAC on its frames. */
export interface Host {
  readonly ip: string;
  readonly mac: string;
}

/** 2026-11-02T08:00:00Z */
export const START_MICROS = 1_793_606_400_000_000n;

/** Collects frames with increasing timestamps and writes them as pcap or pcapng. */
export class CaptureBuilder {
  readonly packets: PacketToWrite[] = [];
  micros = START_MICROS;
  vlanIds: readonly number[] = [];

  /** Adds one frame, `stepMicros` after the previous one. */
  frame(data: Uint8Array, stepMicros = 1_000n): void {
    this.micros += stepMicros;
    this.packets.push({ timestampMicros: this.micros, data });
  }

  udp(src: Host, dst: Host, sport: number, dport: number, payload: Uint8Array, ttl = 64): void {
    this.frame(
      buildFrame({
        srcMac: src.mac,
        dstMac: dst.mac,
        srcIp: src.ip,
        dstIp: dst.ip,
        ttl,
        vlanIds: this.vlanIds,
        transport: { kind: 'udp', srcPort: sport, dstPort: dport },
        payload,
      }),
    );
  }

  /** An ARP request (op 1) or reply (op 2) for IPv4 over Ethernet. */
  arp(op: 1 | 2, sender: Host, target: Host, dstMac = 'ff:ff:ff:ff:ff:ff'): void {
    const frame = new Uint8Array(14 + 28);
    frame.set(parseMac(dstMac), 0);
    frame.set(parseMac(sender.mac), 6);
    frame.set([0x08, 0x06, 0, 1, 0x08, 0x00, 6, 4, 0, op], 12);
    frame.set(parseMac(sender.mac), 22);
    frame.set(parseIpv4(sender.ip), 28);
    frame.set(parseMac(op === 2 ? target.mac : '00:00:00:00:00:00'), 32);
    frame.set(parseIpv4(target.ip), 38);
    this.frame(frame);
  }

  tcp(client: Host & { port: number }, server: Host & { port: number }): TcpBuilder {
    return new TcpBuilder(this, client, server);
  }

  pcap(): Uint8Array {
    return writePcap(this.packets);
  }

  pcapng(): Uint8Array {
    return writePcapng(this.packets);
  }
}

interface Side extends Host {
  readonly port: number;
  /** The MAC this side's frames carry (a router's, when it is remote), and their TTL. */
  wire: string;
  ttl: number;
  seq: number;
}

/** One TCP connection; every method adds its packets to the capture. */
export class TcpBuilder {
  readonly #client: Side;
  readonly #server: Side;

  constructor(
    private readonly capture: CaptureBuilder,
    client: Host & { port: number },
    server: Host & { port: number },
  ) {
    this.#client = { ...client, wire: client.mac, ttl: 64, seq: 1_000 };
    this.#server = { ...server, wire: server.mac, ttl: 128, seq: 900_000 };
  }

  /** The server is in another subnet: frames from and to it carry the router's `mac`, TTL 61. */
  serverBehind(mac: string): this {
    this.#server.wire = mac;
    this.#server.ttl = 61;
    return this;
  }

  clientBehind(mac: string): this {
    this.#client.wire = mac;
    this.#client.ttl = 125;
    return this;
  }

  open(): this {
    this.#segment(this.#client, this.#server, SYN, new Uint8Array(0));
    this.#client.seq++;
    this.#segment(this.#server, this.#client, SYN | ACK, new Uint8Array(0));
    this.#server.seq++;
    this.#segment(this.#client, this.#server, ACK, new Uint8Array(0));
    return this;
  }

  /** Sends bytes from one side in segments of at most `mss`, each acknowledged. */
  send(fromClient: boolean, bytes: Uint8Array, mss = 1460): this {
    const from = fromClient ? this.#client : this.#server;
    const to = fromClient ? this.#server : this.#client;
    for (let at = 0; at < bytes.length; at += mss) {
      const part = bytes.subarray(at, Math.min(bytes.length, at + mss));
      this.#segment(from, to, ACK | PSH, part);
      from.seq += part.length;
      this.#segment(to, from, ACK, new Uint8Array(0));
    }
    return this;
  }

  close(): this {
    this.#segment(this.#client, this.#server, FIN | ACK, new Uint8Array(0));
    this.#client.seq++;
    this.#segment(this.#server, this.#client, FIN | ACK, new Uint8Array(0));
    this.#server.seq++;
    this.#segment(this.#client, this.#server, ACK, new Uint8Array(0));
    return this;
  }

  #segment(from: Side, to: Side, flags: number, payload: Uint8Array): void {
    this.capture.frame(
      buildFrame({
        srcMac: from.wire,
        dstMac: to.wire,
        srcIp: from.ip,
        dstIp: to.ip,
        ttl: from.ttl,
        vlanIds: this.capture.vlanIds,
        transport: {
          kind: 'tcp',
          srcPort: from.port,
          dstPort: to.port,
          seq: from.seq >>> 0,
          ack: (flags & SYN) !== 0 && (flags & ACK) === 0 ? 0 : to.seq >>> 0,
          flags,
        },
        payload,
      }),
    );
  }
}

/** The capture's bytes as a stream of chunks of the given sizes (cycled). */
export async function* chunked(bytes: Uint8Array, sizes: readonly number[] = [65_536]) {
  let at = 0;
  let i = 0;
  await Promise.resolve();
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i++ % sizes.length] ?? 1);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/**
 * Test vocabulary shared by the DHCP, DNS, TLS and HTTP dissector tests: a sink that records what a
 * dissector reports, chunking helpers, and a small capture driver that feeds real captures to
 * dissectors (UDP datagrams as they are; TCP payloads ordered per direction by sequence number).
 * The driver is for tests only: it keeps every out-of-order segment, which the pipeline's TCP
 * reassembly bounds.
 */
import { createReadStream } from 'node:fs';
import type { Diagnostic } from '../../../../domain/diagnostic.js';
import type {
  ApplicationProtocol,
  ObservedHostname,
  ProtocolFacts,
} from '../../../../domain/observation.js';
import { decodePacket } from '../../decode.js';
import { TCP_FLAGS, type PacketSummary } from '../../packet-summary.js';
import { readCaptureAll } from '../../pcap-reader.js';
import type {
  BytePosition,
  DatagramDissector,
  DissectorSink,
  FactSubject,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissector.js';

export const AT: BytePosition = { source: 'test', offset: 0 };

export interface RecordedFact {
  readonly subject: FactSubject;
  readonly facts: ProtocolFacts;
}

export interface RecordedHostname {
  readonly subject: FactSubject;
  readonly hostname: ObservedHostname;
}

/** Records every call in order. */
export class RecordingSink implements DissectorSink {
  readonly identified: { protocol: ApplicationProtocol; encrypted: boolean }[] = [];
  readonly facts: RecordedFact[] = [];
  readonly hostnames: RecordedHostname[] = [];
  readonly counts = new Map<string, number>();
  readonly diagnostics: Diagnostic[] = [];

  identify(protocol: ApplicationProtocol, encrypted = false): void {
    this.identified.push({ protocol, encrypted });
  }
  fact(subject: FactSubject, facts: ProtocolFacts): void {
    this.facts.push({ subject, facts });
  }
  hostname(subject: FactSubject, hostname: ObservedHostname): void {
    this.hostnames.push({ subject, hostname });
  }
  count(counter: string, increment = 1): void {
    this.counts.set(counter, (this.counts.get(counter) ?? 0) + increment);
  }
  diagnostic(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** Everything recorded, for comparing two runs. */
  snapshot(): unknown {
    return {
      identified: this.identified,
      facts: this.facts,
      hostnames: this.hostnames,
      counts: [...this.counts],
      diagnostics: this.diagnostics.map((d) => d.code),
    };
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

export function hexBytes(text: string): Uint8Array {
  return Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** Splits `bytes` at the given cut points (any order, out-of-range ignored). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...points, bytes.length]) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  return pieces;
}

/** One stream conversation fed to a dissector: events in the order given. */
export type StreamEvent = readonly [StreamDirection, Uint8Array];

export function runStream(
  factory: StreamDissectorFactory,
  events: readonly StreamEvent[],
): RecordingSink {
  const sink = new RecordingSink();
  const dissector = factory.create(sink);
  for (const [direction, bytes] of events) dissector.data(direction, bytes, AT);
  dissector.end();
  return sink;
}

export interface Endpoint {
  readonly ip: string;
  readonly port: number;
  readonly mac: string | null;
}

/** A fact or host name with its subject resolved to addresses. */
export interface ResolvedReport {
  readonly about: { readonly ip: string | null; readonly mac: string | null };
  readonly facts?: ProtocolFacts;
  readonly hostname?: ObservedHostname;
}

export interface CaptureRun {
  readonly reports: ResolvedReport[];
  readonly identified: { client: Endpoint; server: Endpoint; protocol: string }[];
  readonly diagnostics: Diagnostic[];
}

/** Reads a capture and runs datagram dissectors and stream dissector factories over it. */
export async function dissectCapture(
  path: string,
  dissectors: {
    readonly datagrams?: readonly DatagramDissector[];
    readonly streams?: readonly StreamDissectorFactory[];
  },
): Promise<CaptureRun> {
  const run: CaptureRun = { reports: [], identified: [], diagnostics: [] };
  const { records } = await readCaptureAll(createReadStream(path), { source: path });
  const conversations = new Map<string, Conversation>();
  for (const record of records) {
    const { packet } = decodePacket(record, { source: path });
    const ip = packet.ip;
    const transport = packet.transport;
    if (ip === null || transport === null) continue;
    const src = { ip: ip.src, port: transport.srcPort, mac: packet.srcMac };
    const dst = { ip: ip.dst, port: transport.dstPort, mac: packet.dstMac };
    const at = { source: path, offset: packet.offset };
    if (transport.kind === 'udp') {
      for (const d of dissectors.datagrams ?? []) {
        if (!d.matches({ src: src.port, dst: dst.port }, packet.payload)) continue;
        d.dissect(packet.payload, at, resolvingSink(run, src, dst, d.protocol));
      }
      continue;
    }
    const key = [`${src.ip}:${src.port}`, `${dst.ip}:${dst.port}`].sort().join('|');
    let conversation = conversations.get(key);
    if (conversation === undefined) {
      conversation = new Conversation(run, dissectors.streams ?? []);
      conversations.set(key, conversation);
    }
    conversation.packet(packet, src, dst, at);
  }
  for (const conversation of conversations.values()) conversation.end();
  return run;
}

function resolvingSink(
  run: CaptureRun,
  client: Endpoint,
  server: Endpoint,
  protocol: string,
): DissectorSink {
  const resolve = (subject: FactSubject) => {
    if (subject === 'client') return { ip: client.ip, mac: client.mac };
    if (subject === 'server') return { ip: server.ip, mac: server.mac };
    return subject;
  };
  return {
    identify: () => run.identified.push({ client, server, protocol }),
    fact: (subject, facts) => run.reports.push({ about: resolve(subject), facts }),
    hostname: (subject, hostname) => run.reports.push({ about: resolve(subject), hostname }),
    count: () => undefined,
    diagnostic: (d) => run.diagnostics.push(d),
  };
}

interface Direction {
  next: number | null;
  readonly pending: Map<number, Uint8Array>;
}

class Conversation {
  #client: Endpoint | null = null;
  #server: Endpoint | null = null;
  readonly #dirs: Record<StreamDirection, Direction> = {
    'client-to-server': { next: null, pending: new Map() },
    'server-to-client': { next: null, pending: new Map() },
  };
  /** Bytes delivered before a factory decided. */
  readonly #early: [StreamDirection, Uint8Array, BytePosition][] = [];
  #dissector: StreamDissector | null = null;
  #undecided: StreamDissectorFactory[];

  constructor(
    private readonly run: CaptureRun,
    factories: readonly StreamDissectorFactory[],
  ) {
    this.#undecided = [...factories];
  }

  packet(packet: PacketSummary, src: Endpoint, dst: Endpoint, at: BytePosition): void {
    if (packet.transport?.kind !== 'tcp') return;
    const { flags, seq } = packet.transport;
    const syn = (flags & TCP_FLAGS.SYN) !== 0;
    if (this.#client === null && (packet.payload.length > 0 || syn)) {
      const isSynAck = syn && (flags & TCP_FLAGS.ACK) !== 0;
      this.#client = isSynAck ? dst : src;
      this.#server = isSynAck ? src : dst;
    }
    if (this.#client === null) return;
    const direction: StreamDirection =
      src.ip === this.#client.ip && src.port === this.#client.port
        ? 'client-to-server'
        : 'server-to-client';
    const dir = this.#dirs[direction];
    if (syn) {
      dir.next = (seq + 1) >>> 0;
      return;
    }
    if (packet.payload.length === 0) return;
    dir.next ??= seq;
    dir.pending.set(seq, packet.payload);
    this.#flush(direction, at);
  }

  #flush(direction: StreamDirection, at: BytePosition): void {
    const dir = this.#dirs[direction];
    for (;;) {
      let progressed = false;
      for (const [seq, payload] of dir.pending) {
        const next = dir.next ?? seq;
        const behind = (next - seq) >>> 0;
        if (behind >= 0x80000000) continue;
        dir.pending.delete(seq);
        progressed = true;
        if (behind >= payload.length) continue;
        dir.next = (next + payload.length - behind) >>> 0;
        this.#deliver(direction, payload.subarray(behind), at);
      }
      if (!progressed) return;
    }
  }

  #deliver(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    if (this.#dissector !== null) {
      this.#dissector.data(direction, bytes, at);
      return;
    }
    if (this.#undecided.length === 0) return;
    this.#early.push([direction, bytes, at]);
    const first = this.#early[0];
    if (first === undefined) return;
    const firstBytes = concatBytes(
      ...this.#early.filter(([d]) => d === first[0]).map(([, b]) => b),
    );
    const ports = { client: this.#client?.port ?? 0, server: this.#server?.port ?? 0 };
    const still: StreamDissectorFactory[] = [];
    for (const factory of this.#undecided) {
      const verdict = factory.probe(firstBytes, first[0], ports);
      if (verdict === 'yes') {
        this.#start(factory);
        return;
      }
      if (verdict === 'more' && firstBytes.length < 4096) still.push(factory);
    }
    this.#undecided = still;
  }

  #start(factory: StreamDissectorFactory): void {
    const client = this.#client;
    const server = this.#server;
    if (client === null || server === null) return;
    const dissector = factory.create(resolvingSink(this.run, client, server, factory.protocol));
    this.#dissector = dissector;
    for (const [direction, bytes, at] of this.#early.splice(0)) {
      dissector.data(direction, bytes, at);
    }
  }

  end(): void {
    this.#dissector?.end();
  }
}

/**
 * Test vocabulary shared by the DHCP, DNS, TLS and HTTP dissector tests: a sink that records what a
 * dissector reports, chunking helpers, and a small capture driver that feeds real captures to
 * dissectors (UDP datagrams as they are; TCP through the reassembler, then the first factory whose
 * probe says yes), with each report's subject resolved to addresses.
 */
import { createReadStream } from 'node:fs';
import type { Diagnostic } from '../../../../domain/diagnostic.js';
import type {
  ApplicationProtocol,
  ObservedHostname,
  ProtocolFacts,
} from '../../../../domain/observation.js';
import { decodePacket } from '../../decode.js';
import { readCaptureAll } from '../../pcap-reader.js';
import { TcpReassembler, type TcpConnection, type TcpStreamHandler } from '../../tcp-reassembly.js';
import type {
  BytePosition,
  DatagramDissector,
  DissectorSink,
  FactSubject,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissector.js';

/** A position for diagnostics in tests. */
export const AT: BytePosition = { source: 'test', offset: 0 };

/** One `fact` call. */
export interface RecordedFact {
  readonly subject: FactSubject;
  readonly facts: ProtocolFacts;
}

/** One `hostname` call. */
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

/** Joins byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Latin-1 bytes of a text. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
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

/** Feeds the events to a new dissector, ends it, and returns what it reported. */
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

interface Endpoint {
  readonly ip: string;
  readonly port: number;
  readonly mac: string | null;
}

/** A fact or host name with its subject resolved to addresses. */
interface ResolvedReport {
  readonly about: { readonly ip: string | null; readonly mac: string | null };
  readonly facts?: ProtocolFacts;
  readonly hostname?: ObservedHostname;
}

/** What a capture run reported, subjects resolved. */
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
  const reassembler = new TcpReassembler({
    source: path,
    onConnection: (connection) => new ProbingHandler(run, connection, dissectors.streams ?? []),
  });
  for (const record of records) {
    const { packet } = decodePacket(record, { source: path });
    const transport = packet.transport;
    if (packet.ip === null || transport === null) continue;
    if (transport.kind === 'tcp') {
      reassembler.add(packet);
      continue;
    }
    const src = { ip: packet.ip.src, port: transport.srcPort, mac: packet.srcMac };
    const dst = { ip: packet.ip.dst, port: transport.dstPort, mac: packet.dstMac };
    for (const d of dissectors.datagrams ?? []) {
      if (!d.matches({ src: src.port, dst: dst.port }, packet.payload)) continue;
      const at = { source: path, offset: packet.offset };
      d.dissect(packet.payload, at, resolvingSink(run, src, dst, d.protocol));
    }
  }
  reassembler.finish();
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

/** Bytes the factories may look at before the conversation is given up. */
const PROBE_BYTES = 4_096;

/** Holds a connection's first bytes until a factory takes it, then hands everything on. */
class ProbingHandler implements TcpStreamHandler {
  readonly #held: [StreamDirection, Uint8Array, BytePosition][] = [];
  #dissector: StreamDissector | null = null;
  #undecided: StreamDissectorFactory[];

  constructor(
    private readonly run: CaptureRun,
    private readonly connection: TcpConnection,
    factories: readonly StreamDissectorFactory[],
  ) {
    this.#undecided = [...factories];
  }

  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    if (this.#dissector !== null) {
      this.#dissector.data(direction, bytes, at);
      return;
    }
    this.#held.push([direction, bytes.slice(), at]);
    const firstDirection = this.#held[0]?.[0] ?? direction;
    const first = concatBytes(
      ...this.#held.filter(([d]) => d === firstDirection).map(([, b]) => b),
    );
    const { client, server } = this.connection;
    const ports = { client: client.port, server: server.port };
    const still: StreamDissectorFactory[] = [];
    for (const factory of this.#undecided) {
      const verdict = factory.probe(first, firstDirection, ports);
      if (verdict === 'yes') {
        this.#start(factory);
        return;
      }
      if (verdict === 'more' && first.length < PROBE_BYTES) still.push(factory);
    }
    this.#undecided = still;
    if (still.length === 0) this.connection.ignore();
  }

  #start(factory: StreamDissectorFactory): void {
    const { client, server, clientMac, serverMac } = this.connection;
    const sink = resolvingSink(
      this.run,
      { ...client, mac: clientMac },
      { ...server, mac: serverMac },
      factory.protocol,
    );
    const dissector = factory.create(sink);
    this.#dissector = dissector;
    for (const [direction, bytes, at] of this.#held.splice(0)) dissector.data(direction, bytes, at);
  }

  gap(direction: StreamDirection, length: number, at: BytePosition): void {
    if (this.#dissector !== null) this.#dissector.gap(direction, length, at);
    else this.connection.ignore();
  }

  end(): void {
    this.#dissector?.end();
  }
}

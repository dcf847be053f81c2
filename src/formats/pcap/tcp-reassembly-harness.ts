/**
 * Test support for TCP reassembly and the stream dissectors: TCP packets without a frame, a
 * handler that records what it receives, a sink that records what dissectors report, and a small
 * pipeline (capture → decode → reassembly → probe → dissector) like the one discovery runs.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import type {
  ApplicationProtocol,
  ObservedHostname,
  ProtocolFacts,
} from '../../domain/observation.js';
import { decodePacket } from './decode.js';
import type {
  DissectorSink,
  FactSubject,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from './dissectors/dissector.js';
import { TCP_FLAGS, type PacketSummary } from './packet-summary.js';
import { readCapture, type CaptureInput } from './pcap-reader.js';
import {
  TcpReassembler,
  type TcpConnection,
  type TcpEndReason,
  type TcpReassemblerOptions,
  type TcpStreamHandler,
} from './tcp-reassembly.js';

/** TCP flag bits, for building packets in tests. */
export const { SYN, ACK, FIN, RST, PSH } = TCP_FLAGS;

/** The fields of a test TCP packet; every one but `seq` has a default. */
export interface TcpPacketSpec {
  readonly src?: string;
  readonly dst?: string;
  readonly sport?: number;
  readonly dport?: number;
  readonly seq: number;
  readonly ack?: number;
  readonly flags?: number;
  readonly payload?: Uint8Array | string;
  readonly micros?: number;
  readonly vlanIds?: readonly number[];
  readonly truncated?: boolean;
  readonly offset?: number;
}

/** A decoded TCP packet, client 10.0.0.1:50000 → server 10.0.0.2:104 unless told otherwise. */
export function tcpPacket(spec: TcpPacketSpec): PacketSummary {
  const payload =
    typeof spec.payload === 'string'
      ? new TextEncoder().encode(spec.payload)
      : (spec.payload ?? new Uint8Array(0));
  return {
    index: 0,
    offset: spec.offset ?? 0,
    timestampMicros: BigInt(spec.micros ?? 1_700_000_000_000_000),
    linkType: 1,
    originalLength: payload.length + 54,
    srcMac: null,
    dstMac: null,
    vlanIds: spec.vlanIds ?? [],
    etherType: 0x0800,
    ip: {
      version: 4,
      src: spec.src ?? '10.0.0.1',
      dst: spec.dst ?? '10.0.0.2',
      protocol: 6,
      ttl: 64,
      fragment: null,
    },
    transport: {
      kind: 'tcp',
      srcPort: spec.sport ?? 50_000,
      dstPort: spec.dport ?? 104,
      seq: spec.seq >>> 0,
      ack: (spec.ack ?? 0) >>> 0,
      flags: spec.flags ?? ACK | PSH,
      window: 65_535,
    },
    payload,
    truncated: spec.truncated ?? false,
  };
}

/** The reverse direction of a spec's defaults: server 10.0.0.2:104 → client 10.0.0.1:50000. */
export function fromServer(spec: TcpPacketSpec): PacketSummary {
  return tcpPacket({ src: '10.0.0.2', dst: '10.0.0.1', sport: 104, dport: 50_000, ...spec });
}

/** One call a `RecordingHandler` received. */
export type RecordedEvent =
  | { readonly kind: 'data'; readonly direction: StreamDirection; readonly bytes: Uint8Array }
  | { readonly kind: 'gap'; readonly direction: StreamDirection; readonly length: number }
  | { readonly kind: 'end'; readonly reason: TcpEndReason | undefined };

/** Records every call, copying the bytes (they are views of the packet). */
export class RecordingHandler implements TcpStreamHandler {
  readonly events: RecordedEvent[] = [];
  /** The raw views passed to `data`, to check that nothing was copied. */
  readonly views: Uint8Array[] = [];

  data(direction: StreamDirection, bytes: Uint8Array): void {
    this.views.push(bytes);
    this.events.push({ kind: 'data', direction, bytes: bytes.slice() });
  }

  gap(direction: StreamDirection, length: number): void {
    this.events.push({ kind: 'gap', direction, length });
  }

  end(reason?: TcpEndReason): void {
    this.events.push({ kind: 'end', reason });
  }

  /** Everything a direction received, gaps as `length` zero bytes. */
  bytes(direction: StreamDirection): Uint8Array {
    const parts: Uint8Array[] = [];
    for (const event of this.events) {
      if (event.kind === 'data' && event.direction === direction) parts.push(event.bytes);
      if (event.kind === 'gap' && event.direction === direction) {
        parts.push(new Uint8Array(event.length));
      }
    }
    return concatBytes(parts);
  }

  text(direction: StreamDirection): string {
    return new TextDecoder().decode(this.bytes(direction));
  }

  gaps(direction?: StreamDirection): number[] {
    return this.events.flatMap((e) =>
      e.kind === 'gap' && (direction === undefined || e.direction === direction) ? [e.length] : [],
    );
  }

  endReasons(): (TcpEndReason | undefined)[] {
    return this.events.flatMap((e) => (e.kind === 'end' ? [e.reason] : []));
  }
}

/** A reassembler that records every connection; `connections[i]` pairs it with its handler. */
export function recordingReassembler(options: Omit<TcpReassemblerOptions, 'onConnection'> = {}): {
  reassembler: TcpReassembler;
  connections: { connection: TcpConnection; handler: RecordingHandler }[];
} {
  const connections: { connection: TcpConnection; handler: RecordingHandler }[] = [];
  const reassembler = new TcpReassembler({
    ...options,
    onConnection: (connection) => {
      const handler = new RecordingHandler();
      connections.push({ connection, handler });
      return handler;
    },
  });
  return { reassembler, connections };
}

/** The parts joined into one new array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

type Subject = 'client' | 'server' | 'other';

/** Records what a dissector reports; facts are merged per subject as discovery would. */
export class RecordingSink implements DissectorSink {
  readonly identified: { protocol: ApplicationProtocol; encrypted: boolean }[] = [];
  readonly facts: { subject: Subject; facts: ProtocolFacts }[] = [];
  readonly hostnames: { subject: Subject; hostname: ObservedHostname }[] = [];
  readonly counters = new Map<string, number>();
  readonly diagnostics: Diagnostic[] = [];

  identify(protocol: ApplicationProtocol, encrypted = false): void {
    this.identified.push({ protocol, encrypted });
  }

  fact(subject: FactSubject, facts: ProtocolFacts): void {
    this.facts.push({ subject: typeof subject === 'string' ? subject : 'other', facts });
  }

  hostname(subject: FactSubject, hostname: ObservedHostname): void {
    this.hostnames.push({ subject: typeof subject === 'string' ? subject : 'other', hostname });
  }

  count(counter: string, increment = 1): void {
    this.counters.set(counter, (this.counters.get(counter) ?? 0) + increment);
  }

  diagnostic(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** One protocol's facts about a subject: lists merged without duplicates, scalars replaced. */
  merged(subject: Subject, protocol: keyof ProtocolFacts): Record<string, unknown> | undefined {
    let out: Record<string, unknown> | undefined;
    for (const entry of this.facts) {
      const facts = entry.facts[protocol] as Record<string, unknown> | undefined;
      if (entry.subject !== subject || facts === undefined) continue;
      out ??= {};
      for (const [name, value] of Object.entries(facts)) {
        if (!Array.isArray(value)) {
          out[name] = value;
          continue;
        }
        const previous = (out[name] as unknown[] | undefined) ?? [];
        const added = (value as unknown[]).filter((v) => !previous.includes(v));
        out[name] = [...previous, ...added];
      }
    }
    return out;
  }

  codes(): string[] {
    return this.diagnostics.map((d) => d.code);
  }
}

/** Largest first-speaker prefix held while the factories cannot yet tell. */
const PROBE_BYTES = 4_096;

/**
 * Probes a connection's first bytes with the factories and hands its bytes to the first that says
 * yes; ignores the connection when every factory says no or the prefix bound is reached.
 */
class ProbingHandler implements TcpStreamHandler {
  #dissector: StreamDissector | null = null;
  #held: { direction: StreamDirection; bytes: Uint8Array; offset: number }[] = [];
  #first: StreamDirection | null = null;
  #firstBytes: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly connection: TcpConnection,
    private readonly factories: readonly StreamDissectorFactory[],
    private readonly sink: (connection: TcpConnection) => DissectorSink,
  ) {}

  data(direction: StreamDirection, bytes: Uint8Array, at: { source: string; offset: number }) {
    if (this.#dissector !== null) {
      this.#dissector.data(direction, bytes, at);
      return;
    }
    this.#held.push({ direction, bytes: bytes.slice(), offset: at.offset });
    this.#first ??= direction;
    if (direction !== this.#first) return;
    this.#firstBytes = concatBytes([this.#firstBytes, bytes]);
    this.#probe(at.source);
  }

  gap(direction: StreamDirection, length: number, at: { source: string; offset: number }) {
    if (this.#dissector !== null) this.#dissector.gap(direction, length, at);
    else this.connection.ignore();
  }

  end(): void {
    this.#dissector?.end();
  }

  #probe(source: string): void {
    const ports = { client: this.connection.client.port, server: this.connection.server.port };
    const first = this.#first ?? 'client-to-server';
    const answers = this.factories.map((f) => f.probe(this.#firstBytes, first, ports));
    const chosen = this.factories[answers.indexOf('yes')];
    if (chosen !== undefined) {
      this.#dissector = chosen.create(this.sink(this.connection));
      for (const held of this.#held) {
        this.#dissector.data(held.direction, held.bytes, { source, offset: held.offset });
      }
      this.#held = [];
    } else if (!answers.includes('more') || this.#firstBytes.length >= PROBE_BYTES) {
      this.connection.ignore();
    }
  }
}

/** A connection a stream dissector took, and what it reported. */
export interface DissectedConnection {
  readonly connection: TcpConnection;
  readonly sink: RecordingSink;
}

/**
 * Runs a capture through reading, decoding, reassembly and the given stream dissectors; returns
 * the connections a dissector took, each with what it reported.
 */
export async function dissectCapture(
  input: CaptureInput,
  factories: readonly StreamDissectorFactory[],
  source = 'capture',
): Promise<{ connections: DissectedConnection[]; reassembler: TcpReassembler }> {
  const connections: DissectedConnection[] = [];
  const reassembler = new TcpReassembler({
    source,
    onConnection: (connection) =>
      new ProbingHandler(connection, factories, () => {
        const sink = new RecordingSink();
        connections.push({ connection, sink });
        return sink;
      }),
  });
  for await (const packet of readCapture(input, { source })) {
    reassembler.add(decodePacket(packet, { source }).packet);
  }
  reassembler.finish();
  return { connections, reassembler };
}

/** Feeds a byte stream to a dissector in the given chunk sizes (cycled), one direction. */
export function feedInChunks(
  dissector: StreamDissector,
  direction: StreamDirection,
  bytes: Uint8Array,
  sizes: readonly number[],
  source = 'test',
): void {
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes.length === 0 ? bytes.length : (sizes[i++ % sizes.length] ?? 1));
    dissector.data(direction, bytes.subarray(at, at + size), { source, offset: at });
    at += size;
  }
}

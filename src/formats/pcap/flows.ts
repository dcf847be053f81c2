/**
 * Bidirectional flows from decoded packets, keyed by the normalized 5-tuple plus VLAN ids: both
 * directions of a conversation land in one flow. The table holds at most `maxFlows` flows; beyond
 * that the least recently seen is evicted (handed to `onEvict` so a caller can keep it) and the
 * evictions are counted in one `WL_PCAP_FLOWS_EVICTED` diagnostic.
 *
 * @example
 *   const table = new FlowTable({ source: 'ward-4.pcap' });
 *   table.add(decoded); // SYN 10.1.4.20:50112 → 10.1.9.5:104
 *   table.flows()[0];
 *   // { protocol: 6, a: { ip: '10.1.4.20', port: 50112 }, b: { ip: '10.1.9.5', port: 104 },
 *   //   packetsAToB: 1, bytesAToB: 74, synSeen: true, initiator: 'a', … }
 */
import { pcapDiagnostic, type PcapDiagnostic } from './diagnostics.js';
import { FLOW_LIMITS } from './limits.js';
import { TCP_FLAGS, type PacketSummary } from './packet-summary.js';

export interface FlowEndpoint {
  readonly ip: string;
  /** 0 for protocols without ports (ICMP) and for non-first IP fragments. */
  readonly port: number;
}

export interface Flow {
  readonly key: string;
  readonly vlanIds: readonly number[];
  /** IANA protocol number (6 TCP, 17 UDP…). */
  readonly protocol: number;
  /** The lower endpoint (by address text, then port); `b` is the other. */
  readonly a: FlowEndpoint;
  readonly b: FlowEndpoint;
  readonly firstSeenMicros: bigint | null;
  readonly lastSeenMicros: bigint | null;
  readonly packetsAToB: number;
  /** Frame bytes on the wire (original lengths). */
  readonly bytesAToB: number;
  readonly packetsBToA: number;
  readonly bytesBToA: number;
  /** A TCP SYN or SYN-ACK was seen, so the start of the connection is in the capture. */
  readonly synSeen: boolean;
  /** Who opened the TCP connection: the sender of the SYN (or the receiver of a lone SYN-ACK). */
  readonly initiator: 'a' | 'b' | null;
}

type MutableFlow = { -readonly [K in keyof Flow]: Flow[K] };

export interface FlowTableOptions {
  readonly source?: string;
  readonly maxFlows?: number;
  /** Receives each flow evicted to stay within maxFlows. */
  readonly onEvict?: (flow: Flow) => void;
}

export class FlowTable {
  readonly #flows = new Map<string, MutableFlow>();
  readonly #source: string;
  readonly #maxFlows: number;
  readonly #onEvict: ((flow: Flow) => void) | undefined;
  #evicted = 0;
  #firstEvictionOffset = 0;

  constructor(options: FlowTableOptions = {}) {
    this.#source = options.source ?? 'capture';
    this.#maxFlows = Math.max(1, options.maxFlows ?? FLOW_LIMITS.maxFlows);
    this.#onEvict = options.onEvict;
  }

  get size(): number {
    return this.#flows.size;
  }

  get evictedCount(): number {
    return this.#evicted;
  }

  /** Counts an IP packet into its flow; packets without an IP layer are ignored. */
  add(packet: PacketSummary): void {
    const ip = packet.ip;
    if (ip === null) return;
    const src = { ip: ip.src, port: packet.transport?.srcPort ?? 0 };
    const dst = { ip: ip.dst, port: packet.transport?.dstPort ?? 0 };
    const forward = compareEndpoints(src, dst) <= 0;
    const [a, b] = forward ? [src, dst] : [dst, src];
    const key = `${packet.vlanIds.join('.')}|${ip.protocol}|${a.ip}|${a.port}|${b.ip}|${b.port}`;
    const flow = this.#flows.get(key) ?? this.#create(key, packet, a, b);
    // Re-inserting keeps the Map ordered by last activity, so the first entry is the oldest.
    this.#flows.delete(key);
    this.#flows.set(key, flow);
    count(flow, packet, forward);
  }

  /** The flows held now, least recently seen first. */
  flows(): Flow[] {
    return Array.from(this.#flows.values(), (flow) => ({ ...flow }));
  }

  diagnostics(): PcapDiagnostic[] {
    if (this.#evicted === 0) return [];
    return [
      pcapDiagnostic(
        this.#source,
        this.#firstEvictionOffset,
        'WL_PCAP_FLOWS_EVICTED',
        'warning',
        `${this.#evicted} flows were evicted to stay within ${this.#maxFlows} concurrent flows.`,
      ),
    ];
  }

  #create(key: string, packet: PacketSummary, a: FlowEndpoint, b: FlowEndpoint): MutableFlow {
    if (this.#flows.size >= this.#maxFlows) this.#evictOldest(packet.offset);
    return {
      key,
      vlanIds: [...packet.vlanIds],
      protocol: packet.ip?.protocol ?? 0,
      a,
      b,
      firstSeenMicros: packet.timestampMicros,
      lastSeenMicros: packet.timestampMicros,
      packetsAToB: 0,
      bytesAToB: 0,
      packetsBToA: 0,
      bytesBToA: 0,
      synSeen: false,
      initiator: null,
    };
  }

  #evictOldest(offset: number): void {
    const oldest = this.#flows.values().next();
    if (oldest.done === true) return;
    this.#flows.delete(oldest.value.key);
    if (this.#evicted === 0) this.#firstEvictionOffset = offset;
    this.#evicted++;
    this.#onEvict?.({ ...oldest.value });
  }
}

function count(flow: MutableFlow, packet: PacketSummary, forward: boolean): void {
  if (forward) {
    flow.packetsAToB++;
    flow.bytesAToB += packet.originalLength;
  } else {
    flow.packetsBToA++;
    flow.bytesBToA += packet.originalLength;
  }
  const at = packet.timestampMicros;
  if (at !== null) {
    if (flow.firstSeenMicros === null || at < flow.firstSeenMicros) flow.firstSeenMicros = at;
    if (flow.lastSeenMicros === null || at > flow.lastSeenMicros) flow.lastSeenMicros = at;
  }
  if (packet.transport?.kind !== 'tcp') return;
  const flags = packet.transport.flags;
  if ((flags & TCP_FLAGS.SYN) === 0) return;
  flow.synSeen = true;
  const sender = forward ? 'a' : 'b';
  const receiver = forward ? 'b' : 'a';
  if ((flags & TCP_FLAGS.ACK) === 0) flow.initiator = sender;
  else flow.initiator ??= receiver;
}

function compareEndpoints(x: FlowEndpoint, y: FlowEndpoint): number {
  if (x.ip !== y.ip) return x.ip < y.ip ? -1 : 1;
  return x.port - y.port;
}

/** Aggregates a sequence of decoded packets; flows come least recently seen first. */
export function aggregateFlows(
  packets: Iterable<PacketSummary>,
  options: FlowTableOptions = {},
): { records: Flow[]; diagnostics: PcapDiagnostic[] } {
  const table = new FlowTable(options);
  for (const packet of packets) table.add(packet);
  return { records: table.flows(), diagnostics: table.diagnostics() };
}

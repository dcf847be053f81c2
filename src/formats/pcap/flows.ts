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

/** A flow in the table's recency list: least recently seen at the head, most recent at the tail. */
interface Entry {
  readonly key: string;
  readonly flow: MutableFlow;
  /** Slot in the recent-flow cache. */
  readonly slot: number;
  prev: Entry | null;
  next: Entry | null;
}

/**
 * Slots in the cache of recently seen flows, indexed by the ports: most packets find their flow
 * there without the key text being built and hashed.
 */
const RECENT_SLOTS = 1_024;

export interface FlowTableOptions {
  readonly source?: string;
  readonly maxFlows?: number;
  /** Receives each flow evicted to stay within maxFlows. */
  readonly onEvict?: (flow: Flow) => void;
}

export class FlowTable {
  readonly #flows = new Map<string, Entry>();
  readonly #recent: (Entry | undefined)[] = new Array<Entry | undefined>(RECENT_SLOTS);
  #head: Entry | null = null;
  #tail: Entry | null = null;
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
    const transport = packet.transport;
    const srcPort = transport === null ? 0 : transport.srcPort;
    const dstPort = transport === null ? 0 : transport.dstPort;
    // `a` is the lower endpoint, by address text, then port.
    const forward = ip.src === ip.dst ? srcPort <= dstPort : ip.src < ip.dst;
    const slot = (srcPort ^ dstPort ^ ip.protocol) & (RECENT_SLOTS - 1);
    let entry = this.#recent[slot];
    if (entry === undefined || !holds(entry.flow, packet, forward, srcPort, dstPort)) {
      const a = forward ? { ip: ip.src, port: srcPort } : { ip: ip.dst, port: dstPort };
      const b = forward ? { ip: ip.dst, port: dstPort } : { ip: ip.src, port: srcPort };
      const key = `${packet.vlanIds.join('.')}|${ip.protocol}|${a.ip}|${a.port}|${b.ip}|${b.port}`;
      entry = this.#flows.get(key) ?? this.#create(key, slot, packet, a, b);
      this.#recent[slot] = entry;
    }
    this.#touch(entry);
    count(entry.flow, packet, forward);
  }

  /** The flows held now, least recently seen first. */
  flows(): Flow[] {
    const out: Flow[] = [];
    for (let entry = this.#head; entry !== null; entry = entry.next) out.push({ ...entry.flow });
    return out;
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

  #create(
    key: string,
    slot: number,
    packet: PacketSummary,
    a: FlowEndpoint,
    b: FlowEndpoint,
  ): Entry {
    if (this.#flows.size >= this.#maxFlows) this.#evictOldest(packet.offset);
    const flow: MutableFlow = {
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
    const entry: Entry = { key, flow, slot, prev: null, next: null };
    this.#flows.set(key, entry);
    return entry;
  }

  /** Moves an entry to the tail of the recency list (appends a new one). */
  #touch(entry: Entry): void {
    if (entry === this.#tail) return;
    if (entry.prev !== null) entry.prev.next = entry.next;
    if (entry.next !== null) entry.next.prev = entry.prev;
    if (entry === this.#head) this.#head = entry.next;
    entry.prev = this.#tail;
    entry.next = null;
    if (this.#tail !== null) this.#tail.next = entry;
    this.#tail = entry;
    this.#head ??= entry;
  }

  #evictOldest(offset: number): void {
    const oldest = this.#head;
    if (oldest === null) return;
    this.#head = oldest.next;
    if (this.#head === null) this.#tail = null;
    else this.#head.prev = null;
    this.#flows.delete(oldest.key);
    if (this.#recent[oldest.slot] === oldest) this.#recent[oldest.slot] = undefined;
    if (this.#evicted === 0) this.#firstEvictionOffset = offset;
    this.#evicted++;
    this.#onEvict?.({ ...oldest.flow });
  }
}

/** Whether a packet belongs to a flow: same protocol, endpoints (in either direction) and VLANs. */
function holds(
  flow: MutableFlow,
  packet: PacketSummary,
  forward: boolean,
  srcPort: number,
  dstPort: number,
): boolean {
  const ip = packet.ip;
  if (ip === null || flow.protocol !== ip.protocol) return false;
  const same = forward
    ? flow.a.port === srcPort &&
      flow.b.port === dstPort &&
      flow.a.ip === ip.src &&
      flow.b.ip === ip.dst
    : flow.a.port === dstPort &&
      flow.b.port === srcPort &&
      flow.a.ip === ip.dst &&
      flow.b.ip === ip.src;
  if (!same) return false;
  const vlans = packet.vlanIds;
  if (vlans.length !== flow.vlanIds.length) return false;
  for (let i = 0; i < vlans.length; i++) if (vlans[i] !== flow.vlanIds[i]) return false;
  return true;
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
    // Packets come mostly in time order: one comparison for them.
    if (flow.lastSeenMicros === null || at > flow.lastSeenMicros) flow.lastSeenMicros = at;
    else if (flow.firstSeenMicros === null || at < flow.firstSeenMicros) flow.firstSeenMicros = at;
    flow.firstSeenMicros ??= at;
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

/** Aggregates a sequence of decoded packets; flows come least recently seen first. */
export function aggregateFlows(
  packets: Iterable<PacketSummary>,
  options: FlowTableOptions = {},
): { records: Flow[]; diagnostics: PcapDiagnostic[] } {
  const table = new FlowTable(options);
  for (const packet of packets) table.add(packet);
  return { records: table.flows(), diagnostics: table.diagnostics() };
}

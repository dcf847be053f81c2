/**
 * Conversations as the inventory shows them: one per (client IP, server IP, transport, server
 * port), whatever the client ports, with the application protocol a dissector recognized, packets,
 * bytes and first/last seen summed over the 5-tuple flows folded into it.
 *
 * Roles: the client opened the TCP connection (sent the SYN, or received a lone SYN-ACK); without
 * a handshake, and for UDP, the end on the lower port is the server (a tie makes the lower address
 * the client). The TCP reassembler decides the same way, so what a dissector recognizes on a
 * connection lands on the conversation its packets are counted in.
 */
import type { ApplicationProtocol, TransportProtocol } from '../../../domain/observation.js';
import type { Flow } from '../flows.js';
import { CapCounter } from './diagnostics.js';
import { isUnicastIp } from './endpoints.js';

/** One conversation being summed: becomes an `ObservedFlow` at the end. */
export interface ConversationRecord {
  readonly transport: TransportProtocol;
  readonly clientIp: string;
  readonly serverIp: string;
  readonly serverPort: number;
  /** The client port of the first connection seen. */
  readonly clientPort: number;
  vlan: number | null;
  protocol: ApplicationProtocol | null;
  encrypted: boolean;
  packets: number;
  bytes: number;
  firstSeenMicros: number;
  lastSeenMicros: number;
}

/** Who is client and who is server in a conversation, and on which transport and port. */
export interface ConversationEnds {
  readonly transport: TransportProtocol;
  readonly clientIp: string;
  readonly clientPort: number;
  readonly serverIp: string;
  readonly serverPort: number;
}

const TRANSPORTS: Readonly<Record<number, TransportProtocol>> = {
  6: 'tcp',
  17: 'udp',
  132: 'sctp',
};

/** DICOM over TLS has its own IANA port (2762, `dicom-tls`): what it carries is known. */
const TLS_WRAPPED: Readonly<Record<number, ApplicationProtocol>> = { 2762: 'dicom' };

/** The conversations of a capture, at most `maxConversations`. */
export class ConversationTable {
  readonly #records = new Map<string, ConversationRecord>();
  readonly cap = new CapCounter();
  /** Flows of other IP protocols (ICMP…): counted, not reported as conversations. */
  otherFlows = 0;
  /** Conversations with a broadcast, multicast or unspecified end: counted, not reported. */
  groupConversations = 0;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.#records.size;
  }

  records(): IterableIterator<ConversationRecord> {
    return this.#records.values();
  }

  /** The record of a conversation, created when there is room; null beyond `maxConversations`. */
  get(ends: ConversationEnds, vlan: number | null, offset: number): ConversationRecord | null {
    const key = `${ends.transport}|${ends.clientIp}|${ends.serverIp}|${ends.serverPort}`;
    let record = this.#records.get(key);
    if (record !== undefined) return record;
    if (!isUnicastIp(ends.clientIp) || !isUnicastIp(ends.serverIp)) {
      this.groupConversations++;
      return null;
    }
    if (this.#records.size >= this.max) {
      this.cap.hit(offset);
      return null;
    }
    record = {
      ...ends,
      vlan,
      protocol: null,
      encrypted: false,
      packets: 0,
      bytes: 0,
      firstSeenMicros: -1,
      lastSeenMicros: -1,
    };
    this.#records.set(key, record);
    return record;
  }

  /** A dissector recognized the conversation's protocol. The first recognition names it. */
  identify(record: ConversationRecord, protocol: ApplicationProtocol, encrypted: boolean): void {
    if (protocol === 'tls' && record.protocol === null) {
      record.protocol = TLS_WRAPPED[record.serverPort] ?? 'tls';
      record.encrypted = true;
      return;
    }
    record.protocol ??= protocol;
    record.encrypted ||= encrypted || protocol === 'tls';
  }

  /** Folds a 5-tuple flow (evicted from the flow table, or at the end) into its conversation. */
  addFlow(flow: Flow, offset: number): ConversationRecord | null {
    const transport = TRANSPORTS[flow.protocol];
    if (transport === undefined) {
      this.otherFlows++;
      return null;
    }
    const clientIsA = flowClientIsA(flow);
    const client = clientIsA ? flow.a : flow.b;
    const server = clientIsA ? flow.b : flow.a;
    const record = this.get(
      {
        transport,
        clientIp: client.ip,
        clientPort: client.port,
        serverIp: server.ip,
        serverPort: server.port,
      },
      flow.vlanIds.at(-1) ?? null,
      offset,
    );
    if (record === null) return null;
    record.packets += flow.packetsAToB + flow.packetsBToA;
    record.bytes += flow.bytesAToB + flow.bytesBToA;
    const first = flow.firstSeenMicros === null ? -1 : Number(flow.firstSeenMicros);
    const last = flow.lastSeenMicros === null ? -1 : Number(flow.lastSeenMicros);
    if (first >= 0 && (record.firstSeenMicros < 0 || first < record.firstSeenMicros)) {
      record.firstSeenMicros = first;
    }
    if (last > record.lastSeenMicros) record.lastSeenMicros = last;
    return record;
  }
}

function flowClientIsA(flow: Flow): boolean {
  if (flow.initiator !== null) return flow.initiator === 'a';
  if (flow.a.port !== flow.b.port) return flow.a.port > flow.b.port;
  return true;
}

/**
 * The roles of a datagram's or connection's two ends by the same rule as `addFlow` when no
 * handshake says otherwise: the lower port is the server.
 */
export function endsByPort(
  transport: TransportProtocol,
  src: { ip: string; port: number },
  dst: { ip: string; port: number },
): ConversationEnds {
  const srcIsClient = src.port !== dst.port ? src.port > dst.port : src.ip <= dst.ip;
  const client = srcIsClient ? src : dst;
  const server = srcIsClient ? dst : src;
  return {
    transport,
    clientIp: client.ip,
    clientPort: client.port,
    serverIp: server.ip,
    serverPort: server.port,
  };
}

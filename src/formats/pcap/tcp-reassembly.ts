/**
 * Bounded TCP reassembly for passive discovery: turns decoded packets (in capture order) into the
 * ordered bytes of each direction of each connection, for the stream dissectors.
 *
 * A connection is keyed by its 5-tuple plus VLAN ids. Per direction the next expected sequence
 * number comes from the SYN, or from the first data seen when the handshake is not in the capture;
 * comparisons are modulo 2^32 (RFC 9293 §3.4), so wraparound needs nothing special. The first copy
 * of a byte wins: retransmitted and overlapping bytes are dropped. Segments ahead of the next
 * expected byte are held (copied) up to a per-direction and a global cap; beyond a cap, or when the
 * peer acknowledges bytes the capture never showed, the hole is reported as a `gap(length)` and
 * delivery moves on. In-order bytes are passed as subarrays of the packet, never copied.
 *
 * The client is the SYN sender (or the receiver of a lone SYN-ACK); without a handshake, the side
 * on the lower port is taken as the server. FIN in both directions or an RST ends a connection;
 * connections idle for longer than `idleTimeoutMicros` of capture time are ended, and beyond
 * `maxConnections` live ones the least recently active is ended.
 *
 * @example
 *   const reassembler = new TcpReassembler({
 *     source: 'ward-4.pcap',
 *     onConnection: (connection) => dissectorFor(connection), // or null to ignore it
 *   });
 *   for (const packet of decoded) reassembler.add(packet);
 *   reassembler.finish(); // ends every live connection, reporting the holes still open
 */
import type { Diagnostic } from '../../domain/diagnostic.js';
import type { StreamDirection } from './dissectors/dissector.js';
import { TCP_FLAGS, type PacketSummary, type TcpSummary } from './packet-summary.js';
import { Connection, type Shared } from './tcp-reassembly-connection.js';

/** Caps that keep reassembly memory bounded on any capture. */
export const TCP_REASSEMBLY_LIMITS = {
  /** Out-of-order bytes held per direction; beyond it the first hole becomes a gap. */
  maxBufferedPerDirection: 256 * 1024,
  /** Out-of-order bytes held across all connections; beyond it holes become gaps. */
  maxBufferedTotal: 64 * 1024 * 1024,
  /** Out-of-order segments held per direction (bounds the work per insertion). */
  maxSegmentsPerDirection: 1_024,
  /** Live connections; beyond it the least recently active one is ended. */
  maxConnections: 100_000,
  /** A connection without packets for this long (capture time) is ended: 5 minutes. */
  idleTimeoutMicros: 300_000_000,
  /** Segments further ahead than this are out of window (2^30, the largest scaled TCP window). */
  maxWindow: 2 ** 30,
} as const;

/** `TCP_REASSEMBLY_LIMITS` with any value tightened (or, for tests, loosened). */
export type TcpReassemblyLimits = { readonly [K in keyof typeof TCP_REASSEMBLY_LIMITS]: number };

/** Diagnostic codes the reassembler emits (summaries, from `diagnostics()`). */
export const TCP_REASSEMBLY_DIAGNOSTIC_CODES = [
  'WL_PCAP_TCP_CONNECTIONS_EVICTED',
  'WL_PCAP_TCP_BUFFER_LIMIT',
] as const;
/** A code from `TCP_REASSEMBLY_DIAGNOSTIC_CODES`. */
export type TcpReassemblyDiagnosticCode = (typeof TCP_REASSEMBLY_DIAGNOSTIC_CODES)[number];

/** How often (capture time) idle connections are looked for. */
const SWEEP_INTERVAL_MICROS = 1_000_000;
const { SYN, ACK, RST } = TCP_FLAGS;

/** One end of a connection. */
export interface TcpEndpoint {
  readonly ip: string;
  readonly port: number;
}

/** Why a connection ended: `reused` is a new SYN on the same 5-tuple; `flush` is `finish()`. */
export type TcpEndReason = 'fin' | 'rst' | 'idle' | 'evicted' | 'reused' | 'flush';

/** Receives one connection's bytes. A `StreamDissector` is one. */
export interface TcpStreamHandler {
  /** The next contiguous bytes of a direction: a view of the packet, valid during the call. */
  data(direction: StreamDirection, bytes: Uint8Array, at: { source: string; offset: number }): void;
  /** `length` bytes of a direction were lost (not captured, or beyond a cap). */
  gap(direction: StreamDirection, length: number, at: { source: string; offset: number }): void;
  end(reason?: TcpEndReason): void;
}

/** A connection as `onConnection` sees it. */
export interface TcpConnection {
  /** 0, 1, 2… in the order connections were opened. */
  readonly id: number;
  readonly client: TcpEndpoint;
  readonly server: TcpEndpoint;
  readonly clientMac: string | null;
  readonly serverMac: string | null;
  readonly vlanIds: readonly number[];
  /** How the client was chosen: it sent the SYN, it received the SYN-ACK, or the port heuristic. */
  readonly clientBy: 'syn' | 'syn-ack' | 'port';
  readonly firstSeenMicros: bigint | null;
  /** Drop the handler: no further calls reach it and held bytes are freed; FIN/RST still end it. */
  ignore(): void;
}

/** How a `TcpReassembler` names its input, hands out connections and bounds itself. */
export interface TcpReassemblerOptions {
  readonly source?: string;
  /** A handler for the new connection's bytes, or null to ignore the connection. */
  readonly onConnection: (connection: TcpConnection) => TcpStreamHandler | null;
  readonly limits?: Partial<TcpReassemblyLimits>;
}

/** Counts since the reassembler was made; byte counts are TCP payload bytes. */
export interface TcpReassemblyStats {
  readonly connections: number;
  readonly liveConnections: number;
  readonly deliveredBytes: number;
  readonly gaps: number;
  readonly gapBytes: number;
  readonly retransmittedBytes: number;
  readonly outOfOrderSegments: number;
  readonly outOfWindowSegments: number;
  /** Out-of-order bytes held now. */
  readonly bufferedBytes: number;
  /** Holes given up because a cap was reached. */
  readonly capGaps: number;
  readonly evictedConnections: number;
  readonly expiredConnections: number;
}

/**
 * Reassembles every TCP connection of a capture. Feed it decoded packets in capture order with
 * `add`, then call `finish` once at the end of the capture.
 */
export class TcpReassembler {
  readonly #connections = new Map<string, Connection>();
  readonly #onConnection: (connection: TcpConnection) => TcpStreamHandler | null;
  readonly #shared: Shared;
  #mostRecent: Connection | null = null;
  readonly #recent: (Connection | undefined)[] = new Array<Connection | undefined>(RECENT_SLOTS);
  #nowMicros = 0;
  #lastSweepMicros = 0;
  #firstEvictionOffset = 0;

  constructor(options: TcpReassemblerOptions) {
    this.#onConnection = options.onConnection;
    this.#shared = {
      source: options.source ?? 'capture',
      limits: { ...TCP_REASSEMBLY_LIMITS, ...options.limits },
      stats: {
        connections: 0,
        liveConnections: 0,
        deliveredBytes: 0,
        gaps: 0,
        gapBytes: 0,
        retransmittedBytes: 0,
        outOfOrderSegments: 0,
        outOfWindowSegments: 0,
        bufferedBytes: 0,
        capGaps: 0,
        evictedConnections: 0,
        expiredConnections: 0,
      },
      firstCapOffset: 0,
    };
  }

  /** Takes one decoded packet; anything but TCP over IP is ignored. */
  add(packet: PacketSummary): void {
    const tcp = packet.transport;
    const ip = packet.ip;
    if (tcp?.kind !== 'tcp' || ip === null) return;
    this.#tick(packet.timestampMicros);
    const slot = (tcp.srcPort ^ tcp.dstPort) & (RECENT_SLOTS - 1);
    let connection = this.#lookup(packet.vlanIds, ip.src, tcp.srcPort, ip.dst, tcp.dstPort, slot);
    if (connection !== undefined && startsAgain(connection, tcp, ip.src)) {
      this.#end(connection, 'reused');
      connection = undefined;
    }
    if (connection === undefined) {
      if (packet.payload.length === 0 && (tcp.flags & SYN) === 0) return;
      const vlan = packet.vlanIds.join('.');
      connection = this.#open(
        connectionKey(vlan, ip.src, tcp.srcPort, ip.dst, tcp.dstPort),
        packet,
        tcp,
      );
    } else if (connection !== this.#mostRecent) {
      // Re-inserting keeps the Map ordered by last activity, so the first entry is the oldest.
      this.#connections.delete(connection.key);
      this.#connections.set(connection.key, connection);
    }
    this.#mostRecent = connection;
    this.#recent[slot] = connection;
    this.#segment(connection, packet, tcp, ip.src);
  }

  /**
   * The live connection these endpoints belong to, if any. Packets of one connection come in runs,
   * and a few connections take turns: the most recent one and a small cache by port find most
   * without building the key text and hashing it.
   */
  #lookup(
    vlanIds: readonly number[],
    src: string,
    sport: number,
    dst: string,
    dport: number,
    slot: number,
  ): Connection | undefined {
    const recent = this.#mostRecent;
    if (recent?.carries(vlanIds, src, sport, dst, dport) === true) return recent;
    const cached = this.#recent[slot];
    if (cached !== undefined && !cached.ended && cached.carries(vlanIds, src, sport, dst, dport)) {
      return cached;
    }
    return this.#connections.get(connectionKey(vlanIds.join('.'), src, sport, dst, dport));
  }

  /** Ends every live connection (end of capture): open holes become gaps, then `end('flush')`. */
  finish(): void {
    for (const connection of [...this.#connections.values()]) this.#end(connection, 'flush');
  }

  stats(): TcpReassemblyStats {
    return { ...this.#shared.stats, liveConnections: this.#connections.size };
  }

  /** Summaries of what the caps cost: evicted connections, holes given up. */
  diagnostics(): Diagnostic<TcpReassemblyDiagnosticCode>[] {
    const { stats, limits, source } = this.#shared;
    const out: Diagnostic<TcpReassemblyDiagnosticCode>[] = [];
    if (stats.evictedConnections > 0) {
      out.push({
        source,
        offset: this.#firstEvictionOffset,
        code: 'WL_PCAP_TCP_CONNECTIONS_EVICTED',
        severity: 'warning',
        message: `${stats.evictedConnections} TCP connections were ended early to stay within ${limits.maxConnections} live connections; their later bytes were read as new conversations.`,
      });
    }
    if (stats.capGaps > 0) {
      out.push({
        source,
        offset: this.#shared.firstCapOffset,
        code: 'WL_PCAP_TCP_BUFFER_LIMIT',
        severity: 'warning',
        message: `${stats.capGaps} TCP holes were given up because out-of-order data reached ${limits.maxBufferedPerDirection} bytes (or ${limits.maxSegmentsPerDirection} segments) in one direction or ${limits.maxBufferedTotal} bytes in all.`,
      });
    }
    return out;
  }

  #segment(connection: Connection, packet: PacketSummary, tcp: TcpSummary, src: string): void {
    connection.lastSeenMicros = this.#nowMicros;
    connection.lastOffset = packet.offset;
    if ((tcp.flags & RST) !== 0) {
      this.#end(connection, 'rst');
      return;
    }
    const fromClient = connection.isClientSide(src, tcp.srcPort);
    const half = fromClient ? connection.c2s : connection.s2c;
    const peer = fromClient ? connection.s2c : connection.c2s;
    // The first fragment of a fragmented datagram carries only part of the segment.
    const cut = packet.truncated || packet.ip?.fragment?.moreFragments === true;
    connection.segment(half, tcp, packet.payload, cut, packet.offset);
    if ((tcp.flags & ACK) !== 0 && !connection.ignored) {
      connection.acknowledged(peer, tcp.ack, packet.offset);
    }
    if (connection.bothClosed) this.#end(connection, 'fin');
    else if (this.#shared.stats.bufferedBytes > this.#shared.limits.maxBufferedTotal) {
      this.#releaseGlobal(connection, packet.offset);
    }
  }

  #open(key: string, packet: PacketSummary, tcp: TcpSummary): Connection {
    if (this.#connections.size >= this.#shared.limits.maxConnections)
      this.#evictOldest(packet.offset);
    const ip = packet.ip;
    const src = { ip: ip?.src ?? '', port: tcp.srcPort };
    const dst = { ip: ip?.dst ?? '', port: tcp.dstPort };
    const clientBy = clientRule(tcp);
    const senderIsClient =
      clientBy === 'syn' || (clientBy === 'port' && tcp.srcPort >= tcp.dstPort);
    const stats = this.#shared.stats;
    const connection = new Connection(
      stats.connections++,
      key,
      senderIsClient ? src : dst,
      senderIsClient ? dst : src,
      senderIsClient ? packet.srcMac : packet.dstMac,
      senderIsClient ? packet.dstMac : packet.srcMac,
      [...packet.vlanIds],
      clientBy,
      packet.timestampMicros,
      this.#shared,
    );
    this.#connections.set(key, connection);
    connection.handler = this.#onConnection(connection);
    if (connection.handler === null) connection.ignore();
    return connection;
  }

  #end(connection: Connection, reason: TcpEndReason): void {
    this.#connections.delete(connection.key);
    if (this.#mostRecent === connection) this.#mostRecent = null;
    connection.end(reason);
    connection.ignore();
  }

  #evictOldest(offset: number): void {
    const oldest = this.#connections.values().next();
    if (oldest.done === true) return;
    if (this.#shared.stats.evictedConnections++ === 0) this.#firstEvictionOffset = offset;
    this.#end(oldest.value, 'evicted');
  }

  #releaseGlobal(current: Connection, at: number): void {
    const target = this.#shared.limits.maxBufferedTotal;
    current.releaseBuffer(target, at);
    for (const connection of this.#connections.values()) {
      if (this.#shared.stats.bufferedBytes <= target) return;
      connection.releaseBuffer(target, at);
    }
  }

  #tick(timestampMicros: bigint | null): void {
    if (timestampMicros === null) return;
    const now = Number(timestampMicros);
    if (now > this.#nowMicros) this.#nowMicros = now;
    if (this.#nowMicros - this.#lastSweepMicros < SWEEP_INTERVAL_MICROS) return;
    this.#lastSweepMicros = this.#nowMicros;
    const deadline = this.#nowMicros - this.#shared.limits.idleTimeoutMicros;
    for (const connection of this.#connections.values()) {
      if (connection.lastSeenMicros >= deadline) return;
      this.#shared.stats.expiredConnections++;
      this.#end(connection, 'idle');
    }
  }
}

/** Slots in the cache of recently active connections, indexed by the ports. */
const RECENT_SLOTS = 1_024;

/** A SYN that opens a new connection on a 5-tuple still in use, rather than a retransmitted one. */
function startsAgain(connection: Connection, tcp: TcpSummary, src: string): boolean {
  if ((tcp.flags & (SYN | ACK)) !== SYN) return false;
  const half = connection.isClientSide(src, tcp.srcPort) ? connection.c2s : connection.s2c;
  return connection.isNewSyn(half, tcp.seq);
}

/** The same key for both directions: the lower endpoint (by address text, then port) first. */
function connectionKey(vlan: string, src: string, sport: number, dst: string, dport: number) {
  const forward = src < dst || (src === dst && sport <= dport);
  return forward
    ? `${vlan}|${src}|${sport}|${dst}|${dport}`
    : `${vlan}|${dst}|${dport}|${src}|${sport}`;
}

function clientRule(tcp: TcpSummary): 'syn' | 'syn-ack' | 'port' {
  if ((tcp.flags & SYN) === 0) return 'port';
  return (tcp.flags & ACK) === 0 ? 'syn' : 'syn-ack';
}

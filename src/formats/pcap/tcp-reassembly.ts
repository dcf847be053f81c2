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

export type TcpReassemblyLimits = { readonly [K in keyof typeof TCP_REASSEMBLY_LIMITS]: number };

/** Diagnostic codes the reassembler emits (summaries, from `diagnostics()`). */
export const TCP_REASSEMBLY_DIAGNOSTIC_CODES = [
  'WL_PCAP_TCP_CONNECTIONS_EVICTED',
  'WL_PCAP_TCP_BUFFER_LIMIT',
] as const;
export type TcpReassemblyDiagnosticCode = (typeof TCP_REASSEMBLY_DIAGNOSTIC_CODES)[number];

/** Out-of-window segments in a row after which the stream is taken to have jumped there. */
const FAR_AHEAD_RESYNC = 4;
/** How often (capture time) idle connections are looked for. */
const SWEEP_INTERVAL_MICROS = 1_000_000;
const { SYN, ACK, FIN, RST } = TCP_FLAGS;

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

export interface TcpReassemblerOptions {
  readonly source?: string;
  /** A handler for the new connection's bytes, or null to ignore the connection. */
  readonly onConnection: (connection: TcpConnection) => TcpStreamHandler | null;
  readonly limits?: Partial<TcpReassemblyLimits>;
}

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

type MutableStats = { -readonly [K in keyof TcpReassemblyStats]: TcpReassemblyStats[K] };

interface PendingSegment {
  /** Stream offset (bytes since the first expected byte). */
  readonly start: number;
  readonly bytes: Uint8Array;
  /** Capture offset of the packet that carried it. */
  readonly offset: number;
}

/** One direction of a connection. Stream offsets count delivered plus gap bytes. */
class HalfStream {
  started = false;
  /** The next expected sequence number (uint32). */
  next = 0;
  /** Stream offset of `next`. */
  delivered = 0;
  pending: PendingSegment[] = [];
  pendingBytes = 0;
  /** Stream offset of the FIN, -1 before one is seen. */
  finAt = -1;
  closed = false;
  lastTruncated = false;
  farAhead = 0;

  constructor(readonly direction: StreamDirection) {}

  pendingEnd(): number {
    const last = this.pending[this.pending.length - 1];
    return last === undefined ? this.delivered : last.start + last.bytes.length;
  }
}

/** What every connection shares with the reassembler. */
interface Shared {
  readonly source: string;
  readonly limits: TcpReassemblyLimits;
  readonly stats: MutableStats;
  firstCapOffset: number;
}

class Connection implements TcpConnection {
  readonly c2s = new HalfStream('client-to-server');
  readonly s2c = new HalfStream('server-to-client');
  handler: TcpStreamHandler | null = null;
  ignored = false;
  ended = false;
  lastSeenMicros = 0;
  lastOffset = 0;

  constructor(
    readonly id: number,
    readonly key: string,
    readonly client: TcpEndpoint,
    readonly server: TcpEndpoint,
    readonly clientMac: string | null,
    readonly serverMac: string | null,
    readonly vlanIds: readonly number[],
    readonly clientBy: 'syn' | 'syn-ack' | 'port',
    readonly firstSeenMicros: bigint | null,
    private readonly shared: Shared,
  ) {}

  ignore(): void {
    this.ignored = true;
    this.handler = null;
    this.#drop(this.c2s);
    this.#drop(this.s2c);
  }

  /** Whether a packet between these endpoints, in either direction, belongs here. */
  carries(vlan: string, src: string, sport: number, dst: string, dport: number): boolean {
    const { client, server } = this;
    const forward =
      sport === client.port && dport === server.port && src === client.ip && dst === server.ip;
    const backward =
      sport === server.port && dport === client.port && src === server.ip && dst === client.ip;
    return (forward || backward) && vlan === this.vlanKey;
  }

  get vlanKey(): string {
    return this.vlanIds.length === 0 ? '' : this.vlanIds.join('.');
  }

  isClientSide(ip: string, port: number): boolean {
    return port === this.client.port && ip === this.client.ip;
  }

  /** A SYN that starts a new connection on this 5-tuple rather than repeating the first one. */
  isNewSyn(half: HalfStream, seq: number): boolean {
    return half.started && (half.delivered > 0 || half.finAt >= 0 || half.next !== (seq + 1) >>> 0);
  }

  segment(half: HalfStream, tcp: TcpSummary, payload: Uint8Array, cut: boolean, at: number): void {
    const flags = tcp.flags;
    const syn = (flags & SYN) !== 0;
    const seq = syn ? (tcp.seq + 1) >>> 0 : tcp.seq;
    if (!half.started) {
      half.started = true;
      half.next = seq;
    }
    if (this.ignored) {
      // Nothing is tracked for an ignored connection but whether each side has finished.
      if ((flags & FIN) !== 0) half.closed = true;
      return;
    }
    if (payload.length > 0 && !half.closed) this.#insert(half, seq, payload, cut, at);
    if ((flags & FIN) !== 0 && half.finAt < 0) {
      half.finAt = half.delivered + ((seq + payload.length - half.next) | 0);
    }
    this.#closeIfDone(half, at);
  }

  /** The peer acknowledged `ack`: holes below it will never be filled. */
  acknowledged(half: HalfStream, ack: number, at: number): void {
    if (!half.started || half.closed || (half.pending.length === 0 && half.finAt < 0)) return;
    const delta = (ack - half.next) | 0;
    if (delta <= 0) return;
    const limit = half.finAt >= 0 ? half.finAt : half.pendingEnd();
    this.#skipTo(half, Math.min(half.delivered + delta, limit), at);
    this.#closeIfDone(half, at);
  }

  get bothClosed(): boolean {
    return this.c2s.closed && this.s2c.closed;
  }

  /** Reports the holes still open, then the end. */
  end(reason: TcpEndReason): void {
    if (this.ended) return;
    this.ended = true;
    for (const half of [this.c2s, this.s2c]) {
      while (half.pending.length > 0) this.#fillFirstHole(half, this.lastOffset);
      if (half.finAt > half.delivered && !this.ignored) {
        this.#gap(half, half.finAt - half.delivered, this.lastOffset);
      }
    }
    const handler = this.handler;
    this.handler = null;
    handler?.end(reason);
  }

  /** Gives up holes in this connection until the global buffer is within `target`. */
  releaseBuffer(target: number, at: number): void {
    for (const half of [this.c2s, this.s2c]) {
      while (half.pending.length > 0 && this.shared.stats.bufferedBytes > target) {
        this.#fillFirstHole(half, at);
        this.#countCapGap(at);
      }
    }
  }

  #insert(half: HalfStream, seq: number, payload: Uint8Array, cut: boolean, at: number): void {
    const delta = (seq - half.next) | 0;
    if (delta + payload.length <= 0) {
      this.shared.stats.retransmittedBytes += payload.length;
      return;
    }
    if (delta > this.shared.limits.maxWindow && ++half.farAhead < FAR_AHEAD_RESYNC) {
      this.shared.stats.outOfWindowSegments++;
      return;
    }
    half.farAhead = 0;
    if (delta > 0) {
      this.#outOfOrder(half, seq, delta, payload, cut, at);
      return;
    }
    const fresh = delta === 0 ? payload : payload.subarray(-delta);
    if (half.pending.length === 0) {
      this.#deliver(half, fresh, at);
    } else {
      // Bytes held out of order arrived first, so they win where this segment overlaps them.
      this.#hold(half, half.delivered, fresh, at);
      this.#drain(half);
    }
    half.lastTruncated = cut;
  }

  #outOfOrder(
    half: HalfStream,
    seq: number,
    delta: number,
    payload: Uint8Array,
    cut: boolean,
    at: number,
  ): void {
    if (delta > this.shared.limits.maxWindow || half.lastTruncated) {
      // The stream jumped (out of window several times in a row), or the previous segment was
      // cut by the snaplen so its true length is unknown: the bytes up to here are lost.
      this.#skipTo(half, half.delivered + delta, at);
      this.#insert(half, seq, payload, cut, at);
      return;
    }
    const stats = this.shared.stats;
    stats.outOfOrderSegments++;
    this.#hold(half, half.delivered + delta, payload, at);
    const limits = this.shared.limits;
    while (
      half.pending.length > 0 &&
      (half.pendingBytes > limits.maxBufferedPerDirection ||
        half.pending.length > limits.maxSegmentsPerDirection)
    ) {
      this.#fillFirstHole(half, at);
      this.#countCapGap(at);
    }
  }

  /** Holds a copy of `bytes` at stream offset `start`, keeping only what no held segment has. */
  #hold(half: HalfStream, start: number, bytes: Uint8Array, at: number): void {
    const end = start + bytes.length;
    const pending = half.pending;
    const last = pending[pending.length - 1];
    if (last === undefined || last.start + last.bytes.length <= start) {
      this.#keep(half, pending.length, start, bytes, at);
      return;
    }
    let cursor = start;
    let i = 0;
    while (i < pending.length && cursor < end) {
      const held = pending[i];
      if (held === undefined || held.start >= end) break;
      const heldEnd = held.start + held.bytes.length;
      if (held.start > cursor) {
        this.#keep(half, i, cursor, bytes.subarray(cursor - start, held.start - start), at);
        i++;
      }
      cursor = Math.max(cursor, heldEnd);
      i++;
    }
    if (cursor < end) this.#keep(half, i, cursor, bytes.subarray(cursor - start), at);
  }

  #keep(half: HalfStream, index: number, start: number, bytes: Uint8Array, at: number): void {
    half.pending.splice(index, 0, { start, bytes: bytes.slice(), offset: at });
    half.pendingBytes += bytes.length;
    this.shared.stats.bufferedBytes += bytes.length;
  }

  /** Delivers held segments that now start at or before the next expected byte. */
  #drain(half: HalfStream): void {
    for (;;) {
      const first = half.pending[0];
      if (first === undefined || first.start > half.delivered) return;
      half.pending.shift();
      half.pendingBytes -= first.bytes.length;
      this.shared.stats.bufferedBytes -= first.bytes.length;
      const end = first.start + first.bytes.length;
      if (end > half.delivered) {
        this.#deliver(half, first.bytes.subarray(half.delivered - first.start), first.offset);
      }
    }
  }

  /** Reports the first hole as a gap and delivers what follows it. */
  #fillFirstHole(half: HalfStream, at: number): void {
    const first = half.pending[0];
    if (first === undefined) return;
    if (first.start > half.delivered) this.#gap(half, first.start - half.delivered, at);
    this.#drain(half);
  }

  /** Moves the stream to `target`, delivering held bytes below it and reporting the holes. */
  #skipTo(half: HalfStream, target: number, at: number): void {
    while (half.delivered < target) {
      const first = half.pending[0];
      if (first === undefined || first.start >= target) {
        this.#gap(half, target - half.delivered, at);
        return;
      }
      this.#fillFirstHole(half, at);
    }
  }

  #deliver(half: HalfStream, bytes: Uint8Array, at: number): void {
    half.delivered += bytes.length;
    half.next = (half.next + bytes.length) >>> 0;
    this.shared.stats.deliveredBytes += bytes.length;
    this.handler?.data(half.direction, bytes, { source: this.shared.source, offset: at });
  }

  #gap(half: HalfStream, length: number, at: number): void {
    half.delivered += length;
    half.next = (half.next + length) >>> 0;
    this.shared.stats.gaps++;
    this.shared.stats.gapBytes += length;
    this.handler?.gap(half.direction, length, { source: this.shared.source, offset: at });
  }

  #closeIfDone(half: HalfStream, at: number): void {
    if (half.closed || half.finAt < 0 || half.delivered < half.finAt) return;
    half.closed = true;
    this.#drop(half);
    this.lastOffset = at;
  }

  #drop(half: HalfStream): void {
    this.shared.stats.bufferedBytes -= half.pendingBytes;
    half.pending = [];
    half.pendingBytes = 0;
  }

  #countCapGap(at: number): void {
    if (this.shared.stats.capGaps++ === 0) this.shared.firstCapOffset = at;
  }
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
    const vlan = packet.vlanIds.length === 0 ? '' : packet.vlanIds.join('.');
    const found = this.#lookup(vlan, ip.src, tcp.srcPort, ip.dst, tcp.dstPort);
    const key = found.key;
    let connection = found.connection;
    if (connection !== undefined && startsAgain(connection, tcp, ip.src)) {
      this.#end(connection, 'reused');
      connection = undefined;
    }
    if (connection === undefined) {
      if (packet.payload.length === 0 && (tcp.flags & SYN) === 0) return;
      connection = this.#open(key, packet, tcp);
    } else if (connection !== this.#mostRecent) {
      // Re-inserting keeps the Map ordered by last activity, so the first entry is the oldest.
      this.#connections.delete(key);
      this.#connections.set(key, connection);
    }
    this.#mostRecent = connection;
    this.#segment(connection, packet, tcp, ip.src);
  }

  /** The live connection these endpoints belong to, if any, and its key. */
  #lookup(vlan: string, src: string, sport: number, dst: string, dport: number) {
    // Packets of one connection usually come in runs: skip building the key for them.
    const recent = this.#mostRecent;
    if (recent?.carries(vlan, src, sport, dst, dport) === true) {
      return { connection: recent as Connection | undefined, key: recent.key };
    }
    const key = connectionKey(vlan, src, sport, dst, dport);
    return { connection: this.#connections.get(key), key };
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

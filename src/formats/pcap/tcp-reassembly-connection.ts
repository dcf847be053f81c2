/**
 * One TCP connection being reassembled: per direction the next expected sequence number, the
 * out-of-order segments held, the FIN; the delivery of bytes and gaps to the connection's handler.
 * `TcpReassembler` (tcp-reassembly.ts) owns the connections and the caps they share.
 */
import type { StreamDirection } from './dissectors/dissector.js';
import { TCP_FLAGS, type TcpSummary } from './packet-summary.js';
import type {
  TcpConnection,
  TcpEndpoint,
  TcpEndReason,
  TcpReassemblyLimits,
  TcpReassemblyStats,
  TcpStreamHandler,
} from './tcp-reassembly.js';

/** Out-of-window segments in a row after which the stream is taken to have jumped there. */
const FAR_AHEAD_RESYNC = 4;
const { SYN, FIN } = TCP_FLAGS;

/** The reassembler's counters, updated in place by its connections. */
export type MutableStats = { -readonly [K in keyof TcpReassemblyStats]: TcpReassemblyStats[K] };

interface PendingSegment {
  /** Stream offset (bytes since the first expected byte). */
  readonly start: number;
  readonly bytes: Uint8Array;
  /** Capture offset of the packet that carried it. */
  readonly offset: number;
}

/** One direction of a connection. Stream offsets count delivered plus gap bytes. */
export class HalfStream {
  started = false;
  /** The SYN's sequence number, -1 when this side started without one. */
  isn = -1;
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
export interface Shared {
  readonly source: string;
  readonly limits: TcpReassemblyLimits;
  readonly stats: MutableStats;
  firstCapOffset: number;
}

/** One connection: both directions, its handler, and when it was last active. */
export class Connection implements TcpConnection {
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
  carries(
    vlanIds: readonly number[],
    src: string,
    sport: number,
    dst: string,
    dport: number,
  ): boolean {
    const { client, server } = this;
    const forward =
      sport === client.port && dport === server.port && src === client.ip && dst === server.ip;
    const backward =
      sport === server.port && dport === client.port && src === server.ip && dst === client.ip;
    if (!forward && !backward) return false;
    const own = this.vlanIds;
    if (vlanIds.length !== own.length) return false;
    for (let i = 0; i < own.length; i++) if (vlanIds[i] !== own[i]) return false;
    return true;
  }

  isClientSide(ip: string, port: number): boolean {
    return port === this.client.port && ip === this.client.ip;
  }

  /** A SYN that starts a new connection on this 5-tuple rather than repeating the first one. */
  isNewSyn(half: HalfStream, seq: number): boolean {
    // Without a SYN seen for this side, its start was not captured: a SYN now opens a new one.
    return half.started && half.isn !== seq;
  }

  segment(half: HalfStream, tcp: TcpSummary, payload: Uint8Array, cut: boolean, at: number): void {
    const flags = tcp.flags;
    const syn = (flags & SYN) !== 0;
    const seq = syn ? (tcp.seq + 1) >>> 0 : tcp.seq;
    if (!half.started) {
      half.started = true;
      half.next = seq;
      if (syn) half.isn = tcp.seq;
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

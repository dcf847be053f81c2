/**
 * What the syslog listeners share: the counters `stats()` reports, the batch queue, the paused
 * sockets, and the step that turns a run of frames into items for the queue.
 */
import type { Socket } from 'node:net';
import type { LogReadItem } from '../../../domain/detection.js';
import type { Diagnostic } from '../../../domain/diagnostic.js';
import type { SyslogFrame } from '../../../formats/syslog/index.js';
import type { BatchPeer } from './batch-queue.js';
import { BatchQueue } from './batch-queue.js';
import { rejectedItem } from './json-record.js';
import { syslogFrameToItem } from './syslog-event.js';

/** A pino-compatible logger, or anything with the same `warn`. */
export interface IngestLog {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface ListenerCounters {
  /** Frames and datagrams that arrived (dropped ones included). */
  received: number;
  /** Events handed on. */
  parsed: number;
  /** Rejected items handed on. */
  rejected: number;
  /** Datagrams dropped because the queue was over its cap. */
  udpQueueDropped: number;
  /** TCP and TLS connections open now. */
  connections: number;
  connectionsTotal: number;
  /** Bytes read from all sockets. */
  bytes: number;
  /** Times a socket was paused because the consumer fell behind. */
  pauses: number;
  tlsErrors: number;
}

export interface ListenerSettings {
  readonly maxFrameBytes: number;
  readonly highWater: number;
  readonly udpQueueCap: number;
}

export class ListenerState {
  readonly counters: ListenerCounters = {
    received: 0,
    parsed: 0,
    rejected: 0,
    udpQueueDropped: 0,
    connections: 0,
    connectionsTotal: 0,
    bytes: 0,
    pauses: 0,
    tlsErrors: 0,
  };
  readonly sockets = new Set<Socket>();
  readonly queue: BatchQueue;
  private readonly paused = new Set<Socket>();

  constructor(
    readonly settings: ListenerSettings,
    queueOptions: Omit<ConstructorParameters<typeof BatchQueue>[0], 'onDrain' | 'onError'>,
    readonly log: IngestLog | undefined,
  ) {
    this.queue = new BatchQueue({
      ...queueOptions,
      onDrain: () => {
        this.resumeAll();
      },
      onError: (error) => {
        this.log?.warn({ err: error }, 'syslog batch consumer failed; batch counted as handled');
      },
    });
  }

  /** Queues one item from a channel, counting it. */
  push(channel: string, peer: BatchPeer, item: LogReadItem | null): void {
    this.counters.received += 1;
    if (item === null) return;
    if (item.kind === 'event') this.counters.parsed += 1;
    else this.counters.rejected += 1;
    this.queue.add(channel, peer, item);
  }

  /**
   * Frames from a framer with the framing diagnostics of the same read. A truncated frame is
   * rejected with the diagnostic that cut it (the nearest one at or before it); diagnostics with
   * no frame (an octet count over the cap, whose frame was skipped) are rejected on their own.
   */
  pushFrames(
    channel: string,
    peer: BatchPeer,
    frames: readonly SyslogFrame[],
    diagnostics: readonly Diagnostic[],
  ): void {
    const unused = [...diagnostics];
    const receivedAt = new Date();
    for (const frame of frames) {
      if (frame.truncated) {
        this.push(
          channel,
          peer,
          rejectedItem(takeNearest(unused, frame, peer.protocol), frame.text),
        );
        continue;
      }
      const ctx = {
        source: peer.protocol,
        position: peer.address,
        receivedAt,
        offset: frame.offset,
      };
      this.push(channel, peer, syslogFrameToItem(frame.text, ctx));
    }
    for (const diagnostic of unused) this.push(channel, peer, rejectedItem(diagnostic));
  }

  /** Pauses a socket while the consumer is behind; it resumes once the queue drains. */
  throttle(socket: Socket): void {
    if (this.queue.pending <= this.settings.highWater || this.paused.has(socket)) return;
    socket.pause();
    this.paused.add(socket);
    this.counters.pauses += 1;
  }

  release(socket: Socket): void {
    this.paused.delete(socket);
    this.sockets.delete(socket);
  }

  get pausedSockets(): number {
    return this.paused.size;
  }

  private resumeAll(): void {
    if (this.paused.size === 0) return;
    for (const socket of this.paused) if (!socket.destroyed) socket.resume();
    this.paused.clear();
  }
}

function takeNearest(unused: Diagnostic[], frame: SyslogFrame, source: string): Diagnostic {
  let best = -1;
  for (let i = 0; i < unused.length; i += 1) {
    const at = unused[i]?.offset ?? Infinity;
    if (at <= frame.offset && (best < 0 || at >= (unused[best]?.offset ?? -1))) best = i;
  }
  const [found] = best >= 0 ? unused.splice(best, 1) : [];
  return (
    found ?? {
      source,
      offset: frame.offset,
      code: 'WL_SYSLOG_FRAME_TOO_LONG',
      severity: 'warning',
      message: 'frame cut at the frame cap',
    }
  );
}

/**
 * Items gathered into batches per channel (a TCP connection, a UDP sender) and handed to the
 * consumer one batch at a time, in arrival order. `pending` counts every item not yet handled
 * (in an open batch, queued, or being handled) so listeners can slow or shed senders.
 */
import type { LogReadItem } from '../../../domain/detection.js';

export interface BatchPeer {
  readonly protocol: 'syslog-udp' | 'syslog-tcp' | 'syslog-tls';
  readonly address: string;
}

export type BatchHandler = (batch: LogReadItem[], peer: BatchPeer) => Promise<void> | void;

export interface BatchQueueOptions {
  readonly onBatch: BatchHandler;
  readonly batchSize: number;
  readonly lowWater: number;
  /** Called after each batch handled while `pending` is at `lowWater` or below. */
  readonly onDrain: () => void;
  /** Called when the consumer throws or rejects; the batch is counted as handled. */
  readonly onError: (error: unknown) => void;
}

interface OpenBatch {
  readonly peer: BatchPeer;
  items: LogReadItem[];
}

export class BatchQueue {
  /** Items not yet handled. */
  pending = 0;
  /** Batches whose consumer call failed. */
  failedBatches = 0;
  private readonly open = new Map<string, OpenBatch>();
  private readonly ready: OpenBatch[] = [];
  private running = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: BatchQueueOptions) {}

  /** Channels with an open batch. */
  get openBatches(): number {
    return this.open.size;
  }

  add(channel: string, peer: BatchPeer, item: LogReadItem): void {
    let batch = this.open.get(channel);
    if (batch === undefined) {
      batch = { peer, items: [] };
      this.open.set(channel, batch);
    }
    batch.items.push(item);
    this.pending += 1;
    if (batch.items.length >= this.options.batchSize) this.flush(channel);
  }

  /** Closes one channel's open batch and queues it. */
  flush(channel: string): void {
    const batch = this.open.get(channel);
    if (batch === undefined) return;
    this.open.delete(channel);
    this.ready.push(batch);
    this.run();
  }

  flushAll(): void {
    for (const channel of [...this.open.keys()]) this.flush(channel);
  }

  /** Resolves once nothing is open, queued or being handled. */
  async idle(): Promise<void> {
    this.flushAll();
    if (!this.running && this.ready.length === 0) return;
    await new Promise<void>((resolve) => {
      this.idleWaiters.push(resolve);
    });
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    for (let batch = this.ready.shift(); batch !== undefined; batch = this.ready.shift()) {
      try {
        await this.options.onBatch(batch.items, batch.peer);
      } catch (error) {
        this.failedBatches += 1;
        this.options.onError(error);
      }
      this.pending -= batch.items.length;
      if (this.pending <= this.options.lowWater) this.options.onDrain();
    }
    this.running = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

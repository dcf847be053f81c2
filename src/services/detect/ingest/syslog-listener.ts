/**
 * Syslog listeners for detection: UDP (RFC 5426), TCP (RFC 6587) and TLS (RFC 5425), each
 * optional, feeding one batch queue. Events and rejected frames reach `onBatch` in batches, one
 * call at a time, in arrival order per sender. No store access: the caller wires `onBatch` to
 * the store and the detector.
 */
import type { Socket as UdpSocket } from 'node:dgram';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { BatchHandler } from './batch-queue.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_FLUSH_MS,
  DEFAULT_HIGH_WATER_ITEMS,
  DEFAULT_LOW_WATER_ITEMS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_SYSLOG_MAX_FRAME_BYTES,
  DEFAULT_UDP_QUEUE_CAP,
  TLS_HANDSHAKE_TIMEOUT_MS,
} from './limits.js';
import { ListenerState, type IngestLog } from './listener-state.js';
import { attachSyslogStream } from './syslog-stream.js';
import { bindSyslogUdp, kernelUdpDrops, type UdpEndpoint } from './syslog-udp.js';

export type { BatchHandler, BatchPeer } from './batch-queue.js';
export type { IngestLog } from './listener-state.js';

export interface TcpEndpoint {
  readonly host: string;
  /** 0 picks a free port; `addresses` gives the one bound. */
  readonly port: number;
}

export interface TlsEndpoint extends TcpEndpoint {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Ask senders for a certificate, and refuse those not signed by `ca`. Default false. */
  readonly requestCert?: boolean;
}

export interface SyslogListenerOptions {
  readonly udp?: UdpEndpoint;
  readonly tcp?: TcpEndpoint;
  readonly tls?: TlsEndpoint;
  /** Largest frame or datagram, in bytes; default 64 KiB. */
  readonly maxFrameBytes?: number;
  readonly onBatch: BatchHandler;
  /** Items per batch; default 500. */
  readonly batchSize?: number;
  /** Longest wait of an item in an open batch, ms; default 250. */
  readonly flushMs?: number;
  /** Pending items past which TCP/TLS sockets pause; default 20 000. */
  readonly highWaterItems?: number;
  /** Pending items at which paused sockets resume; default 5 000. */
  readonly lowWaterItems?: number;
  /** Pending items past which UDP datagrams are dropped; default 50 000. */
  readonly udpQueueCap?: number;
  /** TCP plus TLS connections at once, each; default 1 024. */
  readonly maxConnections?: number;
  readonly log?: IngestLog;
}

export interface SyslogListenerStats {
  /** Frames and datagrams that arrived, dropped ones included. */
  readonly received: number;
  /** Events handed to `onBatch`. */
  readonly parsed: number;
  /** Rejected items handed to `onBatch`. */
  readonly rejected: number;
  /** Datagrams lost: dropped over the queue cap plus the kernel's receive drops. */
  readonly udpDropped: number;
  /** The kernel's receive drops for the UDP socket; null where unknown (not Linux). */
  readonly udpKernelDrops: number | null;
  /** TCP and TLS connections open now. */
  readonly connections: number;
  readonly connectionsTotal: number;
  readonly bytes: number;
  /** Items not yet handled by `onBatch`. */
  readonly pending: number;
  /** Times a socket was paused for a slow consumer, and sockets paused now. */
  readonly pauses: number;
  readonly pausedSockets: number;
  readonly failedBatches: number;
  readonly tlsErrors: number;
}

export interface SyslogListeners {
  readonly addresses: {
    readonly udp?: AddressInfo;
    readonly tcp?: AddressInfo;
    readonly tls?: AddressInfo;
  };
  stats(): SyslogListenerStats;
  /** Stops listening, drops open connections, and resolves once every queued item was handled. */
  close(): Promise<void>;
}

/**
 * Starts the listeners named in `options`. Rejects (closing any already started) when one cannot
 * bind.
 */
export async function startSyslogListeners(
  options: SyslogListenerOptions,
): Promise<SyslogListeners> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const highWater = Math.max(batchSize, options.highWaterItems ?? DEFAULT_HIGH_WATER_ITEMS);
  const state = new ListenerState(
    {
      maxFrameBytes: options.maxFrameBytes ?? DEFAULT_SYSLOG_MAX_FRAME_BYTES,
      highWater,
      udpQueueCap: options.udpQueueCap ?? DEFAULT_UDP_QUEUE_CAP,
    },
    {
      onBatch: options.onBatch,
      batchSize,
      lowWater: Math.min(highWater, options.lowWaterItems ?? DEFAULT_LOW_WATER_ITEMS),
    },
    options.log,
  );
  const servers: Server[] = [];
  let udp: { socket: UdpSocket; address: AddressInfo } | undefined;
  const addresses: { udp?: AddressInfo; tcp?: AddressInfo; tls?: AddressInfo } = {};
  try {
    if (options.udp !== undefined) {
      udp = await bindSyslogUdp(options.udp, state);
      addresses.udp = udp.address;
    }
    if (options.tcp !== undefined) {
      const server = createServer({ noDelay: true }, (socket) => {
        attachSyslogStream(socket, 'syslog-tcp', state);
      });
      servers.push(server);
      addresses.tcp = await listen(server, options.tcp, options.maxConnections);
    }
    if (options.tls !== undefined) {
      const server = tlsServer(options.tls, state);
      servers.push(server);
      addresses.tls = await listen(server, options.tls, options.maxConnections);
    }
  } catch (error) {
    await shutdown(servers, udp?.socket, state);
    throw error;
  }
  const timer = setInterval(
    () => {
      state.queue.flushAll();
    },
    Math.max(1, options.flushMs ?? DEFAULT_FLUSH_MS),
  );
  timer.unref();
  let closing: Promise<void> | undefined;
  return {
    addresses,
    stats: () => snapshot(state, udp?.address),
    close: () => {
      clearInterval(timer);
      closing ??= shutdown(servers, udp?.socket, state);
      return closing;
    },
  };
}

function tlsServer(endpoint: TlsEndpoint, state: ListenerState): Server {
  const requestCert = endpoint.requestCert ?? false;
  const server = createTlsServer(
    {
      key: endpoint.key,
      cert: endpoint.cert,
      ca: endpoint.ca as string | Buffer | (string | Buffer)[] | undefined,
      requestCert,
      rejectUnauthorized: requestCert,
      minVersion: 'TLSv1.2',
      handshakeTimeout: TLS_HANDSHAKE_TIMEOUT_MS,
    },
    (socket) => {
      attachSyslogStream(socket, 'syslog-tls', state);
    },
  );
  server.on('tlsClientError', (error, socket) => {
    state.counters.tlsErrors += 1;
    state.log?.warn(
      {
        err: error,
        peer: `${socket.remoteAddress ?? 'unknown'}:${String(socket.remotePort ?? 0)}`,
      },
      'syslog TLS handshake failed',
    );
  });
  return server;
}

async function listen(
  server: Server,
  endpoint: TcpEndpoint,
  maxConnections: number | undefined,
): Promise<AddressInfo> {
  server.maxConnections = maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.port, endpoint.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

async function shutdown(
  servers: readonly Server[],
  udp: UdpSocket | undefined,
  state: ListenerState,
): Promise<void> {
  const closed = servers.map(
    (server) =>
      new Promise<void>((resolve) => {
        if (!server.listening) {
          resolve();
          return;
        }
        server.close(() => {
          resolve();
        });
      }),
  );
  for (const socket of [...state.sockets] as Socket[]) socket.destroy();
  if (udp !== undefined) {
    closed.push(
      new Promise<void>((resolve) => {
        udp.close(() => {
          resolve();
        });
      }),
    );
  }
  await Promise.all(closed);
  await state.queue.idle();
}

function snapshot(state: ListenerState, udp: AddressInfo | undefined): SyslogListenerStats {
  const c = state.counters;
  const kernel = udp === undefined ? null : kernelUdpDrops(udp);
  return {
    received: c.received,
    parsed: c.parsed,
    rejected: c.rejected,
    udpDropped: c.udpQueueDropped + (kernel ?? 0),
    udpKernelDrops: kernel,
    connections: c.connections,
    connectionsTotal: c.connectionsTotal,
    bytes: c.bytes,
    pending: state.queue.pending,
    pauses: c.pauses,
    pausedSockets: state.pausedSockets,
    failedBatches: state.queue.failedBatches,
    tlsErrors: c.tlsErrors,
  };
}

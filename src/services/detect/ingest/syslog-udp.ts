/**
 * The UDP syslog socket (RFC 5426: one message per datagram). A datagram that arrives while the
 * queue is over its cap is dropped and counted: UDP senders cannot be slowed. The kernel's own
 * receive drops for the socket are read from /proc/net/udp{,6} where it exists.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { isIPv6, type AddressInfo } from 'node:net';
import { ingestDiagnostic, rejectedItem } from './json-record.js';
import { DEFAULT_UDP_RECV_BUFFER_BYTES, MAX_UDP_OPEN_BATCHES } from './limits.js';
import type { ListenerState } from './listener-state.js';
import { syslogFrameToItem } from './syslog-event.js';

const decoder = new TextDecoder('utf-8');

export interface UdpEndpoint {
  readonly host: string;
  readonly port: number;
  /** Receive buffer asked of the kernel; default 4 MiB (capped by net.core.rmem_max). */
  readonly recvBufferBytes?: number;
}

export async function bindSyslogUdp(
  endpoint: UdpEndpoint,
  state: ListenerState,
): Promise<{ socket: UdpSocket; address: AddressInfo }> {
  const socket = createSocket({ type: isIPv6(endpoint.host) ? 'udp6' : 'udp4' });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(endpoint.port, endpoint.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  try {
    socket.setRecvBufferSize(endpoint.recvBufferBytes ?? DEFAULT_UDP_RECV_BUFFER_BYTES);
  } catch (error) {
    state.log?.warn({ err: error }, 'UDP receive buffer size not granted');
  }
  socket.on('error', (error) => {
    state.log?.warn({ err: error }, 'syslog UDP socket error');
  });
  socket.on('message', (datagram, rinfo) => {
    onDatagram(datagram, `${rinfo.address}:${String(rinfo.port)}`, state);
  });
  return { socket, address: socket.address() };
}

function onDatagram(datagram: Buffer, address: string, state: ListenerState): void {
  const { counters, queue, settings } = state;
  counters.bytes += datagram.length;
  if (queue.pending >= settings.udpQueueCap) {
    counters.received += 1;
    counters.udpQueueDropped += 1;
    return;
  }
  const channel = `udp:${address}`;
  const peer = { protocol: 'syslog-udp', address } as const;
  if (queue.openBatches >= MAX_UDP_OPEN_BATCHES) queue.flushAll();
  if (datagram.length > settings.maxFrameBytes) {
    const place = { source: 'syslog-udp', offset: 0 };
    const diagnostic = ingestDiagnostic(
      place,
      'WL_SYSLOG_FRAME_TOO_LONG',
      `datagram of ${String(datagram.length)} bytes over ${String(settings.maxFrameBytes)}`,
    );
    state.push(channel, peer, rejectedItem(diagnostic, decoder.decode(datagram.subarray(0, 4096))));
    return;
  }
  let end = datagram.length;
  while (end > 0 && isTrailer(datagram[end - 1])) end -= 1;
  const text = decoder.decode(datagram.subarray(0, end));
  const ctx = { source: 'syslog-udp', position: address, receivedAt: new Date(), offset: 0 };
  state.push(channel, peer, syslogFrameToItem(text, ctx));
}

/** LF, CR or NUL that senders append to a datagram. */
function isTrailer(byte: number | undefined): boolean {
  return byte === 10 || byte === 13 || byte === 0;
}

/**
 * Receive drops the kernel counted for the UDP socket bound at `address`, from the last column
 * of /proc/net/udp (or udp6); null where that file is missing (not Linux) or has no such socket.
 */
export function kernelUdpDrops(address: AddressInfo): number | null {
  const file = address.family === 'IPv6' ? '/proc/net/udp6' : '/proc/net/udp';
  let table: string;
  try {
    table = readFileSync(file, 'latin1');
  } catch {
    return null;
  }
  const port = `:${address.port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1]?.endsWith(port) !== true) continue;
    const drops = Number(fields.at(-1));
    if (Number.isSafeInteger(drops)) return drops;
  }
  return null;
}

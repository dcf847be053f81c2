/**
 * One TCP or TLS syslog connection: bytes through an RFC 6587 framer, frames into the queue, the
 * socket paused while the consumer is behind (the sender is slowed by TCP flow control, never
 * dropped). A bad frame is rejected; the connection stays open.
 */
import type { Socket } from 'node:net';
import { SyslogFramer } from '../../../formats/syslog/index.js';
import type { BatchPeer } from './batch-queue.js';
import type { ListenerState } from './listener-state.js';

let nextConnection = 0;

export function attachSyslogStream(
  socket: Socket,
  protocol: 'syslog-tcp' | 'syslog-tls',
  state: ListenerState,
): void {
  nextConnection += 1;
  const channel = `${protocol}#${String(nextConnection)}`;
  const address = `${socket.remoteAddress ?? 'unknown'}:${String(socket.remotePort ?? 0)}`;
  const peer: BatchPeer = { protocol, address };
  const framer = new SyslogFramer({
    source: protocol,
    maxFrameBytes: state.settings.maxFrameBytes,
  });
  const { counters } = state;
  counters.connections += 1;
  counters.connectionsTotal += 1;
  state.sockets.add(socket);

  socket.on('data', (chunk: Buffer) => {
    counters.bytes += chunk.length;
    const frames = framer.push(chunk);
    state.pushFrames(channel, peer, frames, framer.takeDiagnostics());
    state.throttle(socket);
  });
  socket.on('end', () => {
    const frames = framer.finish();
    state.pushFrames(channel, peer, frames, framer.takeDiagnostics());
    socket.end();
  });
  socket.on('error', (error) => {
    state.log?.warn({ err: error, peer: address, protocol }, 'syslog connection error');
  });
  socket.on('close', () => {
    counters.connections -= 1;
    state.release(socket);
    state.queue.flush(channel);
  });
}

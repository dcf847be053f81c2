import { createSocket } from 'node:dgram';
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogReadItem } from '../../../domain/detection.js';
import { startSyslogListeners, type BatchPeer, type SyslogListeners } from './syslog-listener.js';

const HOST = '127.0.0.1';
let listeners: SyslogListeners | undefined;

afterEach(async () => {
  await listeners?.close();
  listeners = undefined;
});

interface Collected {
  items: LogReadItem[];
  peers: BatchPeer[];
}

function collector(): Collected & { onBatch: (b: LogReadItem[], p: BatchPeer) => void } {
  const items: LogReadItem[] = [];
  const peers: BatchPeer[] = [];
  return {
    items,
    peers,
    onBatch: (batch, peer) => {
      items.push(...batch);
      peers.push(peer);
    },
  };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function line(i: number): string {
  return `<34>1 2024-05-01T10:00:00.000Z pacs01 sshd ${i} ID47 [origin@32473 ip="10.1.2.3"] Failed password ${i}`;
}

function octet(text: string): string {
  return `${Buffer.byteLength(text)} ${text}`;
}

async function tcpSend(port: number, payload: string | Buffer): Promise<void> {
  const socket = connect(port, HOST);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.end(payload, () => {
      resolve();
    });
  });
}

function events(items: readonly LogReadItem[]) {
  return items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
}

describe('syslog UDP', () => {
  it('reads each datagram as one event with its peer', async () => {
    const c = collector();
    listeners = await startSyslogListeners({
      udp: { host: HOST, port: 0 },
      onBatch: c.onBatch,
      flushMs: 10,
    });
    const port = listeners.addresses.udp?.port ?? 0;
    expect(port).toBeGreaterThan(0);
    const client = createSocket('udp4');
    for (let i = 0; i < 5; i += 1) client.send(`${line(i)}\n`, port, HOST);
    await until(() => c.items.length === 5);
    client.close();
    const [first] = events(c.items);
    expect(first?.shape).toBe('syslog');
    expect(first?.host).toBe('pacs01');
    expect(first?.time).toBe('2024-05-01T10:00:00.000Z');
    expect(first?.data).toMatchObject({
      app: 'sshd',
      procid: '0',
      msgid: 'ID47',
      facility: 'auth',
      severity: 'crit',
      'sd.origin@32473.ip': '10.1.2.3',
    });
    expect(first?.origin?.source).toBe('syslog-udp');
    expect(first?.origin?.position).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(c.peers[0]?.protocol).toBe('syslog-udp');
    expect(listeners.stats()).toMatchObject({ received: 5, parsed: 5, rejected: 0 });
  });

  it('drops and counts datagrams while the queue is over its cap', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const items: LogReadItem[] = [];
    listeners = await startSyslogListeners({
      udp: { host: HOST, port: 0 },
      batchSize: 10,
      udpQueueCap: 20,
      flushMs: 5,
      onBatch: async (batch) => {
        await gate;
        items.push(...batch);
      },
    });
    const port = listeners.addresses.udp?.port ?? 0;
    const client = createSocket('udp4');
    for (let i = 0; i < 100; i += 1) {
      client.send(line(i), port, HOST);
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => listeners?.stats().received === 100);
    client.close();
    release();
    await until(() => listeners?.stats().pending === 0);
    const stats = listeners.stats();
    expect(stats.udpDropped).toBeGreaterThanOrEqual(80 - 10);
    expect(stats.parsed + stats.udpDropped - (stats.udpKernelDrops ?? 0)).toBe(100);
    expect(items.length).toBe(stats.parsed);
  });
});

describe('syslog TCP', () => {
  it('reads octet-counted and newline frames, mixed, split across writes', async () => {
    const c = collector();
    listeners = await startSyslogListeners({
      tcp: { host: HOST, port: 0 },
      onBatch: c.onBatch,
      flushMs: 10,
    });
    const port = listeners.addresses.tcp?.port ?? 0;
    const payload = `${octet(line(0))}${octet(line(1))}${line(2)}\n${line(3)}\r\n<13>May  1 10:00:00 ehr01 app[9]: plain bsd\n`;
    const socket = connect(port, HOST);
    await new Promise<void>((r) =>
      socket.once('connect', () => {
        r();
      }),
    );
    for (let i = 0; i < payload.length; i += 7) socket.write(payload.slice(i, i + 7));
    socket.end();
    await until(() => c.items.length === 5);
    const evs = events(c.items);
    expect(evs.map((e) => e.data.msg)).toEqual([
      'Failed password 0',
      'Failed password 1',
      'Failed password 2',
      'Failed password 3',
      'plain bsd',
    ]);
    expect(evs[4]?.host).toBe('ehr01');
    expect(c.peers[0]?.protocol).toBe('syslog-tcp');
    await until(() => listeners?.stats().connections === 0);
    expect(listeners.stats()).toMatchObject({ connectionsTotal: 1, parsed: 5, rejected: 0 });
  });

  it('rejects bad frames with reasons and keeps the good ones and the connection', async () => {
    const c = collector();
    listeners = await startSyslogListeners({
      tcp: { host: HOST, port: 0 },
      onBatch: c.onBatch,
      flushMs: 10,
      maxFrameBytes: 1024,
    });
    const port = listeners.addresses.tcp?.port ?? 0;
    const payload = Buffer.concat([
      Buffer.from(`${line(0)}\n`),
      Buffer.from('<999>bad pri\n'),
      Buffer.from([0x3c, 0x31, 0x33, 0x3e, 0xff, 0xfe, 0x00, 0x01, 0x0a]),
      Buffer.from(`${'x'.repeat(3000)}\n`),
      Buffer.from(`5000 <13>${'y'.repeat(20)}\n`),
      Buffer.from(`<34>1 2024-05-01T10:00:00Z\n`),
      Buffer.from(octet(line(1))),
      Buffer.from(`${line(2)}\n`),
    ]);
    await tcpSend(port, payload);
    await until(() => events(c.items).length === 3);
    await until(() => listeners?.stats().connections === 0);
    const rejected = c.items.flatMap((i) => (i.kind === 'rejected' ? [i.diagnostic.code] : []));
    expect(rejected).toEqual(
      expect.arrayContaining([
        'WL_SYSLOG_PRI_INVALID',
        'WL_INGEST_SYSLOG_BINARY',
        'WL_SYSLOG_FRAME_TOO_LONG',
        'WL_SYSLOG_HEADER_TRUNCATED',
      ]),
    );
    expect(rejected.filter((code) => code === 'WL_SYSLOG_FRAME_TOO_LONG')).toHaveLength(2);
    const raw = c.items.find(
      (i) => i.kind === 'rejected' && i.diagnostic.code === 'WL_SYSLOG_PRI_INVALID',
    );
    expect(raw?.kind === 'rejected' ? raw.raw : undefined).toBe('<999>bad pri');
    expect(events(c.items).map((e) => e.data.msg)).toEqual([
      'Failed password 0',
      'Failed password 1',
      'Failed password 2',
    ]);
  });

  it('reads a JSON message body as a flat event', async () => {
    const c = collector();
    listeners = await startSyslogListeners({
      tcp: { host: HOST, port: 0 },
      onBatch: c.onBatch,
      flushMs: 10,
    });
    const port = listeners.addresses.tcp?.port ?? 0;
    const json = '{"EventID":4625,"Channel":"Security","TargetUserName":"admin"}';
    await tcpSend(
      port,
      `<14>1 2024-05-01T10:00:00Z dc01 nxlog - - - ${json}\n<14>May  1 10:00:00 dc01 agent: @cee: {"a":{"b":1}}\n<14>May  1 10:00:00 dc01 agent: {"__proto__":{"x":1}}\n`,
    );
    await until(() => c.items.length === 3);
    const evs = events(c.items);
    expect(evs[0]).toMatchObject({
      shape: 'flat',
      host: 'dc01',
      data: { EventID: 4625, Channel: 'Security' },
    });
    expect(evs[1]).toMatchObject({ shape: 'flat', data: { a: { b: 1 } } });
    // A poisoned JSON body stays a syslog event with the text as its message.
    expect(evs[2]?.shape).toBe('syslog');
    expect(evs[2]?.data.msg).toBe('{"__proto__":{"x":1}}');
  });

  it('pauses a sender behind a slow consumer and loses nothing', async () => {
    const total = 20_000;
    let handled = 0;
    listeners = await startSyslogListeners({
      tcp: { host: HOST, port: 0 },
      batchSize: 100,
      highWaterItems: 500,
      lowWaterItems: 100,
      flushMs: 10,
      onBatch: async (batch) => {
        await new Promise((r) => setTimeout(r, 1));
        handled += batch.filter((i) => i.kind === 'event').length;
      },
    });
    const port = listeners.addresses.tcp?.port ?? 0;
    const socket: Socket = connect(port, HOST);
    const chunk: string[] = [];
    for (let i = 0; i < total; i += 1) chunk.push(octet(line(i)));
    await new Promise<void>((resolve) =>
      socket.end(chunk.join(''), () => {
        resolve();
      }),
    );
    await until(() => handled === total, 30_000);
    const stats = listeners.stats();
    expect(stats.parsed).toBe(total);
    expect(stats.pauses).toBeGreaterThan(0);
    expect(stats.rejected).toBe(0);
  }, 40_000);
});

describe('syslog TLS', () => {
  it('reads octet-counted frames over TLS with a self-signed certificate', async () => {
    const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: HOST }] }],
    });
    const c = collector();
    listeners = await startSyslogListeners({
      tls: { host: HOST, port: 0, key: pems.private, cert: pems.cert },
      onBatch: c.onBatch,
      flushMs: 10,
    });
    const port = listeners.addresses.tls?.port ?? 0;
    const socket = tlsConnect({ host: HOST, port, ca: pems.cert });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    socket.end(`${octet(line(0))}${octet(line(1))}`);
    await until(() => c.items.length === 2);
    expect(events(c.items)[1]?.origin?.source).toBe('syslog-tls');
    expect(c.peers[0]?.protocol).toBe('syslog-tls');

    // A plain-text sender on the TLS port is a handshake error, not a crash.
    await tcpSend(port, `${line(3)}\n`).catch(() => undefined);
    await until(() => (listeners?.stats().tlsErrors ?? 0) > 0);
    expect(listeners.stats().parsed).toBe(2);
  }, 20_000);
});

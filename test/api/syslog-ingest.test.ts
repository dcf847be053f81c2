/**
 * Syslog into detection over real sockets: a forwarder sends a Sysmon event as JSON inside an
 * RFC 5424 message over TCP (octet counting), and a plain RFC 3164 line over UDP; the first
 * raises an alert through the bundled rules, both are counted on their protocol's source.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSyslogIngest } from '../../src/services/detect/syslog-ingest.js';
import type { SyslogListeners } from '../../src/services/detect/ingest/syslog-listener.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/stores.js';

const SYSMON_JSON = JSON.stringify({
  Event: {
    System: {
      EventID: 1,
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      Computer: 'NVH-FS02.nvh.local',
      TimeCreated: { '#attributes': { SystemTime: '2026-11-27T04:00:00.000Z' } },
    },
    EventData: {
      Image: 'C:\\Windows\\System32\\wbem\\WMIC.exe',
      OriginalFileName: 'wmic.exe',
      CommandLine: 'wmic.exe shadowcopy delete /nointeractive',
      ParentImage: 'C:\\Windows\\System32\\cmd.exe',
    },
  },
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out');
}

describeEachDialect('syslog ingest', (ctx) => {
  let t: TestApp;
  let listeners: SyslogListeners;

  beforeAll(async () => {
    t = await startTestApp(ctx.store);
    const started = await startSyslogIngest(t.services.detection, {
      host: '127.0.0.1',
      udpPort: 0,
      tcpPort: 0,
    });
    if (started === null) throw new Error('no listeners');
    listeners = started;
  });
  afterAll(async () => {
    await listeners.close();
    await t.close();
  });

  it('detects on a JSON event sent over TCP and counts a UDP line on its own source', async () => {
    const message = `<14>1 2026-11-27T04:00:00.000Z nvh-fs02 nxlog - - - ${SYSMON_JSON}`;
    const tcp = listeners.addresses.tcp;
    const udp = listeners.addresses.udp;
    if (tcp === undefined || udp === undefined) throw new Error('not listening');
    await new Promise<void>((resolve, reject) => {
      const socket = connect(tcp.port, '127.0.0.1', () => {
        socket.end(`${String(Buffer.byteLength(message))} ${message}`, resolve);
      });
      socket.on('error', reject);
    });
    const datagram = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      datagram.send(
        '<38>Nov 27 04:00:01 nvh-web01 sshd[812]: Failed password for root from 203.0.113.9 port 50514 ssh2',
        udp.port,
        '127.0.0.1',
        (error) => {
          if (error) reject(error);
          else resolve();
        },
      );
    });
    datagram.close();

    await until(async () => {
      const sources = await t.services.detection.sources.list();
      const total = (name: string) => sources.find((s) => s.name === name)?.eventsTotal ?? 0;
      return total('syslog-tcp') === 1 && total('syslog-udp') === 1;
    });
    const alerts = await t.services.detection.alerts.list({ q: 'shadow' });
    expect(alerts.items.map((a) => a.host)).toContain('NVH-FS02.nvh.local');
    expect(listeners.stats().udpDropped).toBe(0);
  });
});

/**
 * Alert notifications over real sockets: a webhook (local HTTP server), a CEF line over syslog UDP
 * (local socket) and an e-mail through an SMTP relay (a minimal local SMTP server). Each receives
 * the new high alert, none receives the events themselves, and each outcome is in the audit log.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server as TcpServer,
} from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LogReadItem } from '../../src/domain/detection.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/stores.js';

const ACTOR = { ...SYSTEM_ACTOR, name: 'test' };

const EVENT: LogReadItem = {
  kind: 'event',
  event: {
    time: '2026-11-27T09:55:00.000Z',
    logsource: { product: 'windows' },
    shape: 'evtx-json',
    data: {
      Event: {
        System: {
          EventID: 1,
          Channel: 'Microsoft-Windows-Sysmon/Operational',
          Computer: 'EHR-APP-01.example.org',
        },
        EventData: {
          Image: 'C:\\Windows\\System32\\vssadmin.exe',
          CommandLine: 'vssadmin delete shadows /all /quiet PATIENT-SECRET-123',
          ParentImage: 'C:\\Windows\\System32\\cmd.exe',
        },
      },
    },
  },
};

/** Just enough SMTP (RFC 5321) to take one message: what a relay on localhost would do. */
function smtpServer(received: string[]): TcpServer {
  return createTcpServer((socket) => {
    let data = false;
    let body = '';
    socket.write('220 relay.test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (data) {
        body += text;
        if (body.includes('\r\n.\r\n')) {
          data = false;
          received.push(body);
          socket.write('250 queued\r\n');
        }
        return;
      }
      for (const line of text.split('\r\n').filter((l) => l !== '')) {
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 relay.test\r\n');
        else if (verb === 'DATA') {
          data = true;
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
}

function portOf(server: { address(): AddressInfo | string | null }): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return address.port;
}

describeEachDialect('alert notifications', (ctx) => {
  let t: TestApp;
  let http: Server;
  let udp: Socket;
  let smtp: TcpServer;
  const hooks: string[] = [];
  const cef: string[] = [];
  const mails: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(ctx.store);
    http = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        hooks.push(body);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    udp = createSocket('udp4');
    udp.on('message', (message) => cef.push(message.toString('utf8')));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    smtp = smtpServer(mails);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    udp.close();
    await new Promise((resolve) => smtp.close(resolve));
    await t.close();
  });

  it('sends a new high alert to the webhook, the SIEM and by e-mail, without the event', async () => {
    await t.services.detection.saveNotificationSettings(
      {
        minLevel: 'high',
        webhookUrl: `http://127.0.0.1:${String(portOf(http))}/hook`,
        cef: { host: '127.0.0.1', port: udp.address().port, protocol: 'udp' },
        email: {
          host: '127.0.0.1',
          port: portOf(smtp),
          secure: false,
          user: null,
          from: 'wardline@example.org',
          to: ['soc@example.org'],
        },
      },
      ACTOR,
    );
    await t.services.detection.ensureBundledRules();
    const result = await t.services.detection.sources.ingest(null, [EVENT]);
    expect(result.alertsOpened.length).toBeGreaterThan(0);
    for (let i = 0; i < 100 && cef.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    const hook = JSON.parse(hooks[0] ?? '{}') as { alerts?: { title: string; host: string }[] };
    expect(hook.alerts?.[0]?.host).toBe('EHR-APP-01.example.org');
    expect(cef[0]).toMatch(
      /CEF:0\|Wardline\|Wardline\|[^|]+\|[^|]+\|[^|]*[Ss]hadow[^|]*\|(8|10)\|/,
    );
    expect(cef[0]).toContain('dhost=EHR-APP-01.example.org');
    expect(mails[0]).toContain('Subject: Wardline: ');
    expect(mails[0]).toContain('Shadow Copies Deleted');
    expect(mails[0]).toContain('(T1490)');
    for (const sent of [...hooks, ...cef, ...mails]) expect(sent).not.toContain('PATIENT-SECRET');

    const audit = await t.services.audit.list({ limit: 20 });
    const channels = audit.items
      .filter((entry) => entry.action === 'detection.notify')
      .map((entry) => [entry.details['channel'], entry.outcome]);
    expect(channels).toEqual(
      expect.arrayContaining([
        ['webhook', 'success'],
        ['cef', 'success'],
        ['email', 'success'],
      ]),
    );
  });

  it('refuses a webhook that is not https (except to this machine)', async () => {
    await expect(
      t.services.detection.saveNotificationSettings(
        { minLevel: 'high', webhookUrl: 'http://hooks.example.org/x', cef: null, email: null },
        ACTOR,
      ),
    ).rejects.toMatchObject({ code: 'WL_REQUEST_INVALID' });
  });
});

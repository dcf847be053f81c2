/**
 * Syslog (RFC 5424) from the Linux servers and the mail relay: logins, cron, the interface engine,
 * the backup. The mail relay's line for the phishing message is where the story starts.
 */
import { DEMO_DOMAIN, DEMO_STORY } from '../../src/services/demo/demo-story.js';
import { STAFF } from './people.js';
import { byTime, clock, iso, random, type Random, type Timed } from './random.js';

interface Line extends Timed {
  readonly pri: number;
  readonly host: string;
  readonly app: string;
  readonly pid: number;
  readonly text: string;
}

const fqdn = (host: string): string => `${host}.${DEMO_DOMAIN.dns}`;

function background(r: Random): Line[] {
  const out: Line[] = [];
  const add = (t: number, pri: number, host: string, app: string, text: string): void => {
    out.push({ t, pri, host: fqdn(host), app, pid: r.int(300, 60_000), text });
  };
  for (let hour = 0; hour < 24; hour++) {
    for (const host of ['ehr-db-01', 'hl7-engine-01', 'vna-01', 'portal-01']) {
      add(hour * 3600 + 1, 78, host, 'CRON', '(root) CMD (/usr/lib/sa/sa1 1 1)');
    }
    for (let i = 0; i < 4; i++) {
      const sender = r.pick(['CEDAR_EHR', 'LAB_CHEMQ', 'LAB_HEMAQ']);
      add(
        hour * 3600 + r.int(0, 3599),
        134,
        'hl7-engine-01',
        'relay-ie',
        `MLLP message from ${sender} routed to RELAY_IE (ACK AA)`,
      );
    }
  }
  add(
    clock('01:00:02'),
    86,
    'ehr-db-01',
    'sshd',
    'Accepted publickey for dbbackup from 10.40.0.40 port 51022 ssh2: ED25519 SHA256:demoBackupKeyNotReal',
  );
  add(
    clock('01:41:55'),
    134,
    'backup-01',
    'backupd',
    'job nightly-ehr finished: 54.3 GB in 41m23s, 0 errors',
  );
  for (const p of STAFF) {
    add(
      clock('07:00:00') + r.int(0, 9 * 3600),
      22,
      'mail-relay-01',
      'postfix/smtp',
      `${r.hex(10).toUpperCase()}: to=<${p.user}@${DEMO_DOMAIN.upn}>, relay=exchange.${DEMO_DOMAIN.dns}[10.40.0.50]:25, status=sent (250 2.0.0 OK)`,
    );
  }
  for (let i = 0; i < 6; i++) {
    add(
      clock('08:00:00') + r.int(0, 8 * 3600),
      38,
      'portal-01',
      'sshd',
      `Invalid user admin from 203.0.113.${String(r.int(2, 250))} port ${String(r.int(30_000, 60_000))}`,
    );
  }
  return out;
}

function story(r: Random): Line[] {
  const { victim, attachment } = DEMO_STORY;
  return [
    {
      t: clock('09:10:52'),
      pri: 22,
      host: fqdn('mail-relay-01'),
      app: 'postfix/smtp',
      pid: r.int(300, 60_000),
      text: `4F2A9C1E07: from=<rostering@staffing-portal.example>, to=<${victim.user}@${DEMO_DOMAIN.upn}>, subject="December shift roster", attachment=${attachment}, relay=exchange.${DEMO_DOMAIN.dns}[10.40.0.50]:25, status=sent (250 2.0.0 OK)`,
    },
  ];
}

/** The servers' syslog, one RFC 5424 message a line. */
export function serverSyslog(): string {
  const r = random(0x5eed_0007);
  const lines = byTime([...background(r), ...story(r)]).map(
    (l) => `<${String(l.pri)}>1 ${iso(l.t)} ${l.host} ${l.app} ${String(l.pid)} - - ${l.text}`,
  );
  return `${lines.join('\n')}\n`;
}

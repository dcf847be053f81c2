/**
 * The core tap's Zeek `conn.log` (ASCII writer, TSV): workstations using the EHR and the web,
 * modalities storing to the PACS, HL7 to the interface engine, monitors to their central station,
 * the nightly backup; then the attack's beacon and the 1.9 GB upload from EHR-APP-01.
 */
import { DEMO_ASSETS } from '../../src/services/demo/demo-hospital.js';
import { DEMO_STORY } from '../../src/services/demo/demo-story.js';
import { STAFF } from './people.js';
import { byTime, clock, epoch, random, type Random, type Timed } from './random.js';

interface Conn extends Timed {
  readonly orig: string;
  readonly resp: string;
  readonly port: number;
  readonly proto: 'tcp' | 'udp';
  readonly service: string;
  readonly duration: number;
  readonly sent: number;
  readonly received: number;
}

const FIELDS =
  'ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes tunnel_parents'.split(
    ' ',
  );
const TYPES =
  'time string addr port addr port enum string interval count count string bool bool count string count count count count set[string]'.split(
    ' ',
  );

const ip = (name: string): string => DEMO_ASSETS.find((a) => a.name === name)?.ip ?? '0.0.0.0';
const DNS = '10.0.0.53';
const WEB = ['198.51.100.20', '198.51.100.31', '203.0.113.10', '203.0.113.88'];
const UID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function line(c: Conn, r: Random): string {
  const uid = `C${Array.from({ length: 17 }, () => UID_CHARS.charAt(r.int(0, UID_CHARS.length - 1))).join('')}`;
  const local = (a: string) => (a.startsWith('10.') ? 'T' : 'F');
  const segments = Math.max(1, Math.ceil(c.sent / 1400));
  const back = Math.max(1, Math.ceil(c.received / 1400));
  const history = c.proto === 'udp' ? 'Dd' : 'ShADadFf';
  return [
    epoch(c.t).toFixed(6),
    uid,
    c.orig,
    String(r.int(49_152, 65_535)),
    c.resp,
    String(c.port),
    c.proto,
    c.service,
    c.duration.toFixed(6),
    String(c.sent),
    String(c.received),
    'SF',
    local(c.orig),
    local(c.resp),
    '0',
    history,
    String(segments),
    String(c.sent + segments * 40),
    String(back),
    String(c.received + back * 40),
    '-',
  ].join('\t');
}

function background(r: Random): Conn[] {
  const out: Conn[] = [];
  const conn = (
    t: number,
    orig: string,
    resp: string,
    port: number,
    service: string,
    sent: number,
    received: number,
    proto: 'tcp' | 'udp' = 'tcp',
  ): void => {
    out.push({
      t,
      orig,
      resp,
      port,
      proto,
      service,
      duration: proto === 'udp' ? 0.002 : r.int(1, 900) / 10,
      sent,
      received,
    });
  };
  for (const p of STAFF) {
    for (let i = 0; i < 40; i++) {
      const t = clock('07:00:00') + r.int(0, 10 * 3600);
      const pick = r.next();
      if (pick < 0.4)
        conn(
          t,
          p.ip,
          r.pick([ip('EHR-APP-01'), ip('EHR-APP-02')]),
          443,
          'ssl',
          r.int(2_000, 90_000),
          r.int(20_000, 900_000),
        );
      else if (pick < 0.7) conn(t, p.ip, DNS, 53, 'dns', r.int(30, 60), r.int(60, 200), 'udp');
      else conn(t, p.ip, r.pick(WEB), 443, 'ssl', r.int(800, 40_000), r.int(5_000, 3_000_000));
    }
  }
  const modalities = ['CT-ED-01', 'MR-01', 'DX-RAD-02', 'US-OB-01'];
  for (let i = 0; i < 120; i++) {
    conn(
      r.int(0, 86_399),
      ip(r.pick(modalities)),
      ip('PACS-01'),
      104,
      'dicom',
      r.int(5_000_000, 180_000_000),
      r.int(2_000, 20_000),
    );
  }
  for (let i = 0; i < 60; i++) {
    conn(
      r.int(0, 86_399),
      ip('PACS-01'),
      ip('VNA-01'),
      104,
      'dicom',
      r.int(20_000_000, 300_000_000),
      r.int(5_000, 30_000),
    );
  }
  for (let i = 0; i < 150; i++) {
    const sender = r.pick(['EHR-APP-01', 'EHR-APP-02', 'LAB-CHEM-01', 'LAB-HEME-01']);
    conn(
      r.int(0, 86_399),
      ip(sender),
      ip('HL7-ENGINE-01'),
      2575,
      '-',
      r.int(400, 4_000),
      r.int(60, 200),
    );
  }
  const monitors = DEMO_ASSETS.filter((a) => a.name.startsWith('MON-ICU'));
  for (let hour = 0; hour < 24; hour++) {
    for (const m of monitors)
      conn(
        hour * 3600 + r.int(0, 3599),
        m.ip,
        ip('CENTRAL-ICU'),
        2000,
        '-',
        r.int(200_000, 900_000),
        r.int(5_000, 20_000),
      );
  }
  for (const app of ['EHR-APP-01', 'EHR-APP-02']) {
    for (let i = 0; i < 30; i++)
      conn(
        r.int(0, 86_399),
        ip(app),
        ip('EHR-DB-01'),
        1521,
        '-',
        r.int(5_000, 400_000),
        r.int(50_000, 4_000_000),
      );
    // A small vendor update check: outbound, far below the rule's 500 MB.
    conn(
      clock('04:10:00') + r.int(0, 600),
      ip(app),
      '198.51.100.200',
      443,
      'ssl',
      r.int(3_000, 8_000),
      r.int(1_000_000, 2_500_000),
    );
  }
  // The nightly backup: 48 GB, but to the backup appliance on the same network.
  conn(clock('01:00:30'), ip('EHR-DB-01'), ip('BACKUP-01'), 10_000, '-', 48_213_773_102, 3_402_118);
  conn(clock('01:20:30'), ip('EHR-APP-01'), ip('BACKUP-01'), 10_000, '-', 6_102_450_007, 902_118);
  return out;
}

function attack(r: Random): Conn[] {
  const { victim, server, c2, exfil } = DEMO_STORY;
  const out: Conn[] = [];
  // The macro's download, then a beacon every ten minutes from the workstation.
  out.push({
    t: clock('09:12:43'),
    orig: victim.ip,
    resp: c2,
    port: 443,
    proto: 'tcp',
    service: 'ssl',
    duration: 1.84,
    sent: 1_204,
    received: 381_552,
  });
  for (let t = clock('09:22:43'); t < clock('12:00:00'); t += 600) {
    out.push({
      t: t + r.int(0, 20),
      orig: victim.ip,
      resp: c2,
      port: 443,
      proto: 'tcp',
      service: 'ssl',
      duration: 0.4,
      sent: r.int(600, 900),
      received: r.int(300, 600),
    });
  }
  // rclone's upload from the EHR application server.
  out.push({
    t: clock('11:02:03'),
    orig: server.ip,
    resp: exfil,
    port: 443,
    proto: 'tcp',
    service: 'ssl',
    duration: 1_904.27,
    sent: 1_943_512_330,
    received: 6_311_904,
  });
  return out;
}

/** The day's conn.log, TSV with Zeek's header and footer. */
export function zeekConnLog(): string {
  const r = random(0x5eed_0002);
  const conns = byTime([...background(r), ...attack(r)]);
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    '#path\tconn',
    '#open\t2026-11-27-00-00-00',
    `#fields\t${FIELDS.join('\t')}`,
    `#types\t${TYPES.join('\t')}`,
    ...conns.map((c) => line(c, r)),
    '#close\t2026-11-28-00-00-00',
    '',
  ].join('\n');
}

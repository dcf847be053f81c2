import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogReadItem } from '../../../domain/detection.js';
import { readLogFile, sniffLogFile, type LogFileKind } from './log-files.js';

const bytes = (text: string): Uint8Array => Buffer.from(text);

const SAMPLES: readonly (readonly [LogFileKind, string, string])[] = [
  ['evtx', 'x.evtx', 'ElfFile\0\0\0\0'],
  ['zeek-tsv', 'conn.log', '#separator \\x09\n#set_separator\t,\n#path\tconn\n'],
  ['zeek-json', 'conn.log', '{"ts":1714557600.1,"uid":"C1","id.orig_h":"10.0.0.1"}\n'],
  ['eve', 'eve.json', '{"timestamp":"2024-05-01T10:00:00Z","flow_id":1,"event_type":"alert"}\n'],
  [
    'entra',
    'signins.json',
    '{"value":[{"createdDateTime":"2024-05-01T10:00:00Z","userPrincipalName":"a@b"}]}',
  ],
  ['entra', 'monitor.json', '{"records":[{"category":"SignInLogs","properties":{}}]}'],
  [
    'okta',
    'okta.json',
    '[{"uuid":"u1","published":"2024-05-01T10:00:00Z","eventType":"user.session.start","actor":{}}]',
  ],
  ['fhir-audit', 'audit.json', '{"resourceType":"AuditEvent","recorded":"2024-05-01T10:00:00Z"}'],
  [
    'fhir-audit',
    'bundle.json',
    '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"AuditEvent"}}]}',
  ],
  [
    'atna',
    'atna.xml',
    '<?xml version="1.0"?>\n<AuditMessage xmlns="x"><EventIdentification/></AuditMessage>',
  ],
  ['jsonlog', 'app.ndjson', '{"level":"info","msg":"hello"}\n'],
  ['jsonlog', 'arr.json', '  [ {"a":1} ]'],
  ['syslog', 'any.txt', '<34>1 2024-05-01T10:00:00Z h a - - - m\n'],
  ['syslog', 'any.txt', 'May  1 10:00:00 host sshd[1]: Accepted\n'],
  ['syslog', '/var/log/messages', 'kernel: something happened\n'],
  ['unknown', 'x.bin', '\x00\x01\x02 binary'],
  ['unknown', 'x.html', '<html><body></body></html>'],
  ['unknown', 'notes.txt', 'just some words\n'],
];

describe('sniffLogFile', () => {
  it.each(SAMPLES)('%s from %s', (kind, name, text) => {
    expect(sniffLogFile(bytes(text), name)).toBe(kind);
  });
});

describe('readLogFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wl-logfiles-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  async function read(name: string, text: string | Buffer): Promise<LogReadItem[]> {
    const path = join(dir, name);
    await writeFile(path, text);
    const out: LogReadItem[] = [];
    for await (const item of readLogFile(path)) out.push(item);
    return out;
  }
  const codes = (items: LogReadItem[]) =>
    items.map((i) => (i.kind === 'event' ? i.event.shape : i.diagnostic.code));

  it('reads syslog lines, rejecting the bad one with its line number', async () => {
    const items = await read(
      'syslog',
      '<34>1 2024-05-01T10:00:00Z pacs01 sshd 1 - - one\n\n<999>bad\r\nMay  1 10:00:00 ehr01 app: two\n',
    );
    expect(codes(items)).toEqual(['syslog', 'WL_SYSLOG_PRI_INVALID', 'syslog']);
    const bad = items[1];
    expect(bad?.kind === 'rejected' ? bad.diagnostic.line : 0).toBe(3);
    const last = items[2];
    expect(last?.kind === 'event' ? [last.event.host, last.event.origin] : []).toEqual([
      'ehr01',
      { source: 'syslog', position: 'line 4' },
    ]);
  });

  it('reads JSON lines through the JSON log reader', async () => {
    const items = await read('app.ndjson', '{"a":1}\nnope\n{"b":2}\n');
    expect(codes(items).filter((c) => c === 'flat')).toHaveLength(2);
    expect(items.filter((i) => i.kind === 'rejected')).toHaveLength(1);
  });

  it('reads Suricata EVE as eve events', async () => {
    const items = await read(
      'eve.json',
      '{"timestamp":"2024-05-01T10:00:00.000000+0000","flow_id":1,"event_type":"alert","src_ip":"10.0.0.1","dest_ip":"10.0.0.2","alert":{"signature":"x"}}\n',
    );
    expect(codes(items)).toEqual(['eve']);
  });

  it('reads Zeek JSON as zeek events with the log path as service', async () => {
    const items = await read('conn.log', '{"ts":1714557600.5,"uid":"C1","id.orig_h":"10.0.0.1"}\n');
    const first = items[0];
    expect(first?.kind === 'event' ? [first.event.shape, first.event.logsource] : []).toEqual([
      'zeek',
      { product: 'zeek', service: 'conn' },
    ]);
  });

  it('reads Zeek TSV, FHIR AuditEvent and ATNA through their readers', async () => {
    const zeek = await read(
      'dns.log',
      '#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n#fields\tts\tuid\tid.orig_h\tquery\n#types\ttime\tstring\taddr\tstring\n1714557600.5\tC1\t10.0.0.1\texample.org\n',
    );
    const event = zeek[0];
    expect(event?.kind === 'event' ? [event.event.shape, event.event.logsource] : zeek).toEqual([
      'zeek',
      { product: 'zeek', service: 'dns' },
    ]);
    const fhir = await read(
      'audit.json',
      JSON.stringify({
        resourceType: 'AuditEvent',
        type: { code: 'rest', display: 'RESTful Operation' },
        action: 'R',
        recorded: '2026-11-29T02:00:00Z',
        agent: [{ requestor: true, who: { identifier: { value: 'nurse7' } } }],
        entity: [{ what: { reference: 'Patient/123' } }],
      }),
    );
    const audit = fhir[0];
    expect(audit?.kind === 'event' ? audit.event.logsource.product : fhir).toBe('fhir');
    const unknown = await read('x.bin', Buffer.from([0, 1, 2, 3]));
    expect(codes(unknown)).toEqual(['WL_INGEST_FILE_UNKNOWN']);
  });

  it('refuses a file that cannot be opened with a Wardline error', async () => {
    const gen = readLogFile(join(dir, 'absent.log'));
    await expect(gen.next()).rejects.toMatchObject({ code: 'WL_IMPORT_UNREADABLE' });
  });
});

const EVTX = new URL(
  '../../../../../shared/data/evtx-samples/EVTX-to-MITRE-Attack/TA0008-Lateral Movement/T1550-Use Alternate Authentication Material/ID4624-Mimikatz Pass the hash.evtx',
  import.meta.url,
);
const present = existsSync(EVTX);

describe.skipIf(!present)(
  `readLogFile on a real EVTX file${present ? '' : ' (SKIPPED: sample absent)'}`,
  () => {
    it('sniffs and reads it as evtx-json events', async () => {
      const items: LogReadItem[] = [];
      for await (const item of readLogFile(fileURLToPath(EVTX))) items.push(item);
      const events = items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
      expect(events.length).toBeGreaterThan(0);
      expect(events.every((e) => e.shape === 'evtx-json')).toBe(true);
    });
  },
);

/**
 * Real Zeek ASCII logs: the OTRF Security-Datasets LSASS campaigns (seven ZIP archives of conn,
 * dns, kerberos, ssl, weird… logs), read where they sit in the shared data folder, never copied.
 * Facts asserted here were read from the files by hand (`unzip -p … | grep -vc '^#'`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codesOf, eventsOf, zipEntries } from '../jsonlog/test-helpers.js';
import { readZeekText } from './read.js';

const DATA = fileURLToPath(
  new URL('../../../../shared/data/otrf-security-datasets/datasets/compound/', import.meta.url),
);
const CAMPAIGNS: readonly (readonly [string, number])[] = [
  ['LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump_zeek_logs.zip', 261],
  ['LSASS_campaign_02/metasploit_procdump_lsass_memory_dump_zeek_logs.zip', 278],
  ['LSASS_campaign_03/metasploit_comsvcs_lsass_memory_dump_zeek_logs.zip', 305],
  ['LSASS_campaign_04/metasploit_out-minidump_lsass_memory_dump_zeek_logs.zip', 267],
  ['LSASS_campaign_05/metasploit_sharpdump_lsass_memory_dump_zeek_logs.zip', 3826],
  ['LSASS_campaign_06/metasploit_outflank-dumpert_lsass_memory_dump_zeek_logs.zip', 3154],
  ['LSASS_campaign_07/metasploit_nanodump_lsass_memory_dump_zeek_logs.zip', 2152],
];
const present = CAMPAIGNS.every(([path]) => existsSync(join(DATA, path)));
const title = present
  ? 'real Zeek logs from ../shared/data'
  : 'real Zeek logs: SKIPPED, ../shared/data/otrf-security-datasets is absent in this clone';

describe.skipIf(!present)(title, () => {
  it.each(CAMPAIGNS)('%s: every data line is an event (%i), none rejected', (path, lines) => {
    let events = 0;
    for (const [name, bytes] of zipEntries(join(DATA, path))) {
      const items = readZeekText(bytes.toString('utf8'), { source: name });
      expect(codesOf(items)).toEqual([]);
      for (const event of eventsOf(items)) {
        expect(event.logsource).toEqual({ product: 'zeek', service: name.replace('.log', '') });
        expect(event.time).toMatch(/^2023-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        events += 1;
      }
    }
    expect(events).toBe(lines);
  });

  it('reads campaign 01 conn, kerberos and weird records with their types', () => {
    const zip = zipEntries(join(DATA, CAMPAIGNS[0]?.[0] ?? ''));
    const read = (name: string) =>
      eventsOf(readZeekText(zip.get(name)?.toString('utf8') ?? '', { source: name }));
    const conn = read('conn.log');
    expect(conn).toHaveLength(112);
    expect(conn[0]?.time).toBe('2023-08-16T04:53:42.036Z');
    expect(conn[0]?.ips).toEqual(['192.168.1.41', '192.168.1.4']);
    expect(conn[0]?.data).toEqual({
      _path: 'conn',
      ts: '2023-08-16T04:53:42.036086Z',
      uid: 'Cnsu5m395zFmE9ikp4',
      'id.orig_h': '192.168.1.41',
      'id.orig_p': 52605,
      'id.resp_h': '192.168.1.4',
      'id.resp_p': 53,
      proto: 'udp',
      service: 'dns',
      conn_state: 'SHR',
      local_orig: true,
      local_resp: true,
      missed_bytes: 0,
      history: '^d',
      orig_pkts: 0,
      orig_ip_bytes: 0,
      resp_pkts: 1,
      resp_ip_bytes: 62,
    });
    const kerberos = read('kerberos.log')[0];
    expect(kerberos?.data).toMatchObject({
      service: 'krbtgt/PANDALAB.COM',
      success: false,
      error_msg: 'KDC_ERR_PREAUTH_REQUIRED',
    });
    const weird = read('weird.log')[0];
    expect(weird?.data).toMatchObject({ name: 'bad_IP_checksum', notice: false, 'id.orig_p': 0 });
    expect(weird?.data['uid']).toBeUndefined();
  });
});

/**
 * Real DHCP captures from the Zeek test suite, read where they sit in the shared data folder.
 * Expected values were read from the captures with tshark; the assigned address in dhcp.pcap
 * matches Zeek's `dhcp-all-msg-types` baseline dhcp.log (mac 90:b1:1c:99:49:29, 128.2.6.189).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectCapture } from '../tls/test-helpers.js';
import { dhcpDatagramDissector } from './dhcp-dissector.js';

const DATA = fileURLToPath(
  new URL('../../../../../../shared/data/pcaps/zeek/traces/dhcp/', import.meta.url),
);
const present = existsSync(DATA);
const title = present
  ? 'DHCP in real captures from ../shared/data'
  : 'DHCP in real captures: SKIPPED, ../shared/data/pcaps is absent in this clone';

const run = (name: string) => dissectCapture(DATA + name, { datagrams: [dhcpDatagramDissector] });

describe.skipIf(!present)(title, () => {
  it('dhcp.pcap: every message type of one client, the ACK assigning 128.2.6.189', async () => {
    const { reports, diagnostics } = await run('dhcp.pcap');
    expect(diagnostics).toEqual([]);
    const mac = '90:b1:1c:99:49:29';
    expect(reports.every((r) => r.about.mac === mac)).toBe(true);
    expect(reports).toContainEqual({ about: { mac, ip: '128.2.6.189' }, facts: {} });
    expect(reports).toContainEqual({
      about: { mac, ip: '192.168.211.194' },
      facts: {
        dhcp: { hostname: 'btest.is.cool', vendorClass: null, fingerprint: null, clientId: null },
      },
    });
    expect(reports).toContainEqual({
      about: { mac, ip: '192.168.211.194' },
      hostname: { name: 'btest.is.cool', origin: 'dhcp' },
    });
  });

  it('dhcp_discover_param_req_and_client_id.pcap: fingerprint, client id, host name', async () => {
    const { reports, diagnostics } = await run('dhcp_discover_param_req_and_client_id.pcap');
    expect(diagnostics).toEqual([]);
    expect(reports[0]).toEqual({
      about: { mac: '00:0b:82:01:fc:42', ip: '208.67.222.222' },
      facts: {
        dhcp: {
          hostname: 'test0000',
          vendorClass: null,
          fingerprint: '1,3,6,42',
          clientId: '01:00:0b:82:01:fc:42',
        },
      },
    });
  });

  it('dhcp_time_and_nameserver.pcap: a Linux client REQUEST and its ACK', async () => {
    const { reports } = await run('dhcp_time_and_nameserver.pcap');
    const about = { mac: '00:90:f5:91:cd:1f', ip: '192.168.15.250' };
    expect(reports[0]).toMatchObject({
      about,
      facts: {
        dhcp: {
          hostname: 'pop-os',
          fingerprint: '1,28,2,3,15,6,119,12,44,47,26,121,42,4,5,249,33,252',
        },
      },
    });
    expect(reports).toContainEqual({ about, facts: {} });
  });

  it('dhcp_inform.pcap: INFORM and its ACK both use ciaddr', async () => {
    const { reports } = await run('dhcp_inform.pcap');
    const about = { mac: '90:b1:1c:99:49:29', ip: '128.2.6.122' };
    expect(reports.map((r) => r.about)).toEqual([about, about]);
  });

  it('dhcp_flood.pcap: 500 messages without a diagnostic', async () => {
    const { reports, diagnostics } = await run('dhcp_flood.pcap');
    expect(diagnostics).toEqual([]);
    expect(reports.length).toBeGreaterThan(0);
  });
});

/**
 * Real DNS and mDNS captures from the nDPI and Zeek test suites, read where they sit in the shared
 * data folder. Expected names were read from the captures with tshark and match nDPI's results.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectCapture } from '../tls/test-helpers.js';
import { dnsDatagramDissector } from './dns-dissector.js';

const DATA = fileURLToPath(new URL('../../../../../../shared/data/pcaps/', import.meta.url));
const present = existsSync(DATA);
const title = present
  ? 'DNS in real captures from ../shared/data'
  : 'DNS in real captures: SKIPPED, ../shared/data/pcaps is absent in this clone';

const run = (name: string) => dissectCapture(DATA + name, { datagrams: [dnsDatagramDissector] });

describe.skipIf(!present)(title, () => {
  it('ndpi/dns.pcap: the query of the client, no host names from A/AAAA answers', async () => {
    // The WhatsApp query in this capture rides in PPPoE, which the packet decoder does not read.
    const { reports, diagnostics } = await run('ndpi/dns.pcap');
    expect(diagnostics).toEqual([]);
    expect(reports).toEqual([
      {
        about: { ip: '192.168.170.8', mac: expect.any(String) as unknown },
        facts: { dns: { queries: ['www.example.com'] } },
      },
    ]);
  });

  it('zeek dns/mdns.pcap: mDNS service queries and PTR answers naming the device', async () => {
    const { reports, diagnostics } = await run('zeek/traces/dns/mdns.pcap');
    expect(diagnostics).toEqual([]);
    const queries = reports.flatMap((r) => r.facts?.dns?.queries ?? []);
    expect(queries).toContain('_ipp._tcp.local');
    expect(queries).toContain('_ipps._tcp.local');
    const names = reports.filter((r) => r.hostname !== undefined);
    expect(names).toContainEqual({
      about: { mac: null, ip: '10.0.2.7' },
      hostname: { name: 'johanna-QEMU-Virtual-Machine.local', origin: 'dns-ptr' },
    });
    expect(names.every((r) => r.hostname?.name === 'johanna-QEMU-Virtual-Machine.local')).toBe(
      true,
    );
  });

  it('ndpi/dns_exfiltration.pcap: 150 long dnscat queries read without a diagnostic', async () => {
    const { reports, diagnostics } = await run('ndpi/dns_exfiltration.pcap');
    expect(diagnostics).toEqual([]);
    const queries = reports.flatMap((r) => r.facts?.dns?.queries ?? []);
    expect(queries).toHaveLength(150);
    expect(queries.every((q) => q.startsWith('dnscat.'))).toBe(true);
  });
});

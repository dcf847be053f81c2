/**
 * Real HTTP captures from the nDPI and Zeek test suites, read where they sit in the shared data
 * folder. Expected values: nDPI's results files (`ndpi/results/*.out`: Hostname, User-Agent,
 * Server) and, for the Zeek traces, tshark 4.0.17 (`http.host`, `http.user_agent`, `http.server`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectCapture } from '../tls/test-helpers.js';
import { httpDissectorFactory } from './http-dissector.js';

const DATA = fileURLToPath(new URL('../../../../../../shared/data/pcaps/', import.meta.url));
const present = existsSync(DATA);
const title = present
  ? 'HTTP in real captures from ../shared/data'
  : 'HTTP in real captures: SKIPPED, ../shared/data/pcaps is absent in this clone';

const run = (name: string) => dissectCapture(DATA + name, { streams: [httpDissectorFactory] });

function facts(http: { userAgents?: string[]; hosts?: string[]; servers?: string[] }) {
  return { http: { userAgents: [], hosts: [], servers: [], ...http } };
}

describe.skipIf(!present)(title, () => {
  it.each([
    ['ndpi/http.pcapng', '192.168.1.128', 'curl/7.68.0', 'google.com', '216.58.208.142', 'gws'],
    [
      'ndpi/http_auth.pcap',
      '192.168.0.4',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_8_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/30.0.1599.69 Safari/537.36',
      'browserspy.dk',
      '192.254.189.169',
      'Apache',
    ],
    [
      'zeek/traces/http/get.pcap',
      '141.142.228.5',
      'Wget/1.14 (darwin12.2.0)',
      'bro.org',
      '192.150.187.43',
      'Apache/2.4.3 (Fedora)',
    ],
    ['zeek/traces/http/post.pcap', null, 'curl/7.29.0', 'httpbin.org', null, 'gunicorn/0.16.1'],
  ])(
    '%s: client User-Agent and Host, server Server',
    async (name, clientIp, agent, host, serverIp, server) => {
      const { reports, diagnostics, identified } = await run(name);
      expect(diagnostics).toEqual([]);
      expect(identified).toHaveLength(1);
      expect(reports.map((r) => r.facts)).toEqual([
        facts({ userAgents: [agent], hosts: [host] }),
        facts({ servers: [server] }),
      ]);
      if (clientIp !== null) expect(reports[0]?.about.ip).toBe(clientIp);
      if (serverIp !== null) expect(reports[1]?.about.ip).toBe(serverIp);
    },
  );

  it('ndpi/WebattackRCE.pcap: 797 Nikto requests, Shellshock user agents included, no diagnostic', async () => {
    // One request per conversation; a target holding spaces (`;cat /etc/passwd|`) still parses.
    const { reports, diagnostics, identified } = await run('ndpi/WebattackRCE.pcap');
    expect(diagnostics).toEqual([]);
    expect(identified).toHaveLength(797);
    const agents = reports.flatMap((r) => r.facts?.http?.userAgents ?? []);
    expect(agents).toHaveLength(797);
    expect(agents).toContain('() { :; }; echo 93e4r0-CVE-2014-6271: true;echo;echo;');
    expect(agents.filter((a) => a.startsWith('Mozilla/5.00 (Nikto/2.1.6)')).length).toBeGreaterThan(
      700,
    );
  });
});

/**
 * Discovery over real captures from nDPI's and Zeek's test suites, read where they sit in
 * ../shared/data (never copied here). Expected values were read from the captures with tshark
 * (`-T fields -e eth.src -e ip.src -e ip.ttl -e dhcp.* -e tls.handshake.ja3 -e http.*`).
 */
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DeviceObservation } from '../../../domain/observation.js';
import { discoverCapture, type DiscoveryResult } from './index.js';

const DATA = fileURLToPath(new URL('../../../../../shared/data/pcaps/', import.meta.url));
const present = existsSync(DATA);
const title = present
  ? 'discovery on real captures from ../shared/data'
  : 'discovery on real captures: SKIPPED, ../shared/data/pcaps is absent in this clone';

async function discover(path: string): Promise<DiscoveryResult> {
  return discoverCapture(createReadStream(DATA + path), { source: path });
}

function device(result: DiscoveryResult, key: string): DeviceObservation {
  const found = result.observations.find(
    (o) => o.identifiers.ips.includes(key) || o.identifiers.mac === key,
  );
  if (found === undefined) throw new Error(`no device ${key}`);
  return found;
}

describe.skipIf(!present)(title, () => {
  it('nDPI hl7.pcap: an ADT^A01 sender and the listener on 6661 that acknowledges it', async () => {
    const result = await discover('ndpi/hl7.pcap');
    expect(result.observations).toHaveLength(2);
    expect(device(result, '10.0.0.155')).toMatchObject({
      identifiers: { mac: '00:0c:29:b5:b6:48', ips: ['10.0.0.155'] },
      services: [],
      protocols: {
        hl7: {
          applications: ['SENDING_APPLICATION'],
          facilities: ['SENDING_FACILITY'],
          messageTypes: ['ADT^A01'],
          versions: ['2.3'],
        },
      },
    });
    expect(device(result, '10.0.0.126')).toMatchObject({
      identifiers: { mac: '08:00:27:1d:a6:c2' },
      services: [{ transport: 'tcp', port: 6661, name: 'hl7', tls: false }],
      protocols: { hl7: { applications: ['RECEIVING_APPLICATION'], messageTypes: ['ACK'] } },
    });
    expect(result.flows).toEqual([
      {
        client: { ip: '10.0.0.155', mac: '00:0c:29:b5:b6:48', port: 49242 },
        server: { ip: '10.0.0.126', mac: '08:00:27:1d:a6:c2', port: 6661 },
        transport: 'tcp',
        protocol: 'hl7',
        vlan: null,
        packets: 9,
        bytes: 1173,
        firstSeen: '2018-01-30T01:23:42.250Z',
        lastSeen: '2018-01-30T01:23:42.285Z',
        encrypted: false,
        carriesEphi: true,
      },
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('Zeek dhcp.pcap: the client by its chaddr with the address the ACK gave, not the NAKed one', async () => {
    const result = await discover('zeek/traces/dhcp/dhcp.pcap');
    expect(device(result, '90:b1:1c:99:49:29')).toMatchObject({
      identifiers: {
        ips: ['128.2.6.189'],
        hostnames: [{ name: 'btest.is.cool', origin: 'dhcp' }],
      },
      protocols: { dhcp: { hostname: 'btest.is.cool', vendorClass: null } },
    });
    expect(device(result, '128.2.6.152')).toMatchObject({
      identifiers: { mac: '00:0c:29:40:0e:ef' },
      services: [{ transport: 'udp', port: 67, name: 'dhcp', tls: false }],
    });
    // 128.2.6.97 was only offered, never used: a conversation, no device.
    expect(result.observations).toHaveLength(2);
    expect(result.stats.counters).toMatchObject({
      'dhcp.request': 2,
      'dhcp.nak': 1,
      'dhcp.ack': 1,
    });
  });

  it('Zeek dhcp_discover_param_req_and_client_id.pcap: fingerprint and client id by chaddr', async () => {
    const result = await discover('zeek/traces/dhcp/dhcp_discover_param_req_and_client_id.pcap');
    expect(result.observations).toMatchObject([
      {
        identifiers: {
          mac: '00:0b:82:01:fc:42',
          ips: [],
          hostnames: [{ name: 'test0000', origin: 'dhcp' }],
        },
        protocols: {
          dhcp: {
            hostname: 'test0000',
            vendorClass: null,
            fingerprint: '1,3,6,42',
            clientId: '01:00:0b:82:01:fc:42',
          },
        },
      },
    ]);
  });

  it('Zeek tls1.2.pcap: JA3 on the client, the certificate on a server whose TTL says remote', async () => {
    const result = await discover('zeek/traces/tls/tls1.2.pcap');
    expect(device(result, '10.0.0.80')).toMatchObject({
      identifiers: { mac: 'b8:f6:b1:16:11:6d' },
      protocols: { tls: { sni: [], ja3: ['bd9c99b3a0f752c3ab8b052a79e9de3e'] } },
    });
    const server = device(result, '68.233.76.12');
    // Its packets arrive with TTL 242: routed, so the frame's MAC is the gateway's.
    expect(server.identifiers.mac).toBeNull();
    expect(server.services).toEqual([
      {
        transport: 'tcp',
        port: 443,
        name: 'tls',
        product: null,
        version: null,
        cpes: [],
        tls: true,
      },
    ]);
    expect(server.protocols.tls?.certificates[0]).toMatchObject({
      issuer:
        'CN=COMODO High-Assurance Secure Server CA,O=COMODO CA Limited,L=Salford,ST=Greater Manchester,C=GB',
      notAfter: '2016-07-04T23:59:59.000Z',
    });
    expect(result.flows).toMatchObject([{ protocol: 'tls', encrypted: true, packets: 22 }]);
  });

  it('nDPI http.pcapng (through the pcapng reader): curl and Google Web Server', async () => {
    const result = await discover('ndpi/http.pcapng');
    expect(device(result, '192.168.1.128').protocols).toEqual({
      http: { userAgents: ['curl/7.68.0'], hosts: ['google.com'], servers: [] },
    });
    expect(device(result, '216.58.208.142')).toMatchObject({
      identifiers: { mac: null },
      services: [{ transport: 'tcp', port: 80, name: 'http' }],
      protocols: { http: { servers: ['gws'] } },
    });
  });
});

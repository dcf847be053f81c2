import { describe, expect, it } from 'vitest';
import type { ObservedService, ObservedSoftware } from '../../domain/observation.js';
import { toKnownAsset } from './assemble.js';
import { PROTOCOL_LIST_CAP, softwareKey } from './collections.js';
import { day, merge, observation } from './test-helpers.js';

const MAC = '00:1b:63:84:45:e6';

function service(port: number, product: string | null, extra: Partial<ObservedService> = {}) {
  return {
    transport: 'tcp' as const,
    port,
    name: 'http',
    product,
    version: null,
    cpes: [],
    tls: false,
    ...extra,
  };
}

function software(name: string, version: string, extra: Partial<ObservedSoftware> = {}) {
  return {
    kind: 'application' as const,
    name,
    version,
    supplier: null,
    purl: null,
    cpe: null,
    hashes: {},
    endOfSupport: null,
    ...extra,
  };
}

describe('services', () => {
  it('are keyed by transport and port; the newest sighting gives the content', () => {
    const result = merge(
      [],
      [
        observation(
          'nmap',
          'mon.xml',
          day(2),
          { mac: MAC },
          { services: [service(443, 'lighttpd')] },
        ),
        observation(
          'nmap',
          'tue.xml',
          day(3),
          { mac: MAC },
          { services: [service(443, 'nginx'), service(22, null)] },
        ),
      ],
    );
    const services = result.assets[0]!.services;
    expect(services.map((s) => [s.port, s.product])).toEqual([
      [22, null],
      [443, 'nginx'],
    ]);
    expect(services[1]).toMatchObject({
      firstSeen: day(2),
      lastSeen: day(3),
      source: { name: 'tue.xml' },
    });
  });

  it('fill fields the newest sighting leaves empty from older ones', () => {
    const result = merge(
      [],
      [
        observation(
          'nmap',
          'mon.xml',
          day(2),
          { mac: MAC },
          {
            services: [service(104, 'dcmtk', { name: 'dicom', version: '3.6.7' })],
          },
        ),
        observation(
          'capture',
          'img.pcap',
          day(3),
          { mac: MAC },
          {
            services: [service(104, null, { name: 'dicom', tls: false })],
          },
        ),
      ],
    );
    expect(result.assets[0]!.services[0]).toMatchObject({ product: 'dcmtk', version: '3.6.7' });
  });
});

describe('software and scan findings', () => {
  it('software is keyed by purl, else CPE, else name and version', () => {
    expect(softwareKey(software('OpenSSL', '1.1.1', { purl: 'pkg:generic/openssl@1.1.1' }))).toBe(
      'purl pkg:generic/openssl@1.1.1',
    );
    expect(softwareKey(software('x', '1', { cpe: 'cpe:2.3:A:OpenSSL:openssl:1.1.1' }))).toBe(
      'cpe cpe:2.3:a:openssl:openssl:1.1.1',
    );
    const result = merge(
      [],
      [
        observation(
          'sbom',
          'pump.cdx.json',
          day(1),
          { mac: MAC },
          {
            software: [software('BusyBox', '1.30.1', { supplier: 'busybox.net' })],
          },
        ),
        observation(
          'nessus',
          'cred.nessus',
          day(4),
          { mac: MAC },
          { software: [software('busybox', '1.30.1')] },
        ),
      ],
    );
    expect(result.assets[0]!.software).toHaveLength(1);
    expect(result.assets[0]!.software[0]).toMatchObject({
      supplier: 'busybox.net',
      lastSeen: day(4),
    });
  });

  it('scan findings are keyed by scanner id and port', () => {
    const finding = (severity: number) => ({
      scannerId: '1.3.6.1.4.1.25623.1.0.108440',
      title: 'SSH weak ciphers',
      severity,
      cves: [],
      port: 22,
      transport: 'tcp' as const,
    });
    const result = merge(
      [],
      [
        observation('openvas', 'a.xml', day(2), { mac: MAC }, { scanFindings: [finding(4.3)] }),
        observation('openvas', 'b.xml', day(3), { mac: MAC }, { scanFindings: [finding(5.3)] }),
      ],
    );
    expect(result.assets[0]!.scanFindings).toEqual([
      expect.objectContaining({ severity: 5.3, firstSeen: day(2), lastSeen: day(3) }),
    ]);
  });
});

describe('protocol facts', () => {
  it('union lists (sorted, capped) and take each single value from its newest sighting', () => {
    const dhcp = (vendorClass: string) => ({
      hostname: null,
      vendorClass,
      fingerprint: null,
      clientId: null,
    });
    const http = (agents: string[]) => ({ userAgents: agents, servers: [], hosts: [] });
    const first = merge(
      [],
      [
        observation(
          'capture',
          'a.pcap',
          day(3),
          { mac: MAC },
          {
            protocols: { dhcp: dhcp('udhcp 1.30'), http: http(['b-agent']) },
          },
        ),
      ],
    );
    const many = Array.from(
      { length: PROTOCOL_LIST_CAP + 10 },
      (_, i) => `agent-${String(i).padStart(3, '0')}`,
    );
    const later = merge(first.assets.map(toKnownAsset), [
      observation(
        'capture',
        'old.pcap',
        day(2),
        { mac: MAC },
        {
          protocols: { dhcp: dhcp('dhcpcd-9.4.1'), http: http(['a-agent', ...many]) },
        },
      ),
    ]);
    const { facts, seen } = later.assets[0]!.protocols;
    expect(facts.dhcp?.vendorClass).toBe('udhcp 1.30');
    expect(facts.http?.userAgents).toHaveLength(PROTOCOL_LIST_CAP);
    expect(facts.http?.userAgents[0]).toBe('a-agent');
    expect(seen['dhcp']).toBe(day(3));
    expect(seen['dhcp.vendorClass']).toBe(day(3));
  });
});

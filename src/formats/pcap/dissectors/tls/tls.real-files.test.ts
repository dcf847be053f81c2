/**
 * Real TLS captures from the nDPI and Zeek test suites, read where they sit in the shared data
 * folder. Expected values come from:
 * - nDPI's results files (`ndpi/results/*.out`): JA3C, JA4, JA3S, SNI, certificate validity;
 * - Zeek's btest baselines (zeek/zeek `testing/btest/Baseline/scripts.base.protocols.ssl.*`):
 *   version, cipher, certificate subject and issuer in RFC 4514 order;
 * - tshark 4.0.17 (`tls.handshake.ja3`, `tls.handshake.ja3s`) where neither prints a value.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CertificateSummary } from './certificate.js';
import { dissectCapture } from './test-helpers.js';
import {
  createTlsDissectorFactory,
  type ClientHelloEvent,
  type ServerHelloEvent,
} from './tls-dissector.js';

const DATA = fileURLToPath(new URL('../../../../../../shared/data/pcaps/', import.meta.url));
const present = existsSync(DATA);
const title = present
  ? 'TLS in real captures from ../shared/data'
  : 'TLS in real captures: SKIPPED, ../shared/data/pcaps is absent in this clone';

interface Seen {
  readonly clients: ClientHelloEvent[];
  readonly servers: ServerHelloEvent[];
  readonly certificates: CertificateSummary[];
  readonly run: Awaited<ReturnType<typeof dissectCapture>>;
}

async function read(name: string): Promise<Seen> {
  const clients: ClientHelloEvent[] = [];
  const servers: ServerHelloEvent[] = [];
  const certificates: CertificateSummary[] = [];
  const factory = createTlsDissectorFactory({
    onClientHello: (e) => clients.push(e),
    onServerHello: (e) => servers.push(e),
    onCertificate: (e) => certificates.push(e.certificate),
  });
  const run = await dissectCapture(DATA + name, { streams: [factory] });
  return { clients, servers, certificates, run };
}

describe.skipIf(!present)(title, () => {
  it('nDPI tls_1.2_unidirectional_client: SNI, JA3C and JA4 as nDPI prints them', async () => {
    const { run } = await read('ndpi/tls_1.2_unidirectional_client.pcapng');
    expect(run.diagnostics).toEqual([]);
    expect(run.reports).toEqual([
      {
        about: { ip: '192.168.12.156', mac: expect.any(String) as unknown },
        facts: {
          tls: {
            sni: ['notifications-pa.googleapis.com'],
            ja3: ['66fdcab9689b131fd04777de513ae009'],
            ja4: ['t12d0409h2_dd22d19553a2_b39be8c56a14'],
            certificates: [],
          },
        },
      },
    ]);
  });

  it('nDPI tls_1.3_unidirectional_client: JA4 ALPN is h1 for http/1.1 (nDPI printed ht, its bug #2914)', async () => {
    const { clients } = await read('ndpi/tls_1.3_unidirectional_client.pcapng');
    expect(clients.map((c) => [c.hello.serverNames, c.ja3.md5, c.ja4.fingerprint])).toEqual([
      [
        ['www.google.com'],
        'c67e9dc27d283f1f89b4ebb4b4670c21',
        't13d1713h1_5b57614c22b0_352634941f3a',
      ],
    ]);
  });

  it('nDPI tls_alert: TLS 1.0 client with SNI and ALPN', async () => {
    const { clients } = await read('ndpi/tls_alert.pcap');
    expect(clients.map((c) => [c.hello.serverNames[0], c.ja3.md5, c.ja4.fingerprint])).toEqual([
      [
        'www.google-analytics.com',
        'd78489b860c8bf7838a6ff0b4d131541',
        't10d0909h2_61c4dbd01224_cc731f12afbb',
      ],
    ]);
  });

  it('nDPI tls-rdn-extract: JA3C, JA4, JA3S and the certificate validity', async () => {
    const { clients, servers, certificates, run } = await read('ndpi/tls-rdn-extract.pcap');
    expect(run.diagnostics).toEqual([]);
    expect(clients[0]?.ja3.md5).toBe('2201d8e006f8f005a6b415f61e677532');
    expect(clients[0]?.ja4.fingerprint).toBe('t10d120500_d94e65cdb899_c35b4a14be45');
    expect(servers.map((s) => [s.ja3s.md5, s.version, s.hello.cipherSuite])).toEqual([
      ['18e962e106761869a61045bed0e81c2c', 0x0301, 0x002f],
    ]);
    expect(certificates[0]?.notAfter).toBe('2013-10-20T16:42:03.000Z');
    expect(certificates[0]?.issuer.startsWith('CN=Microsoft Secure Server Authority,')).toBe(true);
    expect(certificates[0]?.subject).toContain('CN=*.officeapps.live.com');
  });

  it('nDPI ja3_lots_of_cipher_suites: a Xerox printer certificate names the device', async () => {
    const { clients, servers, certificates, run } = await read(
      'ndpi/ja3_lots_of_cipher_suites.pcap',
    );
    expect(clients[0]?.ja3.md5).toBe('b2498734f22ddc9be05c39837ac8ac54'); // tshark; nDPI prints none
    expect(clients[0]?.ja4.fingerprint.slice(0, 10)).toBe('t12i990300');
    expect(servers[0]?.ja3s.md5).toBe('9d456958a9e86bb0d503543beaf1a65b');
    expect(certificates[0]).toMatchObject({
      subject: expect.stringContaining(
        'CN=XRX9C934E949FEF,OU=Global Product Delivery Group,O=Xerox Corporation,L=Norwalk,ST=Connecticut,C=US',
      ) as unknown,
      notAfter: '2023-11-29T18:57:22.000Z',
    });
    expect(run.reports).toContainEqual({
      about: { ip: '10.206.65.249', mac: expect.any(String) as unknown },
      hostname: { name: 'XRX9C934E949FEF', origin: 'tls-certificate' },
    });
  });

  it('Zeek tls1.2: certificate subject and issuer as in the x509.log baseline', async () => {
    const { servers, certificates } = await read('zeek/traces/tls/tls1.2.pcap');
    expect(servers[0]?.version).toBe(0x0303);
    expect(servers[0]?.hello.cipherSuite).toBe(0x0004); // TLS_RSA_WITH_RC4_128_MD5
    expect(certificates[0]).toEqual({
      subject:
        'CN=*.taleo.net,OU=Comodo PremiumSSL Wildcard,OU=Web,O=Taleo Inc.,street=4140 Dublin Boulevard,street=Suite 400,L=Dublin,ST=CA,postalCode=94568,C=US',
      issuer:
        'CN=COMODO High-Assurance Secure Server CA,O=COMODO CA Limited,L=Salford,ST=Greater Manchester,C=GB',
      notAfter: '2016-07-04T23:59:59.000Z',
      commonName: '*.taleo.net',
    });
  });

  it('Zeek ecdhe: TLSv12 and the subject and issuer of the ssl.log baseline', async () => {
    const { servers, certificates } = await read('zeek/traces/tls/ecdhe.pcap');
    expect(servers[0]?.version).toBe(0x0303);
    expect(servers[0]?.hello.cipherSuite).toBe(0xc014); // TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA
    expect(certificates[0]?.subject).toBe(
      'CN=*.google.com,O=Google Inc,L=Mountain View,ST=California,C=US',
    );
    expect(certificates[0]?.issuer).toBe('CN=Google Internet Authority G2,O=Google Inc,C=US');
  });

  it('Zeek tls1_1: TLSv11 with TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, no SNI', async () => {
    const { clients, servers } = await read('zeek/traces/tls/tls1_1.pcap');
    expect(clients[0]?.hello.serverNames).toEqual([]);
    expect(servers.map((s) => [s.version, s.hello.cipherSuite])).toEqual([[0x0302, 0xc013]]);
  });

  it('Zeek hrr: the ServerHello after the HelloRetryRequest is TLSv13, TLS_AES_256_GCM_SHA384', async () => {
    const { servers } = await read('zeek/traces/tls/hrr.pcap');
    expect(servers.map((s) => [s.version, s.hello.cipherSuite, s.hello.helloRetryRequest])).toEqual(
      [[0x0304, 0x1302, false]],
    );
  });

  it('Zeek client-certificate: server and client certificates go to their senders', async () => {
    const { run } = await read('zeek/traces/tls/client-certificate.pcap');
    const certificates = run.reports.flatMap((r) =>
      (r.facts?.tls?.certificates ?? []).map((c) => [r.about.ip, c.subject]),
    );
    expect(certificates).toEqual([
      ['54.36.191.227', 'CN=certauth.idrix.fr'],
      [expect.not.stringMatching(/^54\.36\./) as unknown, 'CN=johanna@corelight.com'],
    ]);
    const sni = run.reports.flatMap((r) => r.facts?.tls?.sni ?? []);
    expect(sni).toEqual(['certauth.idrix.fr']);
  });

  it.each([
    [
      'chrome-34-google.pcap',
      'a607f3a5c94c2ee592af1456f36c8367',
      '9f5e2e0d84076af5475bbe44debdb03e',
    ],
    [
      'client-certificate.pcap',
      '579ccef312d18482fc42e2b822ca2430',
      'd154fcfa5bb4f0748e1dd1992c681104',
    ],
    ['dhe.pcap', 'de84fb3130387884de22865d3d39d347', 'baf6ae54beddc6b7cd8b02c8feb62ffe'],
    ['ecdhe.pcap', '29d8afc9e0a4d38d138ec2643966815f', 'a8d2a5625ef8f3aada2fb53dad3f2921'],
    ['heartbleed.pcap', '0fbff214b79f536d55d3d39fb31f4d8d', 'a95ca7eab4d47d051a5cd4fb7b6005dc'],
    ['ocsp-stapling.pcap', 'cc20531a832a9f80fe3a2c05b3ec1bb5', 'e69f6e9634d5dabcd8f3162b12fe4fbf'],
    [
      'signed_certificate_timestamp_tls1_0.pcap',
      'c8dfca5c5ed77b9c4f65772c23137537',
      '57cfe45b26258ad7d6521aa92901b7ab',
    ],
    ['tls1.2.pcap', 'bd9c99b3a0f752c3ab8b052a79e9de3e', 'c253ec3ad88e42f8da4032682892f9a0'],
    ['tls13_wolfssl.pcap', '39cef737bf0cabc32c28f95d09b97702', '907bf3ecef1c987c889946b737b43de8'],
    ['tls1_1.pcap', '5eb6e1fe80f696450a62a48bb3d6a965', 'b5237e0430ad71aac52aa90b6627cb5f'],
  ])('Zeek %s: JA3 and JA3S as tshark computes them', async (name, ja3, ja3s) => {
    const { clients, servers, run } = await read(`zeek/traces/tls/${name}`);
    expect(run.diagnostics).toEqual([]);
    expect(clients.map((c) => c.ja3.md5)).toEqual([ja3]);
    expect(servers.map((s) => s.ja3s.md5)).toEqual([ja3s]);
  });

  it('Zeek tls13-ech: two conversations to the outer SNI cloudflare-ech.com', async () => {
    const { clients, servers } = await read('zeek/traces/tls/tls13-ech.pcap');
    expect(clients.map((c) => [c.hello.serverNames[0], c.ja3.md5])).toEqual([
      ['cloudflare-ech.com', '2fcbf8655473005933c5869b2b5d8044'],
      ['cloudflare-ech.com', 'fa58f5ffd45a2d590a1677134966dc64'],
    ]);
    expect(servers.map((s) => s.version)).toEqual([0x0304, 0x0304]);
  });

  it('Zeek ssl-v2: an SSLv2 ClientHello is not taken', async () => {
    const { run } = await read('zeek/traces/tls/ssl-v2.pcap');
    expect(run.identified).toEqual([]);
  });
});

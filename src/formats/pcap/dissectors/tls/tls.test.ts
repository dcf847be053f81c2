import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate, memoizedCertificateReader } from './certificate.js';
import type { StreamEvent } from './test-helpers.js';
import { AT, concatBytes, RecordingSink, runStream, splitAt } from './test-helpers.js';
import {
  certificateBody,
  CHANGE_CIPHER_SPEC,
  clientHelloBody,
  ext,
  handshake,
  HRR_RANDOM,
  records,
  serverHelloBody,
} from './test-messages.js';
import {
  createTlsDissectorFactory,
  probeTls,
  tlsDissectorFactory,
  type ServerHelloEvent,
} from './tls-dissector.js';

const CLIENT_HELLO = records(
  22,
  handshake(
    1,
    clientHelloBody({
      ciphers: [0x0a0a, 0xc02b, 0xc02f, 0x009c],
      extensions: [
        ext.sni('pacs01.ward4.local'),
        ext.groups(0x001d, 0x0017),
        ext.pointFormats(0),
        ext.signatureAlgorithms(0x0403, 0x0804),
        ext.alpn('http/1.1'),
      ],
    }),
  ),
);

let der: Uint8Array;
let wildcardDer: Uint8Array;

beforeAll(async () => {
  const options = {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date('2031-05-01T12:00:00Z'),
  } as const;
  const device = await generate(
    [
      { name: 'countryName', value: 'DE' },
      { name: 'organizationName', value: 'St. Example Hospital' },
      { name: 'commonName', value: 'pacs01.ward4.local' },
    ],
    options,
  );
  der = new Uint8Array(new X509Certificate(device.cert).raw);
  const wildcard = await generate([{ name: 'commonName', value: '*.ward4.local' }], options);
  wildcardDer = new Uint8Array(new X509Certificate(wildcard.cert).raw);
});

function serverFlight(certificates: readonly Uint8Array[]): Uint8Array {
  return records(22, [
    ...handshake(2, serverHelloBody({ cipher: 0xc02f, extensions: [ext.empty(0xff01)] })),
    ...handshake(11, certificateBody(certificates)),
    ...handshake(14, []),
  ]);
}

describe('TLS probe', () => {
  it('takes a ClientHello record on any port and asks for more when cut short', () => {
    expect(probeTls(CLIENT_HELLO)).toBe('yes');
    for (let n = 0; n < 6; n++) expect(probeTls(CLIENT_HELLO.subarray(0, n))).toBe('more');
    expect(probeTls(Uint8Array.of(0x16, 3, 5, 0, 10, 1))).toBe('no');
    expect(probeTls(Uint8Array.of(0x16, 3, 1, 0, 10, 2))).toBe('no');
    expect(probeTls(Uint8Array.of(0x17, 3, 3, 0, 10, 1))).toBe('no');
    expect(probeTls(Uint8Array.of(0x80, 0x2e, 1))).toBe('no');
    const ports = { client: 50000, server: 2762 };
    expect(tlsDissectorFactory.probe(CLIENT_HELLO, 'client-to-server', ports)).toBe('yes');
  });
});

describe('TLS dissector', () => {
  it('reports the client: SNI, JA3 and JA4', () => {
    const sink = runStream(tlsDissectorFactory, [['client-to-server', CLIENT_HELLO]]);
    expect(sink.diagnostics).toEqual([]);
    expect(sink.identified).toEqual([{ protocol: 'tls', encrypted: true }]);
    expect(sink.facts).toEqual([
      {
        subject: 'client',
        facts: {
          tls: {
            sni: ['pacs01.ward4.local'],
            // MD5 of 771,49195-49199-156,0-10-11-13-16,29-23,0 (GREASE 0x0a0a left out).
            ja3: ['39caaa1effaf38f3252dff979040bfd4'],
            ja4: [expect.stringMatching(/^t12d0305h1_[0-9a-f]{12}_[0-9a-f]{12}$/) as unknown],
            certificates: [],
          },
        },
      },
    ]);
  });

  it('gives the raw JA3 string and JA4 through the callback', () => {
    const seen: string[] = [];
    const factory = createTlsDissectorFactory({
      onClientHello: (e) => seen.push(e.sender, e.ja3.text, e.ja4.raw),
    });
    runStream(factory, [['client-to-server', CLIENT_HELLO]]);
    expect(seen).toEqual([
      'client',
      '771,49195-49199-156,0-10-11-13-16,29-23,0',
      't12d0305h1_009c,c02b,c02f_000a,000b,000d_0403,0804',
    ]);
  });

  it('reports the server certificate and its common name as a host name', () => {
    const sink = runStream(tlsDissectorFactory, [
      ['client-to-server', CLIENT_HELLO],
      ['server-to-client', serverFlight([der, wildcardDer])],
    ]);
    expect(sink.diagnostics).toEqual([]);
    expect(sink.facts[1]).toEqual({
      subject: 'server',
      facts: {
        tls: {
          sni: [],
          ja3: [],
          ja4: [],
          certificates: [
            {
              subject: 'CN=pacs01.ward4.local,O=St. Example Hospital,C=DE',
              issuer: 'CN=pacs01.ward4.local,O=St. Example Hospital,C=DE',
              notAfter: '2031-05-01T12:00:00.000Z',
            },
          ],
        },
      },
    });
    expect(sink.hostnames).toEqual([
      { subject: 'server', hostname: { name: 'pacs01.ward4.local', origin: 'tls-certificate' } },
    ]);
  });

  it('remembers certificates by their bytes, within its bound', () => {
    const read = memoizedCertificateReader(1);
    for (const bytes of [der, wildcardDer, der, Uint8Array.of(1, 2), der]) {
      expect(read(bytes)).toEqual(describeCertificate(bytes));
    }
  });

  it('does not take a wildcard common name as a host name', () => {
    const sink = runStream(tlsDissectorFactory, [
      ['server-to-client', serverFlight([wildcardDer])],
    ]);
    expect(sink.facts).toHaveLength(1);
    expect(sink.hostnames).toEqual([]);
  });

  it('gives JA3S and the version through the callback', () => {
    const events: ServerHelloEvent[] = [];
    const factory = createTlsDissectorFactory({ onServerHello: (e) => events.push(e) });
    runStream(factory, [['server-to-client', serverFlight([der])]]);
    expect(events.map((e) => [e.sender, e.version, e.ja3s.text])).toEqual([
      ['server', 0x0303, '771,49199,65281'],
    ]);
  });

  it('reads messages spanning records and records holding several messages, split anywhere', () => {
    const client = records(
      22,
      handshake(1, clientHelloBody({ ciphers: [1, 2], extensions: [ext.sni('a.b')] })),
      7,
    );
    const server = serverFlight([der]);
    const whole = runStream(tlsDissectorFactory, [
      ['client-to-server', client],
      ['server-to-client', server],
    ]);
    expect(whole.facts).toHaveLength(2);
    expect(whole.diagnostics).toEqual([]);
    for (let cut = 1; cut < server.length; cut += 3) {
      const events: StreamEvent[] = [
        ...splitAt(client, [cut % client.length, 5]).map((p) => ['client-to-server', p] as const),
        ...splitAt(server, [cut, cut + 1, cut + 300]).map((p) => ['server-to-client', p] as const),
      ];
      expect(runStream(tlsDissectorFactory, events).snapshot()).toEqual(whole.snapshot());
    }
  });

  it('attributes a ClientHello to whichever end sent it', () => {
    const sink = runStream(tlsDissectorFactory, [['server-to-client', CLIENT_HELLO]]);
    expect(sink.facts[0]?.subject).toBe('server');
  });

  it('stops reading a direction at ChangeCipherSpec and at application data', () => {
    for (const marker of [CHANGE_CIPHER_SPEC, Uint8Array.of(23, 3, 3, 0, 2, 9, 9)]) {
      const sink = runStream(tlsDissectorFactory, [
        ['server-to-client', concatBytes(marker, serverFlight([der]))],
      ]);
      expect(sink.facts).toEqual([]);
      expect(sink.diagnostics).toEqual([]);
    }
  });

  it('stops the server direction after a TLS 1.3 ServerHello', () => {
    const events: ServerHelloEvent[] = [];
    const factory = createTlsDissectorFactory({ onServerHello: (e) => events.push(e) });
    const hello13 = records(22, [
      ...handshake(
        2,
        serverHelloBody({ cipher: 0x1301, extensions: [ext.empty(0x0033), [0x002b, [3, 4]]] }),
      ),
      ...handshake(11, certificateBody([der])),
    ]);
    const sink = runStream(factory, [['server-to-client', hello13]]);
    expect(events[0]?.version).toBe(0x0304);
    expect(sink.facts).toEqual([]);
  });

  it('reads the real ServerHello after a HelloRetryRequest and its dummy ChangeCipherSpec', () => {
    const events: ServerHelloEvent[] = [];
    const factory = createTlsDissectorFactory({ onServerHello: (e) => events.push(e) });
    const retry = records(
      22,
      handshake(
        2,
        serverHelloBody({ cipher: 0x1302, random: HRR_RANDOM, extensions: [[0x002b, [3, 4]]] }),
      ),
    );
    const real = records(
      22,
      handshake(
        2,
        serverHelloBody({ cipher: 0x1302, extensions: [[0x002b, [3, 4]], ext.empty(0x0033)] }),
      ),
    );
    runStream(factory, [['server-to-client', concatBytes(retry, CHANGE_CIPHER_SPEC, real)]]);
    expect(events.map((e) => e.ja3s.text)).toEqual(['771,4866,43-51']);
  });

  it('reports an invalid record header once and stops that direction', () => {
    const sink = runStream(tlsDissectorFactory, [
      ['client-to-server', concatBytes(Uint8Array.of(22, 3, 1, 0x48, 0x01), CLIENT_HELLO)],
      ['client-to-server', CLIENT_HELLO],
    ]);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_TLS_RECORD_INVALID']);
    expect(sink.facts).toEqual([]);
  });

  it('fingerprints a ClientHello whose server_name extension is empty (kept property counterexample)', () => {
    const body = clientHelloBody({ version: 0x0300, ciphers: [], extensions: [ext.empty(0)] });
    const sink = runStream(tlsDissectorFactory, [
      ['client-to-server', records(22, handshake(1, body), 1)],
    ]);
    expect(sink.diagnostics).toEqual([]);
    expect(sink.facts[0]?.facts.tls).toMatchObject({
      sni: [],
      ja4: ['ts3d000100_000000000000_000000000000'],
    });
  });

  it('reports a malformed ClientHello', () => {
    const body = clientHelloBody({ ciphers: [1], extensions: [ext.sni('x')] });
    body[40] = 0xff; // cipher_suites length far beyond the message
    const sink = runStream(tlsDissectorFactory, [
      ['client-to-server', records(22, handshake(1, body))],
    ]);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_TLS_HANDSHAKE_INVALID']);
  });

  it('skips a ClientHello over 64 KiB without keeping it', () => {
    const huge = clientHelloBody({
      ciphers: [1],
      extensions: [[0x0015, Array<number>(65_600).fill(0)]],
    });
    const sink = runStream(tlsDissectorFactory, [
      ['client-to-server', records(22, handshake(1, huge))],
    ]);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['WL_TLS_HANDSHAKE_TOO_LARGE']);
  });

  it('reports a certificate that is not DER, or too large, as invalid', () => {
    const garbage = runStream(tlsDissectorFactory, [
      ['server-to-client', serverFlight([Uint8Array.of(0x30, 3, 1, 2, 3)])],
    ]);
    expect(garbage.diagnostics.map((d) => d.code)).toEqual(['WL_TLS_CERTIFICATE_INVALID']);
    const large = runStream(tlsDissectorFactory, [
      ['server-to-client', serverFlight([new Uint8Array(40_000)])],
    ]);
    expect(large.diagnostics.map((d) => d.code)).toEqual(['WL_TLS_CERTIFICATE_INVALID']);
    expect(large.diagnostics[0]?.message).toContain('cap');
  });

  it('reports a gap and a conversation ending inside a hello', () => {
    const sink = new RecordingSink();
    const dissector = tlsDissectorFactory.create(sink);
    dissector.data('client-to-server', CLIENT_HELLO.subarray(0, 30), AT);
    dissector.gap('client-to-server', 100, AT);
    dissector.data('server-to-client', serverFlight([der]).subarray(0, 40), AT);
    dissector.end();
    expect(sink.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['WL_TLS_GAP', 'warning'],
      ['WL_TLS_TRUNCATED', 'info'],
    ]);
  });

  it('ignores bytes after the handshake cheaply', () => {
    const sink = new RecordingSink();
    const dissector = tlsDissectorFactory.create(sink);
    dissector.data('client-to-server', CLIENT_HELLO, AT);
    dissector.data('client-to-server', CHANGE_CIPHER_SPEC, AT);
    dissector.data('server-to-client', serverFlight([der]), AT);
    const chunk = new Uint8Array(65_536).fill(0x17);
    const started = performance.now();
    for (let i = 0; i < 16_000; i++) {
      dissector.data('client-to-server', chunk, AT);
      dissector.data('server-to-client', chunk, AT);
    }
    // 2 GiB in well under the budget: done directions return without looking at the bytes.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(sink.diagnostics).toEqual([]);
  });
});

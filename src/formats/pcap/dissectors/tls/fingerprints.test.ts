import { describe, expect, it } from 'vitest';
import { directDigest, isGrease, ja3, ja3s, ja4, memoizedDigest } from './fingerprints.js';
import { parseClientHello, parseServerHello, type ClientHello } from './hello.js';
import { clientHelloBody, ext, serverHelloBody, type TestClientHello } from './test-messages.js';

function hello(spec: TestClientHello): ClientHello {
  const parsed = parseClientHello(Uint8Array.from(clientHelloBody(spec)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** The ClientHello of the JA4 specification's example (technical_details/JA4.md), with GREASE. */
const SPEC_EXAMPLE = hello({
  ciphers: [
    0x3a3a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014,
    0x009c, 0x009d, 0x002f, 0x0035,
  ],
  extensions: [
    ext.empty(0x0a0a),
    ext.empty(0x001b),
    ext.sni('example.org'),
    ext.empty(0x0033),
    ext.alpn('h2', 'http/1.1'),
    ext.empty(0x4469),
    ext.empty(0x0017),
    ext.empty(0x002d),
    ext.signatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601),
    ext.empty(0x0005),
    ext.empty(0x0023),
    ext.empty(0x0012),
    ext.supportedVersions(0x5a5a, 0x0304, 0x0303),
    ext.empty(0xff01),
    ext.pointFormats(0),
    ext.groups(0x2a2a, 0x001d, 0x0017, 0x0018),
    ext.empty(0x0015),
    ext.empty(0x1a1a),
  ],
});

describe('GREASE', () => {
  it('recognizes the 16 RFC 8701 values and nothing else', () => {
    const grease = Array.from({ length: 0x10000 }, (_, v) => v).filter(isGrease);
    expect(grease).toHaveLength(16);
    expect(grease[0]).toBe(0x0a0a);
    expect(grease[15]).toBe(0xfafa);
    expect(isGrease(0x0a1a)).toBe(false);
  });
});

describe('JA4', () => {
  it('gives the specification example t13d1516h2_8daaf6152771_e5627efa2ab1', () => {
    const result = ja4(SPEC_EXAMPLE);
    expect(result.fingerprint).toBe('t13d1516h2_8daaf6152771_e5627efa2ab1');
    expect(result.raw).toBe(
      't13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_' +
        '0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_' +
        '0403,0804,0401,0503,0805,0501,0806,0601',
    );
  });

  it('hashes the extension list alone when there are no signature algorithms (spec: 6d807ffa2a79)', () => {
    const noAlgorithms = { ...SPEC_EXAMPLE, signatureAlgorithms: [] };
    expect(ja4(noAlgorithms).fingerprint.slice(-12)).toBe('6d807ffa2a79');
    expect(ja4(noAlgorithms).raw.endsWith('4469,ff01')).toBe(true);
  });

  it.each([
    [['h2'], 'h2'],
    [['http/1.1'], 'h1'],
    [['h'], 'hh'],
    [[[0xab]], 'ab'],
    [[[0x20]], '20'],
    [[[0xab, 0xcd]], 'ad'],
    [[[0x20, 0x61]], '21'],
    [[[0x30, 0xab]], '3b'],
    [[[0x61, 0x20]], '60'],
    [[[0x30, 0x31, 0xab, 0xcd]], '3d'],
    [[[0x30, 0xab, 0xcd, 0x31]], '01'],
    [[[]], '00'],
    [[], '00'],
  ] as const)('ALPN %j gives %s', (alpn, expected) => {
    const value = hello({ ciphers: [0x1301], extensions: [ext.alpn(...alpn)] });
    expect(ja4(value).fingerprint.slice(8, 10)).toBe(expected);
    expect(ja4(hello({ ciphers: [0x1301], extensions: [] })).fingerprint.slice(8, 10)).toBe('00');
  });

  it('takes the version from legacy_version without supported_versions; unknown is 00', () => {
    expect(ja4(hello({ version: 0x0301, ciphers: [4] })).fingerprint.slice(0, 4)).toBe('t10i');
    expect(ja4(hello({ version: 0x0300, ciphers: [4] })).fingerprint.slice(0, 3)).toBe('ts3');
    expect(ja4(hello({ version: 0x0305, ciphers: [4] })).fingerprint.slice(0, 3)).toBe('t00');
  });

  it('uses 000000000000 for empty cipher and extension lists and caps counts at 99', () => {
    const empty = ja4(hello({ ciphers: [] }));
    expect(empty.fingerprint).toBe('t12i000000_000000000000_000000000000');
    const onlySniAndAlpn = ja4(hello({ ciphers: [1], extensions: [ext.sni('a'), ext.alpn('h2')] }));
    expect(onlySniAndAlpn.fingerprint.endsWith('_000000000000')).toBe(true);
    const many = hello({
      ciphers: Array.from({ length: 120 }, (_, i) => i + 1),
      extensions: Array.from({ length: 120 }, (_, i) => ext.empty(0x100 + i)),
    });
    expect(ja4(many).fingerprint.slice(4, 8)).toBe('9999');
  });
});

describe('JA3 and JA3S', () => {
  it('gives the Salesforce README examples', () => {
    const withExtensions = hello({
      version: 0x0301,
      ciphers: [47, 53, 5, 10, 49161, 49162, 49171, 49172, 50, 56, 19, 4],
      extensions: [ext.sni('x'), ext.groups(23, 24, 25), ext.pointFormats(0)],
    });
    expect(ja3(withExtensions)).toEqual({
      text: '769,47-53-5-10-49161-49162-49171-49172-50-56-19-4,0-10-11,23-24-25,0',
      md5: 'ada70206e40642a3e4461f35503241d5',
    });
    const without = hello({ version: 0x0301, ciphers: [4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99] });
    expect(ja3(without)).toEqual({
      text: '769,4-5-10-9-100-98-3-6-19-18-99,,,',
      md5: 'de350869b8c85de67a350c8d186f11e6',
    });
  });

  it('leaves GREASE out of ciphers, extensions and groups', () => {
    expect(ja3(SPEC_EXAMPLE).text).toBe(
      '771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,' +
        '27-0-51-16-17513-23-45-13-5-35-18-43-65281-11-10-21,29-23-24,0',
    );
  });

  it('JA3S: version, chosen cipher, extensions in order', () => {
    const parsed = parseServerHello(
      Uint8Array.from(
        serverHelloBody({
          cipher: 0xc02f,
          extensions: [ext.empty(0xff01), ext.empty(0), ext.pointFormats(0)],
        }),
      ),
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(ja3s(parsed.value).text).toBe('771,49199,65281-0-11');
    expect(parsed.value).toMatchObject({ selectedVersion: null, helloRetryRequest: false });
  });
});

describe('memoized digest', () => {
  it('gives the direct digest, within its bound', () => {
    const digest = memoizedDigest(2);
    for (const text of ['a', 'b', 'c', 'a', 'b', 'c']) {
      expect(digest('md5', text)).toBe(directDigest('md5', text));
      expect(digest('sha256', text)).toBe(directDigest('sha256', text));
    }
    expect(ja4(SPEC_EXAMPLE, digest)).toEqual(ja4(SPEC_EXAMPLE));
    expect(ja3(SPEC_EXAMPLE, digest)).toEqual(ja3(SPEC_EXAMPLE));
  });
});

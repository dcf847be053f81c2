/**
 * TLS client and server fingerprints.
 *
 * - JA3 and JA3S (Salesforce, https://github.com/salesforce/ja3): decimal fields joined by `,`,
 *   values by `-`; GREASE values (RFC 8701) left out of the client's ciphers, extensions and groups;
 *   the MD5 of that string is the fingerprint.
 * - JA4 (FoxIO, https://github.com/FoxIO-LLC/ja4/blob/main/technical_details/JA4.md):
 *   `t13d1516h2_8daaf6152771_e5627efa2ab1` — transport, version (highest supported_versions,
 *   else legacy_version), SNI `d`/`i`, cipher and extension counts (GREASE left out, capped at 99),
 *   first and last character of the first ALPN value; then the SHA-256 (first 12 hex) of the sorted
 *   cipher list, and of the sorted extension list without SNI (0000) and ALPN (0010) followed by
 *   `_` and the signature algorithms in the order sent.
 */
import { createHash } from 'node:crypto';
import { EXTENSION, type ClientHello, type ServerHello } from './hello.js';

/** GREASE values are 0x?a?a with both bytes equal (RFC 8701 §2). */
export function isGrease(value: number): boolean {
  return (value & 0x0f0f) === 0x0a0a && value >> 8 === (value & 0xff);
}

const notGrease = (values: readonly number[]): number[] => values.filter((v) => !isGrease(v));

/** A JA3 or JA3S string and its MD5. */
export interface Fingerprint {
  /** The text that is hashed (JA3 / JA3S "full" string). */
  readonly text: string;
  /** Its MD5, lower-case hex. */
  readonly md5: string;
}

/** Hex digest of a text; the dissector passes a memoizing one, since clients repeat themselves. */
export type Digest = (algorithm: 'md5' | 'sha256', text: string) => string;

/** Hashes every time, with Node's `crypto`. */
export const directDigest: Digest = (algorithm, text) =>
  createHash(algorithm).update(text).digest('hex');

/**
 * A digest that remembers up to `maxEntries` results (then starts over): a device opening many
 * connections sends the same hello fields each time, and hashing costs more than building the text.
 */
export function memoizedDigest(maxEntries = 4_096): Digest {
  const memo = new Map<string, string>();
  return (algorithm, text) => {
    const key = `${algorithm}:${text}`;
    let hex = memo.get(key);
    if (hex === undefined) {
      if (memo.size >= maxEntries) memo.clear();
      hex = directDigest(algorithm, text);
      memo.set(key, hex);
    }
    return hex;
  };
}

/** `771,4865-4866-4867,0-23-65281-10-11,29-23-24,0` and its MD5. */
export function ja3(hello: ClientHello, digest: Digest = directDigest): Fingerprint {
  const text = [
    String(hello.legacyVersion),
    notGrease(hello.cipherSuites).join('-'),
    notGrease(hello.extensions).join('-'),
    notGrease(hello.supportedGroups).join('-'),
    hello.ecPointFormats.join('-'),
  ].join(',');
  return { text, md5: digest('md5', text) };
}

/** `771,49199,65281-0-11-35-16` and its MD5: version, chosen cipher, extensions in order. */
export function ja3s(hello: ServerHello, digest: Digest = directDigest): Fingerprint {
  const text = [
    String(hello.legacyVersion),
    String(hello.cipherSuite),
    hello.extensions.join('-'),
  ].join(',');
  return { text, md5: digest('md5', text) };
}

const JA4_VERSIONS: Readonly<Record<number, string>> = {
  0x0304: '13',
  0x0303: '12',
  0x0302: '11',
  0x0301: '10',
  0x0300: 's3',
  0x0002: 's2',
  0xfeff: 'd1',
  0xfefd: 'd2',
  0xfefc: 'd3',
};

const hex4 = (value: number): string => value.toString(16).padStart(4, '0');
/** Sorting the numbers sorts their fixed-width lower-case hex the same way. */
const sortedHex = (values: readonly number[]): string =>
  Uint32Array.from(values)
    .sort()
    .reduce((out, v, i) => (i === 0 ? hex4(v) : `${out},${hex4(v)}`), '');
const count = (n: number): string => String(Math.min(n, 99)).padStart(2, '0');

function ja4Version(hello: ClientHello): string {
  const offered = notGrease(hello.supportedVersions);
  const version = offered.length > 0 ? Math.max(...offered) : hello.legacyVersion;
  return JA4_VERSIONS[version] ?? '00';
}

function isAlphanumeric(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a)
  );
}

/** First and last character of the first ALPN value; hex nibbles when either is not alphanumeric. */
function ja4Alpn(hello: ClientHello): string {
  const first = hello.alpn[0];
  if (first === undefined || first.length === 0) return '00';
  const head = first[0] ?? 0;
  const tail = first[first.length - 1] ?? 0;
  if (isAlphanumeric(head) && isAlphanumeric(tail)) {
    return String.fromCharCode(head) + String.fromCharCode(tail);
  }
  return (head >> 4).toString(16) + (tail & 0x0f).toString(16);
}

/** A JA4 fingerprint and its unhashed form. */
export interface Ja4 {
  /** `t13d1516h2_8daaf6152771_e5627efa2ab1` */
  readonly fingerprint: string;
  /** JA4_r: the same with the lists unhashed. */
  readonly raw: string;
}

/** JA4 for a ClientHello carried over TCP (`t`). */
export function ja4(hello: ClientHello, digest: Digest = directDigest): Ja4 {
  const ciphers = notGrease(hello.cipherSuites);
  const extensions = notGrease(hello.extensions);
  const sni = extensions.includes(EXTENSION.SERVER_NAME) ? 'd' : 'i';
  const a = `t${ja4Version(hello)}${sni}${count(ciphers.length)}${count(extensions.length)}${ja4Alpn(hello)}`;
  const sortedCiphers = sortedHex(ciphers);
  const sortedExtensions = sortedHex(
    extensions.filter((e) => e !== EXTENSION.SERVER_NAME && e !== EXTENSION.ALPN),
  );
  const algorithms = notGrease(hello.signatureAlgorithms).map(hex4).join(',');
  const c = algorithms === '' ? sortedExtensions : `${sortedExtensions}_${algorithms}`;
  const hash12 = (text: string) => digest('sha256', text).slice(0, 12);
  const b = sortedCiphers === '' ? '000000000000' : hash12(sortedCiphers);
  const cHash = sortedExtensions === '' ? '000000000000' : hash12(c);
  return { fingerprint: `${a}_${b}_${cHash}`, raw: `${a}_${sortedCiphers}_${c}` };
}

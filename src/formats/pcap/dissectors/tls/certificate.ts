/**
 * The first certificate of a TLS 1.2-and-earlier Certificate message (RFC 5246 §7.4.2): the
 * sender's own certificate. Parsed with Node's `X509Certificate` (OpenSSL), bounded by size.
 */
import { X509Certificate } from 'node:crypto';
import { ByteReader, Short } from './reader.js';
import { TLS_LIMITS } from './limits.js';

/** What discovery keeps of a certificate. */
export interface CertificateSummary {
  /** RFC 4514 order, most specific first: `CN=pacs01,O=Hospital,C=DE` (as Zeek's x509.log). */
  readonly subject: string;
  readonly issuer: string;
  /** ISO 8601 UTC. */
  readonly notAfter: string;
  /** The last (most specific) common name, as written. */
  readonly commonName: string | null;
}

/** A certificate summary (null for an empty list), or why there is none. */
export type CertificateRead =
  | { readonly ok: true; readonly certificate: CertificateSummary | null }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads the first certificate of a Certificate message body. `complete` is false when the message
 * was cut at the buffer cap: then the first certificate must still lie inside what was kept.
 * `certificate: null` for an empty list (a client with no certificate to send).
 */
export function readFirstCertificate(
  body: Uint8Array,
  describe: (der: Uint8Array) => CertificateRead = describeCertificate,
): CertificateRead {
  let der: Uint8Array;
  try {
    const r = new ByteReader(body);
    const listLength = r.u24('certificate_list');
    if (listLength === 0) return { ok: true, certificate: null };
    const length = r.u24('certificate');
    if (length > TLS_LIMITS.maxCertificateBytes) {
      return {
        ok: false,
        reason: `the certificate has ${length} bytes, over the ${TLS_LIMITS.maxCertificateBytes}-byte cap`,
      };
    }
    der = r.take(length, 'certificate');
  } catch (error) {
    if (error instanceof Short) return { ok: false, reason: error.message };
    throw error;
  }
  return describe(der);
}

/**
 * `describeCertificate` remembering up to `maxEntries` certificates by their bytes (then starting
 * over). OpenSSL takes hundreds of microseconds per certificate, and a server shows the same one
 * on every connection.
 */
export function memoizedCertificateReader(maxEntries = 512): (der: Uint8Array) => CertificateRead {
  const memo = new Map<string, CertificateRead>();
  return (der) => {
    const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('latin1');
    let read = memo.get(key);
    if (read === undefined) {
      if (memo.size >= maxEntries) memo.clear();
      read = describeCertificate(der);
      memo.set(key, read);
    }
    return read;
  };
}

/** Subject, issuer and expiry of one DER certificate. */
export function describeCertificate(der: Uint8Array): CertificateRead {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return { ok: false, reason: 'the certificate is not valid DER X.509' };
  }
  const expiry = new Date(x509.validTo);
  return {
    ok: true,
    certificate: {
      subject: oneLine(x509.subject),
      issuer: oneLine(x509.issuer),
      notAfter: Number.isNaN(expiry.getTime()) ? x509.validTo : expiry.toISOString(),
      commonName: commonName(x509.subject),
    },
  };
}

/**
 * Node prints one RDN per line, least specific first, with RFC 2253 escapes and control characters
 * escaped, so lines can be trusted as separators.
 */
function oneLine(multiline: string): string {
  return multiline
    .split('\n')
    .filter((line) => line !== '')
    .reverse()
    .join(',');
}

function commonName(multiline: string): string | null {
  const names = multiline
    .split('\n')
    .flatMap((line) => line.split(' + '))
    .filter((part) => part.startsWith('CN='))
    .map((part) => part.slice(3));
  return names[names.length - 1] ?? null;
}

/** A host name as RFC 1123 allows (letters, digits, hyphens; underscore tolerated), not an IP. */
const HOST_NAME =
  /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*$/;

/**
 * The common name when it can be the device's host name: no wildcard, spaces or e-mail address,
 * not an IP address, not `localhost`.
 */
export function hostNameFromCommonName(name: string | null): string | null {
  if (name === null || !HOST_NAME.test(name)) return null;
  if (/^[\d.]+$/.test(name) || name.toLowerCase() === 'localhost') return null;
  return name;
}

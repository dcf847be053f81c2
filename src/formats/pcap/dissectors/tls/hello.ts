/**
 * ClientHello and ServerHello bodies (RFC 8446 §4.1.2–4.1.3; the same layout since SSL 3.0), with
 * the extensions fingerprints need: server_name (RFC 6066 §3), supported_groups and
 * ec_point_formats (RFC 8422 §5.1), signature_algorithms (RFC 8446 §4.2.3), ALPN (RFC 7301) and
 * supported_versions (RFC 8446 §4.2.1).
 */
import { ByteReader, Short } from './reader.js';
import { TLS_LIMITS } from './limits.js';

/** Extension types the hello parsers read. */
export const EXTENSION = {
  SERVER_NAME: 0x0000,
  SUPPORTED_GROUPS: 0x000a,
  EC_POINT_FORMATS: 0x000b,
  SIGNATURE_ALGORITHMS: 0x000d,
  ALPN: 0x0010,
  SUPPORTED_VERSIONS: 0x002b,
} as const;

/** The ClientHello fields fingerprints and facts need. */
export interface ClientHello {
  /** `legacy_version` (0x0303 for TLS 1.2 and 1.3 clients). */
  readonly legacyVersion: number;
  /** In the order sent, GREASE included. */
  readonly cipherSuites: readonly number[];
  /** Extension types in the order sent, GREASE included. */
  readonly extensions: readonly number[];
  /** host_name entries of server_name, ASCII (other bytes as U+FFFD). */
  readonly serverNames: readonly string[];
  /** ALPN protocol names as sent (bytes). */
  readonly alpn: readonly Uint8Array[];
  readonly supportedVersions: readonly number[];
  readonly supportedGroups: readonly number[];
  readonly ecPointFormats: readonly number[];
  readonly signatureAlgorithms: readonly number[];
}

/** The ServerHello fields JA3S and the negotiated version need. */
export interface ServerHello {
  readonly legacyVersion: number;
  readonly cipherSuite: number;
  readonly extensions: readonly number[];
  /** supported_versions' selected version (TLS 1.3), else null. */
  readonly selectedVersion: number | null;
  /** A HelloRetryRequest (RFC 8446 §4.1.3): a ServerHello with a fixed random. */
  readonly helloRetryRequest: boolean;
}

/** A parsed message, or why it could not be parsed. */
export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest. */
const HRR_RANDOM = Uint8Array.from(
  Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex'),
);

function attempt<T>(parse: () => T): Parsed<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof Short) return { ok: false, reason: error.message };
    throw error;
  }
}

/** Parses a ClientHello handshake body (after the 4-byte handshake header). */
export function parseClientHello(body: Uint8Array): Parsed<ClientHello> {
  return attempt(() => {
    const r = new ByteReader(body);
    const legacyVersion = r.u16('legacy_version');
    r.take(32, 'random');
    r.vector(1, 'legacy_session_id');
    const cipherSuites = r.vector(2, 'cipher_suites').u16List('cipher_suites');
    r.vector(1, 'legacy_compression_methods');
    const hello = emptyClientHello(legacyVersion, cipherSuites);
    if (r.remaining > 0) readClientExtensions(r.vector(2, 'extensions'), hello);
    return hello;
  });
}

type MutableClientHello = { -readonly [K in keyof ClientHello]: ClientHello[K] };

function emptyClientHello(legacyVersion: number, cipherSuites: number[]): MutableClientHello {
  return {
    legacyVersion,
    cipherSuites,
    extensions: [],
    serverNames: [],
    alpn: [],
    supportedVersions: [],
    supportedGroups: [],
    ecPointFormats: [],
    signatureAlgorithms: [],
  };
}

function readClientExtensions(r: ByteReader, hello: MutableClientHello): void {
  const types: number[] = [];
  while (r.remaining > 0) {
    const type = r.u16('extension type');
    const data = r.vector(2, 'extension data');
    types.push(type);
    // A malformed value costs only that extension: its type still counts for JA3 and JA4.
    try {
      readClientExtension(type, data, hello);
    } catch (error) {
      if (!(error instanceof Short)) throw error;
    }
  }
  hello.extensions = types;
}

function readClientExtension(type: number, data: ByteReader, hello: MutableClientHello): void {
  switch (type) {
    case EXTENSION.SERVER_NAME:
      hello.serverNames = serverNames(data);
      break;
    case EXTENSION.SUPPORTED_GROUPS:
      hello.supportedGroups = data.vector(2, 'supported_groups').u16List('supported_groups');
      break;
    case EXTENSION.EC_POINT_FORMATS:
      hello.ecPointFormats = Array.from(data.vector(1, 'ec_point_formats').bytes);
      break;
    case EXTENSION.SIGNATURE_ALGORITHMS:
      hello.signatureAlgorithms = data
        .vector(2, 'signature_algorithms')
        .u16List('signature_algorithms');
      break;
    case EXTENSION.ALPN:
      hello.alpn = protocolNames(data.vector(2, 'ALPN'));
      break;
    case EXTENSION.SUPPORTED_VERSIONS:
      hello.supportedVersions = data.vector(1, 'supported_versions').u16List('supported_versions');
      break;
    default:
      break;
  }
}

function serverNames(data: ByteReader): string[] {
  const list = data.vector(2, 'server_name_list');
  const names: string[] = [];
  while (list.remaining > 0) {
    const nameType = list.u8('server name type');
    const name = list.vector(2, 'server name');
    if (nameType !== 0 || names.length >= TLS_LIMITS.maxServerNames) continue;
    names.push(asciiText(name.bytes.subarray(0, TLS_LIMITS.maxServerNameChars)));
  }
  return names;
}

function protocolNames(list: ByteReader): Uint8Array[] {
  const names: Uint8Array[] = [];
  while (list.remaining > 0) names.push(list.vector(1, 'ALPN protocol name').bytes);
  return names;
}

/** Printable ASCII kept, anything else as U+FFFD: a host name is ASCII (RFC 6066 §3). */
function asciiText(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes)
    out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '\uFFFD';
  return out;
}

/** Parses a ServerHello handshake body. */
export function parseServerHello(body: Uint8Array): Parsed<ServerHello> {
  return attempt(() => {
    const r = new ByteReader(body);
    const legacyVersion = r.u16('legacy_version');
    const random = r.take(32, 'random');
    r.vector(1, 'legacy_session_id');
    const cipherSuite = r.u16('cipher_suite');
    r.u8('legacy_compression_method');
    const extensions: number[] = [];
    let selectedVersion: number | null = null;
    if (r.remaining > 0) {
      const list = r.vector(2, 'extensions');
      while (list.remaining > 0) {
        const type = list.u16('extension type');
        const data = list.vector(2, 'extension data');
        extensions.push(type);
        if (type === EXTENSION.SUPPORTED_VERSIONS && data.remaining >= 2) {
          selectedVersion = data.u16('selected_version');
        }
      }
    }
    const helloRetryRequest = random.every((b, i) => b === HRR_RANDOM[i]);
    return { legacyVersion, cipherSuite, extensions, selectedVersion, helloRetryRequest };
  });
}

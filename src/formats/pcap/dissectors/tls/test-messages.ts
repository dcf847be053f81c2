/** Builds TLS records and handshake messages for tests. */

export type TestExtension = readonly [type: number, data: readonly number[]];

const u16 = (v: number): number[] => [(v >> 8) & 0xff, v & 0xff];
const u24 = (v: number): number[] => [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
const vec16 = (bytes: readonly number[]): number[] => [...u16(bytes.length), ...bytes];
const vec8 = (bytes: readonly number[]): number[] => [bytes.length, ...bytes];
const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** Extension builders. */
export const ext = {
  sni: (...names: string[]): TestExtension => [
    0x0000,
    vec16(names.flatMap((n) => [0, ...vec16(ascii(n))])),
  ],
  groups: (...groups: number[]): TestExtension => [0x000a, vec16(groups.flatMap(u16))],
  pointFormats: (...formats: number[]): TestExtension => [0x000b, vec8(formats)],
  signatureAlgorithms: (...algs: number[]): TestExtension => [0x000d, vec16(algs.flatMap(u16))],
  alpn: (...names: (string | readonly number[])[]): TestExtension => [
    0x0010,
    vec16(names.flatMap((n) => vec8(typeof n === 'string' ? ascii(n) : n))),
  ],
  supportedVersions: (...versions: number[]): TestExtension => [
    0x002b,
    vec8(versions.flatMap(u16)),
  ],
  empty: (type: number): TestExtension => [type, []],
};

/** A ClientHello to build. */
export interface TestClientHello {
  readonly version?: number;
  readonly ciphers: readonly number[];
  /** Omitted: no extensions block at all. */
  readonly extensions?: readonly TestExtension[];
}

/** A ClientHello body (without the handshake header). */
export function clientHelloBody(spec: TestClientHello): number[] {
  const body = [
    ...u16(spec.version ?? 0x0303),
    ...Array<number>(32).fill(7),
    ...vec8([1, 2, 3, 4]),
    ...vec16(spec.ciphers.flatMap(u16)),
    ...vec8([0]),
  ];
  if (spec.extensions !== undefined) {
    body.push(...vec16(spec.extensions.flatMap(([type, data]) => [...u16(type), ...vec16(data)])));
  }
  return body;
}

/** A ServerHello to build. */
export interface TestServerHello {
  readonly version?: number;
  readonly cipher: number;
  readonly extensions?: readonly TestExtension[];
  readonly random?: readonly number[];
}

/** A ServerHello body (without the handshake header). */
export function serverHelloBody(spec: TestServerHello): number[] {
  const body = [
    ...u16(spec.version ?? 0x0303),
    ...(spec.random ?? Array<number>(32).fill(9)),
    ...vec8([]),
    ...u16(spec.cipher),
    0,
  ];
  if (spec.extensions !== undefined) {
    body.push(...vec16(spec.extensions.flatMap(([type, data]) => [...u16(type), ...vec16(data)])));
  }
  return body;
}

/** The random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
export const HRR_RANDOM = Array.from(
  Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex'),
);

/** A TLS 1.2 Certificate body holding the given DER certificates. */
export function certificateBody(ders: readonly Uint8Array[]): number[] {
  const list = ders.flatMap((der) => [...u24(der.length), ...der]);
  return [...u24(list.length), ...list];
}

/** A handshake message: type, 24-bit length, body. */
export function handshake(type: number, body: readonly number[]): number[] {
  return [type, ...u24(body.length), ...body];
}

/** Wraps bytes in records of at most `fragment` bytes each. */
export function records(
  contentType: number,
  payload: readonly number[],
  fragment = 16_384,
  version = 0x0301,
): Uint8Array {
  const out: number[] = [];
  for (let at = 0; at < payload.length || at === 0; at += fragment) {
    const piece = payload.slice(at, at + fragment);
    out.push(contentType, ...u16(version), ...u16(piece.length), ...piece);
    if (payload.length === 0) break;
  }
  return Uint8Array.from(out);
}

/** A ChangeCipherSpec record. */
export const CHANGE_CIPHER_SPEC = Uint8Array.of(20, 3, 3, 0, 1, 1);

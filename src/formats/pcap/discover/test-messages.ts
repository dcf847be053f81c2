/**
 * Application payloads for the discovery tests and the `bench/discover` capture: DICOM Upper Layer
 * PDUs (PS3.8 §9.3), HL7 v2 over MLLP, DHCP (RFC 2131/2132), DNS (RFC 1035), a TLS ClientHello
 * with SNI (RFC 8446 §4.1.2, RFC 6066 §3) and HTTP/1.1 heads. Built here, not borrowed from the
 * dissectors' own test helpers, so the discovery tests check the dissectors rather than share
 * their assumptions.
 */
import { parseIpv4, parseMac } from '../addresses.js';

const encoder = new TextEncoder();

/** The bytes of ASCII text. */
export function ascii(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The parts joined into one array. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const u16 = (n: number) => Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
const u32 = (n: number) =>
  Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
const le16 = (n: number) => Uint8Array.of(n & 0xff, (n >>> 8) & 0xff);
const le32 = (n: number) =>
  Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);

// ---------------------------------------------------------------------------------------------
// DICOM

/** UIDs the tests and the benchmark use (PS3.6 Annex A). */
export const DICOM_UID = {
  ctImageStorage: '1.2.840.10008.5.1.4.1.1.2',
  mrImageStorage: '1.2.840.10008.5.1.4.1.1.4',
  usImageStorage: '1.2.840.10008.5.1.4.1.1.6.1',
  secondaryCapture: '1.2.840.10008.5.1.4.1.1.7',
  verification: '1.2.840.10008.1.1',
  implicitLittleEndian: '1.2.840.10008.1.2',
  explicitLittleEndian: '1.2.840.10008.1.2.1',
  jpegLossless: '1.2.840.10008.1.2.4.70',
  applicationContext: '1.2.840.10008.3.1.1.1',
} as const;

/** A PDU: type, reserved, 32-bit length, body. */
export function dicomPdu(type: number, body: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(type, 0), u32(body.length), body]);
}

/** An item or sub-item: type, reserved, 16-bit length, value. */
function dicomItem(type: number, value: Uint8Array | string): Uint8Array {
  const bytes = typeof value === 'string' ? ascii(value) : value;
  return concat([Uint8Array.of(type, 0), u16(bytes.length), bytes]);
}

function aeField(title: string): Uint8Array {
  return ascii(title.padEnd(16, ' ').slice(0, 16));
}

/** An A-ASSOCIATE-RQ to build. */
export interface TestAssociation {
  readonly calling: string;
  readonly called: string;
  readonly contexts: readonly {
    readonly id: number;
    readonly abstractSyntax: string;
    readonly transferSyntaxes: readonly string[];
  }[];
  readonly implementationClassUid: string;
  readonly implementationVersionName: string;
  readonly maxLength: number;
}

function associateFixed(a: { calling: string; called: string }): Uint8Array {
  return concat([
    Uint8Array.of(0, 1, 0, 0),
    aeField(a.called),
    aeField(a.calling),
    new Uint8Array(32),
  ]);
}

function userInformation(maxLength: number, classUid: string, versionName: string): Uint8Array {
  return dicomItem(
    0x50,
    concat([
      dicomItem(0x51, u32(maxLength)),
      dicomItem(0x52, classUid),
      dicomItem(0x55, versionName),
    ]),
  );
}

/** An A-ASSOCIATE-RQ PDU. */
export function associateRq(a: TestAssociation): Uint8Array {
  const contexts = a.contexts.map((c) =>
    dicomItem(
      0x20,
      concat([
        Uint8Array.of(c.id, 0, 0, 0),
        dicomItem(0x30, c.abstractSyntax),
        ...c.transferSyntaxes.map((t) => dicomItem(0x40, t)),
      ]),
    ),
  );
  return dicomPdu(
    1,
    concat([
      associateFixed(a),
      dicomItem(0x10, DICOM_UID.applicationContext),
      ...contexts,
      userInformation(a.maxLength, a.implementationClassUid, a.implementationVersionName),
    ]),
  );
}

/** An A-ASSOCIATE-AC to build. */
export interface TestAcceptance {
  readonly calling: string;
  readonly called: string;
  /** Result per presentation context id: 0 acceptance, 3 abstract syntax not supported… */
  readonly results: readonly {
    readonly id: number;
    readonly result: number;
    readonly transferSyntax: string;
  }[];
  readonly implementationClassUid: string;
  readonly implementationVersionName: string;
  readonly maxLength: number;
}

/** An A-ASSOCIATE-AC PDU. */
export function associateAc(a: TestAcceptance): Uint8Array {
  const results = a.results.map((r) =>
    dicomItem(
      0x21,
      concat([Uint8Array.of(r.id, 0, r.result, 0), dicomItem(0x40, r.transferSyntax)]),
    ),
  );
  return dicomPdu(
    2,
    concat([
      associateFixed(a),
      dicomItem(0x10, DICOM_UID.applicationContext),
      ...results,
      userInformation(a.maxLength, a.implementationClassUid, a.implementationVersionName),
    ]),
  );
}

/** The header of a P-DATA-TF PDU holding one PDV of `valueLength` bytes (the value follows). */
export function pdataHeader(valueLength: number, contextId: number, control: number): Uint8Array {
  const out = new Uint8Array(12);
  const view = new DataView(out.buffer);
  out[0] = 4;
  view.setUint32(2, valueLength + 6);
  view.setUint32(6, valueLength + 2);
  out[10] = contextId;
  out[11] = control;
  return out;
}

/** A P-DATA-TF PDU with one PDV. Control: bit 0 command, bit 1 last fragment. */
export function pdata(value: Uint8Array, contextId: number, control: number): Uint8Array {
  return concat([pdataHeader(value.length, contextId, control), value]);
}

/** A-RELEASE-RQ. */
export const releaseRq = (): Uint8Array => dicomPdu(5, new Uint8Array(4));
/** A-RELEASE-RP. */
export const releaseRp = (): Uint8Array => dicomPdu(6, new Uint8Array(4));

/** One implicit VR little endian element (PS3.5 §7.1.3); odd values padded as PS3.5 §6.2 asks. */
function element(group: number, elementNumber: number, value: Uint8Array): Uint8Array {
  const padded = value.length % 2 === 0 ? value : concat([value, Uint8Array.of(0)]);
  return concat([le16(group), le16(elementNumber), le32(padded.length), padded]);
}

const uidValue = (uid: string) => ascii(uid);

/** A C-STORE-RQ command set (PS3.7 §9.3.1.1), implicit VR little endian. */
export function cStoreRq(sopClass: string, instance: string, messageId: number): Uint8Array {
  const body = concat([
    element(0x0000, 0x0002, uidValue(sopClass)),
    element(0x0000, 0x0100, le16(0x0001)),
    element(0x0000, 0x0110, le16(messageId)),
    element(0x0000, 0x0700, le16(0)),
    element(0x0000, 0x0800, le16(0x0000)),
    element(0x0000, 0x1000, uidValue(instance)),
  ]);
  return concat([element(0x0000, 0x0000, le32(body.length)), body]);
}

/** A C-STORE-RSP command set with status Success. */
export function cStoreRsp(sopClass: string, instance: string, messageId: number): Uint8Array {
  const body = concat([
    element(0x0000, 0x0002, uidValue(sopClass)),
    element(0x0000, 0x0100, le16(0x8001)),
    element(0x0000, 0x0120, le16(messageId)),
    element(0x0000, 0x0800, le16(0x0101)),
    element(0x0000, 0x0900, le16(0)),
    element(0x0000, 0x1000, uidValue(instance)),
  ]);
  return concat([element(0x0000, 0x0000, le32(body.length)), body]);
}

/** A C-ECHO-RQ (`response` false) or C-ECHO-RSP command set (PS3.7 §9.3.5). */
export function cEcho(messageId: number, response: boolean): Uint8Array {
  const body = concat([
    element(0x0000, 0x0002, uidValue(DICOM_UID.verification)),
    element(0x0000, 0x0100, le16(response ? 0x8030 : 0x0030)),
    element(0x0000, response ? 0x0120 : 0x0110, le16(messageId)),
    element(0x0000, 0x0800, le16(0x0101)),
    ...(response ? [element(0x0000, 0x0900, le16(0))] : []),
  ]);
  return concat([element(0x0000, 0x0000, le32(body.length)), body]);
}

/**
 * The start of an image data set up to the pixel data's value (implicit VR little endian); the
 * `pixelBytes` of the value follow it on the wire.
 */
export function imageHeader(spec: {
  sopClass: string;
  instance: string;
  modality: string;
  rows: number;
  columns: number;
}): Uint8Array {
  return concat([
    element(0x0008, 0x0016, uidValue(spec.sopClass)),
    element(0x0008, 0x0018, uidValue(spec.instance)),
    element(0x0008, 0x0060, ascii(spec.modality)),
    element(0x0010, 0x0010, ascii('WARDLINE^BENCH')),
    element(0x0010, 0x0020, ascii('WL-0001')),
    element(0x0028, 0x0010, le16(spec.rows)),
    element(0x0028, 0x0011, le16(spec.columns)),
    element(0x0028, 0x0100, le16(16)),
    le16(0x7fe0),
    le16(0x0010),
    le32(spec.rows * spec.columns * 2),
  ]);
}

// ---------------------------------------------------------------------------------------------
// HL7 v2 over MLLP

/** The MSH fields of an HL7 v2 message to build. */
export interface TestHl7Message {
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly receivingApplication: string;
  readonly receivingFacility: string;
  /** `ORU^R01` */
  readonly messageType: string;
  readonly controlId: string;
  readonly version: string;
  /** Segments after MSH, already joined with `|`. */
  readonly segments?: readonly string[];
}

/** An HL7 v2 message with `|^~\\&` separators and CR segment ends. */
export function hl7Message(m: TestHl7Message): string {
  const msh = [
    'MSH',
    '^~\\&',
    m.sendingApplication,
    m.sendingFacility,
    m.receivingApplication,
    m.receivingFacility,
    '20261128120000',
    '',
    m.messageType,
    m.controlId,
    'P',
    m.version,
  ].join('|');
  return [msh, ...(m.segments ?? [])].join('\r') + '\r';
}

/** The message in one MLLP frame: 0x0B, the message, 0x1C 0x0D. */
export function mllp(message: string): Uint8Array {
  return ascii(`\x0b${message}\x1c\r`);
}

// ---------------------------------------------------------------------------------------------
// DHCP

/** A DHCP message to build. */
export interface TestDhcp {
  /** 1 request, 2 reply. */
  readonly op: 1 | 2;
  /** Option 53: 1 DISCOVER, 2 OFFER, 3 REQUEST, 5 ACK… */
  readonly type: number;
  readonly mac: string;
  readonly xid: number;
  readonly ciaddr?: string;
  readonly yiaddr?: string;
  readonly requestedIp?: string;
  readonly hostname?: string;
  readonly vendorClass?: string;
  readonly parameters?: readonly number[];
  readonly clientId?: boolean;
}

/** A BOOTP header, the magic cookie and the options asked for. */
export function dhcpMessage(m: TestDhcp): Uint8Array {
  const options: number[] = [53, 1, m.type];
  const text = (code: number, value: string) => options.push(code, value.length, ...ascii(value));
  if (m.clientId === true) options.push(61, 7, 1, ...parseMac(m.mac));
  if (m.requestedIp !== undefined) options.push(50, 4, ...parseIpv4(m.requestedIp));
  if (m.hostname !== undefined) text(12, m.hostname);
  if (m.vendorClass !== undefined) text(60, m.vendorClass);
  if (m.parameters !== undefined) options.push(55, m.parameters.length, ...m.parameters);
  options.push(255);
  const out = new Uint8Array(240 + options.length);
  const view = new DataView(out.buffer);
  out[0] = m.op;
  out[1] = 1;
  out[2] = 6;
  view.setUint32(4, m.xid);
  if (m.ciaddr !== undefined) out.set(parseIpv4(m.ciaddr), 12);
  if (m.yiaddr !== undefined) out.set(parseIpv4(m.yiaddr), 16);
  out.set(parseMac(m.mac), 28);
  out.set([0x63, 0x82, 0x53, 0x63], 236);
  out.set(options, 240);
  return out;
}

// ---------------------------------------------------------------------------------------------
// DNS

function dnsName(name: string): Uint8Array {
  const labels = name.split('.').filter((l) => l.length > 0);
  return concat([
    ...labels.map((l) => concat([Uint8Array.of(l.length), ascii(l)])),
    Uint8Array.of(0),
  ]);
}

/** A: an IPv4 address (RFC 1035 §3.2.2). */
export const DNS_TYPE_A = 1;
/** PTR: a reverse lookup's answer names the address. */
export const DNS_TYPE_PTR = 12;

/** A query with one question (class IN). */
export function dnsQuery(id: number, name: string, type: number): Uint8Array {
  return concat([
    u16(id),
    u16(0x0100),
    u16(1),
    u16(0),
    u16(0),
    u16(0),
    dnsName(name),
    u16(type),
    u16(1),
  ]);
}

/** A response to `dnsQuery` with one answer: an IPv4 address (A) or a name (PTR). */
export function dnsResponse(id: number, name: string, type: number, answer: string): Uint8Array {
  const data = type === DNS_TYPE_A ? parseIpv4(answer) : dnsName(answer);
  return concat([
    u16(id),
    u16(0x8180),
    u16(1),
    u16(1),
    u16(0),
    u16(0),
    dnsName(name),
    u16(type),
    u16(1),
    u16(0xc00c),
    u16(type),
    u16(1),
    u32(300),
    u16(data.length),
    data,
  ]);
}

// ---------------------------------------------------------------------------------------------
// TLS

/** A TLS 1.2 record holding a ClientHello with SNI, supported groups and point formats. */
export function tlsClientHello(serverName: string): Uint8Array {
  const name = ascii(serverName);
  const sni = concat([u16(name.length + 3), Uint8Array.of(0), u16(name.length), name]);
  const extensions = concat([
    u16(0x0000),
    u16(sni.length),
    sni,
    u16(0x000a),
    u16(6),
    u16(4),
    u16(0x001d),
    u16(0x0017),
    u16(0x000b),
    u16(2),
    Uint8Array.of(1, 0),
  ]);
  const ciphers = [0xc02f, 0xc030, 0x009e, 0x002f];
  const body = concat([
    u16(0x0303),
    new Uint8Array(32).fill(0x5a),
    Uint8Array.of(0),
    u16(ciphers.length * 2),
    ...ciphers.map(u16),
    Uint8Array.of(1, 0),
    u16(extensions.length),
    extensions,
  ]);
  const handshake = concat([
    Uint8Array.of(1, 0, (body.length >>> 8) & 0xff, body.length & 0xff),
    body,
  ]);
  return concat([Uint8Array.of(0x16, 0x03, 0x01), u16(handshake.length), handshake]);
}

/** A TLS 1.2 ServerHello record (cipher 0xc02f, no extensions). */
export function tlsServerHello(): Uint8Array {
  const body = concat([
    u16(0x0303),
    new Uint8Array(32).fill(0x33),
    Uint8Array.of(0),
    u16(0xc02f),
    Uint8Array.of(0),
  ]);
  const handshake = concat([Uint8Array.of(2, 0, 0, body.length), body]);
  return concat([Uint8Array.of(0x16, 0x03, 0x03), u16(handshake.length), handshake]);
}

/** A TLS application data record around `length` opaque bytes. */
export function tlsApplicationData(payload: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(0x17, 0x03, 0x03), u16(payload.length), payload]);
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** A GET request head with Host and User-Agent. */
export function httpRequest(host: string, userAgent: string, path = '/'): Uint8Array {
  return ascii(
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: ${userAgent}\r\nAccept: */*\r\n\r\n`,
  );
}

/** A 200 response with Server and a body sized by Content-Length. */
export function httpResponse(server: string, body: string): Uint8Array {
  return ascii(
    `HTTP/1.1 200 OK\r\nServer: ${server}\r\nContent-Type: text/html\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
  );
}

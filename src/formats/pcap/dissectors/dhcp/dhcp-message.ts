/**
 * Parses one BOOTP/DHCP message (RFC 951, RFC 2131) into the fields that identify a device: the
 * client hardware address, its addresses, and the options it sends about itself (RFC 2132 host
 * name, vendor class, parameter request list, client identifier; RFC 4702 client FQDN).
 *
 * @example
 *   parseDhcpMessage(discoverFromInfusionPump, { source: 'ward-4.pcap', offset: 88 }).message
 *   // { op: 1, messageType: 'discover', clientMac: '00:1b:63:84:45:e6', hostname: 'PUMP-0417',
 *   //   vendorClass: 'BD-Alaris', parameterRequestList: [1, 3, 6, 15], … }
 */
import { formatIpv4, formatMac } from '../../addresses.js';
import { labelText, readableText } from '../dns/text.js';
import type { BytePosition } from '../dissector.js';
import { dhcpDiagnostic, type DhcpDiagnostic } from './diagnostics.js';
import { DHCP_LAYOUT, DHCP_OPTION, readDhcpOptions, type OptionProblem } from './dhcp-options.js';
import { DHCP_LIMITS } from './limits.js';

/** RFC 2132 §9.6 and its successors (RFC 3203, 4388, 6926, 7724, 9486). */
export const DHCP_MESSAGE_TYPES = [
  'discover',
  'offer',
  'request',
  'decline',
  'ack',
  'nak',
  'release',
  'inform',
  'forcerenew',
  'leasequery',
  'leaseunassigned',
  'leaseunknown',
  'leaseactive',
  'bulkleasequery',
  'leasequerydone',
  'activeleasequery',
  'leasequerystatus',
  'tls',
] as const;
/** A DHCP message type name (option 53 value 1 is `discover`). */
export type DhcpMessageType = (typeof DHCP_MESSAGE_TYPES)[number];

/** The RFC 2132 magic cookie that opens the options field. */
export const BOOTP_MAGIC_COOKIE = 0x63825363;
/** The fixed BOOTP header before the magic cookie. */
export const BOOTP_HEADER_LENGTH = 236;

/** Option 81, the client FQDN (RFC 4702). */
export interface DhcpClientFqdn {
  /** RFC 4702 §2.1 flags: S 0x01, O 0x02, E 0x04 (wire-format name), N 0x08. */
  readonly flags: number;
  readonly name: string;
}

/** What one BOOTP/DHCP message says about its client. */
export interface DhcpMessage {
  /** 1 BOOTREQUEST (client to server), 2 BOOTREPLY. */
  readonly op: 1 | 2;
  readonly transactionId: number;
  /** Option 53; null for plain BOOTP (no cookie or no option 53) and unknown values. */
  readonly messageType: DhcpMessageType | null;
  /** `chaddr` when the hardware type is Ethernet or IEEE 802 with a 6-byte address. */
  readonly clientMac: string | null;
  /** `ciaddr`, null when 0.0.0.0. */
  readonly clientIp: string | null;
  /** `yiaddr`, null when 0.0.0.0. */
  readonly yourIp: string | null;
  /** Option 50. */
  readonly requestedIp: string | null;
  /** Option 12. */
  readonly hostname: string | null;
  /** Option 60. */
  readonly vendorClass: string | null;
  /** Option 55 codes in the order sent. */
  readonly parameterRequestList: readonly number[] | null;
  /** Option 61 as lower-case colon-separated hex, type byte first (`01:00:1b:63:84:45:e6`). */
  readonly clientId: string | null;
  /** Option 81. */
  readonly fqdn: DhcpClientFqdn | null;
}

/** A parsed message (null when the header is unusable) and what was wrong with it. */
export interface DhcpParseResult {
  readonly message: DhcpMessage | null;
  readonly diagnostics: DhcpDiagnostic[];
}

/** Parses one UDP payload; never throws. Options are read only behind the magic cookie. */
export function parseDhcpMessage(payload: Uint8Array, at: BytePosition): DhcpParseResult {
  const fail = (message: string): DhcpParseResult => ({
    message: null,
    diagnostics: [dhcpDiagnostic(at, 'WL_DHCP_MALFORMED', message)],
  });
  if (payload.length < BOOTP_HEADER_LENGTH) {
    return fail(`a BOOTP message needs ${BOOTP_HEADER_LENGTH} bytes, got ${payload.length}.`);
  }
  const op = payload[0];
  if (op !== 1 && op !== 2) return fail(`BOOTP op ${op ?? 0} is neither request nor reply.`);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const hasCookie =
    payload.length >= DHCP_LAYOUT.options &&
    view.getUint32(DHCP_LAYOUT.cookie) === BOOTP_MAGIC_COOKIE;
  const { options, problems } = hasCookie
    ? readDhcpOptions(payload)
    : { options: new Map<number, Uint8Array>(), problems: [] };
  const issues: OptionProblem[] = [...problems];
  const message: DhcpMessage = {
    op,
    transactionId: view.getUint32(4),
    messageType: messageType(options.get(DHCP_OPTION.MESSAGE_TYPE), issues),
    clientMac: hardwareAddress(payload),
    clientIp: address(payload.subarray(12, 16)),
    yourIp: address(payload.subarray(16, 20)),
    requestedIp: requestedIp(options.get(DHCP_OPTION.REQUESTED_IP), issues),
    hostname: text(options.get(DHCP_OPTION.HOST_NAME)),
    vendorClass: text(options.get(DHCP_OPTION.VENDOR_CLASS)),
    parameterRequestList: list(options.get(DHCP_OPTION.PARAMETER_REQUEST_LIST)),
    clientId: clientId(options.get(DHCP_OPTION.CLIENT_ID)),
    fqdn: clientFqdn(options.get(DHCP_OPTION.CLIENT_FQDN), issues),
  };
  return {
    message,
    diagnostics: issues.map((issue) => dhcpDiagnostic(at, issue.code, issue.message)),
  };
}

function hardwareAddress(payload: Uint8Array): string | null {
  const htype = payload[1];
  const hlen = payload[2];
  if ((htype !== 1 && htype !== 6) || hlen !== 6) return null;
  return formatMac(payload.subarray(28, 34));
}

function address(bytes: Uint8Array): string | null {
  return bytes.every((b) => b === 0) ? null : formatIpv4(bytes);
}

function invalid(issues: OptionProblem[], message: string): null {
  issues.push({ code: 'WL_DHCP_OPTION_INVALID', message });
  return null;
}

function messageType(value: Uint8Array | undefined, issues: OptionProblem[]) {
  if (value === undefined) return null;
  if (value.length !== 1) return invalid(issues, `option 53 has ${value.length} bytes, not 1.`);
  return DHCP_MESSAGE_TYPES[(value[0] ?? 0) - 1] ?? null;
}

function requestedIp(value: Uint8Array | undefined, issues: OptionProblem[]): string | null {
  if (value === undefined) return null;
  if (value.length !== 4) return invalid(issues, `option 50 has ${value.length} bytes, not 4.`);
  return address(value);
}

function text(value: Uint8Array | undefined): string | null {
  if (value === undefined) return null;
  const decoded = readableText(value, DHCP_LIMITS.maxTextBytes).trim();
  return decoded === '' ? null : decoded;
}

function list(value: Uint8Array | undefined): number[] | null {
  return value === undefined || value.length === 0 ? null : Array.from(value);
}

function clientId(value: Uint8Array | undefined): string | null {
  if (value === undefined || value.length === 0) return null;
  return formatMac(value.subarray(0, DHCP_LIMITS.maxClientIdBytes));
}

/** RFC 4702 §2.3: flags, two deprecated RCODE bytes, then the name (wire format when E is set). */
function clientFqdn(value: Uint8Array | undefined, issues: OptionProblem[]) {
  if (value === undefined) return null;
  if (value.length < 3)
    return invalid(issues, `option 81 has ${value.length} bytes, at least 3 expected.`);
  const flags = value[0] ?? 0;
  const raw = value.subarray(3);
  const name = (flags & 0x04) !== 0 ? wireName(raw) : text(raw);
  if (name === undefined) return invalid(issues, 'option 81 holds a malformed domain name.');
  return name === null || name === '' ? null : { flags, name };
}

/**
 * A name in DNS wire format without compression (RFC 4702 §2.3.1); a partial name may omit the
 * closing zero label. Undefined when a label runs past the option or 255 bytes, or uses a reserved
 * label type.
 */
function wireName(bytes: Uint8Array): string | undefined {
  const labels: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    const length = bytes[at] ?? 0;
    if (length === 0) break;
    if (length > 63 || at + 1 + length > Math.min(bytes.length, 255)) return undefined;
    labels.push(labelText(bytes.subarray(at + 1, at + 1 + length)));
    at += 1 + length;
  }
  return labels.join('.');
}

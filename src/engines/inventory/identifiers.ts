/**
 * How each kind of identifier is normalized, and which values are strong enough to say "this is
 * the same device". Normalizing is lossless where it can be (MAC and IP spellings) and folds case
 * where sources disagree on it (serials, asset tags, host names).
 *
 * @example
 * macKind('00:1b:63:84:45:e6'); // → 'global'  (identifies a device)
 * macKind('da:a1:19:0b:5c:7e'); // → 'local'   (randomized: never merged on)
 * normalizeIp('::ffff:10.1.2.3'); // → '10.1.2.3'
 * normalizeHostname('CT1.Larkspur.Local.'); // → 'ct1.larkspur.local'
 * normalizeSerial(' sn-4411 '); // → 'SN-4411'
 */
import ipaddr from 'ipaddr.js';
import { normalizeMac as normalizeMacText } from '../../domain/observation.js';

/**
 * - `global`: a universally administered unicast MAC, burned in by the maker; identifies a device.
 * - `local`: the locally administered bit is set (IEEE 802 U/L bit): randomized "private" Wi-Fi
 *   addresses of phones and laptops, most VM and container MACs. Reused or rotated; never merged on.
 * - `multicast`: the group bit is set (broadcast, IPv4 `01:00:5e`, IPv6 `33:33`); never a device.
 * - `virtual-router`: shared by a router pair (VRRP `00:00:5e:00:01:xx`/`00:00:5e:00:02:xx`,
 *   RFC 5798 §7.3; HSRP v1 `00:00:0c:07:ac:xx`, HSRP v2 `00:00:0c:9f:fx:xx`; GLBP `00:07:b4:00:xx:xx`);
 *   whichever router is active answers to it, so it names a role, not a box.
 * - `placeholder`: all zeros, written by tools that do not know the address.
 */
export type MacKind = 'global' | 'local' | 'multicast' | 'virtual-router' | 'placeholder';

const VIRTUAL_ROUTER_PREFIXES = ['00:00:5e:00:01:', '00:00:5e:00:02:', '00:00:0c:07:ac:'];

/** What kind of MAC a normalized address is (see {@link MacKind}). */
export function macKind(mac: string): MacKind {
  if (mac === '00:00:00:00:00:00') return 'placeholder';
  const first = Number.parseInt(mac.slice(0, 2), 16);
  if ((first & 0x01) !== 0) return 'multicast';
  if ((first & 0x02) !== 0) return 'local';
  if (VIRTUAL_ROUTER_PREFIXES.some((prefix) => mac.startsWith(prefix))) return 'virtual-router';
  if (mac.startsWith('00:00:0c:9f:f') || mac.startsWith('00:07:b4:00:')) return 'virtual-router';
  return 'global';
}

/** A MAC Wardline merges on: normalized and `global`. */
export function isIdentifyingMac(mac: string): boolean {
  return macKind(mac) === 'global';
}

const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** `00-1B-63-84-45-E6`, `001b.6384.45e6` → `00:1b:63:84:45:e6`; null when it is not a MAC. */
export function normalizeMac(text: string): string | null {
  return CANONICAL_MAC.test(text) ? text : normalizeMacText(text);
}

/**
 * The canonical text of an IP address: dotted quad for IPv4 (IPv4-mapped IPv6 is unwrapped),
 * RFC 5952 for IPv6 without a zone index. Null for anything else, including classful shorthands
 * such as `10.1` that a resolver would expand but a device never reports.
 */
export function normalizeIp(text: string): string | null {
  const trimmed = text.trim();
  const v4 = ipv4Octets(trimmed);
  if (v4 !== null) return v4.join('.');
  const percent = trimmed.indexOf('%');
  const bare = percent === -1 ? trimmed : trimmed.slice(0, percent);
  if (!bare.includes(':') || !ipaddr.IPv6.isValid(bare)) return null;
  return ipaddr.process(bare).toString();
}

const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The four octets of a dotted-quad IPv4 address, or null (a fast path: most addresses are these). */
function ipv4Octets(text: string): number[] | null {
  const match = DOTTED_QUAD.exec(text);
  if (match === null) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null. */
export function ipv4Number(text: string): number | null {
  const octets = ipv4Octets(text.trim());
  if (octets === null) return null;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

/** An address that can belong to one device: not unspecified, loopback, multicast or broadcast. */
export function isIdentifyingIp(ip: string): boolean {
  const v4 = ipv4Octets(ip);
  if (v4 !== null) {
    const first = v4[0] ?? 0;
    return first !== 0 && first !== 127 && first < 224;
  }
  const range = ipaddr.parse(ip).range();
  return !['unspecified', 'loopback', 'multicast', 'broadcast'].includes(range);
}

/** Names that never identify a device: a stack's default, or what a tool writes when it has none. */
const NON_NAMES = new Set([
  'localhost',
  'localhost.localdomain',
  'localdomain',
  '(none)',
  '_gateway',
]);

/** Names many devices share by default; kept as facts but never merged on. */
const GENERIC_NAMES = new Set([
  'android',
  'iphone',
  'ipad',
  'unknown',
  'none',
  'host',
  'default',
  'dhcp',
  'client',
  'pc',
  'desktop',
  'laptop',
  'user',
  'espressif',
]);

/** Lower-case, no trailing dot; null for an empty name, an IP literal or a stack default. */
export function normalizeHostname(text: string): string | null {
  let name = text.trim().toLowerCase();
  while (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '' || name.length > 253 || NON_NAMES.has(name)) return null;
  // No spaces; a colon or a dotted quad makes it an address, not a name.
  if (/\s/.test(name) || name.includes(':') || ipv4Octets(name) !== null) return null;
  return name;
}

/** The first label: `ct1.larkspur.local` → `ct1`. */
export function shortHostname(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/** A host name Wardline merges on: not one that many devices share by default. */
export function isIdentifyingHostname(name: string): boolean {
  return !GENERIC_NAMES.has(shortHostname(name));
}

/**
 * What BIOSes, CMMS exports and scanners write when they have no serial number. Compared after
 * upper-casing; a value of one repeated character (`0000000`, `XXXX`) is also a placeholder.
 */
const PLACEHOLDER_SERIALS = new Set([
  'N/A',
  'NA',
  'NONE',
  'NULL',
  'UNKNOWN',
  'NOT SPECIFIED',
  'NOT APPLICABLE',
  'NOT AVAILABLE',
  'TO BE FILLED BY O.E.M.',
  'DEFAULT STRING',
  'SYSTEM SERIAL NUMBER',
  'CHASSIS SERIAL NUMBER',
  'SERIAL',
  'SERIAL NUMBER',
  '0123456789',
  '123456789',
  '1234567890',
]);

function normalizeTagLike(text: string, minLength: number): string | null {
  const value = text.trim().replace(/\s+/g, ' ').toUpperCase();
  if (value.length < minLength || value.length > 128) return null;
  if (PLACEHOLDER_SERIALS.has(value) || /^(.)\1*$/.test(value)) return null;
  return value;
}

/** Trimmed and upper-cased (sources disagree on case); null for placeholders. */
export function normalizeSerial(text: string): string | null {
  return normalizeTagLike(text, 3);
}

/** The hospital's asset number, normalized like a serial. */
export function normalizeAssetTag(text: string): string | null {
  return normalizeTagLike(text, 2);
}

/**
 * An application entity title without its insignificant leading and trailing spaces (PS3.5 §6.2,
 * VR AE: at most 16 characters, no backslash or control characters). Case is kept: AE titles are
 * case-sensitive.
 */
export function normalizeAeTitle(text: string): string | null {
  const value = text.trim();
  if (value === '' || value.length > 16 || value.includes('\\')) return null;
  for (let i = 0; i < value.length; i += 1) if (value.charCodeAt(i) < 0x20) return null;
  return value;
}

const CORPORATE_WORDS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'llc',
  'gmbh',
  'ag',
  'kg',
  'kgaa',
  'sa',
  'spa',
  'bv',
  'nv',
  'ab',
  'oy',
  'plc',
  'kk',
  'the',
  'and',
  'international',
  'group',
  'holdings',
  'technologies',
  'systems',
  'medical',
  'healthcare',
  'health',
]);

/** Trade names of one maker that sources write differently. */
const VENDOR_ALIASES: Readonly<Record<string, string>> = {
  bd: 'becton',
  carefusion: 'becton',
  alaris: 'becton',
  general: 'ge',
  hospira: 'icu',
  draeger: 'drager',
  hewlett: 'hpe',
  hp: 'hpe',
};

/** The first significant word of a maker's name, folded: `B. Braun Melsungen AG` → `braun`. */
export function vendorKey(vendor: string): string {
  const words = vendor
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 2 && !CORPORATE_WORDS.has(word));
  const first = words[0] ?? '';
  return VENDOR_ALIASES[first] ?? first;
}

/** Two maker names that may be the same company (used to keep serials of different makers apart). */
export function vendorsCompatible(a: string, b: string): boolean {
  const keyA = vendorKey(a);
  const keyB = vendorKey(b);
  return keyA === '' || keyB === '' || keyA === keyB;
}

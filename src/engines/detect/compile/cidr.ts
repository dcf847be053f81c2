/** IPv4 and IPv6 addresses and CIDR ranges for the `cidr` modifier; no library, no regex. */
import { RuleCompileError } from './problem.js';
import type { StringTest } from './glob.js';

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const value = Number(part);
    if (value > 255) return undefined;
    bytes.push(value);
  }
  return bytes;
}

function groupsOf(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const part of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

/** A trailing dotted IPv4 part as two groups, and the text before it. */
function splitTail(raw: string): { text: string; tail: number[] } | undefined {
  const lastColon = raw.lastIndexOf(':');
  const lastPart = raw.slice(lastColon + 1);
  if (!lastPart.includes('.')) return { text: raw, tail: [] };
  const v4 = parseIPv4(lastPart);
  if (v4 === undefined) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = v4;
  const text = raw.slice(0, lastColon);
  return { text: text.endsWith(':') ? `${text}:` : text, tail: [(a << 8) | b, (c << 8) | d] };
}

/** The 8 groups of an IPv6 address as 16 bytes, `::` and a trailing dotted IPv4 allowed. */
function parseIPv6(raw: string): number[] | undefined {
  const split = splitTail(raw.replace(/%.*$/, ''));
  if (split === undefined) return undefined;
  const { text, tail } = split;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '');
  const rest = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const groups = [...head, ...new Array<number>(8 - known).fill(0), ...rest, ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

/**
 * An address as bytes (4 for IPv4, 16 for IPv6; IPv4-mapped IPv6 reads as IPv4).
 *
 * @example
 * parseIp('10.1.2.3')          // → [10, 1, 2, 3]
 * parseIp('::ffff:10.1.2.3')   // → [10, 1, 2, 3]
 */
export function parseIp(text: string): number[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.includes(':')) return parseIPv4(trimmed);
  const bytes = parseIPv6(trimmed.replace(/^\[|\]$/g, ''));
  if (bytes === undefined) return undefined;
  const mapped =
    bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function inRange(address: readonly number[], network: readonly number[], bits: number): boolean {
  if (address.length !== network.length) return false;
  for (let index = 0; index < network.length && bits > 0; index += 1) {
    const take = Math.min(8, bits);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((address[index] ?? 0) & mask) !== ((network[index] ?? 0) & mask)) return false;
    bits -= take;
  }
  return true;
}

/**
 * A test for one CIDR range (a bare address is a /32 or /128).
 *
 * @example
 * cidrTest('10.0.0.0/8')('10.20.30.40')   // → true
 * cidrTest('fe80::/10')('fe80::1')        // → true
 */
export function cidrTest(range: string): StringTest {
  const [address = '', prefix] = range.trim().split('/');
  const network = parseIp(address);
  const width = network === undefined ? 0 : network.length * 8;
  const bits = prefix === undefined ? width : /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  if (network === undefined || bits < 0 || bits > width) {
    throw new RuleCompileError('WL_DETECT_VALUE_UNSUPPORTED', `\`${range}\` is not a CIDR range`);
  }
  return (value) => {
    const bytes = parseIp(value);
    return bytes !== undefined && inRange(bytes, network, bits);
  };
}

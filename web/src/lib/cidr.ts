/**
 * CIDR checks for the zones editor, made before sending so a typo is shown beside the field it
 * is in. The server checks the shape again and places assets by the zones it stores.
 */

/** Most networks one zone may list (the API's limit). */
export const MAX_ZONE_CIDRS = 256;
/** Longest CIDR the API accepts. */
const MAX_CIDR_CHARS = 64;

const IPV4_PART = /^(0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;
const PREFIX = /^(0|[1-9]\d{0,2})$/;

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p) && Number(p) <= 255);
}

/** The number of 16-bit groups a run of IPv6 groups stands for, or null when one is malformed. */
function groupCount(run: string, last: boolean): number | null {
  if (run === '') return 0;
  const groups = run.split(':');
  let count = 0;
  for (const [index, group] of groups.entries()) {
    if (last && index === groups.length - 1 && group.includes('.')) {
      if (!isIpv4(group)) return null;
      count += 2;
    } else if (IPV6_GROUP.test(group)) {
      count += 1;
    } else {
      return null;
    }
  }
  return count;
}

function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const [head = '', tail] = halves;
  if (tail === undefined) return groupCount(head, true) === 8;
  const before = groupCount(head, false);
  const after = groupCount(tail, true);
  return before !== null && after !== null && before + after <= 7;
}

/**
 * Why `text` is not a network in CIDR notation (`10.30.0.0/24`, `fd00:30::/64`), or null when it
 * is. Host bits after the prefix are allowed, as the server allows them: the prefix decides.
 * @example cidrProblem('10.30.0.0/33') // → 'An IPv4 prefix is 0 to 32.'
 */
export function cidrProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return 'Enter a network such as 10.30.0.0/24.';
  if (value.length > MAX_CIDR_CHARS) return 'That is too long for a network.';
  const slash = value.indexOf('/');
  if (slash === -1) return 'Add the prefix length, such as /24.';
  const address = value.slice(0, slash);
  const prefix = value.slice(slash + 1);
  if (!PREFIX.test(prefix)) return 'The prefix length is a number, such as 24.';
  if (address.includes(':')) {
    if (!isIpv6(address)) return 'That is not an IPv6 address.';
    return Number(prefix) <= 128 ? null : 'An IPv6 prefix is 0 to 128.';
  }
  if (!isIpv4(address)) return 'That is not an IPv4 address (four numbers 0–255).';
  return Number(prefix) <= 32 ? null : 'An IPv4 prefix is 0 to 32.';
}

/**
 * One problem per entry (null where the entry is fine), checking duplicates too. Entries are
 * compared as typed, lower-cased, so `FD00::/8` and `fd00::/8` count as one.
 */
export function cidrListProblems(cidrs: readonly string[]): (string | null)[] {
  const seen = new Set<string>();
  return cidrs.map((cidr) => {
    const problem = cidrProblem(cidr);
    if (problem !== null) return problem;
    const key = cidr.trim().toLowerCase();
    if (seen.has(key)) return 'This network is already listed.';
    seen.add(key);
    return null;
  });
}

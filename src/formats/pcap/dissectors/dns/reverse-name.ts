/**
 * The address a reverse-lookup name stands for (RFC 1035 §3.5 `in-addr.arpa`, RFC 3596 §2.5
 * `ip6.arpa`), so a PTR answer can name the address it describes.
 */
import { formatIpv6 } from '../../addresses.js';

const IN_ADDR = '.in-addr.arpa';
const IP6 = '.ip6.arpa';

/**
 * `4.3.2.1.in-addr.arpa` → `1.2.3.4`; a full 32-nibble `ip6.arpa` name → RFC 5952 text; anything
 * else (a partial zone such as `3.2.1.in-addr.arpa`, a service name) → null.
 */
export function reverseNameToIp(name: string): string | null {
  const lower = name.toLowerCase();
  if (lower.endsWith(IN_ADDR)) return ipv4From(lower.slice(0, -IN_ADDR.length));
  if (lower.endsWith(IP6)) return ipv6From(lower.slice(0, -IP6.length));
  return null;
}

function ipv4From(prefix: string): string | null {
  const parts = prefix.split('.');
  if (parts.length !== 4) return null;
  if (!parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.reverse().join('.');
}

function ipv6From(prefix: string): string | null {
  const nibbles = prefix.split('.');
  if (nibbles.length !== 32 || !nibbles.every((n) => /^[0-9a-f]$/.test(n))) return null;
  const hex = nibbles.reverse().join('');
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return formatIpv6(bytes);
}

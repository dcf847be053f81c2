/** Text forms of link and network addresses, as Wardline's inventory stores them. */

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Text already made for an address, in a direct-mapped table indexed by a hash of its bytes, each
 * slot holding the bytes (as two 24-bit numbers) and the text. A capture repeats a few thousand addresses
 * millions of times: a hit costs two comparisons and hands back the same string each time; a
 * collision formats the address again and takes the slot. The size is fixed.
 */
class AddressCache {
  readonly #high = new Int32Array(ADDRESS_CACHE_SLOTS).fill(-1);
  readonly #low = new Int32Array(ADDRESS_CACHE_SLOTS);
  readonly #text: (string | undefined)[] = new Array<string | undefined>(ADDRESS_CACHE_SLOTS);

  get(high: number, low: number): string | undefined {
    const slot = hashSlot(high, low);
    return this.#high[slot] === high && this.#low[slot] === low ? this.#text[slot] : undefined;
  }

  set(high: number, low: number, text: string): void {
    const slot = hashSlot(high, low);
    this.#high[slot] = high;
    this.#low[slot] = low;
    this.#text[slot] = text;
  }
}

const ADDRESS_CACHE_SLOTS = 8_192;

function hashSlot(high: number, low: number): number {
  return (
    (Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b) >>> 19) & (ADDRESS_CACHE_SLOTS - 1)
  );
}

const macCache = new AddressCache();
const ipv4Cache = new AddressCache();

/** `aa:bb:cc:dd:ee:ff`, lower case; any length (DHCP client ids are formatted the same way). */
export function formatMac(bytes: Uint8Array): string {
  if (bytes.length === 6) return macAt(bytes, 0);
  return Array.from(bytes, (b) => HEX[b] ?? '00').join(':');
}

/** The 6-byte MAC at `at` (the caller has checked the bounds). */
export function macAt(bytes: Uint8Array, at: number): string {
  const high = ((bytes[at] ?? 0) << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
  const low = ((bytes[at + 3] ?? 0) << 16) | ((bytes[at + 4] ?? 0) << 8) | (bytes[at + 5] ?? 0);
  let text = macCache.get(high, low);
  if (text === undefined) {
    text = `${hex(high >> 16)}:${hex((high >> 8) & 0xff)}:${hex(high & 0xff)}:${hex(low >> 16)}:${hex((low >> 8) & 0xff)}:${hex(low & 0xff)}`;
    macCache.set(high, low, text);
  }
  return text;
}

function hex(byte: number): string {
  return HEX[byte] ?? '00';
}

export function formatIpv4(bytes: Uint8Array): string {
  return ipv4At(bytes, 0);
}

/** The IPv4 address at `at` in dotted-quad text (the caller has checked the bounds). */
export function ipv4At(bytes: Uint8Array, at: number): string {
  const high = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  const low = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
  let text = ipv4Cache.get(high, low);
  if (text === undefined) {
    text = `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
    ipv4Cache.set(high, low, text);
  }
  return text;
}

/** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as `::`. */
export function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

/** Parses dotted-quad IPv4 text; for the test frame builder. */
export function parseIpv4(text: string): Uint8Array {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new RangeError(`Not an IPv4 address: ${text}`);
  }
  return Uint8Array.from(parts);
}

/** Parses `aa:bb:cc:dd:ee:ff`; for the test frame builder. */
export function parseMac(text: string): Uint8Array {
  const parts = text.split(':').map((p) => Number.parseInt(p, 16));
  if (parts.length !== 6 || parts.some((p) => Number.isNaN(p) || p < 0 || p > 255)) {
    throw new RangeError(`Not a MAC address: ${text}`);
  }
  return Uint8Array.from(parts);
}

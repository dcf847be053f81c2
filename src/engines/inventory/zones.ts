/**
 * Which zone an asset sits in: the zone with the longest CIDR prefix containing one of its
 * addresses (IPv4 or IPv6); equal prefixes are decided by the VLAN, then by zone id. When no CIDR
 * contains any address, the one zone on the asset's VLAN, if exactly one is. Zones are compiled
 * once into a matcher (per prefix length, a hash of networks) so 100k assets take milliseconds.
 *
 * @example
 * const zones = [
 *   { id: 'zon_img', siteId: 's', name: 'Imaging', kind: 'imaging', cidrs: ['10.20.0.0/16'], vlan: 20, description: null },
 *   { id: 'zon_ct', siteId: 's', name: 'CT suite', kind: 'imaging', cidrs: ['10.20.5.0/24'], vlan: null, description: null },
 * ];
 * assignZone(['10.20.5.7'], null, zones);
 * // → { zoneId: 'zon_ct', reason: '10.20.5.7 is in 10.20.5.0/24 (CT suite)' }
 * assignZone([], 20, zones); // → { zoneId: 'zon_img', reason: 'VLAN 20 (Imaging)' }
 */
import ipaddr from 'ipaddr.js';
import type { Zone } from '../../domain/inventory.js';
import { ipv4Number, normalizeIp } from './identifiers.js';

/** The zone an asset belongs to, and why in plain words. */
export interface ZoneAssignment {
  readonly zoneId: string;
  readonly reason: string;
}

interface Network {
  readonly zone: Zone;
  readonly cidr: string;
}

/** Networks of one family: per prefix length (longest first), network address → zones. */
interface FamilyTable<K> {
  readonly lengths: number[];
  readonly byLength: Map<number, Map<K, Network[]>>;
  /** The network address of `address` under a prefix `length`. */
  readonly mask: (address: K, length: number) => K;
}

/** Zones compiled for fast assignment (`compileZones`). */
export interface ZoneMatcher {
  match(ips: readonly string[], vlan: number | null): ZoneAssignment | null;
  /** Zone CIDRs that are not valid networks (they match nothing). */
  readonly invalid: readonly { readonly zoneId: string; readonly cidr: string }[];
}

function toBigInt(parts: readonly number[], bitsPerPart: bigint): bigint {
  let value = 0n;
  for (const part of parts) value = (value << bitsPerPart) | BigInt(part);
  return value;
}

/** IPv4 as unsigned 32-bit numbers. */
function ipv4Table(): FamilyTable<number> {
  return {
    lengths: [],
    byLength: new Map(),
    mask: (address, length) =>
      length === 0 ? 0 : (address - (address % 2 ** (32 - length))) >>> 0,
  };
}

const V6_MASKS = Array.from({ length: 129 }, (_, length) =>
  length === 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(128 - length),
);

/** IPv6 as 128-bit BigInts, one precomputed mask per prefix length. */
function ipv6Table(): FamilyTable<bigint> {
  return {
    lengths: [],
    byLength: new Map(),
    mask: (address, length) => address & (V6_MASKS[length] ?? 0n),
  };
}

function addNetwork<K>(table: FamilyTable<K>, address: K, length: number, network: Network) {
  let byNetwork = table.byLength.get(length);
  if (byNetwork === undefined) {
    byNetwork = new Map();
    table.byLength.set(length, byNetwork);
    table.lengths.push(length);
    table.lengths.sort((a, b) => b - a);
  }
  const key = table.mask(address, length);
  const list = byNetwork.get(key);
  if (list === undefined) byNetwork.set(key, [network]);
  else list.push(network);
}

interface Hit {
  readonly network: Network;
  readonly length: number;
  readonly ip: string;
}

function lookup<K>(table: FamilyTable<K>, address: K, ip: string): Hit[] {
  for (const length of table.lengths) {
    const found = table.byLength.get(length)?.get(table.mask(address, length));
    if (found !== undefined) return found.map((network) => ({ network, length, ip }));
  }
  return [];
}

type ParsedIp = { readonly v4: number } | { readonly v6: bigint };

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The 16-bit groups of one side of an IPv6 address (an IPv4 tail counts as two), or null. */
function ipv6Groups(part: string, last: boolean): number[] | null {
  if (part === '') return [];
  const texts = part.split(':');
  const groups: number[] = [];
  for (let i = 0; i < texts.length; i += 1) {
    const text = texts[i] ?? '';
    if (last && i === texts.length - 1 && text.includes('.')) {
      const v4 = ipv4Number(text);
      if (v4 === null) return null;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (HEX_GROUP.test(text)) {
      groups.push(Number.parseInt(text, 16));
    } else {
      return null;
    }
  }
  return groups;
}

/** An IPv6 address (RFC 4291 §2.2 text forms, no zone index) as eight 16-bit groups, or null. */
function ipv6Parts(text: string): number[] | null {
  const gap = text.indexOf('::');
  if (gap !== -1 && text.includes('::', gap + 1)) return null;
  const head = ipv6Groups(gap === -1 ? text : text.slice(0, gap), gap === -1);
  const tail = gap === -1 ? [] : ipv6Groups(text.slice(gap + 2), true);
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (gap === -1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<number>(gap === -1 ? 0 : missing).fill(0), ...tail];
}

/** An address as a number (IPv4, also when written IPv4-mapped) or a BigInt (IPv6). */
function parseIp(text: string): ParsedIp | null {
  const v4 = ipv4Number(text);
  if (v4 !== null) return { v4 };
  const trimmed = text.trim();
  const percent = trimmed.indexOf('%');
  const parts = ipv6Parts(percent === -1 ? trimmed : trimmed.slice(0, percent));
  if (parts === null) return null;
  const mapped = parts.slice(0, 5).every((p) => p === 0) && parts[5] === 0xffff;
  if (mapped) return { v4: (parts[6] ?? 0) * 65536 + (parts[7] ?? 0) };
  return { v6: toBigInt(parts, 16n) };
}

function better(a: Hit, b: Hit, vlan: number | null): boolean {
  if (a.length !== b.length) return a.length > b.length;
  const aVlan = vlan !== null && a.network.zone.vlan === vlan;
  const bVlan = vlan !== null && b.network.zone.vlan === vlan;
  if (aVlan !== bVlan) return aVlan;
  return a.network.zone.id < b.network.zone.id;
}

/** Compiles zones into a matcher; invalid CIDRs are listed and ignored. */
export function compileZones(zones: readonly Zone[]): ZoneMatcher {
  const v4 = ipv4Table();
  const v6 = ipv6Table();
  const invalid: { zoneId: string; cidr: string }[] = [];
  const byVlan = new Map<number, Zone[]>();
  for (const zone of zones) {
    if (zone.vlan !== null) byVlan.set(zone.vlan, [...(byVlan.get(zone.vlan) ?? []), zone]);
    for (const cidr of zone.cidrs) {
      if (!ipaddr.isValidCIDR(cidr)) {
        invalid.push({ zoneId: zone.id, cidr });
        continue;
      }
      const [address, length] = ipaddr.parseCIDR(cidr);
      if (address.kind() === 'ipv4') {
        const value = toBigInt(address.toByteArray(), 8n);
        addNetwork(v4, Number(value), length, { zone, cidr });
      } else {
        addNetwork(v6, toBigInt((address as ipaddr.IPv6).parts, 16n), length, { zone, cidr });
      }
    }
  }
  return {
    invalid,
    match(ips, vlan) {
      let best: Hit | null = null;
      for (const text of ips) {
        const parsed = parseIp(text);
        if (parsed === null) continue;
        const hits = 'v4' in parsed ? lookup(v4, parsed.v4, text) : lookup(v6, parsed.v6, text);
        for (const hit of hits) if (best === null || better(hit, best, vlan)) best = hit;
      }
      if (best !== null) {
        const { zone } = best.network;
        const ip = normalizeIp(best.ip) ?? best.ip;
        return { zoneId: zone.id, reason: `${ip} is in ${best.network.cidr} (${zone.name})` };
      }
      const onVlan = vlan === null ? [] : (byVlan.get(vlan) ?? []);
      const only = onVlan.length === 1 ? onVlan[0] : undefined;
      return only === undefined ? null : { zoneId: only.id, reason: `VLAN ${vlan} (${only.name})` };
    },
  };
}

const compiled = new WeakMap<readonly Zone[], ZoneMatcher>();

/**
 * The zone for an asset's addresses and VLAN, or null. Pass a `ZoneMatcher` (from `compileZones`)
 * when assigning many assets; a zone array is compiled once per array and cached.
 */
export function assignZone(
  ips: readonly string[],
  vlan: number | null,
  zones: readonly Zone[] | ZoneMatcher,
): ZoneAssignment | null {
  if (!Array.isArray(zones)) return (zones as ZoneMatcher).match(ips, vlan);
  const list = zones as readonly Zone[];
  let matcher = compiled.get(list);
  if (matcher === undefined) {
    matcher = compileZones(list);
    compiled.set(list, matcher);
  }
  return matcher.match(ips, vlan);
}

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
import { normalizeIp } from './identifiers.js';

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
interface FamilyTable {
  readonly lengths: number[];
  readonly byLength: Map<number, Map<bigint, Network[]>>;
}

/** Zones compiled for fast assignment (`compileZones`). */
export interface ZoneMatcher {
  match(ips: readonly string[], vlan: number | null): ZoneAssignment | null;
  /** Zone CIDRs that are not valid networks (they match nothing). */
  readonly invalid: readonly { readonly zoneId: string; readonly cidr: string }[];
}

function toBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function masked(value: bigint, bits: number, length: number): bigint {
  const hostBits = BigInt(bits - length);
  return (value >> hostBits) << hostBits;
}

function emptyTable(): FamilyTable {
  return { lengths: [], byLength: new Map() };
}

function addNetwork(
  table: FamilyTable,
  bits: number,
  address: bigint,
  length: number,
  network: Network,
) {
  let byNetwork = table.byLength.get(length);
  if (byNetwork === undefined) {
    byNetwork = new Map();
    table.byLength.set(length, byNetwork);
    table.lengths.push(length);
    table.lengths.sort((a, b) => b - a);
  }
  const key = masked(address, bits, length);
  const list = byNetwork.get(key);
  if (list === undefined) byNetwork.set(key, [network]);
  else list.push(network);
}

interface Hit {
  readonly network: Network;
  readonly length: number;
  readonly ip: string;
}

function lookup(table: FamilyTable, bits: number, address: bigint, ip: string): Hit[] {
  for (const length of table.lengths) {
    const found = table.byLength.get(length)?.get(masked(address, bits, length));
    if (found !== undefined) return found.map((network) => ({ network, length, ip }));
  }
  return [];
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
  const v4 = emptyTable();
  const v6 = emptyTable();
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
      const bits = address.kind() === 'ipv4' ? 32 : 128;
      addNetwork(bits === 32 ? v4 : v6, bits, toBigInt(address.toByteArray()), length, {
        zone,
        cidr,
      });
    }
  }
  return {
    invalid,
    match(ips, vlan) {
      let best: Hit | null = null;
      for (const text of ips) {
        const ip = normalizeIp(text);
        if (ip === null) continue;
        const address = ipaddr.parse(ip);
        const bits = address.kind() === 'ipv4' ? 32 : 128;
        const table = bits === 32 ? v4 : v6;
        for (const hit of lookup(table, bits, toBigInt(address.toByteArray()), ip)) {
          if (best === null || better(hit, best, vlan)) best = hit;
        }
      }
      if (best !== null) {
        const { zone } = best.network;
        return { zoneId: zone.id, reason: `${best.ip} is in ${best.network.cidr} (${zone.name})` };
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

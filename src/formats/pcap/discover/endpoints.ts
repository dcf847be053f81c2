/**
 * What discovery learns per IP address and per MAC address while it reads a capture, and the rule
 * that decides, at the end, whether an address's MAC can be trusted to name its device.
 *
 * The MAC in a frame names the device only when sender and receiver share the L2 segment: traffic
 * from another subnet arrives with the router's MAC, which then fronts many IP addresses. So an
 * IP's MAC is trusted when ARP or DHCP bound them (both are L2-local, and DHCP's `chaddr` survives
 * relays), or when all of these hold:
 * - the address sent frames from that MAC, and no other MAC sent for it;
 * - it sent at least one packet with an initial TTL (32, 60, 64, 128, 255): a router decrements
 *   the TTL, so a packet from another subnet never arrives with one;
 * - the MAC carried (as sender or as next hop) no other IPv4 address and at most `maxIpv6PerMac`
 *   IPv6 ones (a host's link-local, SLAAC and privacy addresses).
 */
import type { ObservedHostname, TransportProtocol } from '../../../domain/observation.js';
import type { PacketSummary } from '../packet-summary.js';
import { CapCounter } from './diagnostics.js';
import { FactsAccumulator, type FactBudget } from './facts.js';
import type { DiscoveryLimits } from './limits.js';

/** A service on an address: the server side of its conversations. */
export interface ServiceRecord {
  readonly transport: TransportProtocol;
  readonly port: number;
  name: string | null;
  tls: boolean;
}

/** Facts, names and services reported about one address. */
class Reported {
  facts: FactsAccumulator | null = null;
  hostnames: ObservedHostname[] | null = null;
  lastSeenMicros = -1;
  vlan: number | null = null;

  touch(micros: number, vlan: number | null): void {
    if (micros > this.lastSeenMicros) this.lastSeenMicros = micros;
    this.vlan ??= vlan;
  }
}

/** What discovery learned about one IP address. */
export class IpRecord extends Reported {
  /**
   * Sent a packet, or was bound to a MAC by ARP or a DHCP server: only such an address is a
   * device. One that only ever received (a scanner's target that never answered, a DHCP offer
   * not taken) appears in conversations but not as a device.
   */
  seen = false;
  /** The MAC frames carried for this address: as sender when it ever sent, else as receiver. */
  wireMac: string | null = null;
  wireMacFromSender = false;
  /** Sent from two different MACs (VRRP, an address conflict, a spoofer): no MAC is trusted. */
  macConflict = false;
  /** The last other MAC linked to this address, so repeated frames cost one comparison. */
  otherMac: string | null = null;
  /** The MAC ARP or DHCP bound to this address, the latest. */
  boundMac: string | null = null;
  /** Sent a packet whose TTL (hop limit) no router had decremented. */
  initialTtl = false;
  services: Map<string, ServiceRecord> | null = null;

  constructor(readonly ip: string) {
    super();
  }
}

/** What discovery learned about one MAC address, and the addresses it carried. */
export class MacRecord extends Reported {
  readonly ipv4: string[] = [];
  readonly ipv6: string[] = [];
  /** Carried more addresses than one host has: a router, a NAT, a bridge. */
  shared = false;

  constructor(readonly mac: string) {
    super();
  }

  link(ip: string, maxIpv6: number): void {
    if (this.shared) return;
    const list = ip.includes(':') ? this.ipv6 : this.ipv4;
    if (list.includes(ip)) return;
    list.push(ip);
    this.shared = this.ipv4.length > 1 || this.ipv6.length > maxIpv6;
  }
}

/** The address tables, bounded by `maxAddresses` and `maxMacAddresses`. */
export class EndpointTable {
  readonly ips = new Map<string, IpRecord>();
  readonly macs = new Map<string, MacRecord>();
  readonly addressCap = new CapCounter();
  readonly budget: FactBudget;

  constructor(private readonly limits: DiscoveryLimits) {
    this.budget = { remaining: limits.maxFactValuesTotal, dropped: 0, firstDroppedOffset: 0 };
  }

  /** Takes the addresses of one IP packet: who was seen when, and which MAC carried them. */
  observe(packet: PacketSummary, micros: number, vlan: number | null): void {
    const ip = packet.ip;
    if (ip === null) return;
    const src = this.#endpoint(ip.src, micros, vlan, packet.offset);
    if (src !== null) {
      src.seen = true;
      if (!src.initialTtl && INITIAL_TTLS.has(ip.ttl)) src.initialTtl = true;
      if (packet.srcMac !== null && (src.wireMac !== packet.srcMac || !src.wireMacFromSender)) {
        this.#fromSender(src, packet.srcMac, packet.offset);
      }
    }
    const dstMac = packet.dstMac;
    // A frame to a group MAC (broadcast, multicast) says nothing about the receiver's address.
    if (dstMac !== null && isGroupMac(dstMac)) return;
    const dst = this.#endpoint(ip.dst, micros, vlan, packet.offset);
    if (dst !== null && dstMac !== null && dst.wireMac !== dstMac) {
      this.#toReceiver(dst, dstMac, packet.offset);
    }
  }

  /** ARP or DHCP bound `mac` to `ip`. */
  bind(mac: string, ip: string, micros: number, vlan: number | null, offset: number): void {
    if (!namesDevice(mac)) return;
    const record = this.ip(ip, offset);
    const macRecord = this.mac(mac, offset);
    if (record === null || macRecord === null) return;
    record.seen = true;
    record.touch(micros, vlan);
    macRecord.touch(micros, vlan);
    record.boundMac = mac;
    macRecord.link(ip, this.limits.maxIpv6PerMac);
  }

  /** The record of a unicast address, created when there is room; null otherwise. */
  ip(ip: string, offset: number): IpRecord | null {
    let record = this.ips.get(ip);
    if (record !== undefined) return record;
    if (!isUnicastIp(ip)) return null;
    if (this.ips.size >= this.limits.maxAddresses) {
      this.addressCap.hit(offset);
      return null;
    }
    record = new IpRecord(ip);
    this.ips.set(ip, record);
    return record;
  }

  mac(mac: string, offset: number): MacRecord | null {
    let record = this.macs.get(mac);
    if (record !== undefined) return record;
    if (this.macs.size >= this.limits.maxMacAddresses) {
      this.addressCap.hit(offset);
      return null;
    }
    record = new MacRecord(mac);
    this.macs.set(mac, record);
    return record;
  }

  /** The MAC that names this address's device, or null when only the address does. */
  trustedMac(record: IpRecord): string | null {
    if (record.boundMac !== null) return record.boundMac;
    if (record.wireMac === null || !record.wireMacFromSender) return null;
    if (record.macConflict || !record.initialTtl) return null;
    const mac = this.macs.get(record.wireMac);
    return mac === undefined || mac.shared ? null : record.wireMac;
  }

  addHostname(target: Reported, hostname: ObservedHostname): void {
    const names = (target.hostnames ??= []);
    if (names.some((h) => h.name === hostname.name && h.origin === hostname.origin)) return;
    if (names.length < this.limits.maxHostnamesPerDevice) names.push(hostname);
  }

  facts(target: Reported): FactsAccumulator {
    return (target.facts ??= new FactsAccumulator(this.budget, this.limits.maxListValues));
  }

  addService(
    record: IpRecord,
    service: Omit<ServiceRecord, 'name' | 'tls'>,
    name: string | null,
    tls: boolean,
  ): void {
    const services = (record.services ??= new Map<string, ServiceRecord>());
    const key = `${service.transport}/${service.port}`;
    const known = services.get(key);
    if (known !== undefined) {
      known.name ??= name;
      known.tls ||= tls;
      return;
    }
    if (services.size < this.limits.maxServicesPerDevice) {
      services.set(key, { ...service, name, tls });
    }
  }

  #endpoint(ip: string, micros: number, vlan: number | null, offset: number): IpRecord | null {
    const record = this.ip(ip, offset);
    if (record === null) return null;
    if (micros > record.lastSeenMicros) record.lastSeenMicros = micros;
    record.vlan ??= vlan;
    return record;
  }

  #fromSender(record: IpRecord, mac: string, offset: number): void {
    if (!namesDevice(mac)) return;
    if (record.wireMac === mac) {
      record.wireMacFromSender = true;
      return;
    }
    if (record.wireMac !== null && record.wireMacFromSender) {
      if (record.otherMac === mac) return;
      // A second sender MAC for one address.
      record.macConflict = true;
      record.otherMac = mac;
    } else {
      record.wireMac = mac;
      record.wireMacFromSender = true;
    }
    this.mac(mac, offset)?.link(record.ip, this.limits.maxIpv6PerMac);
  }

  #toReceiver(record: IpRecord, mac: string, offset: number): void {
    if (record.otherMac === mac || !namesDevice(mac)) return;
    if (record.wireMac === null) record.wireMac = mac;
    else record.otherMac = mac;
    // The MAC is this address's next hop: its own, or a router's that fronts it.
    this.mac(mac, offset)?.link(record.ip, this.limits.maxIpv6PerMac);
  }
}

/** Initial TTLs (hop limits) of the common IP stacks: Linux and macOS 64, Windows 128, network gear 255. */
const INITIAL_TTLS: ReadonlySet<number> = new Set([32, 60, 64, 128, 255]);

/** The I/G bit of the first octet: broadcast and multicast MACs name no single device. */
export function isGroupMac(mac: string): boolean {
  // The second hex digit of `aa:…` holds the bit; read it without parsing the string.
  const c = mac.charCodeAt(1);
  const digit = c <= 57 ? c - 48 : (c | 32) - 87;
  return (digit & 1) === 1;
}

const ZERO_MAC = '00:00:00:00:00:00';

/** A MAC that can name one device: unicast, and not the zeros a loopback or cooked capture shows. */
export function namesDevice(mac: string): boolean {
  return mac !== ZERO_MAC && !isGroupMac(mac);
}

/**
 * Whether an address can name one device: not unspecified, limited broadcast or multicast
 * (224.0.0.0/4, ff00::/8). Subnet broadcasts are caught by their frame's broadcast MAC instead.
 */
export function isUnicastIp(ip: string): boolean {
  if (ip.includes(':')) return ip !== '::' && !ip.toLowerCase().startsWith('ff');
  if (ip === '0.0.0.0' || ip === '255.255.255.255') return false;
  const first = Number.parseInt(ip, 10);
  return first < 224;
}

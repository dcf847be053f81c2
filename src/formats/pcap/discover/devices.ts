/**
 * Turns the address records of a finished capture into one `DeviceObservation` per device, and
 * the conversation records into `ObservedFlow`s.
 *
 * A device is a trusted MAC (see `endpoints.ts`) with every IP address it names, or else one IP
 * address on its own. Only addresses seen in traffic (or bound by ARP or DHCP) become devices: a
 * name in a DNS answer for an address that never spoke is not a device. A MAC whose facts came
 * from DHCP but that no address trusts (a client seen only asking) is a device of its own.
 */
import {
  EPHI_PROTOCOLS,
  emptyObservation,
  type DeviceObservation,
  type ObservationSource,
  type ObservedFlow,
  type ObservedHostname,
  type ObservedService,
  type ProtocolFacts,
} from '../../../domain/observation.js';
import type { ConversationRecord } from './conversations.js';
import type { EndpointTable, IpRecord, MacRecord } from './endpoints.js';
import { FactsAccumulator } from './facts.js';
import type { DiscoveryLimits } from './limits.js';

interface DeviceGroup {
  mac: string | null;
  macRecord: MacRecord | null;
  readonly ips: IpRecord[];
}

/** Turns capture microseconds into ISO 8601, with a fallback for captures without timestamps. */
export type TimeFormat = (micros: number) => string;

/** A `TimeFormat` that falls back to `fallback` for unknown times. */
export function timeFormat(fallback: string): TimeFormat {
  return (micros) => (micros < 0 ? fallback : new Date(Math.floor(micros / 1000)).toISOString());
}

/** The devices of a finished capture: trusted MACs with their addresses, and addresses on their own. */
export function groupDevices(endpoints: EndpointTable): DeviceGroup[] {
  const groups = new Map<string, DeviceGroup>();
  const group = (key: string, mac: string | null): DeviceGroup => {
    let found = groups.get(key);
    if (found === undefined) {
      found = { mac, macRecord: null, ips: [] };
      groups.set(key, found);
    }
    return found;
  };
  for (const record of endpoints.ips.values()) {
    if (!record.seen) continue;
    const mac = endpoints.trustedMac(record);
    group(mac ?? `ip:${record.ip}`, mac).ips.push(record);
  }
  for (const record of endpoints.macs.values()) {
    const reported = record.facts !== null || record.hostnames !== null;
    if (reported || groups.has(record.mac)) group(record.mac, record.mac).macRecord = record;
  }
  return [...groups.values()];
}

/** One device as a `DeviceObservation`: identifiers, VLAN, services and merged protocol facts. */
export function buildObservation(
  device: DeviceGroup,
  source: ObservationSource,
  limits: DiscoveryLimits,
  time: TimeFormat,
): DeviceObservation {
  const parts: (IpRecord | MacRecord)[] = [...device.ips];
  if (device.macRecord !== null) parts.push(device.macRecord);
  let lastSeen = -1;
  let vlan: number | null = null;
  const hostnames: ObservedHostname[] = [];
  const facts = new FactsAccumulator(
    { remaining: Number.MAX_SAFE_INTEGER, dropped: 0, firstDroppedOffset: 0 },
    limits.maxListValues,
  );
  for (const part of parts) {
    lastSeen = Math.max(lastSeen, part.lastSeenMicros);
    vlan ??= part.vlan;
    for (const h of part.hostnames ?? []) {
      const known = hostnames.some((k) => k.name === h.name && k.origin === h.origin);
      if (!known && hostnames.length < limits.maxHostnamesPerDevice) hostnames.push(h);
    }
    if (part.facts !== null) facts.absorb(part.facts, 0);
  }
  const protocols: ProtocolFacts = facts.toFacts();
  const base = emptyObservation(source, time(lastSeen));
  return {
    ...base,
    identifiers: {
      ...base.identifiers,
      mac: device.mac,
      ips: device.ips.slice(0, limits.maxIpsPerDevice).map((r) => r.ip),
      hostnames,
      aeTitles: [...(protocols.dicom?.aeTitles ?? [])],
    },
    vlan,
    services: services(device.ips, limits),
    protocols,
  };
}

function services(ips: readonly IpRecord[], limits: DiscoveryLimits): ObservedService[] {
  const byPort = new Map<string, ObservedService>();
  for (const record of ips) {
    for (const s of record.services?.values() ?? []) {
      const key = `${s.transport}/${s.port}`;
      const known = byPort.get(key);
      byPort.set(key, {
        transport: s.transport,
        port: s.port,
        name: known?.name ?? s.name,
        product: null,
        version: null,
        cpes: [],
        tls: s.tls || known?.tls === true,
      });
    }
  }
  const out = [...byPort.values()].sort((x, y) =>
    x.transport === y.transport ? x.port - y.port : x.transport < y.transport ? -1 : 1,
  );
  return out.slice(0, limits.maxServicesPerDevice);
}

/** One conversation as an `ObservedFlow`, with the trusted MACs of its ends. */
export function buildFlow(
  record: ConversationRecord,
  endpoints: EndpointTable,
  time: TimeFormat,
): ObservedFlow {
  const mac = (ip: string) => {
    const found = endpoints.ips.get(ip);
    return found === undefined ? null : endpoints.trustedMac(found);
  };
  const protocol = record.protocol ?? 'other';
  return {
    client: { ip: record.clientIp, mac: mac(record.clientIp), port: record.clientPort },
    server: { ip: record.serverIp, mac: mac(record.serverIp), port: record.serverPort },
    transport: record.transport,
    protocol,
    vlan: record.vlan,
    packets: record.packets,
    bytes: record.bytes,
    firstSeen: time(record.firstSeenMicros),
    lastSeen: time(record.lastSeenMicros),
    encrypted: record.encrypted,
    carriesEphi: EPHI_PROTOCOLS.includes(protocol),
  };
}

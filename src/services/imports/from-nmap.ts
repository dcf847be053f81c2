/**
 * An Nmap host as an inventory observation: its addresses and names, the open services `-sV`
 * identified, the software their CPEs name, and the operating system Nmap is surest of.
 */
import {
  emptyObservation,
  normalizeMac,
  type DeviceObservation,
  type ObservationSource,
  type ObservedHostname,
  type ObservedService,
  type ObservedSoftware,
} from '../../domain/observation.js';
import type { NmapHost, NmapOsMatch, NmapPort } from '../../formats/nmap/index.js';

/** An OS guess below this accuracy is not stated as the asset's OS. */
const MIN_OS_ACCURACY = 85;

/** The observation of one host that was up; `null` for hosts down or without an address. */
export function observeNmapHost(
  host: NmapHost,
  source: ObservationSource,
  fallbackTime: string,
): DeviceObservation | null {
  if (host.status !== 'up') return null;
  const macText = host.addresses.find((a) => a.kind === 'mac')?.value;
  const mac = macText === undefined ? null : normalizeMac(macText);
  const ips = host.addresses.filter((a) => a.kind !== 'mac').map((a) => a.value);
  if (mac === null && ips.length === 0) return null;
  const open = host.ports.filter((port) => port.state === 'open');
  const os = bestOs(host.osMatches);
  const base = emptyObservation(source, host.endTime ?? host.startTime ?? fallbackTime);
  return {
    ...base,
    identifiers: { ...base.identifiers, mac, ips, hostnames: hostnamesOf(host, open) },
    os: os?.name ?? null,
    services: open.flatMap(serviceOf),
    software: [...open.flatMap(softwareOfPort), ...osSoftware(os)],
  };
}

function hostnamesOf(host: NmapHost, open: readonly NmapPort[]): ObservedHostname[] {
  const names: ObservedHostname[] = host.hostnames.map((h) => ({
    name: h.name,
    origin: h.kind === 'PTR' ? 'dns-ptr' : 'scan',
  }));
  for (const port of open) {
    for (const script of port.scripts) {
      const cn = script.certificate?.subjectCommonName;
      if (cn !== undefined && cn !== null && isHostName(cn))
        names.push({ name: cn, origin: 'tls-certificate' });
    }
  }
  return names;
}

/** A certificate's common name is a host name unless it is a wildcard, an address or prose. */
function isHostName(text: string): boolean {
  return /^[a-z0-9]([a-z0-9-]{0,62})(\.[a-z0-9-]{1,63})*$/i.test(text) && !/^[0-9.]+$/.test(text);
}

function serviceOf(port: NmapPort): ObservedService[] {
  if (port.protocol === 'ip') return [];
  const service = port.service;
  const tls = service?.tunnel === 'ssl' || port.scripts.some((script) => script.id === 'ssl-cert');
  return [
    {
      transport: port.protocol,
      port: port.port,
      name: service?.name ?? null,
      product: service?.product ?? null,
      version: service?.version ?? null,
      cpes: service?.cpes ?? [],
      tls,
    },
  ];
}

function softwareOfPort(port: NmapPort): ObservedSoftware[] {
  const service = port.service;
  if (service === null || service.product === null) return [];
  const cpe = service.cpes.find((c) => c.startsWith('cpe:/a:')) ?? null;
  return [software('application', service.product, service.version, cpe)];
}

function bestOs(matches: readonly NmapOsMatch[]): NmapOsMatch | null {
  const best = [...matches].sort((a, b) => (b.accuracy ?? 0) - (a.accuracy ?? 0))[0];
  return best !== undefined && (best.accuracy ?? 0) >= MIN_OS_ACCURACY ? best : null;
}

function osSoftware(os: NmapOsMatch | null): ObservedSoftware[] {
  if (os === null) return [];
  const cpe = os.classes.flatMap((c) => c.cpes).find((c) => c.startsWith('cpe:/o:')) ?? null;
  return [software('operating-system', os.name, null, cpe)];
}

function software(
  kind: ObservedSoftware['kind'],
  name: string,
  version: string | null,
  cpe: string | null,
): ObservedSoftware {
  return { kind, name, version, supplier: null, purl: null, cpe, hashes: {}, endOfSupport: null };
}

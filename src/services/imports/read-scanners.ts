/**
 * Greenbone (OpenVAS) and Nessus reports as observations: each host's addresses, names, OS,
 * services and software, and the weaknesses the scanner reported (kept as scan findings until the
 * vulnerability capability prioritizes them).
 */
import {
  emptyObservation,
  normalizeMac,
  type DeviceObservation,
  type HostnameOrigin,
  type ObservationSource,
  type ObservedHostname,
  type ObservedSoftware,
  type TransportProtocol,
} from '../../domain/observation.js';
import {
  parseNessusXml,
  type NessusHost,
  type NessusHostname,
} from '../../formats/nessus/index.js';
import { parseOpenvasXml, type OpenvasHost } from '../../formats/openvas/index.js';
import { emptyReading, type Reader } from './reading.js';

export const readOpenvas: Reader = async (input, context) => {
  const reading = emptyReading();
  for await (const item of parseOpenvasXml(input, { source: context.source.name })) {
    if (context.signal.aborted) break;
    if (item.kind === 'host') {
      reading.observations.push(observeOpenvasHost(item.host, context.source, context.importedAt));
    } else if (item.kind === 'diagnostic') reading.diagnostics.push(item.diagnostic);
  }
  return reading;
};

export const readNessus: Reader = async (input, context) => {
  const reading = emptyReading();
  for await (const item of parseNessusXml(input, { source: context.source.name })) {
    if (context.signal.aborted) break;
    if (item.kind === 'host') {
      const observation = observeNessusHost(item.host, context.source, context.importedAt);
      if (observation !== null) reading.observations.push(observation);
    } else if (item.kind === 'diagnostic') {
      reading.diagnostics.push(item.diagnostic);
    }
  }
  return reading;
};

export function observeOpenvasHost(
  host: OpenvasHost,
  source: ObservationSource,
  fallbackTime: string,
): DeviceObservation {
  const base = emptyObservation(source, host.endTime ?? host.startTime ?? fallbackTime);
  return {
    ...base,
    identifiers: {
      ...base.identifiers,
      mac: host.mac === null ? null : normalizeMac(host.mac),
      ips: [host.ip],
      hostnames: host.hostnames.map((name) => ({ name, origin: 'scan' as const })),
    },
    os: host.osName,
    services: host.services.map((s) => ({
      transport: s.transport,
      port: s.port,
      name: s.name,
      product: null,
      version: null,
      cpes: host.applications
        .filter((app) => app.locations.includes(`${String(s.port)}/${s.transport}`))
        .map((app) => app.cpe),
      tls: false,
    })),
    software: [
      ...(host.osCpe === null
        ? []
        : [software('operating-system', host.osName ?? host.osCpe, host.osCpe)]),
      ...host.applications.map((app) => software('application', nameOfCpe(app.cpe), app.cpe)),
    ],
    scanFindings: host.findings.map((f) => ({
      scannerId: f.oid,
      title: f.name,
      severity: f.severity ?? f.cvssBase,
      cves: f.cves,
      port: f.port,
      transport: f.transport,
    })),
  };
}

const NESSUS_HOSTNAME_ORIGIN: Readonly<Record<NessusHostname['source'], HostnameOrigin>> = {
  fqdn: 'scan',
  rdns: 'dns-ptr',
  hostname: 'scan',
  netbios: 'netbios',
  'report-name': 'scan',
};

export function observeNessusHost(
  host: NessusHost,
  source: ObservationSource,
  fallbackTime: string,
): DeviceObservation | null {
  const mac = host.macs.map(normalizeMac).find((m) => m !== null) ?? null;
  if (mac === null && host.addresses.length === 0 && host.hostnames.length === 0) return null;
  const base = emptyObservation(source, host.endTime ?? host.startTime ?? fallbackTime);
  const hostnames: ObservedHostname[] = host.hostnames.map((h) => ({
    name: h.name,
    origin: NESSUS_HOSTNAME_ORIGIN[h.source],
  }));
  return {
    ...base,
    identifiers: { ...base.identifiers, mac, ips: host.addresses, hostnames },
    os: host.operatingSystems[0] ?? null,
    services: host.services.map((s) => ({
      transport: s.transport,
      port: s.port,
      name: s.name.replace(/\?$/, ''),
      product: null,
      version: null,
      cpes: [],
      tls: false,
    })),
    software: [
      ...host.cpes.map((c) =>
        software(
          c.cpe.startsWith('cpe:/o:') ? 'operating-system' : 'application',
          c.title ?? nameOfCpe(c.cpe),
          c.cpe,
        ),
      ),
      ...host.software.map((s) => ({
        ...software('application', s.name, null),
        version: s.version,
      })),
    ],
    scanFindings: host.findings
      .filter((f) => f.severity > 0 || f.cves.length > 0)
      .map((f) => ({
        scannerId: `nessus:${String(f.pluginId)}`,
        title: f.pluginName,
        severity: f.cvss3BaseScore ?? f.cvss2BaseScore,
        cves: f.cves,
        port: f.port === 0 ? null : f.port,
        transport: f.port === 0 ? null : (f.protocol as TransportProtocol | null),
      })),
  };
}

/** `cpe:/a:apache:http_server:2.4.41` → `apache http_server`. */
function nameOfCpe(cpe: string): string {
  const parts = cpe.replace(/^cpe:(\/|2\.3:)[aho]:/, '').split(':');
  return [parts[0], parts[1]].filter((p) => p !== undefined && p !== '').join(' ') || cpe;
}

function software(
  kind: ObservedSoftware['kind'],
  name: string,
  cpe: string | null,
): ObservedSoftware {
  const version = cpe?.replace(/^cpe:(\/|2\.3:)[aho]:/, '').split(':')[2] ?? null;
  return {
    kind,
    name,
    version: version === '' || version === '*' ? null : version,
    supplier: null,
    purl: null,
    cpe,
    hashes: {},
    endOfSupport: null,
  };
}

/**
 * What one source says about one device at one time: the unit every inventory import produces
 * (a scan host, a CMMS row, an SBOM's device, a device seen in a capture) and the inventory
 * engine merges into assets. An observation keeps its source, so every fact on an asset can say
 * where it came from.
 */
import type { AssetCategory, PatientSafetyImpact } from './inventory.js';

/** The kinds of source an observation can come from, in the words the UI shows. */
export const OBSERVATION_SOURCE_KINDS = [
  'nmap',
  'openvas',
  'nessus',
  'inventory',
  'sbom',
  'capture',
  'user',
] as const;
export type ObservationSourceKind = (typeof OBSERVATION_SOURCE_KINDS)[number];

export interface ObservationSource {
  readonly kind: ObservationSourceKind;
  /** What a person recognizes: the file name, or the user who typed it. */
  readonly name: string;
  /** The import that carried it, when there was one. */
  readonly importId: string | null;
}

/**
 * How a host name was learned. Order matters for conflicts: a name the device chose itself (DHCP)
 * or a person recorded beats a name a resolver or scanner guessed.
 */
export const HOSTNAME_ORIGINS = [
  'dhcp',
  'inventory',
  'user',
  'dicom',
  'netbios',
  'tls-certificate',
  'scan',
  'dns-ptr',
] as const;
export type HostnameOrigin = (typeof HOSTNAME_ORIGINS)[number];

export interface ObservedHostname {
  readonly name: string;
  readonly origin: HostnameOrigin;
}

export interface ObservedIdentifiers {
  /** Lower-case, colon-separated (`00:1b:63:84:45:e6`); null when unknown. */
  readonly mac: string | null;
  readonly ips: readonly string[];
  readonly hostnames: readonly ObservedHostname[];
  readonly serial: string | null;
  /** DICOM application entity titles the device used or answered to. */
  readonly aeTitles: readonly string[];
  /** The hospital's own tag (CMMS / CMDB asset number). */
  readonly assetTag: string | null;
}

export const TRANSPORT_PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;
export type TransportProtocol = (typeof TRANSPORT_PROTOCOLS)[number];

export interface ObservedService {
  readonly transport: TransportProtocol;
  readonly port: number;
  /** Application protocol name as the source gives it: `dicom`, `hl7`, `http`, `ssh`. */
  readonly name: string | null;
  readonly product: string | null;
  readonly version: string | null;
  /** CPE 2.2 URIs or 2.3 strings as the source wrote them. */
  readonly cpes: readonly string[];
  /** True when the service speaks TLS (scanner tunnel, or a handshake seen in traffic). */
  readonly tls: boolean;
}

export const SOFTWARE_KINDS = [
  'operating-system',
  'firmware',
  'application',
  'library',
  'device',
  'other',
] as const;
export type SoftwareKind = (typeof SOFTWARE_KINDS)[number];

export interface ObservedSoftware {
  readonly kind: SoftwareKind;
  readonly name: string;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  /** `{ 'SHA-256': 'ab…' }` */
  readonly hashes: Readonly<Record<string, string>>;
  /** ISO date the maker stops supporting it, when the SBOM or inventory says. */
  readonly endOfSupport: string | null;
}

/** A weakness a scanner reported (OpenVAS result, Nessus ReportItem); prioritized later. */
export interface ObservedScanFinding {
  /** The scanner's own id: OpenVAS NVT OID, Nessus plugin id. */
  readonly scannerId: string;
  readonly title: string;
  /** The scanner's severity, 0–10 (CVSS base score) when it gives one. */
  readonly severity: number | null;
  readonly cves: readonly string[];
  readonly port: number | null;
  readonly transport: TransportProtocol | null;
}

/** Facts read from a device's own traffic, per protocol. Absent when the protocol was not seen. */
export interface ProtocolFacts {
  readonly dicom?: {
    readonly aeTitles: readonly string[];
    readonly implementationClassUid: string | null;
    readonly implementationVersionName: string | null;
    /** Abstract syntax UIDs proposed or accepted: the SOP classes that reveal the modality. */
    readonly sopClasses: readonly string[];
    /** `scu` when it opened associations, `scp` when it accepted them. */
    readonly roles: readonly ('scu' | 'scp')[];
  };
  readonly hl7?: {
    readonly applications: readonly string[];
    readonly facilities: readonly string[];
    /** `ADT^A01`, `ORU^R01` */
    readonly messageTypes: readonly string[];
    readonly versions: readonly string[];
  };
  readonly dhcp?: {
    readonly hostname: string | null;
    readonly vendorClass: string | null;
    /** Option 55, the parameter request list, as comma-separated decimal codes. */
    readonly fingerprint: string | null;
    readonly clientId: string | null;
  };
  readonly tls?: {
    readonly sni: readonly string[];
    readonly ja3: readonly string[];
    readonly ja4: readonly string[];
    readonly certificates: readonly {
      readonly subject: string;
      readonly issuer: string;
      readonly notAfter: string;
    }[];
  };
  readonly http?: {
    readonly userAgents: readonly string[];
    readonly servers: readonly string[];
    readonly hosts: readonly string[];
  };
  readonly dns?: {
    readonly queries: readonly string[];
  };
}

/** What a person or a CMMS said outright; beats any inference. */
export interface DeclaredFacts {
  readonly name: string | null;
  readonly category: AssetCategory | null;
  readonly patientSafety: PatientSafetyImpact | null;
  readonly holdsEphi: boolean | null;
  readonly location: string | null;
  readonly owner: string | null;
  /** A zone or site named by the source, matched to Wardline's by name or code. */
  readonly zoneName: string | null;
  readonly siteCode: string | null;
}

export interface DeviceObservation {
  readonly source: ObservationSource;
  /** When the source saw it (scan time, capture time, export time), ISO 8601 UTC. */
  readonly observedAt: string;
  readonly identifiers: ObservedIdentifiers;
  readonly vendor: string | null;
  readonly model: string | null;
  readonly os: string | null;
  readonly firmware: string | null;
  /** 802.1Q VLAN the device was seen on, for zone assignment. */
  readonly vlan: number | null;
  readonly services: readonly ObservedService[];
  readonly software: readonly ObservedSoftware[];
  readonly scanFindings: readonly ObservedScanFinding[];
  readonly protocols: ProtocolFacts;
  readonly declared: DeclaredFacts;
}

/** An observation with nothing in it but its source and time; fill what the source knows. */
export function emptyObservation(source: ObservationSource, observedAt: string): DeviceObservation {
  return {
    source,
    observedAt,
    identifiers: { mac: null, ips: [], hostnames: [], serial: null, aeTitles: [], assetTag: null },
    vendor: null,
    model: null,
    os: null,
    firmware: null,
    vlan: null,
    services: [],
    software: [],
    scanFindings: [],
    protocols: {},
    declared: {
      name: null,
      category: null,
      patientSafety: null,
      holdsEphi: null,
      location: null,
      owner: null,
      zoneName: null,
      siteCode: null,
    },
  };
}

/** `00-1B-63-84-45-E6`, `001b.6384.45e6` → `00:1b:63:84:45:e6`; null when it is not a MAC. */
export function normalizeMac(text: string): string | null {
  const hex = text.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  if (hex.length !== 12 || !/^[0-9a-f:.\- ]+$/i.test(text.trim())) return null;
  return hex.replace(/(..)(?!$)/g, '$1:');
}

/** Application protocols the communication map names; anything else is `other`. */
export const APPLICATION_PROTOCOLS = [
  'dicom',
  'hl7',
  'tls',
  'http',
  'dns',
  'dhcp',
  'other',
] as const;
export type ApplicationProtocol = (typeof APPLICATION_PROTOCOLS)[number];

/** Protocols whose payload is patient data when it is not encrypted. */
export const EPHI_PROTOCOLS: readonly ApplicationProtocol[] = ['dicom', 'hl7'];

export interface FlowEndpointObservation {
  readonly ip: string;
  readonly mac: string | null;
  readonly port: number;
}

/** One conversation seen in traffic: who started it, who answered, what it carried. */
export interface ObservedFlow {
  readonly client: FlowEndpointObservation;
  readonly server: FlowEndpointObservation;
  readonly transport: TransportProtocol;
  readonly protocol: ApplicationProtocol;
  readonly vlan: number | null;
  readonly packets: number;
  readonly bytes: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** TLS was negotiated on it (or it is DICOM/HL7 inside TLS). */
  readonly encrypted: boolean;
  /** It carried DICOM or HL7: patient data, whether or not encrypted. */
  readonly carriesEphi: boolean;
}

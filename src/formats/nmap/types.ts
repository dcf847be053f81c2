/**
 * What one Nmap XML report says, as plain observations: no store ids, no merging. Field names
 * follow Wardline's vocabulary; each comment names the nmap.dtd 1.05 attribute it comes from.
 * Absent optional attributes are `null`; lists are empty, never absent.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';

export const NMAP_HOST_STATES = ['up', 'down', 'unknown', 'skipped'] as const;
export type NmapHostState = (typeof NMAP_HOST_STATES)[number];

export const NMAP_ADDRESS_KINDS = ['ipv4', 'ipv6', 'mac'] as const;
export type NmapAddressKind = (typeof NMAP_ADDRESS_KINDS)[number];

export const NMAP_HOSTNAME_KINDS = ['user', 'PTR'] as const;
export type NmapHostnameKind = (typeof NMAP_HOSTNAME_KINDS)[number];

export const NMAP_PORT_PROTOCOLS = ['ip', 'tcp', 'udp', 'sctp'] as const;
export type NmapPortProtocol = (typeof NMAP_PORT_PROTOCOLS)[number];

export interface NmapAddress {
  /** `address/@addrtype` */
  readonly kind: NmapAddressKind;
  /** `address/@addr` */
  readonly value: string;
  /** `address/@vendor`: the NIC maker Nmap looked up from a MAC's OUI. */
  readonly vendor: string | null;
}

export interface NmapHostname {
  readonly name: string;
  /**
   * `user` when given on the command line, `PTR` when from reverse DNS; `null` when Nmap wrote no
   * type or one outside nmap.dtd (scripts add e.g. `custom`).
   */
  readonly kind: NmapHostnameKind | null;
}

/** The `ssl-cert` script's certificate facts, from its `<table>`/`<elem>` children. */
export interface NmapCertificate {
  readonly subjectCommonName: string | null;
  readonly issuerCommonName: string | null;
  /** Every issuer field as `key=value`, joined with `/` in document order, as Nmap prints it. */
  readonly issuer: string | null;
  /** `validity/notBefore` and `validity/notAfter`, as Nmap wrote them (ISO 8601 without zone). */
  readonly notBefore: string | null;
  readonly notAfter: string | null;
}

export interface NmapScript {
  readonly id: string;
  readonly output: string;
  /** Only for `ssl-cert`; `null` for every other script. */
  readonly certificate: NmapCertificate | null;
}

export interface NmapService {
  readonly name: string;
  readonly product: string | null;
  readonly version: string | null;
  /** `service/@extrainfo` */
  readonly extraInfo: string | null;
  /** `service/@ostype` */
  readonly osType: string | null;
  /** `service/@tunnel`: `ssl` when Nmap spoke TLS to reach the service. */
  readonly tunnel: 'ssl' | null;
  /** `service/cpe` text, e.g. `cpe:/a:openbsd:openssh:7.4`. */
  readonly cpes: readonly string[];
}

export interface NmapPort {
  readonly protocol: NmapPortProtocol;
  /** `port/@portid`, 0–65535. */
  readonly port: number;
  /** `state/@state`: open, closed, filtered, open|filtered… */
  readonly state: string;
  /** `state/@reason`: syn-ack, reset, no-response… */
  readonly reason: string | null;
  readonly service: NmapService | null;
  readonly scripts: readonly NmapScript[];
}

export interface NmapOsClass {
  readonly vendor: string | null;
  /** `osclass/@osfamily` */
  readonly family: string | null;
  /** `osclass/@osgen` */
  readonly generation: string | null;
  /** `osclass/@type`: general purpose, router, media device… */
  readonly type: string | null;
  /** 0–100 */
  readonly accuracy: number | null;
  readonly cpes: readonly string[];
}

export interface NmapOsMatch {
  readonly name: string;
  /** 0–100 */
  readonly accuracy: number | null;
  readonly classes: readonly NmapOsClass[];
}

export interface NmapHost {
  readonly status: NmapHostState;
  /** `status/@reason`: arp-response, syn-ack, no-response… */
  readonly statusReason: string | null;
  readonly addresses: readonly NmapAddress[];
  readonly hostnames: readonly NmapHostname[];
  readonly ports: readonly NmapPort[];
  readonly osMatches: readonly NmapOsMatch[];
  /** `os/osclass` outside any `osmatch`, as Nmap before 5.x wrote them. */
  readonly osClasses: readonly NmapOsClass[];
  /** `hostscript/script` */
  readonly scripts: readonly NmapScript[];
  /** `host/@starttime` and `@endtime`, ISO 8601 UTC. */
  readonly startTime: string | null;
  readonly endTime: string | null;
}

/** The run as a whole: `nmaprun` and `runstats`. */
export interface NmapRun {
  readonly scanner: string | null;
  readonly args: string | null;
  readonly version: string | null;
  readonly xmlOutputVersion: string | null;
  /** `nmaprun/@start`, ISO 8601 UTC. */
  readonly startTime: string | null;
  /** `runstats/finished/@time`, ISO 8601 UTC; `null` when the run did not finish. */
  readonly finishedTime: string | null;
  readonly summary: string | null;
  /** `runstats/finished/@exit`: success or error. */
  readonly exit: string | null;
  readonly hostsUp: number | null;
  readonly hostsDown: number | null;
  readonly hostsTotal: number | null;
}

export const NMAP_DIAGNOSTIC_CODES = [
  'WL_NMAP_XML_MALFORMED',
  'WL_NMAP_HOST_INVALID',
  'WL_NMAP_TRUNCATED',
  'WL_NMAP_DTD_IGNORED',
  'WL_NMAP_LIMIT_EXCEEDED',
] as const;
export type NmapDiagnosticCode = (typeof NMAP_DIAGNOSTIC_CODES)[number];
export type NmapDiagnostic = Diagnostic<NmapDiagnosticCode>;

/** What the streaming parser yields: hosts as they complete, diagnostics, and the run at the end. */
export type NmapParseItem =
  | { readonly kind: 'host'; readonly host: NmapHost }
  | { readonly kind: 'diagnostic'; readonly diagnostic: NmapDiagnostic }
  | { readonly kind: 'run'; readonly run: NmapRun };

/** Everything from one report, for callers that want it whole (tests, small files). */
export interface NmapReport {
  readonly run: NmapRun;
  readonly hosts: readonly NmapHost[];
  readonly diagnostics: readonly NmapDiagnostic[];
}

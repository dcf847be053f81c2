/**
 * What one Nessus `.nessus` (v2) file says, as plain observations: no store ids, no merging across
 * files. Field names follow Wardline's vocabulary; each comment names the `.nessus` element, tag or
 * attribute it comes from. Absent values are `null`; lists are empty, never absent.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';

/** `ReportItem/@protocol`, lower-cased; anything else reads as `null`. */
export const NESSUS_PROTOCOLS = ['tcp', 'udp', 'sctp', 'icmp'] as const;
export type NessusProtocol = (typeof NESSUS_PROTOCOLS)[number];

/** `risk_factor`, as Nessus capitalizes it (Tenable WAS writes lower case; it is read alike). */
export const NESSUS_RISK_FACTORS = ['None', 'Low', 'Medium', 'High', 'Critical'] as const;
export type NessusRiskFactor = (typeof NESSUS_RISK_FACTORS)[number];

/** Where a host name came from, in the order names are listed. */
export const NESSUS_HOSTNAME_SOURCES = [
  'fqdn',
  'rdns',
  'hostname',
  'netbios',
  'report-name',
] as const;
export type NessusHostnameSource = (typeof NESSUS_HOSTNAME_SOURCES)[number];

/** Plugins whose output lists installed software: Windows (20811) and SSH package lists (22869). */
export const NESSUS_SOFTWARE_PLUGINS = [20811, 22869] as const;

export interface NessusHostname {
  readonly name: string;
  /** `host-fqdn`, `host-rdns`, `hostname`, `netbios-name` tags, or `ReportHost/@name`. */
  readonly source: NessusHostnameSource;
}

/** A platform Nessus matched: the `cpe` and `cpe-N` host tags. */
export interface NessusCpe {
  /** CPE 2.2 URI, e.g. `cpe:/a:php:php:5.6.40`. */
  readonly cpe: string;
  /** What follows ` -> ` in a `cpe-N` tag, e.g. `PHP PHP`. */
  readonly title: string | null;
}

/** An open port with a service name: a `ReportItem` with `port` > 0 and a `svc_name`. */
export interface NessusService {
  readonly transport: 'tcp' | 'udp' | 'sctp';
  /** 1–65535 */
  readonly port: number;
  /** `svc_name` of the first item on the port: `www`, `ssh`, `cifs`, `dicom?`… */
  readonly name: string;
}

/** A package or program read from plugin 20811 or 22869 output. */
export interface NessusSoftware {
  readonly name: string;
  readonly version: string | null;
  /** 20811's `[installed on 2021/03/02]`, as written. */
  readonly installedOn: string | null;
  readonly pluginId: number;
}

/** One `ReportItem`: a plugin's verdict about one port of the host. */
export interface NessusFinding {
  /** `@pluginID` */
  readonly pluginId: number;
  /** `@pluginName`, else `plugin_name`. */
  readonly pluginName: string;
  /** `@pluginFamily` */
  readonly pluginFamily: string | null;
  /** `@severity` on Nessus's scale: 0 info, 1 low, 2 medium, 3 high, 4 critical. */
  readonly severity: number;
  readonly riskFactor: NessusRiskFactor | null;
  /** `cvss_base_score` (or WAS `cvss`), 0.0–10.0. */
  readonly cvss2BaseScore: number | null;
  /** `cvss3_base_score` (or WAS `cvssv3`), 0.0–10.0. */
  readonly cvss3BaseScore: number | null;
  /** `cvss_vector`, e.g. `CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P`. */
  readonly cvss2Vector: string | null;
  /** `cvss3_vector`, e.g. `CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`. */
  readonly cvss3Vector: string | null;
  /** Every `cve` child, upper-case, unique, in order. */
  readonly cves: readonly string[];
  /** Every `cpe` child. */
  readonly cpes: readonly string[];
  /** `@port`, 0 for host-level findings. */
  readonly port: number;
  readonly protocol: NessusProtocol | null;
  /** `@svc_name`: `general` for port 0. */
  readonly serviceName: string | null;
  readonly synopsis: string | null;
  readonly solution: string | null;
  /** `plugin_output`, capped at `MAX_PLUGIN_OUTPUT_CHARS`. */
  readonly output: string | null;
  /** The output was cut to its cap, or dropped because the host's outputs passed theirs. */
  readonly outputTruncated: boolean;
}

/** One `ReportHost`. */
export interface NessusHost {
  /** `ReportHost/@name` as written: an address, a name, or (Tenable WAS) a URL. */
  readonly name: string;
  /** `host-ip`, and `@name` when it is an address; IPv4 or IPv6, unique. */
  readonly addresses: readonly string[];
  /** Unique by lower-case name, in `NESSUS_HOSTNAME_SOURCES` order. */
  readonly hostnames: readonly NessusHostname[];
  /** `mac-address` (one or more, newline-separated), lower-case and colon-separated. */
  readonly macs: readonly string[];
  /** `operating-system`: Nessus's candidates, one a line, best first. */
  readonly operatingSystems: readonly string[];
  /** `os`: the family, e.g. `linux`, `windows`. */
  readonly osFamily: string | null;
  /** `system-type`: `general-purpose`, `embedded`, `firewall`… */
  readonly systemType: string | null;
  readonly cpes: readonly NessusCpe[];
  /** `HOST_START_TIMESTAMP`, else `HOST_START`; ISO 8601 UTC. */
  readonly startTime: string | null;
  readonly endTime: string | null;
  /** In order of first appearance. */
  readonly services: readonly NessusService[];
  readonly software: readonly NessusSoftware[];
  /** In file order. */
  readonly findings: readonly NessusFinding[];
}

/** The file as a whole. */
export interface NessusScan {
  /** `Report/@name` */
  readonly reportName: string | null;
}

export const NESSUS_DIAGNOSTIC_CODES = [
  'WL_NESSUS_XML_MALFORMED',
  'WL_NESSUS_HOST_INVALID',
  'WL_NESSUS_ITEM_INVALID',
  'WL_NESSUS_VALUE_IGNORED',
  'WL_NESSUS_TEXT_TRUNCATED',
  'WL_NESSUS_TRUNCATED',
  'WL_NESSUS_DTD_IGNORED',
  'WL_NESSUS_LIMIT_EXCEEDED',
] as const;
export type NessusDiagnosticCode = (typeof NESSUS_DIAGNOSTIC_CODES)[number];
export type NessusDiagnostic = Diagnostic<NessusDiagnosticCode>;

/** What the streaming parser yields: hosts as their `ReportHost` closes, diagnostics, the scan last. */
export type NessusParseItem =
  | { readonly kind: 'host'; readonly host: NessusHost }
  | { readonly kind: 'diagnostic'; readonly diagnostic: NessusDiagnostic }
  | { readonly kind: 'scan'; readonly scan: NessusScan };

/** Everything from one file, for callers that want it whole (tests, small files). */
export interface NessusReport {
  readonly scan: NessusScan;
  readonly hosts: readonly NessusHost[];
  readonly diagnostics: readonly NessusDiagnostic[];
}

/**
 * What one Greenbone (GVM / OpenVAS) XML report says, as plain observations: no store ids, no
 * merging across reports. Field names follow Wardline's vocabulary; each comment names the GMP
 * report element it comes from. Absent values are `null`; lists are empty, never absent.
 */
import type { Diagnostic } from '../../domain/diagnostic.js';

/** Transports GVM writes in a result's `port` (`443/tcp`, `general/udp`). */
export const OPENVAS_TRANSPORTS = ['tcp', 'udp'] as const;
export type OpenvasTransport = (typeof OPENVAS_TRANSPORTS)[number];

/** `result/threat` values GVM 9–22 write; anything else reads as `null`. */
export const OPENVAS_THREATS = [
  'Critical',
  'High',
  'Medium',
  'Low',
  'Log',
  'Debug',
  'False Positive',
  'Error',
  'Alarm',
] as const;
export type OpenvasThreat = (typeof OPENVAS_THREATS)[number];

/** A port with a finding or named by a host detail. */
export interface OpenvasService {
  readonly transport: OpenvasTransport;
  /** 0–65535 */
  readonly port: number;
  /** From the `Services` host detail (`80,tcp,www` → `www`); `null` when only the port is known. */
  readonly name: string | null;
}

/** A product GVM identified on the host: an `App` host detail. */
export interface OpenvasApplication {
  /** CPE 2.2 URI as GVM wrote it, e.g. `cpe:/a:apache:http_server:2.4.41`. */
  readonly cpe: string;
  /** Where it was found: the values of the detail named by the CPE (`80/tcp`, `/usr/sbin/apache2`). */
  readonly locations: readonly string[];
}

/** One `result`: a test (NVT) that reported something about the host. */
export interface OpenvasFinding {
  /** `result/@id` */
  readonly resultId: string | null;
  /** `nvt/@oid`, e.g. `1.3.6.1.4.1.25623.1.0.832260`. */
  readonly oid: string;
  /** `nvt/name`, or `result/name` when the NVT has none. */
  readonly name: string;
  /** `nvt/family` */
  readonly family: string | null;
  /** `result/severity`, 0.0–10.0; `null` when absent or negative (GVM's false-positive and error marks). */
  readonly severity: number | null;
  /** `nvt/cvss_base`, 0.0–10.0. */
  readonly cvssBase: number | null;
  /** The first `nvt/severities/severity/value`, else the `cvss_base_vector` tag. */
  readonly cvssVector: string | null;
  readonly threat: OpenvasThreat | null;
  /** `result/qod/value`: quality of detection, 0–100. */
  readonly qod: number | null;
  /** `result/qod/type`: `remote_banner`, `registry`, `package`… */
  readonly qodType: string | null;
  /** `ref[@type=cve]/@id` (GVM ≥ 10) or the `nvt/cve` list (GVM 9), upper-case, unique, in order. */
  readonly cves: readonly string[];
  /** The number in `result/port`; `null` for `general/…` and `package`. */
  readonly port: number | null;
  readonly transport: OpenvasTransport | null;
  /** `result/port` as written: `443/tcp`, `general/tcp`, `package`. */
  readonly portText: string | null;
  /** `result/description`: what the test saw, capped at `MAX_DESCRIPTION_CHARS`. */
  readonly description: string | null;
  /** The `summary` tag. */
  readonly summary: string | null;
  /** `nvt/solution` (GVM ≥ 20), else the `solution` tag. */
  readonly solution: string | null;
  /** `nvt/solution/@type` or the `solution_type` tag: `VendorFix`, `Workaround`, `WillNotFix`… */
  readonly solutionType: string | null;
}

/** One scanned host: its results and its report-level `host` block, merged by address. */
export interface OpenvasHost {
  /** The address GVM keys the host by: result `host` text and `host/ip`. IPv4 or IPv6. */
  readonly ip: string;
  /** Result `host/hostname` and the `hostname` / `DNS-via-TargetDefinition` details, unique. */
  readonly hostnames: readonly string[];
  /** The `MAC` detail, lower-case and colon-separated. */
  readonly mac: string | null;
  /** The `best_os_txt` detail, e.g. `Microsoft Windows 10`. */
  readonly osName: string | null;
  /** The `best_os_cpe` detail, e.g. `cpe:/o:microsoft:windows_10`. */
  readonly osCpe: string | null;
  /** `host/start` and `host/end`, ISO 8601 UTC. */
  readonly startTime: string | null;
  readonly endTime: string | null;
  /** Sorted by transport, then port. */
  readonly services: readonly OpenvasService[];
  readonly applications: readonly OpenvasApplication[];
  /** In report order. */
  readonly findings: readonly OpenvasFinding[];
}

/** The scan as a whole, from the (inner) `report` element. */
export interface OpenvasScan {
  /** The inner `report/@id`. */
  readonly reportId: string | null;
  /** `gmp/version` (or `omp/version` before GVM 10). */
  readonly gmpVersion: string | null;
  /** `task/name` */
  readonly taskName: string | null;
  /** `scan_run_status`: `Done`, `Stopped`, `Interrupted`… */
  readonly scanRunStatus: string | null;
  /** `scan_start` and `scan_end`, ISO 8601 UTC. */
  readonly startTime: string | null;
  readonly endTime: string | null;
}

export const OPENVAS_DIAGNOSTIC_CODES = [
  'WL_OPENVAS_XML_MALFORMED',
  'WL_OPENVAS_HOST_INVALID',
  'WL_OPENVAS_RESULT_INVALID',
  'WL_OPENVAS_VALUE_IGNORED',
  'WL_OPENVAS_TEXT_TRUNCATED',
  'WL_OPENVAS_TRUNCATED',
  'WL_OPENVAS_DTD_IGNORED',
  'WL_OPENVAS_LIMIT_EXCEEDED',
] as const;
export type OpenvasDiagnosticCode = (typeof OPENVAS_DIAGNOSTIC_CODES)[number];
export type OpenvasDiagnostic = Diagnostic<OpenvasDiagnosticCode>;

/**
 * What the streaming parser yields. GVM writes a report's results before its host blocks, so hosts
 * come out when their `report` element closes (or the input ends), then the scan last, once.
 */
export type OpenvasParseItem =
  | { readonly kind: 'host'; readonly host: OpenvasHost }
  | { readonly kind: 'diagnostic'; readonly diagnostic: OpenvasDiagnostic }
  | { readonly kind: 'scan'; readonly scan: OpenvasScan };

/** Everything from one report, for callers that want it whole (tests, small files). */
export interface OpenvasReport {
  readonly scan: OpenvasScan;
  readonly hosts: readonly OpenvasHost[];
  readonly diagnostics: readonly OpenvasDiagnostic[];
}

import type { Diagnostic } from '../../domain/diagnostic.js';

export const SYSLOG_FACILITY_NAMES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
] as const;
export type SyslogFacilityName = (typeof SYSLOG_FACILITY_NAMES)[number];

export const SYSLOG_SEVERITY_NAMES = [
  'emerg',
  'alert',
  'crit',
  'err',
  'warning',
  'notice',
  'info',
  'debug',
] as const;
export type SyslogSeverityName = (typeof SYSLOG_SEVERITY_NAMES)[number];

export type SyslogFormat = 'rfc5424' | 'rfc3164';

/** SD-ID → PARAM-NAME → value. Null-prototype objects: keys come from the wire. */
export type SyslogStructuredData = Record<string, Record<string, string>>;

/** One syslog message, RFC 5424 or RFC 3164 (BSD), in one shape. */
export interface SyslogMessage {
  /** 0–23. */
  readonly facility: number;
  readonly facilityName: SyslogFacilityName;
  /** 0 (emerg) – 7 (debug). */
  readonly severity: number;
  readonly severityName: SyslogSeverityName;
  /** ISO 8601 UTC with milliseconds, or null when absent or unreadable. */
  readonly timestamp: string | null;
  readonly hostname: string | null;
  readonly appName: string | null;
  readonly procId: string | null;
  readonly msgId: string | null;
  readonly structuredData: SyslogStructuredData;
  readonly message: string;
  readonly format: SyslogFormat;
}

export const SYSLOG_DIAGNOSTIC_CODES = [
  'WL_SYSLOG_EMPTY',
  'WL_SYSLOG_PRI_MISSING',
  'WL_SYSLOG_PRI_INVALID',
  'WL_SYSLOG_VERSION_UNSUPPORTED',
  'WL_SYSLOG_HEADER_TRUNCATED',
  'WL_SYSLOG_FIELD_TOO_LONG',
  'WL_SYSLOG_TIMESTAMP_INVALID',
  'WL_SYSLOG_SD_MALFORMED',
  'WL_SYSLOG_SD_DUPLICATE',
  'WL_SYSLOG_SD_LIMIT',
  'WL_SYSLOG_MESSAGE_TOO_LONG',
  'WL_SYSLOG_FRAME_TOO_LONG',
  'WL_SYSLOG_FRAME_INCOMPLETE',
  'WL_SYSLOG_DIAGNOSTICS_LIMIT',
] as const;
export type SyslogDiagnosticCode = (typeof SYSLOG_DIAGNOSTIC_CODES)[number];
export type SyslogDiagnostic = Diagnostic<SyslogDiagnosticCode>;

export interface SyslogParseOptions {
  /** The name of the input, copied into diagnostics. */
  readonly source: string;
  /** When the message arrived: gives RFC 3164 timestamps their year. */
  readonly receivedAt: Date;
  /** Offset of the line in its stream, added to diagnostic offsets. Default 0. */
  readonly offset?: number;
  /** Minutes east of UTC that RFC 3164 local times are in. Default 0 (UTC). */
  readonly timeZoneOffsetMinutes?: number;
}

export interface SyslogParseResult {
  readonly message: SyslogMessage | null;
  readonly diagnostics: SyslogDiagnostic[];
}

import {
  SYSLOG_FACILITY_NAMES,
  SYSLOG_SEVERITY_NAMES,
  type SyslogFacilityName,
  type SyslogSeverityName,
} from './types.js';

export interface Priority {
  readonly facility: number;
  readonly facilityName: SyslogFacilityName;
  readonly severity: number;
  readonly severityName: SyslogSeverityName;
}

/** RFC 3164 section 4.3.3: a message without a PRI is user.notice (13). */
export const DEFAULT_PRI = 13;

export function priority(pri: number): Priority {
  const facility = Math.min(23, Math.max(0, Math.floor(pri / 8)));
  const severity = pri % 8;
  return {
    facility,
    facilityName: SYSLOG_FACILITY_NAMES[facility] ?? 'user',
    severity,
    severityName: SYSLOG_SEVERITY_NAMES[severity] ?? 'notice',
  };
}

export type PriRead =
  | { readonly kind: 'ok'; readonly pri: number; readonly end: number }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid' };

/** Reads `<PRI>` at the start of `line`: 1–3 digits, 0–191, no leading zero (except `<0>`). */
export function readPri(line: string): PriRead {
  if (!line.startsWith('<')) return { kind: 'missing' };
  const close = line.indexOf('>', 1);
  if (close < 2 || close > 4) return { kind: 'invalid' };
  const digits = line.slice(1, close);
  if (!/^(0|[1-9]\d{0,2})$/.test(digits)) return { kind: 'invalid' };
  const pri = Number(digits);
  if (pri > 191) return { kind: 'invalid' };
  return { kind: 'ok', pri, end: close + 1 };
}

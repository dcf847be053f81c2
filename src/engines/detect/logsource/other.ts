/** Syslog messages, health-record audit trails, and flat records of no recognised kind. */
import type { EventData, LogSource } from '../../../domain/detection.js';
import { AUDIT_TRAIL_CATEGORY, AUDIT_TRAIL_FIELDS } from '../../../domain/detection.js';
import { classifyCloud } from './cloud.js';
import { hostName } from './host.js';
import { collectIps } from './ips.js';
import { eventTime } from './time.js';
import type { Classified } from './types.js';
import { firstText, optional } from './values.js';

/** Whether a record is a parsed syslog message: facility or severity, and the message text. */
export function isSyslog(data: EventData): boolean {
  const header = ['facility', 'severity', 'priority'].some((key) => Object.hasOwn(data, key));
  return header && (typeof data.message === 'string' || typeof data.msg === 'string');
}

/** Syslog app names of Linux daemons Sigma has a service for. */
const LINUX_APPS: ReadonlyMap<string, string> = new Map([
  ['sshd', 'sshd'],
  ['sudo', 'sudo'],
  ['cron', 'cron'],
  ['crond', 'cron'],
  ['vsftpd', 'vsftpd'],
  ['clamd', 'clamav'],
  ['freshclam', 'clamav'],
  ['auditd', 'auditd'],
  ['audispd', 'auditd'],
  ['guacd', 'guacamole'],
]);

/**
 * A syslog message. A Linux daemon Sigma names (`sshd`, `sudo`, `cron`…) gives
 * `product: linux` and its service; any other is `service: syslog` without a product, which the
 * caller's hint may supply.
 */
export function classifySyslog(data: EventData): Classified {
  const app = firstText([data.appName, data.app, data.tag])?.toLowerCase();
  const service = app === undefined ? undefined : LINUX_APPS.get(app);
  const logsource: LogSource =
    service === undefined ? { service: 'syslog' } : { product: 'linux', service };
  const host = hostName(data.hostname ?? data.host);
  const time = eventTime(data.timestamp ?? data.time);
  return { logsource, ...optional({ time, host, ips: collectIps([data.hostname, data.host]) }) };
}

/** Fields that only a health-record access event carries, one of which must be present. */
const AUDIT_TRAIL_SPECIFIC = ['PatientId', 'ObjectType', 'UserRole', 'Purpose'] as const;
/** Audit-trail fields a record needs at least, specific ones included. */
const AUDIT_TRAIL_MIN_FIELDS = 3;

/** Whether a record is in the audit-trail fields: at least three, one of them specific. */
export function isAuditTrail(data: EventData): boolean {
  const count = AUDIT_TRAIL_FIELDS.filter((field) => Object.hasOwn(data, field)).length;
  return (
    count >= AUDIT_TRAIL_MIN_FIELDS && AUDIT_TRAIL_SPECIFIC.some((key) => Object.hasOwn(data, key))
  );
}

/** A health-record access event: category `health_record_access`; fhir or atna comes from the hint. */
export function classifyAuditTrail(data: EventData): Classified {
  const time = eventTime(data.Time ?? data.time ?? data.EventDateTime);
  return {
    logsource: { category: AUDIT_TRAIL_CATEGORY },
    ...optional({ time, ips: collectIps([data.SourceAddress]) }),
  };
}

const FLAT_TIME_FIELDS = [
  '@timestamp',
  'timestamp',
  'time',
  'eventTime',
  'EventTime',
  'UtcTime',
  'datetime',
  'date',
  'published',
  'createdDateTime',
] as const;
const FLAT_HOST_FIELDS = ['host', 'hostname', 'Computer', 'ComputerName', 'computer_name'] as const;
const FLAT_IP_FIELDS = [
  'src_ip',
  'dst_ip',
  'dest_ip',
  'source_ip',
  'destination_ip',
  'SourceIp',
  'DestinationIp',
  'IpAddress',
  'ipAddress',
  'client_ip',
  'c-ip',
  's-ip',
  'remote_addr',
] as const;

/** A flat record: a cloud log when its fields say so, otherwise no log source. */
export function classifyFlat(data: EventData): Classified {
  const cloud = classifyCloud(data);
  if (cloud !== undefined) return cloud;
  const timeField = FLAT_TIME_FIELDS.find((field) => eventTime(data[field]) !== undefined);
  const hostField = FLAT_HOST_FIELDS.find((field) => hostName(data[field]) !== undefined);
  return {
    logsource: {},
    ...optional({
      time: timeField === undefined ? undefined : eventTime(data[timeField]),
      host: hostField === undefined ? undefined : hostName(data[hostField]),
      ips: collectIps(FLAT_IP_FIELDS.map((field) => data[field])),
    }),
  };
}

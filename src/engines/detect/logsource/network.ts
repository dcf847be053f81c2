/** Network sensor records: Zeek JSON logs and Suricata EVE JSON. */
import type { EventData, EventValue } from '../../../domain/detection.js';
import { collectIps } from './ips.js';
import { MAX_SERVICE_CHARS } from './limits.js';
import { eventTime } from './time.js';
import type { Classified } from './types.js';
import { at, optional, text } from './values.js';

/** A log name usable as a service: lower-case word characters, dots and dashes. */
export function logName(value: EventValue | undefined): string | undefined {
  const name = text(value)?.trim().toLowerCase();
  if (name === undefined || name.length > MAX_SERVICE_CHARS) return undefined;
  return /^[a-z0-9][a-z0-9_.-]*$/.test(name) ? name : undefined;
}

/** A Zeek field written either flat (`"id.orig_h"`, the default JSON writer) or nested. */
function zeekField(data: EventData, record: string, field: string): EventValue | undefined {
  return data[`${record}.${field}`] ?? at(data, record, field);
}

/** Zeek logs told apart by fields only they carry, for records without `_path`. */
const ZEEK_SIGNATURES: readonly (readonly [string, readonly string[]])[] = [
  ['dns', ['query', 'qtype_name']],
  ['dns', ['trans_id', 'rcode']],
  ['http', ['method', 'uri']],
  ['ssl', ['version', 'cipher']],
  ['kerberos', ['request_type', 'client']],
  ['dce_rpc', ['endpoint', 'operation']],
  ['rdp', ['cookie', 'security_protocol']],
  ['ntlm', ['domainname', 'server_nb_computer_name']],
  ['smb_files', ['action', 'path', 'name']],
  ['files', ['fuid', 'mime_type']],
  ['x509', ['certificate.version']],
  ['conn', ['conn_state']],
];

function zeekService(data: EventData): string | undefined {
  const named = logName(data._path);
  if (named !== undefined) return named;
  const match = ZEEK_SIGNATURES.find(([, fields]) =>
    fields.every(
      (field) => Object.hasOwn(data, field) || at(data, ...field.split('.')) !== undefined,
    ),
  );
  return match?.[0];
}

/** Whether a record looks like a Zeek log entry: `ts` with `uid`, connection ids or `_path`. */
export function isZeek(data: EventData): boolean {
  if (!Object.hasOwn(data, 'ts')) return false;
  return (
    Object.hasOwn(data, 'uid') ||
    Object.hasOwn(data, '_path') ||
    zeekField(data, 'id', 'orig_h') !== undefined ||
    Object.hasOwn(data, 'fuid')
  );
}

/** A Zeek record: service from `_path` (or the fields), time from `ts`, hosts from `id.*_h`. */
export function classifyZeek(data: EventData): Classified {
  const service = zeekService(data);
  const hostLists = [data.tx_hosts, data.rx_hosts];
  const ips = collectIps([
    zeekField(data, 'id', 'orig_h'),
    zeekField(data, 'id', 'resp_h'),
    ...hostLists,
  ]);
  return {
    logsource: { product: 'zeek', ...(service === undefined ? {} : { service }) },
    ...optional({ time: eventTime(data.ts), ips }),
  };
}

/** Whether a record is Suricata EVE: `event_type` and `timestamp` with `src_ip` or `flow_id`. */
export function isEve(data: EventData): boolean {
  return (
    typeof data.event_type === 'string' &&
    Object.hasOwn(data, 'timestamp') &&
    (Object.hasOwn(data, 'src_ip') || Object.hasOwn(data, 'flow_id'))
  );
}

/**
 * An EVE record. The Sigma taxonomy names no Suricata log source, so the product is `suricata`
 * and the service the EVE `event_type` (`alert`, `dns`, `http`, `tls`, `flow`…).
 */
export function classifyEve(data: EventData): Classified {
  const service = logName(data.event_type);
  return {
    logsource: { product: 'suricata', ...(service === undefined ? {} : { service }) },
    ...optional({ time: eventTime(data.timestamp), ips: collectIps([data.src_ip, data.dest_ip]) }),
  };
}

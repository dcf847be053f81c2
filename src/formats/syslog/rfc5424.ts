import type { SyslogLog } from './diagnostics.js';
import { MAX_APP_NAME, MAX_HOSTNAME, MAX_MSGID, MAX_PROCID } from './limits.js';
import { priority } from './pri.js';
import { readStructuredData } from './structured-data.js';
import { readRfc3339 } from './timestamp.js';
import type { SyslogMessage, SyslogStructuredData } from './types.js';

const BOM = '\uFEFF';

interface Cursor {
  at: number;
}

/** The next SP-delimited header token, or null at the end of the line. */
function token(line: string, cursor: Cursor): string | null {
  if (cursor.at >= line.length) return null;
  const space = line.indexOf(' ', cursor.at);
  const end = space < 0 ? line.length : space;
  const value = line.slice(cursor.at, end);
  cursor.at = space < 0 ? line.length : space + 1;
  return value;
}

function field(
  value: string,
  name: string,
  max: number,
  at: number,
  log: SyslogLog,
): string | null {
  if (value === '-' || value === '') return null;
  if (value.length <= max) return value;
  log.add('WL_SYSLOG_FIELD_TOO_LONG', 'warning', at, `${name} longer than ${String(max)}; cut`);
  return value.slice(0, max);
}

const FIELDS = [
  ['HOSTNAME', MAX_HOSTNAME],
  ['APP-NAME', MAX_APP_NAME],
  ['PROCID', MAX_PROCID],
  ['MSGID', MAX_MSGID],
] as const;

/** The header fields after VERSION; null entries where the line ended early. */
function readHeader(
  line: string,
  cursor: Cursor,
  log: SyslogLog,
): { timestamp: string | null; fields: (string | null)[]; complete: boolean } {
  const start = cursor.at;
  const stamp = token(line, cursor);
  let timestamp: string | null = null;
  if (stamp !== null && stamp !== '-') {
    timestamp = readRfc3339(stamp);
    if (timestamp === null)
      log.add('WL_SYSLOG_TIMESTAMP_INVALID', 'warning', start, 'TIMESTAMP is not RFC 3339');
  }
  const fields: (string | null)[] = [];
  for (const [name, max] of FIELDS) {
    const at = cursor.at;
    const value = token(line, cursor);
    fields.push(value === null ? null : field(value, name, max, at, log));
  }
  const complete = cursor.at < line.length || line.endsWith(' ');
  return { timestamp, fields, complete: complete && stamp !== null };
}

/** An RFC 5424 message; `at` is just after `<PRI>1 `. */
export function parseRfc5424(line: string, pri: number, at: number, log: SyslogLog): SyslogMessage {
  const cursor: Cursor = { at };
  const header = readHeader(line, cursor, log);
  let structuredData: SyslogStructuredData = Object.create(null) as SyslogStructuredData;
  let message = '';
  if (!header.complete || cursor.at >= line.length) {
    log.add(
      'WL_SYSLOG_HEADER_TRUNCATED',
      'warning',
      line.length,
      'RFC 5424 header ends before STRUCTURED-DATA',
    );
  } else {
    const sd = readStructuredData(line, cursor.at, log);
    structuredData = sd.data;
    const rest = line.slice(sd.end);
    message = rest.startsWith(' ') ? rest.slice(1) : rest;
    if (message.startsWith(BOM)) message = message.slice(1);
  }
  const [hostname = null, appName = null, procId = null, msgId = null] = header.fields;
  return {
    ...priority(pri),
    timestamp: header.timestamp,
    hostname,
    appName,
    procId,
    msgId,
    structuredData,
    message,
    format: 'rfc5424',
  };
}

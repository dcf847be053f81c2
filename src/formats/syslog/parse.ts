import { SyslogLog } from './diagnostics.js';
import { MAX_MESSAGE_CHARS } from './limits.js';
import { DEFAULT_PRI, readPri } from './pri.js';
import { parseRfc3164 } from './rfc3164.js';
import { parseRfc5424 } from './rfc5424.js';
import type { SyslogParseOptions, SyslogParseResult } from './types.js';

/**
 * One syslog message (one frame, without its framing): RFC 5424 when `<PRI>` is followed by a
 * version and a space, RFC 3164 (BSD) otherwise. Never throws; problems are diagnostics.
 */
export function parseSyslogMessage(input: string, options: SyslogParseOptions): SyslogParseResult {
  const log = new SyslogLog(options.source, options.offset ?? 0);
  let line = input;
  if (line.length > MAX_MESSAGE_CHARS) {
    log.add(
      'WL_SYSLOG_MESSAGE_TOO_LONG',
      'warning',
      MAX_MESSAGE_CHARS,
      `message longer than ${String(MAX_MESSAGE_CHARS)} characters; cut`,
    );
    line = line.slice(0, MAX_MESSAGE_CHARS);
  }
  if (line.trim() === '') {
    log.add('WL_SYSLOG_EMPTY', 'info', 0, 'empty message');
    return { message: null, diagnostics: log.items };
  }
  const ctx = { receivedAt: options.receivedAt, offsetMinutes: options.timeZoneOffsetMinutes ?? 0 };
  const pri = readPri(line);
  if (pri.kind !== 'ok') {
    if (pri.kind === 'missing')
      log.add('WL_SYSLOG_PRI_MISSING', 'info', 0, 'no <PRI>; read as user.notice');
    else
      log.add(
        'WL_SYSLOG_PRI_INVALID',
        'warning',
        0,
        'invalid <PRI>; read as user.notice, the whole line as message',
      );
    return { message: parseRfc3164(line, DEFAULT_PRI, 0, ctx, log), diagnostics: log.items };
  }
  const version = /^([1-9]\d{0,2}) /.exec(line.slice(pri.end, pri.end + 4));
  if (version === null) {
    return { message: parseRfc3164(line, pri.pri, pri.end, ctx, log), diagnostics: log.items };
  }
  if (version[1] !== '1')
    log.add(
      'WL_SYSLOG_VERSION_UNSUPPORTED',
      'warning',
      pri.end,
      `syslog VERSION ${version[1] ?? ''}; read as 1`,
    );
  const message = parseRfc5424(line, pri.pri, pri.end + version[0].length, log);
  return { message, diagnostics: log.items };
}

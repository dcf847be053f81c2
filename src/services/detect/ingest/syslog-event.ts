/**
 * A syslog frame as a detection item: the message read by `src/formats/syslog`, laid out as a
 * `syslog`-shaped event, or, when its MSG is a JSON object (NXLog, Winlogbeat forwarders, CEE
 * `@cee:` messages), that object as a `flat` event for the caller to reclassify. Frames that are
 * not syslog text are rejected with the reason.
 */
import type { EventValue, LogEvent, LogReadItem } from '../../../domain/detection.js';
import type { Diagnostic } from '../../../domain/diagnostic.js';
import { parseSyslogMessage, type SyslogMessage } from '../../../formats/syslog/index.js';
import { ingestDiagnostic, parseJsonRecord, rejectedItem } from './json-record.js';

export type SyslogProtocol = 'syslog-udp' | 'syslog-tcp' | 'syslog-tls';

/** Where a frame came from and when. */
export interface SyslogFrameContext {
  /** `syslog-tcp`, or a file name for syslog text files. */
  readonly source: string;
  /** The peer (`ip:port`) or the line number, copied into the event's origin. */
  readonly position: string;
  readonly receivedAt: Date;
  /** Byte offset of the frame in its stream or file. */
  readonly offset: number;
  readonly line?: number;
}

/** Parser findings that make a frame unusable rather than merely imperfect. */
const REJECTING_CODES: ReadonlySet<string> = new Set([
  'WL_SYSLOG_PRI_INVALID',
  'WL_SYSLOG_HEADER_TRUNCATED',
]);

/** Control characters other than TAB, or U+FFFD left by invalid UTF-8: the frame is binary. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY = /[\u0000-\u0008\u000b-\u001f\u007f\ufffd]/;

/**
 * One frame's text (no framing) as an item, or null for a blank frame.
 * `<34>1 2024-05-01T10:00:00Z pacs01 sshd 42 - - Failed password` gives a `syslog` event with
 * `data.app === 'sshd'` and `host === 'pacs01'`.
 */
export function syslogFrameToItem(text: string, ctx: SyslogFrameContext): LogReadItem | null {
  const place = { source: ctx.source, offset: ctx.offset, line: ctx.line };
  const binary = BINARY.exec(text);
  if (binary !== null) {
    return rejectedItem(
      ingestDiagnostic(
        place,
        'WL_INGEST_SYSLOG_BINARY',
        'frame holds control characters or invalid UTF-8: not syslog text',
      ),
      text,
    );
  }
  const parsed = parseSyslogMessage(text, {
    source: ctx.source,
    receivedAt: ctx.receivedAt,
    offset: ctx.offset,
  });
  const fatal = parsed.diagnostics.find((d) => REJECTING_CODES.has(d.code));
  if (fatal !== undefined) return rejectedItem(withLine(fatal, ctx.line), text);
  if (parsed.message === null) return null;
  return { kind: 'event', event: syslogEvent(parsed.message, ctx) };
}

function withLine(diagnostic: Diagnostic, line: number | undefined): Diagnostic {
  return line === undefined ? diagnostic : { ...diagnostic, line };
}

/** The event for a parsed message: `flat` with the JSON object when MSG is JSON, else `syslog`. */
export function syslogEvent(message: SyslogMessage, ctx: SyslogFrameContext): LogEvent {
  const time = message.timestamp ?? ctx.receivedAt.toISOString();
  const origin = { source: ctx.source, position: ctx.position };
  const host = message.hostname ?? undefined;
  const json = jsonBody(message.message, ctx);
  if (json !== null) {
    return host === undefined
      ? { time, logsource: {}, shape: 'flat', data: json, origin }
      : { time, logsource: {}, shape: 'flat', data: json, host, origin };
  }
  const data = syslogData(message);
  return host === undefined
    ? { time, logsource: {}, shape: 'syslog', data, origin }
    : { time, logsource: {}, shape: 'syslog', data, host, origin };
}

/** The header fields that are present, the message, and structured data as `sd.<id>.<param>`. */
export function syslogData(message: SyslogMessage): Record<string, EventValue> {
  const data: Record<string, EventValue> = Object.create(null) as Record<string, EventValue>;
  if (message.hostname !== null) data.host = message.hostname;
  if (message.appName !== null) data.app = message.appName;
  if (message.procId !== null) data.procid = message.procId;
  if (message.msgId !== null) data.msgid = message.msgId;
  data.facility = message.facilityName;
  data.severity = message.severityName;
  data.msg = message.message;
  for (const [id, params] of Object.entries(message.structuredData)) {
    for (const [name, value] of Object.entries(params)) data[`sd.${id}.${name}`] = value;
  }
  return data;
}

/** MSG read as a JSON object when it looks like one (`{…}` or `@cee: {…}`); null otherwise. */
function jsonBody(msg: string, ctx: SyslogFrameContext): Record<string, EventValue> | null {
  let body = msg.trim();
  if (body.startsWith('@cee:')) body = body.slice(5).trimStart();
  if (!body.startsWith('{') || !body.endsWith('}')) return null;
  const result = parseJsonRecord(body, { source: ctx.source, offset: ctx.offset });
  return result.ok ? result.data : null;
}

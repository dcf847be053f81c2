import type { SyslogLog } from './diagnostics.js';
import { MAX_HOSTNAME, MAX_TAG } from './limits.js';
import { priority } from './pri.js';
import { fractionMillis, readRfc3339, rfc3339Prefix, utcMillis } from './timestamp.js';
import type { SyslogMessage, SyslogStructuredData } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `Mmm dd hh:mm:ss[.frac]`, optional year (Cisco), optional zone word (Cisco `UTC`). */
const BSD_STAMP =
  /^[*.]?([A-Z][a-z]{2}) {1,2}(\d{1,2})(?: (\d{4}))? (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: [A-Z]{3,4})?/;
const TAG = /^([^\s:[\]]{1,64})(?:\[([^\]\s]{1,128})\])?:? ?/;
const CISCO_SEQ = /^\d{1,10}: /;
const DAY_MS = 86_400_000;

export interface BsdContext {
  readonly receivedAt: Date;
  readonly offsetMinutes: number;
}

function bsdTime(m: RegExpExecArray, ctx: BsdContext): string | null {
  const [, mon, day, year, h, mi, s, frac] = m;
  const month = MONTHS.indexOf(mon ?? '') + 1;
  if (month === 0) return null;
  const received = ctx.receivedAt.getTime();
  if (!Number.isFinite(received)) return null;
  const fields = (y: number): [number, number, number, number, number, number] => [
    y,
    month,
    Number(day),
    Number(h),
    Number(mi),
    Number(s),
  ];
  const millis = fractionMillis(frac);
  if (year !== undefined) {
    const ms = utcMillis(fields(Number(year)), millis, ctx.offsetMinutes);
    return ms === null ? null : new Date(ms).toISOString();
  }
  // No year: the receipt year, or the year before when that lands more than a day in the future.
  const y = ctx.receivedAt.getUTCFullYear();
  let ms = utcMillis(fields(y), millis, ctx.offsetMinutes);
  if (ms !== null && ms > received + DAY_MS)
    ms = utcMillis(fields(y - 1), millis, ctx.offsetMinutes);
  return ms === null ? null : new Date(ms).toISOString();
}

interface Stamp {
  readonly timestamp: string | null;
  readonly end: number;
}

function readStamp(line: string, at: number, ctx: BsdContext, log: SyslogLog): Stamp | null {
  const rest = line.slice(at, at + 64);
  const iso = rfc3339Prefix(rest);
  if (iso > 0) return { timestamp: readRfc3339(rest.slice(0, iso)), end: at + iso };
  const m = BSD_STAMP.exec(rest);
  if (m === null) return null;
  const timestamp = bsdTime(m, ctx);
  if (timestamp === null)
    log.add('WL_SYSLOG_TIMESTAMP_INVALID', 'warning', at, 'RFC 3164 TIMESTAMP out of range');
  return { timestamp, end: at + m[0].length };
}

function skip(line: string, at: number, text: string): number {
  return line.startsWith(text, at) ? at + text.length : at;
}

interface Tail {
  hostname: string | null;
  appName: string | null;
  procId: string | null;
  message: string;
}

/** HOSTNAME? TAG[pid]: MSG after the timestamp. A first word ending in ':' or '[' is the tag. */
function readTail(line: string, at: number, hasStamp: boolean): Tail {
  let i = at;
  let hostname: string | null = null;
  const space = line.indexOf(' ', i);
  if (hasStamp && space > i) {
    const word = line.slice(i, space);
    if (!/[:[\]]/.test(word) && word.length <= MAX_HOSTNAME) {
      hostname = word;
      i = space + 1;
    }
  }
  const rest = line.slice(i);
  const m = TAG.exec(rest.slice(0, MAX_TAG + 140));
  if (m !== null && (m[0].includes(':') || m[2] !== undefined) && m[1] !== undefined) {
    return { hostname, appName: m[1], procId: m[2] ?? null, message: rest.slice(m[0].length) };
  }
  // Windows agents (Snare) separate the tag by a tab.
  const tab = /^(\S{1,64})\t/.exec(rest);
  if (tab?.[1] !== undefined)
    return { hostname, appName: tab[1], procId: null, message: rest.slice(tab[0].length) };
  return { hostname, appName: null, procId: null, message: rest };
}

/** An RFC 3164 (BSD) message; `at` is just after the PRI (0 when it is missing). */
export function parseRfc3164(
  line: string,
  pri: number,
  at: number,
  ctx: BsdContext,
  log: SyslogLog,
): SyslogMessage {
  let i = at;
  const seq = CISCO_SEQ.exec(line.slice(i, i + 16));
  if (seq !== null) i += seq[0].length;
  const stamp = readStamp(line, i, ctx, log);
  if (stamp !== null) i = skip(line, skip(line, stamp.end, ':'), ' ');
  else if (seq === null) log.add('WL_SYSLOG_TIMESTAMP_INVALID', 'info', i, 'no RFC 3164 TIMESTAMP');
  const cisco = /^%([A-Z0-9_]+-\d-[A-Z0-9_]+): ?/.exec(line.slice(i, i + 96));
  const tail: Tail =
    cisco?.[1] !== undefined
      ? {
          hostname: null,
          appName: cisco[1],
          procId: null,
          message: line.slice(i + cisco[0].length),
        }
      : readTail(line, i, stamp !== null);
  return {
    ...priority(pri),
    timestamp: stamp?.timestamp ?? null,
    hostname: tail.hostname,
    appName: tail.appName,
    procId: tail.procId,
    msgId: null,
    structuredData: Object.create(null) as SyslogStructuredData,
    message: tail.message,
    format: 'rfc3164',
  };
}

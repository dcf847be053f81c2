import type { SyslogLog } from './diagnostics.js';
import { MAX_SD_ELEMENTS, MAX_SD_NAME, MAX_SD_PARAMS } from './limits.js';
import type { SyslogStructuredData } from './types.js';

export interface SdRead {
  readonly data: SyslogStructuredData;
  /** Index just past the structured data (or where it broke). */
  readonly end: number;
}

function isNameChar(code: number): boolean {
  // PRINTUSASCII except '=', SP, ']', '"'
  return code > 32 && code < 127 && code !== 61 && code !== 93 && code !== 34;
}

function readName(line: string, at: number): number {
  let i = at;
  while (i < line.length && i - at <= MAX_SD_NAME && isNameChar(line.charCodeAt(i))) i += 1;
  return i - at >= 1 && i - at <= MAX_SD_NAME ? i : -1;
}

/** Reads a quoted PARAM-VALUE starting after the opening quote; returns [value, index after quote]. */
function readValue(line: string, at: number): [string, number] | null {
  let value = '';
  let i = at;
  while (i < line.length) {
    const c = line.charAt(i);
    if (c === '"') return [value, i + 1];
    if (c === '\\' && i + 1 < line.length) {
      const next = line[i + 1];
      if (next === '"' || next === '\\' || next === ']') {
        value += next;
        i += 2;
        continue;
      }
    }
    value += c;
    i += 1;
  }
  return null;
}

interface Counts {
  elements: number;
  params: number;
}

/** One SD-ELEMENT at `at` (a '['); returns the index after its ']' or -1 when malformed. */
function readElement(
  line: string,
  at: number,
  data: SyslogStructuredData,
  counts: Counts,
  log: SyslogLog,
): number {
  const idEnd = readName(line, at + 1);
  if (idEnd < 0) return -1;
  const id = line.slice(at + 1, idEnd);
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  let i = idEnd;
  while (line[i] === ' ') {
    const nameEnd = readName(line, i + 1);
    if (nameEnd < 0 || line[nameEnd] !== '=' || line[nameEnd + 1] !== '"') return -1;
    const read = readValue(line, nameEnd + 2);
    if (read === null) return -1;
    counts.params += 1;
    if (counts.params <= MAX_SD_PARAMS) params[line.slice(i + 1, nameEnd)] = read[0];
    else if (counts.params === MAX_SD_PARAMS + 1)
      log.add(
        'WL_SYSLOG_SD_LIMIT',
        'warning',
        i,
        `more than ${String(MAX_SD_PARAMS)} SD-PARAMs; the rest are dropped`,
      );
    i = read[1];
  }
  if (line[i] !== ']') return -1;
  counts.elements += 1;
  if (id in data) {
    log.add(
      'WL_SYSLOG_SD_DUPLICATE',
      'warning',
      at,
      `SD-ID ${id} appears twice; the first is kept`,
    );
  } else if (counts.elements <= MAX_SD_ELEMENTS) {
    data[id] = params;
  } else if (counts.elements === MAX_SD_ELEMENTS + 1) {
    log.add(
      'WL_SYSLOG_SD_LIMIT',
      'warning',
      at,
      `more than ${String(MAX_SD_ELEMENTS)} SD-ELEMENTs; the rest are dropped`,
    );
  }
  return i + 1;
}

/**
 * RFC 5424 STRUCTURED-DATA at `at`: NILVALUE or one or more SD-ELEMENTs. A malformed element ends
 * the structured data with a diagnostic; what follows it is left to the message.
 */
export function readStructuredData(line: string, at: number, log: SyslogLog): SdRead {
  const data: SyslogStructuredData = Object.create(null) as SyslogStructuredData;
  if (line[at] === '-') return { data, end: at + 1 };
  const counts: Counts = { elements: 0, params: 0 };
  let i = at;
  while (line[i] === '[') {
    const end = readElement(line, i, data, counts, log);
    if (end < 0) {
      log.add('WL_SYSLOG_SD_MALFORMED', 'warning', i, 'malformed SD-ELEMENT; kept as message text');
      return { data, end: i };
    }
    i = end;
  }
  if (i === at)
    log.add('WL_SYSLOG_SD_MALFORMED', 'warning', i, 'STRUCTURED-DATA is neither "-" nor "["');
  return { data, end: i };
}

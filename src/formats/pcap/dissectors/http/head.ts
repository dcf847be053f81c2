/**
 * One HTTP/1.x message head (RFC 9112 §2–§5): the start line and header fields, read as Latin-1
 * (the bytes RFC 9110 §5.5 allows in field values map one to one).
 */
import { HTTP_LIMITS } from './limits.js';

/** A request line or a status line. */
export type StartLine =
  | {
      readonly kind: 'request';
      readonly method: string;
      readonly target: string;
      readonly version: string;
    }
  | { readonly kind: 'response'; readonly version: string; readonly status: number };

/** A start line and the header fields after it. */
export interface MessageHead {
  readonly start: StartLine;
  /** Lower-case field names; repeated fields keep every value in order. */
  readonly fields: ReadonlyMap<string, readonly string[]>;
}

/** The target may hold spaces, as attack tools send them; servers read up to the last space. */
const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (.+) (HTTP\/\d\.\d)$/;
const STATUS_LINE = /^(HTTP\/\d\.\d) (\d{3})(?: .*)?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Strips spaces and tabs at both ends by index: a regex for it is quadratic on long blank runs. */
function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(start, end);
}

/** Lines of a head as Latin-1 text without their CR LF. */
export function headLines(bytes: Uint8Array): string[] {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** A request line (`GET / HTTP/1.1`) or status line (`HTTP/1.1 200 OK`); null for anything else. */
export function parseStartLine(line: string): StartLine | null {
  const request = REQUEST_LINE.exec(line);
  if (request !== null) {
    return {
      kind: 'request',
      method: request[1] ?? '',
      target: request[2] ?? '',
      version: request[3] ?? '',
    };
  }
  const status = STATUS_LINE.exec(line);
  if (status !== null)
    return { kind: 'response', version: status[1] ?? '', status: Number(status[2]) };
  return null;
}

/** Parses a head; null when the start line is neither a request line nor a status line. */
export function parseHead(bytes: Uint8Array): MessageHead | null {
  const [first = '', ...rest] = headLines(bytes);
  const start = parseStartLine(first);
  if (start === null) return null;
  const fields = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of rest) {
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== null) {
      // Obsolete line folding (RFC 9112 §5.2): part of the previous value.
      last[last.length - 1] = `${last[last.length - 1] ?? ''} ${trimOws(line)}`;
      continue;
    }
    const colon = line.indexOf(':');
    const rawName = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(rawName)) continue;
    const name = rawName.toLowerCase();
    last = fields.get(name) ?? [];
    last.push(trimOws(line.slice(colon + 1)));
    fields.set(name, last);
  }
  return { start, fields };
}

/** Control characters replaced, cut at the value cap, for reporting. */
export function reportable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.slice(0, HTTP_LIMITS.maxValueChars).replace(/[\u0000-\u001f\u007f]/g, '\uFFFD');
}

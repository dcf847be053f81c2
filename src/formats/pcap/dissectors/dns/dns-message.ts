/**
 * Parses one DNS message (RFC 1035 §4.1; mDNS RFC 6762 and LLMNR RFC 4795 share the format): the
 * header, the questions and the answer section. Authority and additional records are counted, not
 * read. A malformed part ends the parse with one diagnostic; what was read before it is kept.
 */
import { formatIpv4, formatIpv6 } from '../../addresses.js';
import type { BytePosition } from '../dissector.js';
import { dnsDiagnostic, type DnsDiagnostic } from './diagnostics.js';
import { readName } from './dns-name.js';
import { DNS_LIMITS } from './limits.js';

/** Resource record types the dissector reads the data of (RFC 1035, RFC 3596). */
export const DNS_TYPE = { A: 1, PTR: 12, AAAA: 28 } as const;

/** Bytes in the fixed DNS header (RFC 1035 §4.1.1). */
export const DNS_HEADER_LENGTH = 12;

/** One entry of the question section. */
export interface DnsQuestion {
  readonly name: string;
  readonly type: number;
  /** The class as sent: mDNS sets the top bit for a unicast-response question (RFC 6762 §5.4). */
  readonly class: number;
}

/** The part of a record's data the dissector reads. */
export type DnsRecordData =
  | { readonly kind: 'address'; readonly ip: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'other' };

/** One answer record. */
export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  /** A/AAAA: the address; PTR: the target name; any other type: not read. */
  readonly data: DnsRecordData;
}

/** The header flags, questions and answers of one message. */
export interface DnsMessage {
  readonly id: number;
  /** QR bit: false for a query, true for a response. */
  readonly response: boolean;
  readonly opcode: number;
  readonly rcode: number;
  readonly questions: readonly DnsQuestion[];
  readonly answers: readonly DnsRecord[];
}

/** A parsed message (null without a full header) and at most one diagnostic. */
export interface DnsParseResult {
  /** Null when even the header is missing. */
  readonly message: DnsMessage | null;
  readonly diagnostics: DnsDiagnostic[];
}

interface Cursor {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  pos: number;
}

/**
 * @example
 *   parseDnsMessage(queryForWwwExampleCom, { source: 'ward.pcap', offset: 0 }).message
 *   // { id: 4660, response: false, opcode: 0, rcode: 0,
 *   //   questions: [{ name: 'www.example.com', type: 1, class: 1 }], answers: [] }
 */
export function parseDnsMessage(bytes: Uint8Array, at: BytePosition): DnsParseResult {
  if (bytes.length < DNS_HEADER_LENGTH) {
    const problem = `a DNS message needs ${DNS_HEADER_LENGTH} header bytes, got ${bytes.length}.`;
    return { message: null, diagnostics: [dnsDiagnostic(at, 'WL_DNS_MALFORMED', problem)] };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = view.getUint16(2);
  const questions: DnsQuestion[] = [];
  const answers: DnsRecord[] = [];
  const message: DnsMessage = {
    id: view.getUint16(0),
    response: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0x0f,
    rcode: flags & 0x0f,
    questions,
    answers,
  };
  const cursor: Cursor = { bytes, view, pos: DNS_HEADER_LENGTH };
  const problem = readSections(cursor, view.getUint16(4), view.getUint16(6), questions, answers);
  return { message, diagnostics: problem === null ? [] : [diagnosticFor(at, problem)] };
}

interface Problem {
  readonly code: 'WL_DNS_MALFORMED' | 'WL_DNS_NAME_INVALID' | 'WL_DNS_LIMIT_EXCEEDED';
  readonly message: string;
}

function diagnosticFor(at: BytePosition, problem: Problem): DnsDiagnostic {
  return dnsDiagnostic(at, problem.code, problem.message);
}

function readSections(
  cursor: Cursor,
  questionCount: number,
  answerCount: number,
  questions: DnsQuestion[],
  answers: DnsRecord[],
): Problem | null {
  for (let i = 0; i < Math.min(questionCount, DNS_LIMITS.maxQuestions); i++) {
    const question = readQuestion(cursor);
    if ('code' in question) return question;
    questions.push(question);
  }
  if (questionCount > DNS_LIMITS.maxQuestions) {
    return limit(`${questionCount} questions; only ${DNS_LIMITS.maxQuestions} are read.`);
  }
  for (let i = 0; i < Math.min(answerCount, DNS_LIMITS.maxAnswers); i++) {
    const record = readRecord(cursor);
    if ('code' in record) return record;
    answers.push(record);
  }
  if (answerCount > DNS_LIMITS.maxAnswers) {
    return limit(`${answerCount} answers; only ${DNS_LIMITS.maxAnswers} are read.`);
  }
  return null;
}

const limit = (message: string): Problem => ({ code: 'WL_DNS_LIMIT_EXCEEDED', message });
const malformed = (message: string): Problem => ({ code: 'WL_DNS_MALFORMED', message });

function name(cursor: Cursor): string | Problem {
  const read = readName(cursor.bytes, cursor.pos);
  if (!read.ok) return { code: 'WL_DNS_NAME_INVALID', message: `${read.reason}.` };
  cursor.pos = read.next;
  return read.name;
}

function readQuestion(cursor: Cursor): DnsQuestion | Problem {
  const qname = name(cursor);
  if (typeof qname !== 'string') return qname;
  if (cursor.pos + 4 > cursor.bytes.length) return malformed('a question is cut short.');
  const question = {
    name: qname,
    type: cursor.view.getUint16(cursor.pos),
    class: cursor.view.getUint16(cursor.pos + 2),
  };
  cursor.pos += 4;
  return question;
}

function readRecord(cursor: Cursor): DnsRecord | Problem {
  const owner = name(cursor);
  if (typeof owner !== 'string') return owner;
  const { view, bytes } = cursor;
  if (cursor.pos + 10 > bytes.length) return malformed('a resource record is cut short.');
  const type = view.getUint16(cursor.pos);
  const rrClass = view.getUint16(cursor.pos + 2);
  const ttl = view.getUint32(cursor.pos + 4);
  const length = view.getUint16(cursor.pos + 8);
  const start = cursor.pos + 10;
  if (start + length > bytes.length) return malformed('record data runs past the message.');
  cursor.pos = start + length;
  const data = readData(bytes, type, start, length);
  if ('code' in data) return data;
  return { name: owner, type, class: rrClass, ttl, data };
}

function readData(
  bytes: Uint8Array,
  type: number,
  start: number,
  length: number,
): DnsRecordData | Problem {
  const rdata = bytes.subarray(start, start + length);
  if (type === DNS_TYPE.A) {
    if (length !== 4) return malformed(`an A record has ${length} data bytes, not 4.`);
    return { kind: 'address', ip: formatIpv4(rdata) };
  }
  if (type === DNS_TYPE.AAAA) {
    if (length !== 16) return malformed(`an AAAA record has ${length} data bytes, not 16.`);
    return { kind: 'address', ip: formatIpv6(rdata) };
  }
  if (type === DNS_TYPE.PTR) {
    const target = readName(bytes, start);
    if (!target.ok) return { code: 'WL_DNS_NAME_INVALID', message: `${target.reason}.` };
    if (target.next > start + length) return malformed('a PTR name runs past its record.');
    return { kind: 'name', name: target.name };
  }
  return { kind: 'other' };
}

/**
 * The HL7 v2 stream dissector: reads each message's MSH segment (MLLP-framed, or raw) and reports
 * the speaker of that direction as the sender (MSH-3 application, MSH-4 facility, MSH-9 message
 * type, MSH-12 version) and the other side as the receiver (MSH-5, MSH-6, version). ACKs are HL7
 * messages too, so a listener that answers is described by its own ACKs as well.
 *
 * @example
 *   const dissector = hl7DissectorFactory.create(sink);
 *   dissector.data('client-to-server', bytesOf('\x0bMSH|^~\\&|LAB|NORTH|HIS|MAIN|…|ORU^R01|1|P|2.5.1\r…\x1c\r'), at);
 *   // sink.identify('hl7'); sink.count('hl7.messages');
 *   // sink.fact('client', { hl7: { applications: ['LAB'], facilities: ['NORTH'],
 *   //   messageTypes: ['ORU^R01'], versions: ['2.5.1'] } });
 *   // sink.fact('server', { hl7: { applications: ['HIS'], facilities: ['MAIN'],
 *   //   messageTypes: [], versions: ['2.5.1'] } });
 */
import type { DiagnosticSeverity } from '../../../../domain/diagnostic.js';
import type {
  BytePosition,
  DissectorSink,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissector.js';
import type { Hl7DiagnosticCode } from './diagnostics.js';
import { HL7_LIMITS } from './limits.js';
import { MllpStream } from './mllp-stream.js';
import { parseMsh, type Hl7Header } from './msh.js';

type Side = 'client' | 'server';
type Hl7List = 'applications' | 'facilities' | 'messageTypes' | 'versions';

const decoder = new TextDecoder('utf-8');

/** Dissects one HL7 v2 conversation; made by `hl7DissectorFactory.create`. */
export class Hl7StreamDissector implements StreamDissector {
  readonly protocol = 'hl7' as const;
  readonly #sink: DissectorSink;
  readonly #streams: Readonly<Record<StreamDirection, MllpStream>>;
  /** Values already reported, per side and list, so each is reported once. */
  readonly #seen: Readonly<Record<Side, Readonly<Record<Hl7List, Set<string>>>>> = {
    client: {
      applications: new Set(),
      facilities: new Set(),
      messageTypes: new Set(),
      versions: new Set(),
    },
    server: {
      applications: new Set(),
      facilities: new Set(),
      messageTypes: new Set(),
      versions: new Set(),
    },
  };
  /** Header combinations already reported per sender: most messages repeat the previous one's. */
  readonly #known: Readonly<Record<Side, Set<string>>> = { client: new Set(), server: new Set() };
  #source = 'capture';
  #identified = false;
  #diagnostics = 0;
  #suppressed = 0;
  #lastOffset = 0;

  constructor(sink: DissectorSink) {
    this.#sink = sink;
    this.#streams = {
      'client-to-server': this.#stream('client-to-server'),
      'server-to-client': this.#stream('server-to-client'),
    };
  }

  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    this.#source = at.source;
    this.#lastOffset = at.offset;
    this.#streams[direction].data(bytes, at.offset);
  }

  gap(direction: StreamDirection, length: number, at: BytePosition): void {
    this.#source = at.source;
    this.#lastOffset = at.offset;
    this.#streams[direction].gap(length);
  }

  end(): void {
    this.#streams['client-to-server'].end();
    this.#streams['server-to-client'].end();
    if (this.#suppressed > 0) {
      this.#sink.diagnostic({
        source: this.#source,
        offset: this.#lastOffset,
        code: 'WL_HL7_DIAGNOSTICS_SUPPRESSED',
        severity: 'info',
        message: `${this.#suppressed} more HL7 diagnostics in this conversation were not reported.`,
      });
    }
  }

  #stream(direction: StreamDirection): MllpStream {
    const sender: Side = direction === 'client-to-server' ? 'client' : 'server';
    return new MllpStream(
      {
        header: (segment, offset) => {
          this.#header(sender, segment, offset, direction);
        },
        problem: (code, severity, message, offset) => {
          this.#report(code, severity, message, offset);
        },
      },
      direction,
    );
  }

  #header(sender: Side, segment: Uint8Array, offset: number, direction: StreamDirection): void {
    const parsed = parseMsh(decoder.decode(segment));
    if (!parsed.ok) {
      this.#report(
        'WL_HL7_MSH_INVALID',
        'warning',
        `${direction}: ${parsed.reason}; that message is not read.`,
        offset,
      );
      return;
    }
    if (!this.#identified) {
      this.#identified = true;
      this.#sink.identify('hl7');
    }
    this.#sink.count('hl7.messages');
    const h = parsed.header;
    const signature = `${h.sendingApplication}\0${h.sendingFacility}\0${h.receivingApplication}\0${h.receivingFacility}\0${h.messageType}\0${h.version}`;
    const known = this.#known[sender];
    if (known.has(signature)) return;
    if (known.size < HL7_LIMITS.maxDistinctValues) known.add(signature);
    this.#facts(sender, h, true);
    this.#facts(sender === 'client' ? 'server' : 'client', h, false);
  }

  #facts(side: Side, header: Hl7Header, isSender: boolean): void {
    const lists: Record<Hl7List, string[]> = {
      applications: this.#fresh(side, 'applications', [
        isSender ? header.sendingApplication : header.receivingApplication,
      ]),
      facilities: this.#fresh(side, 'facilities', [
        isSender ? header.sendingFacility : header.receivingFacility,
      ]),
      messageTypes: this.#fresh(side, 'messageTypes', [isSender ? header.messageType : null]),
      versions: this.#fresh(side, 'versions', [header.version]),
    };
    if (Object.values(lists).some((list) => list.length > 0)) this.#sink.fact(side, { hl7: lists });
  }

  /** The values not reported yet for this side and list, within `maxDistinctValues`. */
  #fresh(side: Side, list: Hl7List, values: readonly (string | null)[]): string[] {
    const seen = this.#seen[side][list];
    const fresh: string[] = [];
    for (const value of values) {
      if (value === null || seen.has(value) || seen.size >= HL7_LIMITS.maxDistinctValues) continue;
      seen.add(value);
      fresh.push(value);
    }
    return fresh;
  }

  #report(
    code: Hl7DiagnosticCode,
    severity: DiagnosticSeverity,
    message: string,
    offset: number,
  ): void {
    if (this.#diagnostics >= HL7_LIMITS.maxDiagnostics) {
      this.#suppressed++;
      return;
    }
    this.#diagnostics++;
    this.#sink.diagnostic({ source: this.#source, offset, code, severity, message });
  }
}

const VT = 0x0b;
const MSH = [0x4d, 0x53, 0x48];

/**
 * Recognizes HL7 v2 by content on any port: an MLLP start block followed by `MSH`, or (without
 * MLLP) `MSH`, a field separator, 1–5 encoding characters and the separator again.
 */
export function probeHl7(first: Uint8Array): 'yes' | 'no' | 'more' {
  if (first.length === 0) return 'more';
  if (first[0] === VT) return prefixAnswer(first.subarray(1), MSH);
  const prefix = prefixAnswer(first, MSH);
  if (prefix !== 'yes') return prefix;
  if (first.length < 5) return 'more';
  const separator = first[3] ?? 0;
  if (!isSeparator(separator)) return 'no';
  for (let i = 4; i < Math.min(first.length, 10); i++) {
    const b = first[i] ?? 0;
    if (b === separator) return i > 4 ? 'yes' : 'no';
    if (!isSeparator(b)) return 'no';
  }
  return first.length < 10 ? 'more' : 'no';
}

function prefixAnswer(bytes: Uint8Array, expected: readonly number[]): 'yes' | 'no' | 'more' {
  for (let i = 0; i < expected.length; i++) {
    if (i >= bytes.length) return 'more';
    if (bytes[i] !== expected[i]) return 'no';
  }
  return 'yes';
}

/** Printable ASCII that is not a letter, digit or space. */
function isSeparator(b: number): boolean {
  const alnum = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
  return b > 0x20 && b < 0x7f && !alnum;
}

/** Recognizes HL7 v2 (MLLP or raw) and creates an `Hl7StreamDissector` per conversation. */
export const hl7DissectorFactory: StreamDissectorFactory = {
  protocol: 'hl7',
  probe: (first) => probeHl7(first),
  create: (sink) => new Hl7StreamDissector(sink),
};

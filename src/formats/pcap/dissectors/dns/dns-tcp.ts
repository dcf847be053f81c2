/**
 * DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message behind a two-byte length. Messages are
 * read per direction, at most `maxTcpMessages` each; the rest of the stream (a zone transfer, a
 * long-lived connection) is ignored without buffering.
 */
import type {
  BytePosition,
  DissectorSink,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissector.js';
import { dnsDiagnostic } from './diagnostics.js';
import { DNS_HEADER_LENGTH, parseDnsMessage } from './dns-message.js';
import { DNS_LIMITS } from './limits.js';
import { reportDnsMessage } from './report.js';

interface Framing {
  /** Length prefix bytes read so far (0–2) and their value. */
  prefixBytes: number;
  prefix: number;
  body: Uint8Array | null;
  filled: number;
  messages: number;
  done: boolean;
}

const newFraming = (): Framing => ({
  prefixBytes: 0,
  prefix: 0,
  body: null,
  filled: 0,
  messages: 0,
  done: false,
});

class DnsTcpDissector implements StreamDissector {
  readonly protocol = 'dns' as const;
  readonly #sink: DissectorSink;
  readonly #framing: Record<StreamDirection, Framing> = {
    'client-to-server': newFraming(),
    'server-to-client': newFraming(),
  };
  #identified = false;

  constructor(sink: DissectorSink) {
    this.#sink = sink;
  }

  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    const f = this.#framing[direction];
    let i = 0;
    while (i < bytes.length && !f.done) {
      if (f.body === null) {
        f.prefix = (f.prefix << 8) | (bytes[i] ?? 0);
        f.prefixBytes++;
        i++;
        if (f.prefixBytes === 2) this.#startMessage(f, at);
        continue;
      }
      const take = Math.min(f.body.length - f.filled, bytes.length - i);
      f.body.set(bytes.subarray(i, i + take), f.filled);
      f.filled += take;
      i += take;
      if (f.filled === f.body.length) this.#finishMessage(f, direction, at);
    }
  }

  gap(direction: StreamDirection): void {
    this.#framing[direction].done = true;
  }

  end(): void {
    this.#framing['client-to-server'].done = true;
    this.#framing['server-to-client'].done = true;
  }

  #startMessage(f: Framing, at: BytePosition): void {
    if (f.prefix < DNS_HEADER_LENGTH) {
      const problem = `a DNS-over-TCP length of ${f.prefix} is shorter than a DNS header.`;
      this.#sink.diagnostic(dnsDiagnostic(at, 'WL_DNS_MALFORMED', problem));
      f.done = true;
      return;
    }
    f.body = new Uint8Array(f.prefix);
    f.filled = 0;
  }

  #finishMessage(f: Framing, direction: StreamDirection, at: BytePosition): void {
    const { message, diagnostics } = parseDnsMessage(f.body ?? new Uint8Array(0), at);
    for (const diagnostic of diagnostics) this.#sink.diagnostic(diagnostic);
    if (message !== null) {
      if (!this.#identified) this.#sink.identify('dns');
      this.#identified = true;
      reportDnsMessage(message, direction === 'client-to-server' ? 'client' : 'server', this.#sink);
    }
    f.body = null;
    f.prefix = 0;
    f.prefixBytes = 0;
    f.messages++;
    if (f.messages >= DNS_LIMITS.maxTcpMessages) f.done = true;
  }
}

/** Takes TCP conversations to port 53 whose first bytes frame a DNS query. */
export const dnsTcpDissectorFactory: StreamDissectorFactory = {
  protocol: 'dns',
  probe(first, direction, ports) {
    if (ports.server !== 53 || direction !== 'client-to-server') return 'no';
    if (first.length < 2 + DNS_HEADER_LENGTH) return 'more';
    const length = ((first[0] ?? 0) << 8) | (first[1] ?? 0);
    const flags = first[4] ?? 0xff;
    const questions = ((first[6] ?? 0) << 8) | (first[7] ?? 0);
    const isQuery = (flags & 0x80) === 0 && (flags & 0x78) >> 3 <= 6;
    return length >= DNS_HEADER_LENGTH && isQuery && questions >= 1 ? 'yes' : 'no';
  },
  create(sink) {
    return new DnsTcpDissector(sink);
  },
};

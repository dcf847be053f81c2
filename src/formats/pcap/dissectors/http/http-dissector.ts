/**
 * HTTP/1.x for passive discovery: the User-Agent and Host a device sends and the Server header it
 * answers with name its software. Each direction's message heads are read and their bodies skipped
 * by Content-Length; reading stops at a chunked or close-delimited body, a CONNECT or protocol
 * switch, or after `maxMessages`, and the rest of the conversation costs nothing.
 *
 * Facts are about the sender of each message: `client` for bytes in `client-to-server`.
 *
 * @example
 *   dissector.data('client-to-server', ascii('GET / HTTP/1.1\r\nHost: pump-17\r\nUser-Agent: Alaris/3.1\r\n\r\n'), at);
 *   // sink.identify('http')
 *   // sink.fact('client', { http: { userAgents: ['Alaris/3.1'], hosts: ['pump-17'], servers: [] } })
 */
import type {
  BytePosition,
  DissectorSink,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissector.js';
import { httpDiagnostic, type HttpDiagnosticCode } from './diagnostics.js';
import { reportable, type MessageHead } from './head.js';
import { HTTP_LIMITS } from './limits.js';
import { MessageStream, type BodyRule, type MessageOwner } from './message-stream.js';

/** Request methods the probe recognizes, each followed by a space. */
export const HTTP_METHODS = [
  'GET',
  'POST',
  'PUT',
  'HEAD',
  'OPTIONS',
  'DELETE',
  'PATCH',
  'CONNECT',
] as const;

const PREFIXES = HTTP_METHODS.map((m) => Uint8Array.from(`${m} `, (c) => c.charCodeAt(0)));

/** `yes` when the bytes start with a method and a space, `more` while they could still. */
export function probeHttp(first: Uint8Array): 'yes' | 'no' | 'more' {
  let undecided = false;
  for (const prefix of PREFIXES) {
    const n = Math.min(prefix.length, first.length);
    let same = true;
    for (let i = 0; i < n && same; i++) same = first[i] === prefix[i];
    if (!same) continue;
    if (first.length >= prefix.length) return 'yes';
    undecided = true;
  }
  return undecided ? 'more' : 'no';
}

type FactList = 'userAgents' | 'hosts' | 'servers';

const STOP: BodyRule = { kind: 'stop' };
const NO_BODY: BodyRule = { kind: 'body', length: 0 };

/** Shared by both directions: methods awaiting a response (a HEAD response has no body). */
interface Conversation {
  readonly sink: DissectorSink;
  identified: boolean;
  readonly pendingMethods: string[];
}

class DirectionReader implements MessageOwner {
  readonly stream = new MessageStream(this);
  readonly #reported = new Set<string>();

  constructor(
    readonly conversation: Conversation,
    readonly from: 'client' | 'server',
  ) {}

  problem(code: HttpDiagnosticCode, message: string, at: BytePosition): void {
    this.conversation.sink.diagnostic(httpDiagnostic(at, code, message));
  }

  head(head: MessageHead, at: BytePosition): BodyRule {
    const { sink } = this.conversation;
    if (!this.conversation.identified) {
      this.conversation.identified = true;
      sink.identify('http');
    }
    const start = head.start;
    if (start.kind === 'request') {
      sink.count('http.requests');
      this.#report({ userAgents: head.fields.get('user-agent'), hosts: head.fields.get('host') });
      if (this.conversation.pendingMethods.length < HTTP_LIMITS.maxMessages) {
        this.conversation.pendingMethods.push(start.method);
      }
      if (start.method === 'CONNECT') return STOP;
      return this.#body(head, at) ?? NO_BODY;
    }
    sink.count('http.responses');
    this.#report({ servers: head.fields.get('server') });
    if (start.status >= 100 && start.status < 200) return start.status === 101 ? STOP : NO_BODY;
    const method = this.conversation.pendingMethods.shift();
    if (method === 'CONNECT' && start.status < 300) return STOP;
    if (method === 'HEAD' || start.status === 204 || start.status === 304) return NO_BODY;
    return this.#body(head, at) ?? STOP;
  }

  /** Content-Length as a body rule; null when neither framing header is present. */
  #body(head: MessageHead, at: BytePosition): BodyRule | null {
    if (head.fields.has('transfer-encoding')) return STOP;
    const lengths = head.fields.get('content-length');
    if (lengths === undefined) return null;
    const values = new Set(lengths.flatMap((v) => v.split(',')).map((v) => v.trim()));
    const [value] = values;
    if (values.size !== 1 || value === undefined || !/^\d{1,15}$/.test(value)) {
      this.problem(
        'WL_HTTP_MALFORMED',
        `Content-Length ${JSON.stringify(lengths.join(', '))} is not one length.`,
        at,
      );
      return STOP;
    }
    return { kind: 'body', length: Number(value) };
  }

  #report(values: Partial<Record<FactList, readonly string[] | undefined>>): void {
    const facts = {
      userAgents: this.#fresh('userAgents', values.userAgents),
      hosts: this.#fresh('hosts', values.hosts),
      servers: this.#fresh('servers', values.servers),
    };
    if (facts.userAgents.length + facts.hosts.length + facts.servers.length === 0) return;
    this.conversation.sink.fact(this.from, { http: facts });
  }

  /** Values not yet reported for this end of the conversation. */
  #fresh(kind: FactList, values: readonly string[] | undefined): string[] {
    const out: string[] = [];
    for (const raw of values ?? []) {
      const value = reportable(raw);
      const key = `${kind}:${value}`;
      if (value === '' || this.#reported.has(key)) continue;
      this.#reported.add(key);
      out.push(value);
    }
    return out;
  }
}

class HttpDissector implements StreamDissector {
  readonly protocol = 'http' as const;
  readonly #readers: Record<StreamDirection, DirectionReader>;

  constructor(sink: DissectorSink) {
    const conversation: Conversation = { sink, identified: false, pendingMethods: [] };
    this.#readers = {
      'client-to-server': new DirectionReader(conversation, 'client'),
      'server-to-client': new DirectionReader(conversation, 'server'),
    };
  }

  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    const reader = this.#readers[direction];
    if (reader.stream.done) return;
    reader.stream.push(bytes, at);
  }

  gap(direction: StreamDirection, length: number, at: BytePosition): void {
    const reader = this.#readers[direction];
    if (reader.stream.gap(length)) return;
    reader.conversation.sink.diagnostic(
      httpDiagnostic(
        at,
        'WL_HTTP_GAP',
        `${length} bytes lost outside a body; this direction is not read further.`,
        'info',
      ),
    );
  }

  end(): void {
    for (const reader of Object.values(this.#readers)) reader.stream.done = true;
  }
}

/** The HTTP/1.x stream dissector factory: requests on any port, recognized by their method. */
export const httpDissectorFactory: StreamDissectorFactory = {
  protocol: 'http',
  probe: (first) => probeHttp(first),
  create: (sink) => new HttpDissector(sink),
};

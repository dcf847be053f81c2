/**
 * Chooses a stream dissector for one TCP conversation by content, on any port, and feeds it.
 *
 * The first bytes of each direction are held (at most `probeBytes` each, copied) while the
 * factories are asked, in order, about the first speaker's bytes: the first `yes` wins unless an
 * earlier factory still answers `more`. When every factory rules the first speaker out, the other
 * direction's first bytes are asked too (a capture that starts inside a conversation). Once chosen,
 * the dissector gets the held bytes in the order they arrived, then everything else as it comes.
 * When the bytes held reach the bound, a gap arrives or the conversation ends, the decision is
 * made with what is there. A conversation no dissector takes is dropped by the reassembler as soon
 * as its server has been seen sending (so its port still counts as a service).
 *
 * A dissector that throws costs its conversation (`WL_PCAP_DISSECTOR_FAILED`), never the capture.
 */
import type {
  BytePosition,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissectors/dissector.js';
import type { TcpConnection, TcpStreamHandler } from '../tcp-reassembly.js';
import { dissectorFailed, type DiscoveryContext } from './context.js';
import type { ConversationEnds } from './conversations.js';
import { ConversationSink } from './sink.js';

type State = 'probing' | 'dissecting' | 'unknown' | 'done';

/** Bytes held per direction while probing. */
class Prefix {
  bytes: Uint8Array | null = null;
  fill = 0;

  view(): Uint8Array {
    return this.bytes === null ? EMPTY : this.bytes.subarray(0, this.fill);
  }
}

const EMPTY = new Uint8Array(0);

/** One held chunk, in arrival order: which direction, how many bytes, from which packet. */
interface HeldChunk {
  readonly direction: StreamDirection;
  readonly length: number;
  readonly offset: number;
}

/** The TCP stream handler discovery gives the reassembler for each connection. */
export class StreamDispatcher implements TcpStreamHandler {
  #state: State = 'probing';
  #dissector: StreamDissector | null = null;
  #protocol = 'stream';
  #first: StreamDirection | null = null;
  readonly #c2s = new Prefix();
  readonly #s2c = new Prefix();
  #held: HeldChunk[] = [];
  #serverSpoke = false;

  constructor(
    private readonly connection: TcpConnection,
    private readonly ctx: DiscoveryContext,
    private readonly factories: readonly StreamDissectorFactory[],
    private readonly ends: ConversationEnds,
  ) {}

  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    if (direction === 'server-to-client' && !this.#serverSpoke) this.#serverSpokeFirst();
    switch (this.#state) {
      case 'dissecting':
        this.#feed(direction, bytes, at);
        return;
      case 'probing':
        this.#probe(direction, bytes, at);
        return;
      case 'unknown':
      case 'done':
        return;
    }
  }

  gap(direction: StreamDirection, length: number, at: BytePosition): void {
    if (this.#state === 'probing') this.#decide(true, at.source);
    if (this.#state !== 'dissecting' || this.#dissector === null) return;
    try {
      this.#dissector.gap(direction, length, at);
    } catch (thrown) {
      this.#fail(thrown, at.offset);
    }
  }

  end(): void {
    if (this.#state === 'probing') this.#decide(true, this.ctx.source);
    this.#release();
    if (this.#state === 'dissecting' && this.#dissector !== null) {
      try {
        this.#dissector.end();
      } catch (thrown) {
        this.#fail(thrown, this.ctx.offset);
      }
    }
    this.#state = 'done';
  }

  #serverSpokeFirst(): void {
    this.#serverSpoke = true;
    const { ctx, ends } = this;
    const server = ctx.endpoints.ip(ends.serverIp, ctx.offset);
    if (server !== null) {
      ctx.endpoints.addService(server, { transport: 'tcp', port: ends.serverPort }, null, false);
    }
    if (this.#state === 'unknown') this.#drop();
  }

  #feed(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    try {
      this.#dissector?.data(direction, bytes, at);
    } catch (thrown) {
      this.#fail(thrown, at.offset);
    }
  }

  #probe(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    this.#first ??= direction;
    const prefix = this.#prefix(direction);
    if (prefix.bytes === null && !this.#reserve(prefix)) {
      // No room to hold bytes: decide on this chunk alone.
      this.ctx.probeCap.hit(at.offset);
      const answer = this.#ask(bytes, direction, true);
      if (answer === 'no' || answer === 'more') this.#unknown();
      else {
        this.#start(answer, at.source);
        this.#feed(direction, bytes, at);
      }
      return;
    }
    const held = prefix.bytes ?? EMPTY;
    const take = Math.min(bytes.length, held.length - prefix.fill);
    held.set(bytes.subarray(0, take), prefix.fill);
    prefix.fill += take;
    if (take > 0) this.#held.push({ direction, length: take, offset: at.offset });
    this.#decide(take < bytes.length || prefix.fill >= held.length, at.source);
    if (this.#state === 'dissecting' && take < bytes.length) {
      this.#feed(direction, bytes.subarray(take), at);
    }
  }

  #reserve(prefix: Prefix): boolean {
    const { limits } = this.ctx;
    if (this.ctx.probeBytesHeld + limits.probeBytes > limits.maxProbeBytesTotal) return false;
    prefix.bytes = new Uint8Array(limits.probeBytes);
    this.ctx.probeBytesHeld += limits.probeBytes;
    return true;
  }

  /** Asks the factories; `final` when no more bytes will be waited for. */
  #decide(final: boolean, source: string): void {
    const first = this.#first ?? 'client-to-server';
    const other = first === 'client-to-server' ? 'server-to-client' : 'client-to-server';
    let answer = this.#ask(this.#prefix(first).view(), first, final);
    if (answer === 'no') {
      const otherBytes = this.#prefix(other).view();
      if (otherBytes.length > 0) answer = this.#ask(otherBytes, other, final);
      else if (!final) answer = 'more';
    }
    if (answer === 'more') return;
    if (answer === 'no') this.#unknown();
    else this.#start(answer, source);
  }

  #ask(
    bytes: Uint8Array,
    direction: StreamDirection,
    final: boolean,
  ): StreamDissectorFactory | 'no' | 'more' {
    if (bytes.length === 0) return final ? 'no' : 'more';
    const ports = { client: this.ends.clientPort, server: this.ends.serverPort };
    let waiting = false;
    for (const factory of this.factories) {
      let answer: 'yes' | 'no' | 'more';
      try {
        answer = factory.probe(bytes, direction, ports);
      } catch (thrown) {
        dissectorFailed(this.ctx, factory.protocol, thrown, this.ctx.offset);
        continue;
      }
      if (answer === 'yes' && (!waiting || final)) return factory;
      if (answer === 'more') waiting = true;
    }
    return waiting && !final ? 'more' : 'no';
  }

  #start(factory: StreamDissectorFactory, source: string): void {
    this.#protocol = factory.protocol;
    try {
      this.#dissector = factory.create(new ConversationSink(this.ctx, this.ends));
    } catch (thrown) {
      this.#fail(thrown, this.ctx.offset);
      return;
    }
    this.#state = 'dissecting';
    const at = { c2s: 0, s2c: 0 };
    for (const chunk of this.#held) {
      if (!this.#dissecting()) break;
      const c2s = chunk.direction === 'client-to-server';
      const prefix = c2s ? this.#c2s : this.#s2c;
      const start = c2s ? at.c2s : at.s2c;
      const bytes = prefix.view().subarray(start, start + chunk.length);
      if (c2s) at.c2s += chunk.length;
      else at.s2c += chunk.length;
      this.#feed(chunk.direction, bytes, { source, offset: chunk.offset });
    }
    this.#release();
  }

  /** Not narrowed by the compiler: a failing dissector changes the state during a loop. */
  #dissecting(): boolean {
    return this.#state === 'dissecting';
  }

  #unknown(): void {
    this.#release();
    this.#state = 'unknown';
    if (this.#serverSpoke) this.#drop();
  }

  #drop(): void {
    this.#state = 'done';
    this.connection.ignore();
  }

  #fail(thrown: unknown, offset: number): void {
    dissectorFailed(this.ctx, this.#protocol, thrown, offset);
    this.#dissector = null;
    this.#release();
    this.#drop();
  }

  #prefix(direction: StreamDirection): Prefix {
    return direction === 'client-to-server' ? this.#c2s : this.#s2c;
  }

  /** Gives the held bytes back to the session's probe budget. */
  #release(): void {
    for (const prefix of [this.#c2s, this.#s2c]) {
      if (prefix.bytes === null) continue;
      this.ctx.probeBytesHeld -= prefix.bytes.length;
      prefix.bytes = null;
      prefix.fill = 0;
    }
    this.#held = [];
  }
}

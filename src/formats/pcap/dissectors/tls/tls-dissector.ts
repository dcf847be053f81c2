/**
 * TLS for passive discovery: the ClientHello names the server (SNI) and fingerprints the client's
 * TLS stack (JA3, JA4); the ServerHello fingerprints the server's answer (JA3S); before TLS 1.3 the
 * Certificate message shows the server's certificate in the clear. Once a direction has said all
 * it will say in the clear, its bytes are ignored without being looked at.
 *
 * Facts are about the sender of each message: `client` for bytes in `client-to-server`, `server`
 * for the other direction, whichever of them sent the ClientHello.
 *
 * @example
 *   const dissector = tlsDissectorFactory.create(sink);
 *   dissector.data('client-to-server', clientHelloBytes, at);
 *   // sink.identify('tls', true)
 *   // sink.fact('client', { tls: { sni: ['pacs.hospital.local'],
 *   //   ja3: ['66fdcab9689b131fd04777de513ae009'], ja4: ['t12d0409h2_dd22d19553a2_b39be8c56a14'],
 *   //   certificates: [] } })
 */
import type {
  BytePosition,
  DissectorSink,
  StreamDirection,
  StreamDissector,
  StreamDissectorFactory,
} from '../dissector.js';
import {
  hostNameFromCommonName,
  memoizedCertificateReader,
  readFirstCertificate,
  type CertificateRead,
  type CertificateSummary,
} from './certificate.js';
import { tlsDiagnostic, type TlsDiagnosticCode } from './diagnostics.js';
import {
  ja3,
  ja3s,
  ja4,
  memoizedDigest,
  type Digest,
  type Fingerprint,
  type Ja4,
} from './fingerprints.js';
import { parseClientHello, parseServerHello, type ClientHello, type ServerHello } from './hello.js';
import { TLS_LIMITS } from './limits.js';
import { RecordStream, type HandshakeOwner } from './record-stream.js';

const HANDSHAKE = { CLIENT_HELLO: 1, SERVER_HELLO: 2, CERTIFICATE: 11, SERVER_HELLO_DONE: 14 };
const TLS13 = 0x0304;

/** What a ClientHello yielded, for callers that want more than the facts (tests, tools). */
export interface ClientHelloEvent {
  readonly sender: 'client' | 'server';
  readonly hello: ClientHello;
  readonly ja3: Fingerprint;
  readonly ja4: Ja4;
}

/** What a ServerHello yielded: JA3S and the negotiated version. */
export interface ServerHelloEvent {
  readonly sender: 'client' | 'server';
  readonly hello: ServerHello;
  /** JA3S: no `ProtocolFacts` field holds it, so it is only given here. */
  readonly ja3s: Fingerprint;
  /** The negotiated version: supported_versions' choice, else legacy_version. */
  readonly version: number;
}

/** The first certificate a sender showed. */
export interface CertificateEvent {
  readonly sender: 'client' | 'server';
  readonly certificate: CertificateSummary;
}

/** Callbacks for what the facts do not carry. */
export interface TlsDissectorOptions {
  readonly onClientHello?: (event: ClientHelloEvent) => void;
  readonly onServerHello?: (event: ServerHelloEvent) => void;
  readonly onCertificate?: (event: CertificateEvent) => void;
}

/** What every conversation of one factory shares: options and the memoized hashing and parsing. */
interface Shared {
  readonly options: TlsDissectorOptions;
  readonly digest: Digest;
  readonly describe: (der: Uint8Array) => CertificateRead;
}

/** Shared between the two directions: whether TLS was announced, what version was chosen. */
interface Conversation {
  readonly sink: DissectorSink;
  readonly shared: Shared;
  identified: boolean;
  version: number | null;
}

class DirectionReader implements HandshakeOwner {
  readonly stream: RecordStream = new RecordStream(this);
  lastAt: BytePosition | null = null;
  #clientHelloSeen = false;
  #serverHelloSeen = false;
  #helloRetrySeen = false;

  constructor(
    readonly conversation: Conversation,
    readonly from: 'client' | 'server',
  ) {}

  started(): void {
    if (this.conversation.identified) return;
    this.conversation.identified = true;
    this.conversation.sink.identify('tls', true);
  }

  keep(type: number, length: number): number {
    if (type === HANDSHAKE.CLIENT_HELLO || type === HANDSHAKE.SERVER_HELLO) {
      return length <= TLS_LIMITS.maxHelloBytes ? length : 0;
    }
    if (type === HANDSHAKE.CERTIFICATE && this.conversation.version !== TLS13) {
      return TLS_LIMITS.maxCertificateMessageBytes;
    }
    return 0;
  }

  changeCipherSpec(): boolean {
    return !this.#helloRetrySeen || this.#serverHelloSeen;
  }

  problem(code: TlsDiagnosticCode, message: string, at: BytePosition): void {
    this.conversation.sink.diagnostic(tlsDiagnostic(at, code, message));
  }

  message(type: number, length: number, body: Uint8Array, at: BytePosition): void {
    switch (type) {
      case HANDSHAKE.CLIENT_HELLO:
        this.#clientHello(length, body, at);
        break;
      case HANDSHAKE.SERVER_HELLO:
        this.#serverHello(length, body, at);
        break;
      case HANDSHAKE.CERTIFICATE:
        if (body.length > 0) this.#certificate(body, at);
        this.stream.done = true;
        break;
      case HANDSHAKE.SERVER_HELLO_DONE:
        this.stream.done = true;
        break;
      default:
        break;
    }
  }

  #tooLarge(name: string, length: number, at: BytePosition): void {
    const limit = TLS_LIMITS.maxHelloBytes;
    this.problem(
      'WL_TLS_HANDSHAKE_TOO_LARGE',
      `a ${length}-byte ${name} is over the ${limit}-byte cap.`,
      at,
    );
  }

  #clientHello(length: number, body: Uint8Array, at: BytePosition): void {
    if (this.#clientHelloSeen) return;
    this.#clientHelloSeen = true;
    if (body.length < length) {
      this.#tooLarge('ClientHello', length, at);
      return;
    }
    const parsed = parseClientHello(body);
    if (!parsed.ok) {
      this.problem('WL_TLS_HANDSHAKE_INVALID', `ClientHello: ${parsed.reason}.`, at);
      return;
    }
    const hello = parsed.value;
    const { digest, options } = this.conversation.shared;
    const event: ClientHelloEvent = {
      sender: this.from,
      hello,
      ja3: ja3(hello, digest),
      ja4: ja4(hello, digest),
    };
    this.conversation.sink.fact(this.from, {
      tls: {
        sni: [...new Set(hello.serverNames)].filter((name) => name !== ''),
        ja3: [event.ja3.md5],
        ja4: [event.ja4.fingerprint],
        certificates: [],
      },
    });
    options.onClientHello?.(event);
  }

  #serverHello(length: number, body: Uint8Array, at: BytePosition): void {
    if (this.#serverHelloSeen) return;
    if (body.length < length) {
      this.stream.done = true;
      this.#tooLarge('ServerHello', length, at);
      return;
    }
    const parsed = parseServerHello(body);
    if (!parsed.ok) {
      this.stream.done = true;
      this.problem('WL_TLS_HANDSHAKE_INVALID', `ServerHello: ${parsed.reason}.`, at);
      return;
    }
    const hello = parsed.value;
    // A HelloRetryRequest is followed by the real ServerHello, which is the one to report.
    if (hello.helloRetryRequest) {
      this.#helloRetrySeen = true;
      return;
    }
    this.#serverHelloSeen = true;
    const version = hello.selectedVersion ?? hello.legacyVersion;
    this.conversation.version = version;
    if (version === TLS13) this.stream.done = true;
    const { digest, options } = this.conversation.shared;
    options.onServerHello?.({ sender: this.from, hello, ja3s: ja3s(hello, digest), version });
  }

  #certificate(body: Uint8Array, at: BytePosition): void {
    const read = readFirstCertificate(body, this.conversation.shared.describe);
    if (!read.ok) {
      this.problem('WL_TLS_CERTIFICATE_INVALID', `Certificate: ${read.reason}.`, at);
      return;
    }
    const certificate = read.certificate;
    if (certificate === null) return;
    const { subject, issuer, notAfter } = certificate;
    const sink = this.conversation.sink;
    sink.fact(this.from, {
      tls: { sni: [], ja3: [], ja4: [], certificates: [{ subject, issuer, notAfter }] },
    });
    const name = hostNameFromCommonName(certificate.commonName);
    if (name !== null) sink.hostname(this.from, { name, origin: 'tls-certificate' });
    this.conversation.shared.options.onCertificate?.({ sender: this.from, certificate });
  }
}

class TlsDissector implements StreamDissector {
  readonly protocol = 'tls' as const;
  readonly #readers: Record<StreamDirection, DirectionReader>;

  constructor(sink: DissectorSink, shared: Shared) {
    const conversation: Conversation = { sink, shared, identified: false, version: null };
    this.#readers = {
      'client-to-server': new DirectionReader(conversation, 'client'),
      'server-to-client': new DirectionReader(conversation, 'server'),
    };
  }

  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void {
    const reader = this.#readers[direction];
    if (reader.stream.done) return;
    reader.lastAt = at;
    reader.stream.push(bytes, at);
  }

  gap(direction: StreamDirection, length: number, at: BytePosition): void {
    const reader = this.#readers[direction];
    if (reader.stream.done) return;
    reader.stream.done = true;
    reader.problem(
      'WL_TLS_GAP',
      `${length} bytes lost before the handshake was read; this direction is not read further.`,
      at,
    );
  }

  end(): void {
    for (const reader of Object.values(this.#readers)) {
      if (reader.stream.done || !reader.stream.midMessage || reader.lastAt === null) continue;
      const { sink } = reader.conversation;
      sink.diagnostic(
        tlsDiagnostic(
          reader.lastAt,
          'WL_TLS_TRUNCATED',
          'the conversation ends inside a handshake message.',
          'info',
        ),
      );
      reader.stream.done = true;
    }
  }
}

/**
 * Probe: a handshake record (0x16, version 3.0–3.4) whose first message is a ClientHello (1), on
 * any port.
 */
export function probeTls(first: Uint8Array): 'yes' | 'no' | 'more' {
  const checks: readonly ((b: number) => boolean)[] = [
    (b) => b === 0x16,
    (b) => b === 0x03,
    (b) => b <= 0x04,
    () => true,
    () => true,
    (b) => b === 0x01,
  ];
  for (const [i, check] of checks.entries()) {
    const byte = first[i];
    if (byte === undefined) return 'more';
    if (!check(byte)) return 'no';
  }
  return 'yes';
}

/** A factory with callbacks for the hello and certificate details the facts do not carry. */
export function createTlsDissectorFactory(
  options: TlsDissectorOptions = {},
): StreamDissectorFactory {
  const shared: Shared = {
    options,
    digest: memoizedDigest(),
    describe: memoizedCertificateReader(),
  };
  return {
    protocol: 'tls',
    probe: (first) => probeTls(first),
    create: (sink) => new TlsDissector(sink, shared),
  };
}

/** The TLS stream dissector factory the discovery pipeline registers. */
export const tlsDissectorFactory: StreamDissectorFactory = createTlsDissectorFactory();

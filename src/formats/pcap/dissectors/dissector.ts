/**
 * The contract between the capture pipeline and the protocol dissectors. The pipeline decodes
 * packets, reassembles TCP, and hands each dissector the bytes of one conversation in order (or
 * one UDP datagram); a dissector reports what it learned through a sink and never keeps more than
 * its own bounded state. Dissectors know nothing of assets: they say "the client of this
 * conversation used AE title CT_SCANNER_1", and discovery decides which device that is.
 */
import type { Diagnostic } from '../../../domain/diagnostic.js';
import type {
  ApplicationProtocol,
  ObservedHostname,
  ProtocolFacts,
} from '../../../domain/observation.js';

/** Who a fact is about: one end of the conversation, or a device named inside the payload. */
export type FactSubject =
  | 'client'
  | 'server'
  /** A device the payload names (DHCP `chaddr`, a DNS answer); either part may be unknown. */
  | { readonly mac: string | null; readonly ip: string | null };

export interface DissectorSink {
  /** The conversation speaks this protocol (`encrypted` when it runs inside TLS). */
  identify(protocol: ApplicationProtocol, encrypted?: boolean): void;
  /** Protocol facts about a subject; lists are merged, scalars replace. Give one protocol per call. */
  fact(subject: FactSubject, facts: ProtocolFacts): void;
  /** A host name the payload states for a subject (DHCP option 12, a DNS A/AAAA answer). */
  hostname(subject: FactSubject, hostname: ObservedHostname): void;
  /** Count a protocol event: `dicom.p-data`, `dicom.release`, `dicom.abort`, `hl7.messages`. */
  count(counter: string, increment?: number): void;
  diagnostic(diagnostic: Diagnostic): void;
}

export type StreamDirection = 'client-to-server' | 'server-to-client';

/** Where the bytes sit, for diagnostics: the capture's name and the packet's byte offset. */
export interface BytePosition {
  readonly source: string;
  readonly offset: number;
}

/** One TCP conversation's application bytes, in order per direction. */
export interface StreamDissector {
  readonly protocol: ApplicationProtocol;
  /** The next contiguous bytes of one direction. The dissector copies what it keeps. */
  data(direction: StreamDirection, bytes: Uint8Array, at: BytePosition): void;
  /** Bytes were lost in a direction (not captured, or beyond the reassembly bound). */
  gap(direction: StreamDirection, length: number, at: BytePosition): void;
  /** The conversation ended or the capture did; flush what can still be reported. */
  end(): void;
}

/** Decides from a conversation's first bytes whether a stream dissector applies. */
export interface StreamDissectorFactory {
  readonly protocol: ApplicationProtocol;
  /**
   * `yes` to take the stream, `no` to rule it out, `more` when the bytes so far cannot tell
   * (the pipeline asks again with more, up to a bound, then gives up). `first` is what the first
   * speaker sent; `direction` says who that was.
   */
  probe(
    first: Uint8Array,
    direction: StreamDirection,
    ports: { client: number; server: number },
  ): 'yes' | 'no' | 'more';
  create(sink: DissectorSink): StreamDissector;
}

/** A UDP payload dissector (DHCP, DNS): stateless per datagram. */
export interface DatagramDissector {
  readonly protocol: ApplicationProtocol;
  matches(ports: { src: number; dst: number }, payload: Uint8Array): boolean;
  /** `client` is the datagram's sender, `server` its receiver. */
  dissect(payload: Uint8Array, at: BytePosition, sink: DissectorSink): void;
}

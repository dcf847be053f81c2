import { pcapDiagnostic, type PcapDiagnostic, type PcapDiagnosticCode } from './diagnostics.js';
import type { IpSummary, TransportSummary } from './packet-summary.js';

/** What the layer decoders fill in as they go down one frame. */
export interface DecodeState {
  readonly source: string;
  readonly offset: number;
  readonly index: number;
  /** The snaplen cut this packet, so running out of bytes is expected rather than malformed. */
  readonly cut: boolean;
  readonly diagnostics: PcapDiagnostic[];
  srcMac: string | null;
  dstMac: string | null;
  vlanIds: number[];
  etherType: number | null;
  ip: IpSummary | null;
  transport: TransportSummary | null;
  /**
   * The innermost bytes not decoded, as offsets into the packet's data: the decoders pass offsets
   * down rather than slicing at every layer, and the payload view is made once at the end.
   */
  start: number;
  end: number;
  truncated: boolean;
}

/** A layer decoder: the packet's data, and where this layer's bytes start and end in it. */
export type LayerDecoder = (state: DecodeState, bytes: Uint8Array, at: number, end: number) => void;

export function malformed(
  state: DecodeState,
  message: string,
  code: PcapDiagnosticCode = 'WL_PCAP_MALFORMED_PACKET',
): void {
  state.diagnostics.push(
    pcapDiagnostic(
      state.source,
      state.offset,
      code,
      'warning',
      `Packet ${state.index}: ${message}`,
    ),
  );
}

/** Bytes ran out: a diagnostic unless the capture's snaplen explains it. */
export function short(state: DecodeState, what: string): void {
  state.truncated = true;
  if (!state.cut) malformed(state, `${what} runs past the end of the captured bytes.`);
}

/** Big-endian reads of bytes the caller has bounds-checked (0 past the end), without a DataView. */
export function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

export function u32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}

/** A byte the caller has already bounds-checked; 0 past the end rather than undefined. */
export function u8(bytes: Uint8Array, at: number): number {
  return bytes[at] ?? 0;
}

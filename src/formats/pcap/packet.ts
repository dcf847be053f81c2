import type { ByteStream } from './byte-stream.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { PcapLimits } from './limits.js';

/** One packet as the capture file recorded it, before any decoding. */
export interface CapturedPacket {
  /** 0-based position among the packets yielded. */
  readonly index: number;
  /** Byte offset of the record (pcap) or block (pcapng) in the capture. */
  readonly offset: number;
  /** Microseconds since the Unix epoch (UTC); null for a pcapng Simple Packet Block, which has none. */
  readonly timestampMicros: bigint | null;
  /** LINKTYPE_* value (https://www.tcpdump.org/linktypes.html): 1 Ethernet, 113 SLL… */
  readonly linkType: number;
  /** pcapng interface id; 0 for pcap. */
  readonly interfaceId: number;
  readonly capturedLength: number;
  /** Length on the wire; larger than capturedLength when the snaplen cut the packet. */
  readonly originalLength: number;
  readonly data: Uint8Array;
}

export type CaptureFormat = 'pcap' | 'pcapng';

/** What the format readers share while walking one capture. */
export interface ReaderContext {
  readonly stream: ByteStream;
  readonly source: string;
  readonly limits: PcapLimits;
  readonly report: DiagnosticSink;
  nextIndex: number;
}

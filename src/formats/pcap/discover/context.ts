/** What the parts of one discovery session share while a capture is read. */
import type { ConversationTable } from './conversations.js';
import type { CapCounter, DiagnosticLog } from './diagnostics.js';
import type { EndpointTable } from './endpoints.js';
import type { DiscoveryLimits } from './limits.js';

/** The state a session's tables, dispatchers and sinks share. */
export interface DiscoveryContext {
  readonly source: string;
  readonly limits: DiscoveryLimits;
  readonly endpoints: EndpointTable;
  readonly conversations: ConversationTable;
  readonly log: DiagnosticLog;
  /** Dissector counters (`dicom.p-data`…), at most `maxCounters` names. */
  readonly counters: Map<string, number>;
  /** TCP conversations and UDP datagrams recognized, per protocol. */
  readonly recognized: Map<string, number>;
  /** Capture time (microseconds, -1 unknown), byte offset and innermost VLAN of the packet being read. */
  nowMicros: number;
  offset: number;
  vlan: number | null;
  /** Probe bytes held now across conversations, and conversations dropped for want of room. */
  probeBytesHeld: number;
  readonly probeCap: CapCounter;
  /** Calls into dissectors that threw; each is a `WL_PCAP_DISSECTOR_FAILED`. */
  dissectorFailures: number;
}

/** Records a dissector's exception as a diagnostic: a bug there costs one conversation, not the capture. */
export function dissectorFailed(
  ctx: DiscoveryContext,
  protocol: string,
  thrown: unknown,
  offset: number,
): void {
  ctx.dissectorFailures++;
  const reason = thrown instanceof Error ? thrown.message : String(thrown);
  ctx.log.report(
    'WL_PCAP_DISSECTOR_FAILED',
    'error',
    offset,
    `The ${protocol} dissector failed (${reason.slice(0, 200)}); the rest of that conversation is not read.`,
  );
}

import type { Diagnostic, DiagnosticSeverity } from '../../domain/diagnostic.js';

/** Every diagnostic code the pcap folder emits; README.md describes each. */
export const PCAP_DIAGNOSTIC_CODES = [
  'WL_PCAP_TRUNCATED_RECORD',
  'WL_PCAP_RECORD_TOO_LARGE',
  'WL_PCAP_CORRUPT_RECORD',
  'WL_PCAP_BLOCK_INVALID',
  'WL_PCAP_RESYNCED',
  'WL_PCAP_RESYNC_FAILED',
  'WL_PCAP_UNKNOWN_INTERFACE',
  'WL_PCAP_TOO_MANY_INTERFACES',
  'WL_PCAP_MALFORMED_PACKET',
  'WL_PCAP_UNSUPPORTED_LINK_TYPE',
  'WL_PCAP_FLOWS_EVICTED',
] as const;

export type PcapDiagnosticCode = (typeof PCAP_DIAGNOSTIC_CODES)[number];
export type PcapDiagnostic = Diagnostic<PcapDiagnosticCode>;

export type DiagnosticSink = (diagnostic: PcapDiagnostic) => void;

export function pcapDiagnostic(
  source: string,
  offset: number,
  code: PcapDiagnosticCode,
  severity: DiagnosticSeverity,
  message: string,
): PcapDiagnostic {
  return { source, offset, code, severity, message };
}

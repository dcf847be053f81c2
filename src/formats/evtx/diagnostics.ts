/** The reader's diagnostic codes and the rejected items that carry them. */
import type { LogReadItem } from '../../domain/detection.js';
import { MAX_DEAD_LETTER_RAW_CHARS } from '../../domain/detection.js';
import type { DiagnosticSeverity } from '../../domain/diagnostic.js';
import { hexUpper } from './bytes.js';

export const EVTX_DIAGNOSTIC_CODES = [
  'WL_EVTX_CHUNK_SIGNATURE',
  'WL_EVTX_CHUNK_HEADER_CRC',
  'WL_EVTX_CHUNK_DATA_CRC',
  'WL_EVTX_CHUNK_OFFSETS',
  'WL_EVTX_CHUNK_TRUNCATED',
  'WL_EVTX_RECORD_SIGNATURE',
  'WL_EVTX_RECORD_SIZE',
  'WL_EVTX_RECORD_BINXML',
  'WL_EVTX_RECORD_EMPTY',
  'WL_EVTX_RECORDS_LIMIT',
  'WL_EVTX_DIAGNOSTICS_LIMIT',
] as const;
export type EvtxDiagnosticCode = (typeof EVTX_DIAGNOSTIC_CODES)[number];

export interface RejectInput {
  readonly source: string;
  readonly offset: number;
  readonly code: EvtxDiagnosticCode;
  readonly message: string;
  readonly severity?: DiagnosticSeverity;
  /** Raw bytes kept as hex (cut to the dead-letter bound). */
  readonly raw?: { readonly bytes: Uint8Array; readonly start: number; readonly end: number };
}

export function rejected(input: RejectInput): LogReadItem {
  const diagnostic = {
    source: input.source,
    offset: input.offset,
    code: input.code,
    severity: input.severity ?? 'error',
    message: input.message,
  };
  if (input.raw === undefined) return { kind: 'rejected', diagnostic };
  const { bytes, start, end } = input.raw;
  const stop = Math.min(end, start + MAX_DEAD_LETTER_RAW_CHARS / 2, bytes.length);
  return { kind: 'rejected', diagnostic, raw: hexUpper(bytes, start, Math.max(start, stop)) };
}

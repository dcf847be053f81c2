import type { Diagnostic, DiagnosticSeverity } from '../../../../domain/diagnostic.js';
import type { BytePosition } from '../dissector.js';

/** Every diagnostic code the TLS dissector emits; README.md describes each. */
export const TLS_DIAGNOSTIC_CODES = [
  'WL_TLS_RECORD_INVALID',
  'WL_TLS_HANDSHAKE_INVALID',
  'WL_TLS_HANDSHAKE_TOO_LARGE',
  'WL_TLS_CERTIFICATE_INVALID',
  'WL_TLS_GAP',
  'WL_TLS_TRUNCATED',
] as const;

/** One of `TLS_DIAGNOSTIC_CODES`. */
export type TlsDiagnosticCode = (typeof TLS_DIAGNOSTIC_CODES)[number];
/** A diagnostic the TLS dissector emits. */
export type TlsDiagnostic = Diagnostic<TlsDiagnosticCode>;

/** A diagnostic at the packet position (`warning` unless told). */
export function tlsDiagnostic(
  at: BytePosition,
  code: TlsDiagnosticCode,
  message: string,
  severity: DiagnosticSeverity = 'warning',
): TlsDiagnostic {
  return { source: at.source, offset: at.offset, code, severity, message };
}

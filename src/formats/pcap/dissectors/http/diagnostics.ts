import type { Diagnostic, DiagnosticSeverity } from '../../../../domain/diagnostic.js';
import type { BytePosition } from '../dissector.js';

/** Every diagnostic code the HTTP dissector emits; README.md describes each. */
export const HTTP_DIAGNOSTIC_CODES = [
  'WL_HTTP_MALFORMED',
  'WL_HTTP_HEADER_TOO_LARGE',
  'WL_HTTP_GAP',
] as const;

/** One of `HTTP_DIAGNOSTIC_CODES`. */
export type HttpDiagnosticCode = (typeof HTTP_DIAGNOSTIC_CODES)[number];
/** A diagnostic the HTTP dissector emits. */
export type HttpDiagnostic = Diagnostic<HttpDiagnosticCode>;

/** A diagnostic at the packet position (`warning` unless told). */
export function httpDiagnostic(
  at: BytePosition,
  code: HttpDiagnosticCode,
  message: string,
  severity: DiagnosticSeverity = 'warning',
): HttpDiagnostic {
  return { source: at.source, offset: at.offset, code, severity, message };
}

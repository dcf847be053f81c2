import type { Diagnostic } from '../../../../domain/diagnostic.js';
import type { BytePosition } from '../dissector.js';

/** Every diagnostic code the DNS dissector emits; README.md describes each. */
export const DNS_DIAGNOSTIC_CODES = [
  'WL_DNS_MALFORMED',
  'WL_DNS_NAME_INVALID',
  'WL_DNS_LIMIT_EXCEEDED',
] as const;

/** One of `DNS_DIAGNOSTIC_CODES`. */
export type DnsDiagnosticCode = (typeof DNS_DIAGNOSTIC_CODES)[number];
/** A diagnostic the DNS dissector emits. */
export type DnsDiagnostic = Diagnostic<DnsDiagnosticCode>;

/** A `warning` diagnostic at the packet position. */
export function dnsDiagnostic(
  at: BytePosition,
  code: DnsDiagnosticCode,
  message: string,
): DnsDiagnostic {
  return { source: at.source, offset: at.offset, code, severity: 'warning', message };
}

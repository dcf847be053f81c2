import type { Diagnostic } from '../../../../domain/diagnostic.js';
import type { BytePosition } from '../dissector.js';

/** Every diagnostic code the DNS dissector emits; README.md describes each. */
export const DNS_DIAGNOSTIC_CODES = [
  'WL_DNS_MALFORMED',
  'WL_DNS_NAME_INVALID',
  'WL_DNS_LIMIT_EXCEEDED',
] as const;

export type DnsDiagnosticCode = (typeof DNS_DIAGNOSTIC_CODES)[number];
export type DnsDiagnostic = Diagnostic<DnsDiagnosticCode>;

export function dnsDiagnostic(
  at: BytePosition,
  code: DnsDiagnosticCode,
  message: string,
): DnsDiagnostic {
  return { source: at.source, offset: at.offset, code, severity: 'warning', message };
}

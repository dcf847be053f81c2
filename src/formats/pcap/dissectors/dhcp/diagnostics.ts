import type { Diagnostic } from '../../../../domain/diagnostic.js';
import type { BytePosition } from '../dissector.js';

/** Every diagnostic code the DHCP dissector emits; README.md describes each. */
export const DHCP_DIAGNOSTIC_CODES = [
  'WL_DHCP_MALFORMED',
  'WL_DHCP_OPTION_INVALID',
  'WL_DHCP_LIMIT_EXCEEDED',
] as const;

/** One of `DHCP_DIAGNOSTIC_CODES`. */
export type DhcpDiagnosticCode = (typeof DHCP_DIAGNOSTIC_CODES)[number];
/** A diagnostic the DHCP dissector emits. */
export type DhcpDiagnostic = Diagnostic<DhcpDiagnosticCode>;

/** A `warning` diagnostic at the packet position. */
export function dhcpDiagnostic(
  at: BytePosition,
  code: DhcpDiagnosticCode,
  message: string,
): DhcpDiagnostic {
  return { source: at.source, offset: at.offset, code, severity: 'warning', message };
}

/** DHCP and BOOTP: the client's hardware address, host name, vendor class and DHCP fingerprint. */
export {
  dhcpDatagramDissector,
  dhcpClientIp,
  reportDhcpMessage,
  DHCP_PORTS,
} from './dhcp-dissector.js';
export {
  parseDhcpMessage,
  BOOTP_HEADER_LENGTH,
  BOOTP_MAGIC_COOKIE,
  DHCP_MESSAGE_TYPES,
} from './dhcp-message.js';
export type {
  DhcpClientFqdn,
  DhcpMessage,
  DhcpMessageType,
  DhcpParseResult,
} from './dhcp-message.js';
export { readDhcpOptions, DHCP_OPTION, DHCP_LAYOUT } from './dhcp-options.js';
export type { OptionProblem, OptionsRead } from './dhcp-options.js';
export { DHCP_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { DhcpDiagnostic, DhcpDiagnosticCode } from './diagnostics.js';
export { DHCP_LIMITS } from './limits.js';

/** DNS, mDNS and LLMNR: queries a device makes and PTR answers that name an address. */
export { dnsDatagramDissector, DNS_UDP_PORTS } from './dns-dissector.js';
export { dnsTcpDissectorFactory } from './dns-tcp.js';
export { parseDnsMessage, DNS_TYPE } from './dns-message.js';
export type {
  DnsMessage,
  DnsParseResult,
  DnsQuestion,
  DnsRecord,
  DnsRecordData,
} from './dns-message.js';
export { readName } from './dns-name.js';
export type { NameRead } from './dns-name.js';
export { reverseNameToIp } from './reverse-name.js';
export { reportDnsMessage } from './report.js';
export { DNS_DIAGNOSTIC_CODES } from './diagnostics.js';
export type { DnsDiagnostic, DnsDiagnosticCode } from './diagnostics.js';
export { DNS_LIMITS } from './limits.js';

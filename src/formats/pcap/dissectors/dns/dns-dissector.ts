/**
 * DNS over UDP: unicast DNS (port 53), multicast DNS (5353, RFC 6762) and LLMNR (5355, RFC 4795),
 * which share one message format.
 *
 * @example
 *   dnsDatagramDissector.dissect(payload, { source: 'ward-4.pcap', offset: 1204 }, sink);
 *   // query:      sink.fact('client', { dns: { queries: ['pacs.hospital.local'] } })
 *   // PTR answer: sink.hostname({ mac: null, ip: '10.1.9.5' },
 *   //                           { name: 'pacs.hospital.local', origin: 'dns-ptr' })
 */
import type { DatagramDissector } from '../dissector.js';
import { DNS_HEADER_LENGTH, parseDnsMessage } from './dns-message.js';
import { reportDnsMessage } from './report.js';

/** UDP ports that carry DNS messages: DNS, mDNS, LLMNR. */
export const DNS_UDP_PORTS: ReadonlySet<number> = new Set([53, 5353, 5355]);

/** The DNS datagram dissector: UDP to or from 53, 5353 or 5355. */
export const dnsDatagramDissector: DatagramDissector = {
  protocol: 'dns',
  matches(ports, payload) {
    return (
      (DNS_UDP_PORTS.has(ports.src) || DNS_UDP_PORTS.has(ports.dst)) &&
      payload.length >= DNS_HEADER_LENGTH
    );
  },
  dissect(payload, at, sink) {
    const { message, diagnostics } = parseDnsMessage(payload, at);
    for (const diagnostic of diagnostics) sink.diagnostic(diagnostic);
    if (message === null) return;
    sink.identify('dns');
    reportDnsMessage(message, 'client', sink);
  },
};

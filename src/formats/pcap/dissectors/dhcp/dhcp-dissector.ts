/**
 * DHCP for passive discovery: a DHCP client tells the network its hardware address, the name it
 * gives itself, its vendor class and the parameters it asks for (a fingerprint of its DHCP
 * stack), often before it sends anything else.
 *
 * @example
 *   dhcpDatagramDissector.dissect(request, { source: 'ward-4.pcap', offset: 88 }, sink);
 *   // sink.fact({ mac: '00:1b:63:84:45:e6', ip: '10.1.4.20' }, { dhcp: { hostname: 'PUMP-0417',
 *   //   vendorClass: 'BD-Alaris', fingerprint: '1,3,6,15', clientId: '01:00:1b:63:84:45:e6' } })
 *   // sink.hostname({ mac: '00:1b:63:84:45:e6', ip: '10.1.4.20' },
 *   //               { name: 'PUMP-0417', origin: 'dhcp' })
 */
import type { DatagramDissector, DissectorSink } from '../dissector.js';
import { parseDhcpMessage, type DhcpMessage, type DhcpMessageType } from './dhcp-message.js';

/** BOOTP server and client ports (RFC 951); relays talk server port to server port. */
export const DHCP_PORTS: ReadonlySet<number> = new Set([67, 68]);

/**
 * The messages in which a client presents itself (RFC 2131 §4.4): their options describe the
 * client, so they become its `dhcp` facts. `null` is plain BOOTP.
 */
const SELF_DESCRIBING: ReadonlySet<DhcpMessageType | null> = new Set([
  'discover',
  'request',
  'inform',
  null,
]);

/** The DHCP/BOOTP datagram dissector: UDP with both ports in 67/68. */
export const dhcpDatagramDissector: DatagramDissector = {
  protocol: 'dhcp',
  matches(ports) {
    return DHCP_PORTS.has(ports.src) && DHCP_PORTS.has(ports.dst);
  },
  dissect(payload, at, sink) {
    const { message, diagnostics } = parseDhcpMessage(payload, at);
    for (const diagnostic of diagnostics) sink.diagnostic(diagnostic);
    if (message === null) return;
    sink.identify('dhcp');
    sink.count(`dhcp.${message.messageType ?? 'bootp'}`);
    reportDhcpMessage(message, sink);
  },
};

/**
 * The client's address as this message states it: the one it requests or holds (`ciaddr`) in a
 * request, the one assigned (`yiaddr`) in an ACK or BOOTP reply. A DECLINE's requested address
 * belongs to another device, and an OFFER's is not yet the client's.
 */
export function dhcpClientIp(message: DhcpMessage): string | null {
  if (message.op === 1) {
    if (message.messageType === 'decline') return null;
    return message.requestedIp ?? message.clientIp;
  }
  if (message.messageType === 'ack' || message.messageType === null) {
    return message.yourIp ?? message.clientIp;
  }
  return null;
}

/**
 * Reports one message about its client (by `chaddr`). Client messages that present the client
 * give the `dhcp` facts; the others only tie the hardware address to an IP (`fact(subject, {})`),
 * so a RELEASE or an ACK, which lack the parameter request list, never blank out a fingerprint.
 */
export function reportDhcpMessage(message: DhcpMessage, sink: DissectorSink): void {
  const mac = message.clientMac;
  const ip = dhcpClientIp(message);
  if (mac === null && ip === null) return;
  const subject = { mac, ip };
  const name = message.hostname ?? message.fqdn?.name ?? null;
  if (message.op === 1 && SELF_DESCRIBING.has(message.messageType)) {
    sink.fact(subject, {
      dhcp: {
        hostname: name,
        vendorClass: message.vendorClass,
        fingerprint: message.parameterRequestList?.join(',') ?? null,
        clientId: message.clientId,
      },
    });
  } else if (ip !== null) {
    sink.fact(subject, {});
  }
  if (name !== null) sink.hostname(subject, { name, origin: 'dhcp' });
}

/**
 * What a DNS message tells discovery: the names a device asked for (its queries) and, from PTR
 * answers to reverse lookups, the name the resolver holds for an address. A and AAAA answers are
 * not reported as host names: they are names clients resolve, not what a device calls itself.
 */
import type { DissectorSink } from '../dissector.js';
import { DNS_TYPE, type DnsMessage } from './dns-message.js';
import { reverseNameToIp } from './reverse-name.js';

/** Reports one parsed message sent by `sender` (the datagram's sender, or one end of a TCP stream). */
export function reportDnsMessage(
  message: DnsMessage,
  sender: 'client' | 'server',
  sink: DissectorSink,
): void {
  if (!message.response) {
    const queries = [...new Set(message.questions.map((q) => q.name))].filter((n) => n !== '');
    if (queries.length > 0) sink.fact(sender, { dns: { queries } });
    return;
  }
  for (const answer of message.answers) {
    if (answer.type !== DNS_TYPE.PTR || answer.data.kind !== 'name') continue;
    const ip = reverseNameToIp(answer.name);
    if (ip === null || answer.data.name === '') continue;
    sink.hostname({ mac: null, ip }, { name: answer.data.name, origin: 'dns-ptr' });
  }
}

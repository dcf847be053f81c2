/**
 * The `DissectorSink` discovery gives each dissected conversation (and, reused, each datagram):
 * it turns "the client used AE title CT_WARD01" into facts on the record of the client's address,
 * a `{ mac, ip }` subject (DHCP) into facts on the MAC's record, or with no facts into a binding of
 * the two (`fact({ mac, ip }, {})`, what the DHCP dissector reports for an ACK), the
 * protocol into the conversation's name and a service on the server, counters into the session's
 * counters and diagnostics into the session's log.
 */
import type { Diagnostic } from '../../../domain/diagnostic.js';
import type {
  ApplicationProtocol,
  ObservedHostname,
  ProtocolFacts,
} from '../../../domain/observation.js';
import type { DissectorSink, FactSubject } from '../dissectors/dissector.js';
import type { DiscoveryContext } from './context.js';
import type { ConversationEnds } from './conversations.js';
import { namesDevice, type IpRecord, type MacRecord } from './endpoints.js';

/** The `DissectorSink` of one conversation (or, reused, of each datagram). */
export class ConversationSink implements DissectorSink {
  /** The conversation the facts belong to (client and server as the inventory shows them). */
  ends: ConversationEnds;
  /** Who `client` and `server` mean in facts: the conversation's ends, or a datagram's sender and receiver. */
  factClient: string;
  factServer: string;

  constructor(
    private readonly ctx: DiscoveryContext,
    ends: ConversationEnds,
  ) {
    this.ends = ends;
    this.factClient = ends.clientIp;
    this.factServer = ends.serverIp;
  }

  identify(protocol: ApplicationProtocol, encrypted = false): void {
    const { ctx, ends } = this;
    ctx.recognized.set(protocol, (ctx.recognized.get(protocol) ?? 0) + 1);
    const record = ctx.conversations.get(ends, ctx.vlan, ctx.offset);
    let name: string = protocol;
    let tls = encrypted || protocol === 'tls';
    if (record !== null) {
      ctx.conversations.identify(record, protocol, encrypted);
      name = record.protocol ?? protocol;
      tls = record.encrypted;
    }
    const server = ctx.endpoints.ip(ends.serverIp, ctx.offset);
    if (server !== null) {
      ctx.endpoints.addService(
        server,
        { transport: ends.transport, port: ends.serverPort },
        name,
        tls,
      );
    }
  }

  fact(subject: FactSubject, facts: ProtocolFacts): void {
    if (typeof subject === 'object' && subject.mac !== null && subject.ip !== null) {
      // Facts without a protocol tie the address to the MAC (a DHCP ACK's `yiaddr`); a client's
      // own messages name an address it asks for, which the server may refuse.
      if (Object.keys(facts).length === 0) {
        const { ctx } = this;
        ctx.endpoints.bind(subject.mac, subject.ip, ctx.nowMicros, ctx.vlan, ctx.offset);
        return;
      }
    }
    const target = this.#target(subject);
    if (target === null) return;
    this.ctx.endpoints.facts(target).merge(facts, this.ctx.offset);
  }

  hostname(subject: FactSubject, hostname: ObservedHostname): void {
    const target = this.#target(subject);
    if (target !== null) this.ctx.endpoints.addHostname(target, hostname);
  }

  count(counter: string, increment = 1): void {
    const counters = this.ctx.counters;
    const current = counters.get(counter);
    if (current !== undefined) counters.set(counter, current + increment);
    else if (counters.size < this.ctx.limits.maxCounters) counters.set(counter, increment);
  }

  diagnostic(diagnostic: Diagnostic): void {
    this.ctx.log.add(diagnostic);
  }

  #target(subject: FactSubject): IpRecord | MacRecord | null {
    const { ctx } = this;
    if (subject === 'client') return ctx.endpoints.ip(this.factClient, ctx.offset);
    if (subject === 'server') return ctx.endpoints.ip(this.factServer, ctx.offset);
    const { mac, ip } = subject;
    if (mac !== null && namesDevice(mac)) {
      const record = ctx.endpoints.mac(mac, ctx.offset);
      record?.touch(ctx.nowMicros, ctx.vlan);
      return record;
    }
    // An address named in the payload (a DNS PTR answer) need not be one seen on the wire.
    return ip === null ? null : ctx.endpoints.ip(ip, ctx.offset);
  }
}

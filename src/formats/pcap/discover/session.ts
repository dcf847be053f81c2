/**
 * Passive discovery over one capture, a packet at a time: decode, count into 5-tuple flows, note
 * which MAC carried which address, reassemble TCP and let the stream dispatcher pick a dissector
 * by content, hand UDP datagrams to the datagram dissectors; at the end, group the addresses into
 * devices and the flows into conversations. Synchronous: `discoverCapture` drives it from a stream.
 *
 * @example
 *   const session = new DiscoverySession({ source: 'imaging-vlan.pcap' });
 *   for await (const packet of readCapture(stream, { onDiagnostic: (d) => session.diagnostic(d) })) {
 *     session.add(packet);
 *   }
 *   const { observations, flows, diagnostics, stats } = session.finish();
 *   // observations[0]: { source: { kind: 'capture', name: 'imaging-vlan.pcap', importId: null },
 *   //   identifiers: { mac: '00:1b:14:01:10:42', ips: ['10.1.4.11'], aeTitles: ['CT_WARD01'], … },
 *   //   protocols: { dicom: { roles: ['scu'], sopClasses: ['1.2.840.10008.5.1.4.1.1.2', …], … } }, … }
 */
import type { Diagnostic } from '../../../domain/diagnostic.js';
import type {
  DeviceObservation,
  ObservationSource,
  ObservedFlow,
} from '../../../domain/observation.js';
import { formatIpv4, formatMac } from '../addresses.js';
import { decodePacket, ETHERTYPE } from '../decode.js';
import { dhcpDatagramDissector } from '../dissectors/dhcp/index.js';
import { dicomDissectorFactory } from '../dissectors/dicom/index.js';
import type { DatagramDissector, StreamDissectorFactory } from '../dissectors/dissector.js';
import { dnsDatagramDissector, dnsTcpDissectorFactory } from '../dissectors/dns/index.js';
import { hl7DissectorFactory } from '../dissectors/hl7/index.js';
import { httpDissectorFactory } from '../dissectors/http/index.js';
import { tlsDissectorFactory } from '../dissectors/tls/index.js';
import { FlowTable } from '../flows.js';
import type { CapturedPacket } from '../packet.js';
import type { PacketSummary, UdpSummary } from '../packet-summary.js';
import {
  TcpReassembler,
  type TcpConnection,
  type TcpReassemblyLimits,
  type TcpReassemblyStats,
} from '../tcp-reassembly.js';
import { dissectorFailed, type DiscoveryContext } from './context.js';
import { ConversationTable, endsByPort } from './conversations.js';
import { buildFlow, buildObservation, groupDevices, timeFormat } from './devices.js';
import { CapCounter, DiagnosticLog } from './diagnostics.js';
import { StreamDispatcher } from './dispatcher.js';
import { EndpointTable } from './endpoints.js';
import { DISCOVERY_LIMITS, type DiscoveryLimits } from './limits.js';
import { ConversationSink } from './sink.js';

/** The stream dissectors discovery asks, in this order, about every TCP conversation. */
export const DEFAULT_STREAM_DISSECTORS: readonly StreamDissectorFactory[] = [
  dicomDissectorFactory,
  hl7DissectorFactory,
  tlsDissectorFactory,
  httpDissectorFactory,
  dnsTcpDissectorFactory,
];

/** The datagram dissectors discovery asks about every UDP datagram. */
export const DEFAULT_DATAGRAM_DISSECTORS: readonly DatagramDissector[] = [
  dhcpDatagramDissector,
  dnsDatagramDissector,
];

/** How one capture is discovered: its name, the caps, the dissectors. */
export interface DiscoverySessionOptions {
  /** Names the capture in diagnostics and, by default, in the observations' source. */
  readonly source: string;
  /** The observations' source; `{ kind: 'capture', name: source, importId: null }` by default. */
  readonly sourceRef?: ObservationSource;
  readonly limits?: Partial<DiscoveryLimits>;
  readonly reassemblyLimits?: Partial<TcpReassemblyLimits>;
  readonly streamDissectors?: readonly StreamDissectorFactory[];
  readonly datagramDissectors?: readonly DatagramDissector[];
  /** `observedAt`, `firstSeen` and `lastSeen` when the capture has no timestamps (pcapng SPB). */
  readonly fallbackTime?: string;
}

/** What a discovery counted, for progress reports and the benchmark. */
export interface DiscoveryStats {
  readonly packets: number;
  /** Bytes of packet data in the capture (captured lengths). */
  readonly capturedBytes: number;
  /** Bytes the packets had on the wire (original lengths). */
  readonly wireBytes: number;
  readonly ipPackets: number;
  readonly tcpPackets: number;
  readonly udpPackets: number;
  readonly arpPackets: number;
  readonly datagramsDissected: number;
  /** First and last packet time, ISO 8601; null without timestamps. */
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly devices: number;
  readonly conversations: number;
  /** TCP conversations and UDP datagrams a dissector recognized, per protocol. */
  readonly recognized: Readonly<Record<string, number>>;
  /** Dissector counters: `dicom.associate-rq`, `dicom.p-data`, `hl7.messages`, `dhcp.request`… */
  readonly counters: Readonly<Record<string, number>>;
  /** Every diagnostic seen per code, including those not kept. */
  readonly diagnosticCounts: Readonly<Record<string, number>>;
  readonly reassembly: TcpReassemblyStats;
  /** 5-tuple flows folded into conversations before the end to stay within `maxFlows`. */
  readonly flowsEvicted: number;
  /** Flows of IP protocols other than TCP, UDP and SCTP (ICMP…), not reported as conversations. */
  readonly otherFlows: number;
  readonly dissectorFailures: number;
}

/** The devices, conversations and diagnostics of one capture. */
export interface DiscoveryResult {
  readonly observations: DeviceObservation[];
  readonly flows: ObservedFlow[];
  readonly diagnostics: Diagnostic[];
  readonly stats: DiscoveryStats;
}

const ARP_LENGTH = 28;

/** Discovery over one capture, fed a packet at a time; `finish` returns the result. */
export class DiscoverySession {
  readonly #ctx: DiscoveryContext;
  readonly #sourceRef: ObservationSource;
  readonly #fallbackTime: string | undefined;
  readonly #flows: FlowTable;
  readonly #reassembler: TcpReassembler;
  readonly #datagrams: readonly DatagramDissector[];
  readonly #datagramSink: ConversationSink;
  readonly #decodeOptions: { source: string };
  #result: DiscoveryResult | null = null;
  #packets = 0;
  #capturedBytes = 0;
  #wireBytes = 0;
  #ipPackets = 0;
  #tcpPackets = 0;
  #udpPackets = 0;
  #arpPackets = 0;
  #datagramsDissected = 0;
  #firstMicros = -1;
  #lastMicros = -1;

  constructor(options: DiscoverySessionOptions) {
    const limits: DiscoveryLimits = { ...DISCOVERY_LIMITS, ...options.limits };
    const source = options.source;
    const conversations = new ConversationTable(limits.maxConversations);
    this.#ctx = {
      source,
      limits,
      endpoints: new EndpointTable(limits),
      conversations,
      log: new DiagnosticLog(source, limits.maxDiagnostics),
      counters: new Map(),
      recognized: new Map(),
      nowMicros: -1,
      offset: 0,
      vlan: null,
      probeBytesHeld: 0,
      probeCap: new CapCounter(),
      dissectorFailures: 0,
    };
    this.#sourceRef = options.sourceRef ?? { kind: 'capture', name: source, importId: null };
    this.#fallbackTime = options.fallbackTime;
    this.#decodeOptions = { source };
    this.#flows = new FlowTable({
      source,
      maxFlows: limits.maxFlows,
      onEvict: (flow) => conversations.addFlow(flow, this.#ctx.offset),
    });
    const factories = options.streamDissectors ?? DEFAULT_STREAM_DISSECTORS;
    this.#reassembler = new TcpReassembler({
      source,
      ...(options.reassemblyLimits === undefined ? {} : { limits: options.reassemblyLimits }),
      onConnection: (connection) => this.#dispatcher(connection, factories),
    });
    this.#datagrams = options.datagramDissectors ?? DEFAULT_DATAGRAM_DISSECTORS;
    this.#datagramSink = new ConversationSink(this.#ctx, {
      transport: 'udp',
      clientIp: '',
      clientPort: 0,
      serverIp: '',
      serverPort: 0,
    });
  }

  /** A diagnostic from the layer that read the capture (`readCapture`'s `onDiagnostic`). */
  diagnostic(diagnostic: Diagnostic): void {
    this.#ctx.log.add(diagnostic);
  }

  /** Takes the next packet of the capture, in capture order. */
  add(packet: CapturedPacket): void {
    if (this.#result !== null) return;
    const ctx = this.#ctx;
    this.#packets++;
    this.#capturedBytes += packet.capturedLength;
    this.#wireBytes += packet.originalLength;
    const micros = packet.timestampMicros === null ? -1 : Number(packet.timestampMicros);
    if (micros >= 0) {
      if (this.#firstMicros < 0) this.#firstMicros = micros;
      if (micros > this.#lastMicros) this.#lastMicros = micros;
    }
    const decoded = decodePacket(packet, this.#decodeOptions);
    for (const diagnostic of decoded.diagnostics) ctx.log.add(diagnostic);
    const summary = decoded.packet;
    const vlans = summary.vlanIds;
    ctx.nowMicros = micros;
    ctx.offset = packet.offset;
    ctx.vlan = vlans.length === 0 ? null : (vlans[vlans.length - 1] ?? null);
    if (summary.ip === null) {
      if (summary.etherType === ETHERTYPE.ARP) this.#arp(summary.payload);
      return;
    }
    this.#ipPackets++;
    ctx.endpoints.observe(summary, micros, ctx.vlan);
    this.#flows.add(summary);
    const transport = summary.transport;
    if (transport === null) return;
    if (transport.kind === 'tcp') {
      this.#tcpPackets++;
      this.#reassembler.add(summary);
    } else {
      this.#udpPackets++;
      this.#datagram(summary, transport);
    }
  }

  /** Ends the capture: open conversations are flushed to their dissectors, devices are grouped. */
  finish(): DiscoveryResult {
    if (this.#result !== null) return this.#result;
    const ctx = this.#ctx;
    this.#reassembler.finish();
    for (const flow of this.#flows.flows()) ctx.conversations.addFlow(flow, ctx.offset);
    for (const d of this.#flows.diagnostics()) ctx.log.add(d, true);
    for (const d of this.#reassembler.diagnostics()) ctx.log.add(d, true);
    this.#reportCaps();
    const time = timeFormat(
      this.#fallbackTime ??
        (this.#lastMicros >= 0 ? new Date(this.#lastMicros / 1000) : new Date()).toISOString(),
    );
    const observations = groupDevices(ctx.endpoints).map((device) =>
      buildObservation(device, this.#sourceRef, ctx.limits, time),
    );
    const flows = Array.from(ctx.conversations.records(), (record) =>
      buildFlow(record, ctx.endpoints, time),
    );
    this.#result = {
      observations,
      flows,
      diagnostics: ctx.log.diagnostics(),
      stats: this.#stats(observations.length, flows.length, time),
    };
    return this.#result;
  }

  #dispatcher(
    connection: TcpConnection,
    factories: readonly StreamDissectorFactory[],
  ): StreamDispatcher {
    return new StreamDispatcher(connection, this.#ctx, factories, {
      transport: 'tcp',
      clientIp: connection.client.ip,
      clientPort: connection.client.port,
      serverIp: connection.server.ip,
      serverPort: connection.server.port,
    });
  }

  #datagram(summary: PacketSummary, udp: UdpSummary): void {
    const ip = summary.ip;
    // The first fragment of a fragmented datagram holds only part of it.
    if (ip === null || ip.fragment?.moreFragments === true) return;
    const ports = { src: udp.srcPort, dst: udp.dstPort };
    const payload = summary.payload;
    for (const dissector of this.#datagrams) {
      if (!dissector.matches(ports, payload)) continue;
      const sink = this.#datagramSink;
      const src = { ip: ip.src, port: udp.srcPort };
      const dst = { ip: ip.dst, port: udp.dstPort };
      sink.ends = endsByPort('udp', src, dst);
      sink.factClient = ip.src;
      sink.factServer = ip.dst;
      this.#datagramsDissected++;
      try {
        dissector.dissect(payload, { source: this.#ctx.source, offset: summary.offset }, sink);
      } catch (thrown) {
        dissectorFailed(this.#ctx, dissector.protocol, thrown, summary.offset);
      }
      return;
    }
  }

  /** ARP (RFC 826) for IPv4 over Ethernet binds sender, and a reply's target, MAC and address. */
  #arp(payload: Uint8Array): void {
    if (payload.length < ARP_LENGTH) return;
    const ethernetIpv4 =
      payload[0] === 0 && payload[1] === 1 && payload[2] === 8 && payload[3] === 0;
    if (!ethernetIpv4 || payload[4] !== 6 || payload[5] !== 4) return;
    this.#arpPackets++;
    const ctx = this.#ctx;
    const bind = (macAt: number, ipAt: number) => {
      const ip = formatIpv4(payload.subarray(ipAt, ipAt + 4));
      if (ip === '0.0.0.0') return;
      const mac = formatMac(payload.subarray(macAt, macAt + 6));
      ctx.endpoints.bind(mac, ip, ctx.nowMicros, ctx.vlan, ctx.offset);
    };
    bind(8, 14);
    const reply = payload[6] === 0 && payload[7] === 2;
    if (reply) bind(18, 24);
  }

  #reportCaps(): void {
    const ctx = this.#ctx;
    const { log, limits, endpoints, conversations } = ctx;
    if (endpoints.addressCap.count > 0) {
      log.report(
        'WL_PCAP_ADDRESSES_LIMIT',
        'warning',
        endpoints.addressCap.firstOffset,
        `${endpoints.addressCap.count} reports about addresses beyond ${limits.maxAddresses} IP or ${limits.maxMacAddresses} MAC addresses were not kept.`,
        true,
      );
    }
    if (conversations.cap.count > 0) {
      log.report(
        'WL_PCAP_CONVERSATIONS_LIMIT',
        'warning',
        conversations.cap.firstOffset,
        `${conversations.cap.count} flows or recognitions of conversations beyond ${limits.maxConversations} were not kept.`,
        true,
      );
    }
    if (endpoints.budget.dropped > 0) {
      log.report(
        'WL_PCAP_FACTS_LIMIT',
        'warning',
        endpoints.budget.firstDroppedOffset,
        `${endpoints.budget.dropped} protocol fact values beyond ${limits.maxListValues} per list or ${limits.maxFactValuesTotal} in all were not kept.`,
        true,
      );
    }
    if (ctx.probeCap.count > 0) {
      log.report(
        'WL_PCAP_PROBE_LIMIT',
        'warning',
        ctx.probeCap.firstOffset,
        `${ctx.probeCap.count} TCP conversations were recognized from one chunk alone: ${limits.maxProbeBytesTotal} bytes were already held for others.`,
        true,
      );
    }
  }

  #stats(devices: number, conversations: number, time: (micros: number) => string): DiscoveryStats {
    const ctx = this.#ctx;
    return {
      packets: this.#packets,
      capturedBytes: this.#capturedBytes,
      wireBytes: this.#wireBytes,
      ipPackets: this.#ipPackets,
      tcpPackets: this.#tcpPackets,
      udpPackets: this.#udpPackets,
      arpPackets: this.#arpPackets,
      datagramsDissected: this.#datagramsDissected,
      firstSeen: this.#firstMicros < 0 ? null : time(this.#firstMicros),
      lastSeen: this.#lastMicros < 0 ? null : time(this.#lastMicros),
      devices,
      conversations,
      recognized: Object.fromEntries(ctx.recognized),
      counters: Object.fromEntries(ctx.counters),
      diagnosticCounts: ctx.log.counts(),
      reassembly: this.#reassembler.stats(),
      flowsEvicted: this.#flows.evictedCount,
      otherFlows: ctx.conversations.otherFlows,
      dissectorFailures: ctx.dissectorFailures,
    };
  }
}

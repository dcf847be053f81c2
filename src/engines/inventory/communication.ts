/**
 * Who talks to whom: captured flows folded into edges keyed by (client, server, protocol,
 * transport, server port), where each end is an asset when the resolver knows it and its IP
 * otherwise. An edge carries ePHI when any of its flows carried DICOM or HL7, is encrypted only
 * when all of them were, and is flagged when patient data crossed the network in plaintext.
 *
 * @example
 * buildCommunicationMap([{ client: { ip: '10.20.0.5', mac: null, port: 50123 },
 *   server: { ip: '10.30.0.9', mac: null, port: 104 }, transport: 'tcp', protocol: 'dicom',
 *   vlan: 20, packets: 900, bytes: 1_200_000, firstSeen: '2026-03-02T01:00:00Z',
 *   lastSeen: '2026-03-02T01:02:00Z', encrypted: false, carriesEphi: true }],
 *   (ip) => (ip === '10.20.0.5' ? 'ast_ct' : null));
 * // → [{ client: { assetId: 'ast_ct', ips: ['10.20.0.5'] }, server: { assetId: null, ips: ['10.30.0.9'] },
 * //     protocol: 'dicom', transport: 'tcp', serverPort: 104, flows: 1, packets: 900, bytes: 1200000,
 * //     carriesEphi: true, encrypted: false, plaintextEphi: true, plaintextEphiFlows: 1, … }]
 */
import type {
  ApplicationProtocol,
  ObservedFlow,
  TransportProtocol,
} from '../../domain/observation.js';
import { normalizeIp, normalizeMac } from './identifiers.js';
import { compareText } from './prepare.js';
import type { PeerCounts } from './types.js';

/** At most this many addresses are listed per edge end (an asset with many IPs). */
export const EDGE_IP_CAP = 16;

/** One end of an edge: the asset when known, and the addresses seen. */
export interface EdgeEndpoint {
  readonly assetId: string | null;
  readonly ips: readonly string[];
}

/** Who talked to whom over what, summed over flows. */
export interface CommunicationEdge {
  /** Stable: `asset:ast_1|ip:10.0.0.9|dicom|tcp|104`. */
  readonly key: string;
  readonly client: EdgeEndpoint;
  readonly server: EdgeEndpoint;
  readonly protocol: ApplicationProtocol;
  readonly transport: TransportProtocol;
  readonly serverPort: number;
  readonly flows: number;
  readonly packets: number;
  readonly bytes: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly carriesEphi: boolean;
  /** Every flow of the edge was encrypted. */
  readonly encrypted: boolean;
  /** Some flow carried patient data without encryption. */
  readonly plaintextEphi: boolean;
  readonly plaintextEphiFlows: number;
}

interface MutableEdge {
  key: string;
  client: { assetId: string | null; ips: Set<string> };
  server: { assetId: string | null; ips: Set<string> };
  protocol: ApplicationProtocol;
  transport: TransportProtocol;
  serverPort: number;
  flows: number;
  packets: number;
  bytes: number;
  first: number;
  last: number;
  carriesEphi: boolean;
  encrypted: boolean;
  plaintextEphiFlows: number;
}

/** Maps an address (and MAC, when the capture saw it) to an asset id, or null. */
export type EndpointResolver = (ip: string, mac: string | null) => string | null;

function endpointKey(assetId: string | null, ip: string): string {
  return assetId === null ? `ip:${ip}` : `asset:${assetId}`;
}

function finish(edge: MutableEdge): CommunicationEdge {
  const ips = (set: Set<string>) => [...set].sort(compareText).slice(0, EDGE_IP_CAP);
  return {
    key: edge.key,
    client: { assetId: edge.client.assetId, ips: ips(edge.client.ips) },
    server: { assetId: edge.server.assetId, ips: ips(edge.server.ips) },
    protocol: edge.protocol,
    transport: edge.transport,
    serverPort: edge.serverPort,
    flows: edge.flows,
    packets: edge.packets,
    bytes: edge.bytes,
    firstSeen: new Date(edge.first).toISOString(),
    lastSeen: new Date(edge.last).toISOString(),
    carriesEphi: edge.carriesEphi,
    encrypted: edge.encrypted,
    plaintextEphi: edge.plaintextEphiFlows > 0,
    plaintextEphiFlows: edge.plaintextEphiFlows,
  };
}

/** Folds flows into edges, sorted by key. Flows with an unparsable address or time are left out. */
export function buildCommunicationMap(
  flows: Iterable<ObservedFlow>,
  resolve: EndpointResolver,
): CommunicationEdge[] {
  const cache = new Map<string, string | null>();
  const resolveCached = (ip: string, mac: string | null) => {
    const key = `${ip} ${mac ?? ''}`;
    if (!cache.has(key)) cache.set(key, resolve(ip, mac));
    return cache.get(key) ?? null;
  };
  const edges = new Map<string, MutableEdge>();
  for (const flow of flows) {
    const clientIp = normalizeIp(flow.client.ip);
    const serverIp = normalizeIp(flow.server.ip);
    const first = Date.parse(flow.firstSeen);
    const last = Date.parse(flow.lastSeen);
    if (clientIp === null || serverIp === null || Number.isNaN(first) || Number.isNaN(last)) {
      continue;
    }
    const clientMac = flow.client.mac === null ? null : normalizeMac(flow.client.mac);
    const serverMac = flow.server.mac === null ? null : normalizeMac(flow.server.mac);
    const clientId = resolveCached(clientIp, clientMac);
    const serverId = resolveCached(serverIp, serverMac);
    const key = [
      endpointKey(clientId, clientIp),
      endpointKey(serverId, serverIp),
      flow.protocol,
      flow.transport,
      flow.server.port,
    ].join('|');
    let edge = edges.get(key);
    if (edge === undefined) {
      edge = {
        key,
        client: { assetId: clientId, ips: new Set() },
        server: { assetId: serverId, ips: new Set() },
        protocol: flow.protocol,
        transport: flow.transport,
        serverPort: flow.server.port,
        flows: 0,
        packets: 0,
        bytes: 0,
        first,
        last,
        carriesEphi: false,
        encrypted: true,
        plaintextEphiFlows: 0,
      };
      edges.set(key, edge);
    }
    edge.client.ips.add(clientIp);
    edge.server.ips.add(serverIp);
    edge.flows += 1;
    edge.packets += flow.packets;
    edge.bytes += flow.bytes;
    edge.first = Math.min(edge.first, first);
    edge.last = Math.max(edge.last, last);
    edge.carriesEphi ||= flow.carriesEphi;
    edge.encrypted &&= flow.encrypted;
    if (flow.carriesEphi && !flow.encrypted) edge.plaintextEphiFlows += 1;
  }
  return [...edges.values()].map(finish).sort((a, b) => compareText(a.key, b.key));
}

/** Edges between two zones over one protocol. */
export interface ZoneTraffic {
  /** Null for addresses in no zone. */
  readonly fromZoneId: string | null;
  readonly toZoneId: string | null;
  readonly protocol: ApplicationProtocol;
  readonly edges: number;
  readonly flows: number;
  readonly bytes: number;
  readonly ephiEdges: number;
  readonly plaintextEphiEdges: number;
}

/** Edges rolled up by (client zone, server zone, protocol); `zoneOf` places an edge's end. */
export function summarizeZoneTraffic(
  edges: readonly CommunicationEdge[],
  zoneOf: (endpoint: EdgeEndpoint) => string | null,
): ZoneTraffic[] {
  const rows = new Map<string, { -readonly [K in keyof ZoneTraffic]: ZoneTraffic[K] }>();
  for (const edge of edges) {
    const fromZoneId = zoneOf(edge.client);
    const toZoneId = zoneOf(edge.server);
    const key = `${fromZoneId ?? ''}|${toZoneId ?? ''}|${edge.protocol}`;
    const row = rows.get(key) ?? {
      fromZoneId,
      toZoneId,
      protocol: edge.protocol,
      edges: 0,
      flows: 0,
      bytes: 0,
      ephiEdges: 0,
      plaintextEphiEdges: 0,
    };
    row.edges += 1;
    row.flows += edge.flows;
    row.bytes += edge.bytes;
    if (edge.carriesEphi) row.ephiEdges += 1;
    if (edge.plaintextEphi) row.plaintextEphiEdges += 1;
    rows.set(key, row);
  }
  return [...rows].sort(([a], [b]) => compareText(a, b)).map(([, row]) => row);
}

/**
 * Distinct DICOM and HL7 clients per server address: the "accepts images from many peers" evidence
 * for classification (`MergeOptions.peers`).
 */
export function countServerPeers(flows: Iterable<ObservedFlow>): Map<string, PeerCounts> {
  const clients = new Map<string, { dicom: Set<string>; hl7: Set<string> }>();
  for (const flow of flows) {
    if (flow.protocol !== 'dicom' && flow.protocol !== 'hl7') continue;
    const server = normalizeIp(flow.server.ip);
    const client = normalizeIp(flow.client.ip);
    if (server === null || client === null) continue;
    let entry = clients.get(server);
    if (entry === undefined) {
      entry = { dicom: new Set(), hl7: new Set() };
      clients.set(server, entry);
    }
    entry[flow.protocol].add(client);
  }
  return new Map(
    [...clients].map(([ip, c]) => [ip, { dicomClients: c.dicom.size, hl7Clients: c.hl7.size }]),
  );
}

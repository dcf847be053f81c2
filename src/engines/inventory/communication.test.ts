import { describe, expect, it } from 'vitest';
import type { ObservedFlow } from '../../domain/observation.js';
import { buildCommunicationMap, countServerPeers, summarizeZoneTraffic } from './communication.js';

function flow(
  client: string,
  server: string,
  protocol: ObservedFlow['protocol'],
  port: number,
  extra: Partial<ObservedFlow> = {},
): ObservedFlow {
  const ephi = protocol === 'dicom' || protocol === 'hl7';
  return {
    client: { ip: client, mac: null, port: 50_000 },
    server: { ip: server, mac: null, port },
    transport: 'tcp',
    protocol,
    vlan: null,
    packets: 10,
    bytes: 1000,
    firstSeen: '2026-03-02T01:00:00.000Z',
    lastSeen: '2026-03-02T01:05:00.000Z',
    encrypted: false,
    carriesEphi: ephi,
    ...extra,
  };
}

const ASSETS: Record<string, string> = {
  '10.20.0.5': 'ast_ct',
  '10.20.0.6': 'ast_ct',
  '10.30.0.9': 'ast_pacs',
};
const resolve = (ip: string) => ASSETS[ip] ?? null;

describe('buildCommunicationMap', () => {
  it('folds flows into edges by asset (or IP), protocol and server port', () => {
    const edges = buildCommunicationMap(
      [
        flow('10.20.0.5', '10.30.0.9', 'dicom', 104),
        flow('10.20.0.6', '10.30.0.9', 'dicom', 104, {
          firstSeen: '2026-03-02T00:00:00.000Z',
          encrypted: true,
        }),
        flow('10.20.0.5', '10.30.0.9', 'http', 80),
        flow('192.168.1.4', '10.30.0.9', 'dicom', 104),
      ],
      resolve,
    );
    expect(edges.map((e) => e.key)).toEqual([
      'asset:ast_ct|asset:ast_pacs|dicom|tcp|104',
      'asset:ast_ct|asset:ast_pacs|http|tcp|80',
      'ip:192.168.1.4|asset:ast_pacs|dicom|tcp|104',
    ]);
    expect(edges[0]).toMatchObject({
      client: { assetId: 'ast_ct', ips: ['10.20.0.5', '10.20.0.6'] },
      flows: 2,
      packets: 20,
      bytes: 2000,
      firstSeen: '2026-03-02T00:00:00.000Z',
      lastSeen: '2026-03-02T01:05:00.000Z',
      carriesEphi: true,
      encrypted: false,
      plaintextEphi: true,
      plaintextEphiFlows: 1,
    });
    expect(edges[1]).toMatchObject({ carriesEphi: false, plaintextEphi: false });
  });

  it('does not flag ePHI carried inside TLS', () => {
    const [edge] = buildCommunicationMap(
      [flow('10.20.0.5', '10.30.0.9', 'hl7', 2575, { encrypted: true })],
      resolve,
    );
    expect(edge).toMatchObject({ carriesEphi: true, encrypted: true, plaintextEphi: false });
  });

  it('asks the resolver once per address and MAC, and skips flows it cannot read', () => {
    let calls = 0;
    const counting = (ip: string) => {
      calls += 1;
      return resolve(ip);
    };
    const flows = Array.from({ length: 1000 }, () => flow('10.20.0.5', '10.30.0.9', 'dicom', 104));
    flows.push(flow('not-an-ip', '10.30.0.9', 'dicom', 104));
    const edges = buildCommunicationMap(flows, counting);
    expect(calls).toBe(2);
    expect(edges[0]?.flows).toBe(1000);
  });
});

describe('summarizeZoneTraffic and countServerPeers', () => {
  it('rolls edges up by zone pair and protocol, counting plaintext ePHI (unzoned ends last)', () => {
    const edges = buildCommunicationMap(
      [
        flow('10.20.0.5', '10.30.0.9', 'dicom', 104),
        flow('192.168.1.4', '10.30.0.9', 'dicom', 104, { encrypted: true }),
      ],
      resolve,
    );
    const zoneOf = (end: { ips: readonly string[] }) =>
      end.ips[0]?.startsWith('10.20.') === true
        ? 'zon_imaging'
        : end.ips[0]?.startsWith('10.30.') === true
          ? 'zon_dc'
          : null;
    expect(summarizeZoneTraffic(edges, zoneOf)).toEqual([
      {
        fromZoneId: 'zon_imaging',
        toZoneId: 'zon_dc',
        protocol: 'dicom',
        edges: 1,
        flows: 1,
        bytes: 1000,
        ephiEdges: 1,
        plaintextEphiEdges: 1,
      },
      {
        fromZoneId: null,
        toZoneId: 'zon_dc',
        protocol: 'dicom',
        edges: 1,
        flows: 1,
        bytes: 1000,
        ephiEdges: 1,
        plaintextEphiEdges: 0,
      },
    ]);
  });

  it('counts distinct DICOM and HL7 clients per server address', () => {
    const peers = countServerPeers([
      flow('10.20.0.5', '10.30.0.9', 'dicom', 104),
      flow('10.20.0.5', '10.30.0.9', 'dicom', 104),
      flow('10.20.0.6', '10.30.0.9', 'dicom', 104),
      flow('10.20.0.7', '10.30.0.9', 'hl7', 2575),
      flow('10.20.0.7', '10.30.0.9', 'http', 80),
    ]);
    expect(peers.get('10.30.0.9')).toEqual({ dicomClients: 2, hl7Clients: 1 });
  });
});

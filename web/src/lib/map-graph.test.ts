import { describe, expect, it } from 'vitest';
import type { Communication, CommunicationMap, MapNode } from '../api/types';
import { CATEGORY_COLOURS, edgeKind, toGraph, UNPLACED_COLOUR } from './map-graph';

const node = (id: string, label: string, extra: Partial<MapNode> = {}): MapNode => ({
  id,
  assetId: id.startsWith('ip:') ? null : id,
  label,
  category: null,
  zoneId: null,
  zoneName: null,
  patientSafety: null,
  ...extra,
});

const flow = (id: string, extra: Partial<Communication> = {}): Communication => ({
  id,
  clientIp: '10.30.0.11',
  serverIp: '10.30.0.20',
  serverPort: 104,
  transport: 'tcp',
  protocol: 'dicom',
  clientAssetId: 'ast_ct',
  serverAssetId: 'ast_pacs',
  packets: 10,
  bytes: 1000,
  encrypted: false,
  carriesEphi: true,
  firstSeen: '2026-03-01T00:00:00.000Z',
  lastSeen: '2026-03-01T00:10:00.000Z',
  ...extra,
});

const map: CommunicationMap = {
  nodes: [
    node('ast_pacs', 'PACS-01', { category: 'pacs', zoneId: 'zon_img', zoneName: 'Imaging' }),
    node('ast_ct', 'CT-ED-01', {
      category: 'imaging-modality',
      zoneId: 'zon_img',
      zoneName: 'Imaging',
    }),
    node('ip:10.99.0.5', '10.99.0.5'),
  ],
  edges: [
    flow('flo_1'),
    flow('flo_2', { protocol: 'tls', encrypted: true, serverPort: 443 }),
    flow('flo_3', {
      protocol: 'dns',
      carriesEphi: false,
      serverAssetId: null,
      serverIp: '10.99.0.5',
    }),
    flow('flo_4', { clientAssetId: null, clientIp: '192.0.2.7', protocol: 'http' }),
  ],
};

describe('edgeKind', () => {
  it('marks plaintext ePHI, encrypted and plain conversations', () => {
    expect(edgeKind(flow('a'))).toBe('ephi-plaintext');
    expect(edgeKind(flow('b', { encrypted: true }))).toBe('encrypted');
    expect(edgeKind(flow('c', { carriesEphi: false }))).toBe('plain');
  });
});

describe('toGraph', () => {
  it('draws edges between the API node ids, labelled by protocol, classed by risk', () => {
    const { edges } = toGraph(map, 'category');
    expect(edges.map((e) => [e.data.source, e.data.target, e.data.label, e.classes])).toEqual([
      ['ast_ct', 'ast_pacs', 'DICOM', 'ephi-plaintext'],
      ['ast_ct', 'ast_pacs', 'TLS', 'encrypted'],
      ['ast_ct', 'ip:10.99.0.5', 'DNS', 'plain'],
      ['ip:192.0.2.7', 'ast_pacs', 'HTTP', 'ephi-plaintext'],
    ]);
  });

  it('adds a node for any edge end the API left out, and orders nodes by zone, then label', () => {
    const { nodes } = toGraph(map, 'category');
    expect(nodes.map((n) => n.data.label)).toEqual([
      'CT-ED-01',
      'PACS-01',
      '10.99.0.5',
      '192.0.2.7',
    ]);
    expect(nodes.map((n) => n.classes)).toEqual(['asset', 'asset', 'address', 'address']);
  });

  it('colours by category with a legend', () => {
    const { nodes, legend } = toGraph(map, 'category');
    expect(nodes.find((n) => n.data.id === 'ast_pacs')?.data.colour).toBe(CATEGORY_COLOURS.pacs);
    expect(legend).toEqual([
      { label: 'Address without an asset', colour: UNPLACED_COLOUR },
      { label: 'Imaging modality', colour: CATEGORY_COLOURS['imaging-modality'] },
      { label: 'PACS', colour: CATEGORY_COLOURS.pacs },
    ]);
  });

  it('colours by zone, the same zone one colour, outside every zone grey', () => {
    const { nodes, legend } = toGraph(map, 'zone');
    const colours = new Map(nodes.map((n) => [n.data.id, n.data.colour]));
    expect(colours.get('ast_pacs')).toBe(colours.get('ast_ct'));
    expect(colours.get('ip:10.99.0.5')).toBe(UNPLACED_COLOUR);
    expect(legend.map((entry) => entry.label)).toEqual(['Imaging', 'No zone']);
  });
});

/**
 * The communication map as graph elements: one node per asset or bare address, one edge per
 * conversation, with the colour and class each one is drawn with. Pure, so the drawing rules
 * (plaintext ePHI red and thick, encrypted dashed and green) are tested without a browser.
 */
import type { Communication, CommunicationMap, MapNode } from '../api/types';
import type { AssetCategory } from '../api/vocabulary';
import { categoryLabel } from '../api/vocabulary';
import { protocolLabel } from '../api/inventory-vocabulary';

/** What the node colour stands for. */
export type MapColouring = 'category' | 'zone';

/** Colour of each asset category: clinical devices warm, IT cool, unknown grey. */
export const CATEGORY_COLOURS: Record<AssetCategory, string> = {
  'imaging-modality': '#7048e8',
  pacs: '#9c36b5',
  'hl7-interface-engine': '#c2255c',
  'patient-monitor': '#e8590c',
  'infusion-pump': '#f08c00',
  'lab-analyzer': '#d6336c',
  'ehr-server': '#1971c2',
  server: '#1c7ed6',
  workstation: '#0c8599',
  'network-gear': '#495057',
  iot: '#2b8a3e',
  unknown: '#868e96',
};

/** Distinct colours for zones, in order of zone name; repeats after the last. */
const ZONE_PALETTE = [
  '#1c7ed6',
  '#e8590c',
  '#2b8a3e',
  '#9c36b5',
  '#c2255c',
  '#0c8599',
  '#f08c00',
  '#5c940d',
  '#364fc7',
  '#a61e4d',
];
/** Nodes without a category or zone: addresses no asset holds, assets outside every zone. */
export const UNPLACED_COLOUR = '#adb5bd';

export type EdgeKind = 'ephi-plaintext' | 'encrypted' | 'plain';

export interface GraphNode {
  readonly group: 'nodes';
  readonly data: {
    readonly id: string;
    readonly label: string;
    readonly colour: string;
    readonly assetId: string | null;
  };
  readonly classes: string;
}

export interface GraphEdge {
  readonly group: 'edges';
  readonly data: {
    readonly id: string;
    readonly source: string;
    readonly target: string;
    readonly label: string;
  };
  readonly classes: EdgeKind;
}

export interface LegendEntry {
  readonly label: string;
  readonly colour: string;
}

/** The node id an edge end points at, as the API names nodes. */
export function endpointId(assetId: string | null, ip: string): string {
  return assetId ?? `ip:${ip}`;
}

/** Patient data crossing the network readable by anyone on the path. */
export function isPlaintextEphi(edge: Communication): boolean {
  return edge.carriesEphi && !edge.encrypted;
}

export function edgeKind(edge: Communication): EdgeKind {
  if (isPlaintextEphi(edge)) return 'ephi-plaintext';
  return edge.encrypted ? 'encrypted' : 'plain';
}

function zoneColours(nodes: readonly MapNode[]): Map<string, { name: string; colour: string }> {
  const zones = new Map<string, string>();
  for (const node of nodes) {
    if (node.zoneId !== null) zones.set(node.zoneId, node.zoneName ?? node.zoneId);
  }
  const sorted = [...zones].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
  return new Map(
    sorted.map(([id, name], index) => [
      id,
      { name, colour: ZONE_PALETTE[index % ZONE_PALETTE.length] ?? UNPLACED_COLOUR },
    ]),
  );
}

function categoryColour(category: string | null): string {
  return category !== null && Object.hasOwn(CATEGORY_COLOURS, category)
    ? CATEGORY_COLOURS[category as AssetCategory]
    : UNPLACED_COLOUR;
}

/** A node for an edge end the API did not list (it lists every end; this is a safety net). */
function bareNode(id: string): MapNode {
  return {
    id,
    assetId: null,
    label: id.replace(/^ip:/, ''),
    category: null,
    zoneId: null,
    zoneName: null,
    patientSafety: null,
  };
}

/** Zone name, or a key after every name for nodes outside every zone. */
const zoneKey = (node: MapNode): string =>
  node.zoneId === null ? '\uffff' : (node.zoneName ?? node.zoneId);

/**
 * Every node the edges need, in drawing order: by zone (those outside every zone last), then by
 * label. Drawn around a circle in this order, each zone is one arc, and a line crossing the
 * circle is traffic between zones.
 */
export function completeNodes(map: CommunicationMap): MapNode[] {
  const nodes = new Map(map.nodes.map((node) => [node.id, node]));
  for (const edge of map.edges) {
    for (const id of [
      endpointId(edge.clientAssetId, edge.clientIp),
      endpointId(edge.serverAssetId, edge.serverIp),
    ]) {
      if (!nodes.has(id)) nodes.set(id, bareNode(id));
    }
  }
  return [...nodes.values()].sort(
    (a, b) =>
      zoneKey(a).localeCompare(zoneKey(b)) ||
      a.label.localeCompare(b.label) ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The elements to draw and the legend that explains their colours.
 * @example toGraph({ nodes: [pacs], edges: [] }, 'category').legend // → [{ label: 'PACS', … }]
 */
export function toGraph(
  map: CommunicationMap,
  colouring: MapColouring,
): { nodes: GraphNode[]; edges: GraphEdge[]; legend: LegendEntry[] } {
  const nodes = completeNodes(map);
  const zones = zoneColours(nodes);
  const legend = new Map<string, string>();
  const graphNodes = nodes.map((node): GraphNode => {
    const zone = node.zoneId === null ? undefined : zones.get(node.zoneId);
    const colour =
      colouring === 'zone' ? (zone?.colour ?? UNPLACED_COLOUR) : categoryColour(node.category);
    const legendLabel =
      colouring === 'zone'
        ? (zone?.name ?? 'No zone')
        : node.category === null
          ? 'Address without an asset'
          : categoryLabel(node.category);
    legend.set(legendLabel, colour);
    return {
      group: 'nodes',
      data: { id: node.id, label: node.label, colour, assetId: node.assetId },
      classes: node.assetId === null ? 'address' : 'asset',
    };
  });
  const graphEdges = map.edges.map((edge): GraphEdge => ({
    group: 'edges',
    data: {
      id: edge.id,
      source: endpointId(edge.clientAssetId, edge.clientIp),
      target: endpointId(edge.serverAssetId, edge.serverIp),
      label: protocolLabel(edge.protocol),
    },
    classes: edgeKind(edge),
  }));
  const legendEntries = [...legend]
    .map(([label, colour]) => ({ label, colour }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { nodes: graphNodes, edges: graphEdges, legend: legendEntries };
}

/** Node labels by id, for the table view of the edges. */
export function nodeLabels(map: CommunicationMap): Map<string, MapNode> {
  return new Map(completeNodes(map).map((node) => [node.id, node]));
}

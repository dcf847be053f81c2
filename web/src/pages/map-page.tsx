import {
  Anchor,
  Button,
  ColorSwatch,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { APPLICATION_PROTOCOLS, protocolLabel } from '../api/inventory-vocabulary';
import type { ApplicationProtocol, CommunicationMap, MapNode } from '../api/types';
import { categoryLabel, patientSafetyLabel } from '../api/vocabulary';
import { ErrorAlert } from '../components/error-alert';
import { MapEdgesTable } from '../components/map-edges-table';
import { PageHeader } from '../components/page-header';
import { formatCount } from '../lib/format';
import {
  endpointId,
  isPlaintextEphi,
  nodeLabels,
  toGraph,
  type MapColouring,
} from '../lib/map-graph';
import { useInventoryEditor } from '../session/use-inventory-editor';

// Cytoscape.js is large; only this page needs it.
const MapCanvas = lazy(() =>
  import('../components/map-canvas').then((module) => ({ default: module.MapCanvas })),
);

const PROTOCOL_OPTIONS = APPLICATION_PROTOCOLS.map((value) => ({
  value,
  label: protocolLabel(value),
}));

function isProtocol(value: string | null): value is ApplicationProtocol {
  return value !== null && (APPLICATION_PROTOCOLS as readonly string[]).includes(value);
}

function EdgeLegend() {
  const line = (colour: string, dashed: boolean, width: number) => (
    <svg width="36" height="10" aria-hidden="true">
      <line
        x1="0"
        y1="5"
        x2="36"
        y2="5"
        stroke={colour}
        strokeWidth={width}
        strokeDasharray={dashed ? '6 4' : undefined}
      />
    </svg>
  );
  return (
    <Group gap="md">
      <Group gap={6}>
        {line('#e03131', false, 5)}
        <Text size="xs">ePHI in plaintext</Text>
      </Group>
      <Group gap={6}>
        {line('#2f9e44', true, 2)}
        <Text size="xs">Encrypted</Text>
      </Group>
      <Group gap={6}>
        {line('#adb5bd', false, 1.5)}
        <Text size="xs">Other</Text>
      </Group>
    </Group>
  );
}

function SelectedNode({
  node,
  conversations,
}: {
  readonly node: MapNode;
  readonly conversations: number;
}) {
  return (
    <Paper
      withBorder
      shadow="sm"
      p="sm"
      radius="md"
      pos="absolute"
      top={8}
      right={8}
      maw={380}
      style={{ zIndex: 1 }}
      data-testid="map-selection"
    >
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Text fw={600}>{node.label}</Text>
          <Text size="xs" c="dimmed">
            {node.category === null ? 'Address no asset holds' : categoryLabel(node.category)}
            {node.zoneName === null ? '' : ` · ${node.zoneName}`}
            {node.patientSafety === null
              ? ''
              : ` · patient safety ${patientSafetyLabel(node.patientSafety).toLowerCase()}`}
            {` · ${formatCount(conversations)} conversations`}
          </Text>
        </Stack>
        {node.assetId !== null && (
          <Button component={Link} to={`/assets/${encodeURIComponent(node.assetId)}`} size="xs">
            Open asset page
          </Button>
        )}
      </Group>
    </Paper>
  );
}

function EmptyMap({
  filtered,
  canImport,
}: {
  readonly filtered: boolean;
  readonly canImport: boolean;
}) {
  return (
    <Paper withBorder p="xl" radius="md" data-testid="map-empty">
      <Stack gap="xs" align="center">
        <Title order={2} size="h4">
          {filtered ? 'No conversations match these filters' : 'No conversations recorded yet'}
        </Title>
        <Text size="sm" c="dimmed" ta="center" maw={560}>
          The map is drawn from packet captures: each conversation between two systems becomes a
          line, with DICOM and HL7 sent in plaintext shown in red.
        </Text>
        {canImport && !filtered && (
          <Anchor component={Link} to="/imports?kind=capture" size="sm">
            Import a packet capture
          </Anchor>
        )}
      </Stack>
    </Paper>
  );
}

function MapView({
  map,
  colouring,
  view,
}: {
  readonly map: CommunicationMap;
  readonly colouring: MapColouring;
  readonly view: string;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const graph = useMemo(() => toGraph(map, colouring), [map, colouring]);
  const nodes = useMemo(() => nodeLabels(map), [map]);
  const plaintext = map.edges.filter(isPlaintextEphi).length;
  const summary = `Communication map: ${formatCount(graph.nodes.length)} systems, ${formatCount(map.edges.length)} conversations, ${formatCount(plaintext)} with patient data in plaintext.`;
  const selectedNode = selected === null ? undefined : nodes.get(selected);
  return (
    <Stack gap="sm">
      <Text
        size="sm"
        c={plaintext > 0 ? 'red.8' : undefined}
        fw={plaintext > 0 ? 600 : undefined}
        data-testid="map-summary"
      >
        {summary}
      </Text>
      {view === 'table' ? (
        <MapEdgesTable edges={map.edges} nodes={nodes} />
      ) : (
        <>
          <Select
            label="Find a system"
            description="Selects it on the map; the table view lists every conversation."
            placeholder="Name or address"
            searchable
            clearable
            w={320}
            data={graph.nodes.map((n) => ({ value: n.data.id, label: n.data.label }))}
            value={selected}
            onChange={setSelected}
            // Mantine hides the clear button from keyboards and screen readers; this one is not.
            clearButtonProps={{
              'aria-label': 'Clear the chosen system',
              'aria-hidden': false,
              tabIndex: 0,
            }}
          />
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Group gap="sm">
              {graph.legend.map((entry) => (
                <Group key={entry.label} gap={4}>
                  <ColorSwatch color={entry.colour} size={12} aria-hidden="true" />
                  <Text size="xs">{entry.label}</Text>
                </Group>
              ))}
            </Group>
            <EdgeLegend />
          </Group>
          {/* The panel floats over the canvas: moving the canvas would misplace its clicks. */}
          <Paper withBorder radius="md" pos="relative" style={{ overflow: 'hidden' }}>
            {selectedNode && (
              <SelectedNode
                node={selectedNode}
                conversations={
                  map.edges.filter(
                    (e) =>
                      endpointId(e.clientAssetId, e.clientIp) === selectedNode.id ||
                      endpointId(e.serverAssetId, e.serverIp) === selectedNode.id,
                  ).length
                }
              />
            )}
            <Suspense fallback={<Loader aria-label="Loading the map" m="md" />}>
              <MapCanvas
                nodes={graph.nodes}
                edges={graph.edges}
                summary={summary}
                selected={selected}
                onSelect={setSelected}
              />
            </Suspense>
          </Paper>
          <Text size="xs" c="dimmed">
            Click a system to see it and open its page. Drag to move, scroll to zoom. The table view
            lists the same conversations.
          </Text>
        </>
      )}
    </Stack>
  );
}

/** The map's filters and view live in the URL, so a view can be shared or bookmarked. */
function readMapParams(params: URLSearchParams): {
  zoneId: string;
  protocol: ApplicationProtocol | undefined;
  colouring: MapColouring;
  view: 'map' | 'table';
} {
  const protocol = params.get('protocol');
  return {
    zoneId: params.get('zoneId') ?? '',
    protocol: isProtocol(protocol) ? protocol : undefined,
    colouring: params.get('colour') === 'zone' ? 'zone' : 'category',
    view: params.get('view') === 'table' ? 'table' : 'map',
  };
}

/** Who talks to whom, and where patient data crosses the network unencrypted. */
export function MapPage() {
  const canImport = useInventoryEditor();
  const [params, setParams] = useSearchParams();
  const { zoneId, protocol, colouring, view } = readMapParams(params);
  const query = { zoneId: zoneId === '' ? undefined : zoneId, protocol };
  const map = useQuery({ queryKey: ['map', query], queryFn: () => api.inventory.map(query) });
  const zones = useQuery({ queryKey: ['zones'], queryFn: () => api.inventory.zones() });

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const empty =
    map.data !== undefined && map.data.nodes.length === 0 && map.data.edges.length === 0;

  return (
    <Stack gap="md">
      <PageHeader
        title="Communication map"
        description="Systems as points, conversations as lines, from packet captures. Red lines carry DICOM or HL7 patient data unencrypted."
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Zone"
          placeholder="All zones"
          clearable
          searchable
          w={220}
          data={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: z.name }))}
          value={zoneId === '' ? null : zoneId}
          onChange={(value) => {
            update('zoneId', value);
          }}
        />
        <Select
          label="Protocol"
          placeholder="All protocols"
          clearable
          w={180}
          data={PROTOCOL_OPTIONS}
          value={protocol ?? null}
          onChange={(value) => {
            update('protocol', value);
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="map-colour-label">
            Colour by
          </Text>
          <SegmentedControl
            aria-labelledby="map-colour-label"
            value={colouring}
            data={[
              { value: 'category', label: 'Category' },
              { value: 'zone', label: 'Zone' },
            ]}
            onChange={(value) => {
              update('colour', value === 'zone' ? 'zone' : null);
            }}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="map-view-label">
            Show as
          </Text>
          <SegmentedControl
            aria-labelledby="map-view-label"
            value={view}
            data={[
              { value: 'map', label: 'Map' },
              { value: 'table', label: 'Table' },
            ]}
            onChange={(value) => {
              update('view', value === 'table' ? 'table' : null);
            }}
          />
        </Stack>
      </Group>
      <ErrorAlert error={map.error} title="Map unavailable" />
      {map.isPending && <Loader aria-label="Loading the map" />}
      {empty && (
        <EmptyMap
          filtered={query.zoneId !== undefined || protocol !== undefined}
          canImport={canImport}
        />
      )}
      {map.data && !empty && <MapView map={map.data} colouring={colouring} view={view} />}
    </Stack>
  );
}

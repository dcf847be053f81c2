import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { protocolLabel } from '../api/inventory-vocabulary';
import type { Communication, MapNode } from '../api/types';
import { formatBytes, formatCount, formatDateTime } from '../lib/format';
import { endpointId, isPlaintextEphi } from '../lib/map-graph';
import { ConversationFlags } from './communications-table';
import { DataTable, type Column } from './data-table';

function End({ node, ip }: { readonly node: MapNode | undefined; readonly ip: string }) {
  const label = node?.label ?? ip;
  const assetId = node?.assetId ?? null;
  return (
    <div>
      {assetId === null ? (
        <Text size="sm" ff="monospace">
          {label}
        </Text>
      ) : (
        <Anchor component={Link} to={`/assets/${encodeURIComponent(assetId)}`} size="sm">
          {label}
        </Anchor>
      )}
      {assetId !== null && (
        <Text size="xs" c="dimmed" ff="monospace">
          {ip}
          {typeof node?.zoneName === 'string' ? ` · ${node.zoneName}` : ''}
        </Text>
      )}
    </div>
  );
}

/** The map as a table: every conversation, plaintext ePHI first, then the heaviest. */
export function MapEdgesTable(props: {
  readonly edges: readonly Communication[];
  readonly nodes: ReadonlyMap<string, MapNode>;
}) {
  const { edges, nodes } = props;
  const columns: Column<Communication>[] = [
    {
      header: 'Client',
      cell: (c) => (
        <End node={nodes.get(endpointId(c.clientAssetId, c.clientIp))} ip={c.clientIp} />
      ),
    },
    {
      header: 'Server',
      cell: (c) => (
        <End node={nodes.get(endpointId(c.serverAssetId, c.serverIp))} ip={c.serverIp} />
      ),
    },
    { header: 'Protocol', cell: (c) => protocolLabel(c.protocol) },
    { header: 'Port', cell: (c) => `${String(c.serverPort)}/${c.transport}`, mono: true },
    { header: 'Protection', cell: (c) => <ConversationFlags edge={c} /> },
    { header: 'Packets', cell: (c) => formatCount(c.packets), align: 'right' },
    { header: 'Bytes', cell: (c) => formatBytes(c.bytes), align: 'right' },
    { header: 'Last seen', cell: (c) => formatDateTime(c.lastSeen), nowrap: true },
  ];
  const sorted = [...edges].sort(
    (a, b) => Number(isPlaintextEphi(b)) - Number(isPlaintextEphi(a)) || b.bytes - a.bytes,
  );
  return (
    <DataTable
      label="Conversations on the map"
      testId="map-edges"
      rows={sorted}
      columns={columns}
      rowKey={(c) => c.id}
      rowProps={(c) => (isPlaintextEphi(c) ? { bg: 'red.0' } : {})}
      empty="No conversations match."
      minWidth={1000}
    />
  );
}

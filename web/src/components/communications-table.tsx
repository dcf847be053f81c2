import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { protocolLabel } from '../api/inventory-vocabulary';
import type { Communication } from '../api/types';
import { formatBytes, formatCount, formatDateTime } from '../lib/format';
import { isPlaintextEphi } from '../lib/map-graph';
import { DataTable, type Column } from './data-table';

/** Encryption and patient data of a conversation, the plaintext-ePHI case in red. */
export function ConversationFlags({ edge }: { readonly edge: Communication }) {
  return (
    <Group gap={4} wrap="nowrap">
      {isPlaintextEphi(edge) ? (
        <Badge color="red" variant="filled" data-testid="plaintext-ephi">
          ePHI in plaintext
        </Badge>
      ) : (
        <>
          <Badge color={edge.encrypted ? 'green' : 'gray'} variant="light">
            {edge.encrypted ? 'Encrypted' : 'Plaintext'}
          </Badge>
          {edge.carriesEphi && (
            <Badge color="violet" variant="light">
              ePHI
            </Badge>
          )}
        </>
      )}
    </Group>
  );
}

/** An address, linked to its asset when Wardline knows which asset holds it. */
export function Endpoint({
  ip,
  assetId,
}: {
  readonly ip: string;
  readonly assetId: string | null;
}) {
  if (assetId === null) {
    return (
      <Text size="sm" ff="monospace" component="span">
        {ip}
      </Text>
    );
  }
  return (
    <Anchor component={Link} to={`/assets/${encodeURIComponent(assetId)}`} size="sm" ff="monospace">
      {ip}
    </Anchor>
  );
}

function columnsFor(assetId: string): Column<Communication>[] {
  const isClient = (c: Communication) => c.clientAssetId === assetId;
  return [
    { header: 'Direction', cell: (c) => (isClient(c) ? 'Outgoing' : 'Incoming') },
    {
      header: 'Peer',
      cell: (c) =>
        isClient(c) ? (
          <Endpoint ip={c.serverIp} assetId={c.serverAssetId} />
        ) : (
          <Endpoint ip={c.clientIp} assetId={c.clientAssetId} />
        ),
    },
    { header: 'Port', cell: (c) => `${String(c.serverPort)}/${c.transport}`, mono: true },
    { header: 'Protocol', cell: (c) => protocolLabel(c.protocol) },
    { header: 'Protection', cell: (c) => <ConversationFlags edge={c} /> },
    { header: 'Packets', cell: (c) => formatCount(c.packets), align: 'right' },
    { header: 'Bytes', cell: (c) => formatBytes(c.bytes), align: 'right' },
    { header: 'Last seen', cell: (c) => formatDateTime(c.lastSeen), nowrap: true },
  ];
}

/** Who the asset talks to, with patient data sent in plaintext flagged red. */
export function CommunicationsTable(props: {
  readonly assetId: string;
  readonly communications: readonly Communication[];
}) {
  const sorted = [...props.communications].sort(
    (a, b) => Number(isPlaintextEphi(b)) - Number(isPlaintextEphi(a)) || b.bytes - a.bytes,
  );
  return (
    <DataTable
      label="Communications"
      testId="communications-table"
      rows={sorted}
      columns={columnsFor(props.assetId)}
      rowKey={(c) => c.id}
      rowProps={(c) => (isPlaintextEphi(c) ? { bg: 'red.0' } : {})}
      empty="No conversations recorded for this asset. Import a packet capture to see who it talks to."
      minWidth={960}
    />
  );
}

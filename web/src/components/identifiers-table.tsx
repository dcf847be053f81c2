import { Table, Text } from '@mantine/core';
import type { Identifier } from '../api/types';
import { formatDateTime } from '../lib/format';

const KIND_LABELS: Readonly<Record<string, string>> = {
  mac: 'MAC address',
  ip: 'IP address',
  hostname: 'Hostname',
  serial: 'Serial number',
  'ae-title': 'DICOM AE title',
};

/** How Wardline recognizes an asset, and which source said so when. */
export function IdentifiersTable({ identifiers }: { readonly identifiers: readonly Identifier[] }) {
  if (identifiers.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No identifiers recorded.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label="Identifiers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>First seen</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {identifiers.map((identifier) => (
            <Table.Tr key={`${identifier.kind}:${identifier.value}:${identifier.source}`}>
              <Table.Td>{KIND_LABELS[identifier.kind] ?? identifier.kind}</Table.Td>
              <Table.Td ff="monospace">{identifier.value}</Table.Td>
              <Table.Td>{identifier.source}</Table.Td>
              <Table.Td>{formatDateTime(identifier.firstSeen)}</Table.Td>
              <Table.Td>{formatDateTime(identifier.lastSeen)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

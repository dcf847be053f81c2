import { Code, Table, Text, Tooltip } from '@mantine/core';
import type { AuditEntry } from '../api/types';
import { formatDateTime, orDash } from '../lib/format';

function target(entry: AuditEntry): string {
  if (entry.targetType === null && entry.targetId === null) return '—';
  return [entry.targetType, entry.targetId].filter((part) => part !== null).join(' ');
}

function details(entry: AuditEntry): string {
  return Object.keys(entry.details).length === 0 ? '' : JSON.stringify(entry.details);
}

export function AuditTable({ entries }: { readonly entries: readonly AuditEntry[] }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table
        striped
        aria-label="Audit log"
        data-testid="audit-table"
        fz="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>Details</Table.Th>
            <Table.Th>Hash</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={9}>
                <Text c="dimmed" size="sm" ta="center" py="md">
                  No entries match.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>{entry.seq}</Table.Td>
              <Table.Td>{formatDateTime(entry.at)}</Table.Td>
              <Table.Td>{entry.actorName}</Table.Td>
              <Table.Td ff="monospace">{entry.action}</Table.Td>
              <Table.Td>{target(entry)}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} c={entry.outcome === 'success' ? 'green.8' : 'red.8'}>
                  {entry.outcome === 'success' ? 'Success' : 'Failure'}
                </Text>
              </Table.Td>
              <Table.Td ff="monospace">{orDash(entry.ip)}</Table.Td>
              <Table.Td miw={220} style={{ whiteSpace: 'normal' }}>
                <Code style={{ overflowWrap: 'anywhere' }}>{details(entry)}</Code>
              </Table.Td>
              <Table.Td>
                <Tooltip label={entry.hash}>
                  <Code>{entry.hash.slice(0, 12)}</Code>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

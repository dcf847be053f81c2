import { Badge, Code, Table, Text, Tooltip } from '@mantine/core';
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
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Audit log" data-testid="audit-table" fz="sm">
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
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
              <Table.Td>{entry.actorName}</Table.Td>
              <Table.Td ff="monospace">{entry.action}</Table.Td>
              <Table.Td>{target(entry)}</Table.Td>
              <Table.Td>
                <Badge color={entry.outcome === 'success' ? 'green' : 'red'} variant="light">
                  {entry.outcome}
                </Badge>
              </Table.Td>
              <Table.Td ff="monospace">{orDash(entry.ip)}</Table.Td>
              <Table.Td maw={320}>
                <Code block={false} style={{ wordBreak: 'break-all' }}>
                  {details(entry)}
                </Code>
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

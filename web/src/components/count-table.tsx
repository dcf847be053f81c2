import { Paper, Table, Text, Title } from '@mantine/core';

interface CountTableProps {
  readonly title: string;
  readonly counts: Readonly<Partial<Record<string, number>>>;
  readonly label: (key: string) => string;
  readonly keyHeader: string;
}

/** A titled two-column table of counts, largest first, with nothing invented for empty data. */
export function CountTable({ title, counts, label, keyHeader }: CountTableProps) {
  const rows = Object.entries(counts)
    .map(([key, count]) => [key, count ?? 0] as const)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          No assets yet.
        </Text>
      ) : (
        <Table striped aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{keyHeader}</Table.Th>
              <Table.Th ta="right">Assets</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([key, count]) => (
              <Table.Tr key={key}>
                <Table.Td>{label(key)}</Table.Td>
                <Table.Td ta="right">{count.toLocaleString('en-US')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

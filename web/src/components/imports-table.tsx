import { Button, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { importKindLabel } from '../api/inventory-vocabulary';
import type { ImportSummary } from '../api/types';
import { formatBytes, formatDateTime } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { countsText, DiagnosticsCount, ImportStatusBadge } from './import-result';

interface ImportsTableProps {
  readonly imports: readonly ImportSummary[];
  readonly onOpen: (importId: string) => void;
}

/** Every file imported, newest first: what it was, whether it landed, and what it changed. */
export function ImportsTable({ imports, onOpen }: ImportsTableProps) {
  const columns: Column<ImportSummary>[] = [
    {
      header: 'File',
      cell: (i) => (
        <Stack gap={0}>
          <Text size="sm" fw={500} truncate="end" maw={320} title={i.fileName}>
            {i.fileName}
          </Text>
          <Tooltip label={`SHA-256 ${i.sha256}`}>
            <Text size="xs" c="dimmed" ff="monospace" tabIndex={0}>
              {formatBytes(i.bytes)} · {i.sha256.slice(0, 12)}…
            </Text>
          </Tooltip>
        </Stack>
      ),
    },
    { header: 'Kind', cell: (i) => importKindLabel(i.kind) },
    { header: 'Status', cell: (i) => <ImportStatusBadge status={i.status} />, nowrap: true },
    {
      header: 'What it changed',
      cell: (i) =>
        i.status === 'duplicate'
          ? 'Nothing: imported before'
          : i.status === 'failed'
            ? '—'
            : countsText(i.counts),
    },
    { header: 'Diagnostics', cell: (i) => <DiagnosticsCount count={i.diagnostics} /> },
    { header: 'Imported', cell: (i) => formatDateTime(i.createdAt), nowrap: true },
    {
      header: <VisuallyHidden>Details</VisuallyHidden>,
      cell: (i) => (
        <Button
          size="xs"
          variant="subtle"
          aria-label={`Details of ${i.fileName}`}
          onClick={() => {
            onOpen(i.id);
          }}
        >
          Details
        </Button>
      ),
    },
  ];
  return (
    <DataTable
      label="Imports"
      testId="imports-table"
      rows={imports}
      columns={columns}
      rowKey={(i) => i.id}
      empty="Nothing imported yet."
      minWidth={1000}
    />
  );
}

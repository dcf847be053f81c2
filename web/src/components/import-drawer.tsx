import {
  Anchor,
  Badge,
  Drawer,
  Group,
  Loader,
  Pagination,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { importKindLabel } from '../api/inventory-vocabulary';
import type { ImportDiagnostic, ImportSummary } from '../api/types';
import { formatBytes, formatDateTime } from '../lib/format';
import { pageCount } from '../lib/paging';
import { DataTable, type Column } from './data-table';
import { ErrorAlert } from './error-alert';
import { FieldList } from './field-list';
import { ImportCountBadges, ImportStatusBadge } from './import-result';
import { Pager } from './pager';

/** Asset links shown per page; each one's name is read from the asset itself. */
const ASSETS_PER_PAGE = 20;

const SEVERITY_COLORS: Readonly<Record<string, string>> = {
  error: 'red',
  warning: 'orange',
  info: 'gray',
};

const DIAGNOSTIC_COLUMNS: readonly Column<ImportDiagnostic>[] = [
  {
    header: 'Severity',
    cell: (d) => (
      <Badge color={SEVERITY_COLORS[d.severity] ?? 'gray'} variant="light">
        {d.severity}
      </Badge>
    ),
  },
  {
    header: 'Where',
    cell: (d) => (d.line === undefined ? `offset ${String(d.offset)}` : `line ${String(d.line)}`),
    mono: true,
  },
  { header: 'Code', cell: (d) => d.code, mono: true },
  { header: 'Message', cell: (d) => d.message },
];

function Diagnostics({ importId, count }: { readonly importId: string; readonly count: number }) {
  const [page, setPage] = useState({ limit: 25, offset: 0 });
  const diagnostics = useQuery({
    queryKey: ['imports', importId, 'diagnostics', page],
    queryFn: () => api.imports.diagnostics(importId, page),
    placeholderData: keepPreviousData,
    enabled: count > 0,
  });
  if (count === 0)
    return (
      <Text size="sm" c="dimmed">
        The file read cleanly.
      </Text>
    );
  return (
    <Stack gap="xs">
      <ErrorAlert error={diagnostics.error} />
      <DataTable
        label="Diagnostics"
        testId="import-diagnostics"
        rows={diagnostics.data?.items ?? []}
        columns={DIAGNOSTIC_COLUMNS}
        rowKey={(d, i) => `${String(d.offset)}/${d.code}/${String(i)}`}
        empty="Loading…"
        minWidth={640}
      />
      <Pager
        total={diagnostics.data?.total ?? 0}
        shown={diagnostics.data?.items.length ?? 0}
        limit={page.limit}
        offset={page.offset}
        onOffsetChange={(offset) => {
          setPage({ ...page, offset });
        }}
        onLimitChange={(limit) => {
          setPage({ limit, offset: 0 });
        }}
      />
    </Stack>
  );
}

function ChangedAssets({ assetIds }: { readonly assetIds: readonly string[] }) {
  const [page, setPage] = useState(1);
  const shown = assetIds.slice((page - 1) * ASSETS_PER_PAGE, page * ASSETS_PER_PAGE);
  const assets = useQueries({
    queries: shown.map((id) => ({
      queryKey: ['asset', id],
      queryFn: () => api.inventory.asset(id),
    })),
  });
  if (assetIds.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No asset changed.
      </Text>
    );
  return (
    <Stack gap="xs">
      <Group gap="xs" data-testid="import-assets">
        {shown.map((id, index) => (
          <Anchor key={id} component={Link} to={`/assets/${encodeURIComponent(id)}`} size="sm">
            {assets[index]?.data?.name ?? id}
          </Anchor>
        ))}
      </Group>
      {assetIds.length > ASSETS_PER_PAGE && (
        <Pagination
          size="sm"
          total={pageCount(assetIds.length, ASSETS_PER_PAGE)}
          value={page}
          onChange={setPage}
          getControlProps={(control) => ({ 'aria-label': `${control} page of changed assets` })}
        />
      )}
    </Stack>
  );
}

function summaryFields(summary: ImportSummary) {
  return [
    { label: 'Kind', value: importKindLabel(summary.kind) },
    { label: 'Status', value: <ImportStatusBadge status={summary.status} /> },
    { label: 'Size', value: formatBytes(summary.bytes) },
    { label: 'Started', value: formatDateTime(summary.createdAt) },
    { label: 'Finished', value: formatDateTime(summary.finishedAt) },
    {
      label: 'SHA-256',
      value: (
        <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {summary.sha256}
        </Text>
      ),
    },
  ];
}

function ImportDetails({
  summary,
  onOpen,
}: {
  readonly summary: ImportSummary;
  readonly onOpen: (id: string) => void;
}) {
  return (
    <Stack gap="md">
      <FieldList fields={summaryFields(summary)} />
      {summary.duplicateOf !== null && (
        <Text size="sm">
          The same file as{' '}
          <Anchor
            component="button"
            size="sm"
            onClick={() => {
              if (summary.duplicateOf !== null) onOpen(summary.duplicateOf);
            }}
          >
            an earlier import
          </Anchor>
          ; nothing changed.
        </Text>
      )}
      <ImportCountBadges counts={summary.counts} />
      <div>
        <Title order={3} size="h5" mb="xs">
          Assets it created or changed
          {summary.assetIds.length > 0 && ` (${String(summary.assetIds.length)})`}
        </Title>
        <ChangedAssets assetIds={summary.assetIds} />
      </div>
      <div>
        <Title order={3} size="h5" mb="xs">
          Diagnostics
        </Title>
        <Diagnostics importId={summary.id} count={summary.diagnostics} />
      </div>
    </Stack>
  );
}

interface ImportDrawerProps {
  readonly importId: string | null;
  readonly onOpen: (importId: string) => void;
  readonly onClose: () => void;
}

/** One import: what it was, what it changed (with links), and what the reader reported. */
export function ImportDrawer({ importId, onOpen, onClose }: ImportDrawerProps) {
  const summary = useQuery({
    queryKey: ['imports', importId],
    queryFn: () => api.imports.get(importId ?? ''),
    enabled: importId !== null,
  });
  return (
    <Drawer
      opened={importId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={summary.data?.fileName ?? 'Import'}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <ErrorAlert error={summary.error} title="Import unavailable" />
      {summary.isPending && importId !== null && <Loader aria-label="Loading the import" />}
      {summary.data && <ImportDetails summary={summary.data} onOpen={onOpen} />}
    </Drawer>
  );
}

import { Code, Drawer, Loader, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { DeadLetter, EventSource } from '../api/detect-types';
import { formatDateTime, orDash } from '../lib/format';
import { DEFAULT_PAGE_SIZE } from '../lib/paging';
import { DataTable, type Column } from './data-table';
import { ErrorAlert } from './error-alert';
import { Pager } from './pager';

const COLUMNS: readonly Column<DeadLetter>[] = [
  { header: 'Received', cell: (d) => formatDateTime(d.receivedAt), nowrap: true },
  {
    header: 'Reason',
    cell: (d) => (
      <Stack gap={0}>
        <Text size="sm">{d.message}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {d.code}
        </Text>
      </Stack>
    ),
  },
  { header: 'Position', cell: (d) => orDash(d.position), mono: true, nowrap: true },
  {
    header: 'Raw',
    cell: (d) =>
      d.raw === null ? (
        '—'
      ) : (
        <Code block style={{ maxHeight: 160, overflow: 'auto', whiteSpace: 'pre-wrap' }}>
          {d.raw}
        </Code>
      ),
  },
];

interface DeadLettersDrawerProps {
  readonly source: EventSource;
  readonly onClose: () => void;
}

/** The records a source could not read, newest first, each with why and the raw text kept. */
export function DeadLettersDrawer({ source, onClose }: DeadLettersDrawerProps) {
  const [limit, setLimit] = useState(DEFAULT_PAGE_SIZE);
  const [offset, setOffset] = useState(0);
  const letters = useQuery({
    queryKey: ['dead-letters', source.id, limit, offset],
    queryFn: () => api.detect.sources.deadLetters(source.id, { limit, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size="xl"
      title={`Unreadable records of ${source.name}`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <ErrorAlert error={letters.error} title="Dead letters unavailable" />
      {letters.isPending ? (
        <Loader aria-label="Loading dead letters" size="sm" />
      ) : (
        <DataTable
          label="Dead letters"
          rows={letters.data?.items ?? []}
          columns={COLUMNS}
          rowKey={(d) => d.id}
          empty="Every record this source sent was read."
          minWidth={720}
          testId="dead-letters"
        />
      )}
      <Pager
        total={letters.data?.total ?? 0}
        shown={letters.data?.items.length ?? 0}
        limit={limit}
        offset={offset}
        onOffsetChange={setOffset}
        onLimitChange={(next) => {
          setLimit(next);
          setOffset(0);
        }}
      />
    </Drawer>
  );
}

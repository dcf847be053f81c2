import { Button, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import type { EventSource } from '../api/detect-types';
import { PROTOCOL_LABELS, SHAPE_LABELS } from '../api/detect-vocabulary';
import { DataTable, type Column } from '../components/data-table';
import { DeadLettersDrawer } from '../components/dead-letters-drawer';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { logsourceText } from '../components/rules-table';
import { SourceCreateModal } from '../components/source-create-modal';
import { formatCount, formatDateTime } from '../lib/format';
import { useDetectAccess } from '../session/use-detect-access';

/** How often the counters refresh while the page is open. */
const REFRESH_MS = 10_000;

function columns(onDeadLetters: (source: EventSource) => void): Column<EventSource>[] {
  return [
    {
      header: 'Name',
      cell: (s) => (
        <Stack gap={0}>
          <Text size="sm">{s.name}</Text>
          {!s.enabled && (
            <Text size="xs" c="dimmed">
              Disabled
            </Text>
          )}
        </Stack>
      ),
    },
    { header: 'Protocol', cell: (s) => PROTOCOL_LABELS[s.protocol], nowrap: true },
    {
      header: 'Log source',
      cell: (s) =>
        `${logsourceText(s.logsource)}${s.shape === null ? '' : ` · ${SHAPE_LABELS[s.shape]}`}`,
    },
    { header: 'EPS', cell: (s) => s.eps.toFixed(1), align: 'right' },
    { header: 'Events', cell: (s) => formatCount(s.eventsTotal), align: 'right' },
    { header: 'Errors', cell: (s) => formatCount(s.errorsTotal), align: 'right' },
    { header: 'Dropped', cell: (s) => formatCount(s.droppedTotal), align: 'right' },
    { header: 'Last event', cell: (s) => formatDateTime(s.lastEventAt), nowrap: true },
    {
      header: 'Dead letters',
      cell: (s) => (
        <Button
          size="compact-xs"
          variant="light"
          aria-label={`Unreadable records of ${s.name}`}
          onClick={() => {
            onDeadLetters(s);
          }}
        >
          Show
        </Button>
      ),
    },
  ];
}

/** Where events come from, how much arrives, and what could not be read. */
export function EventSourcesPage() {
  const access = useDetectAccess();
  const [creating, setCreating] = useState(false);
  const [letters, setLetters] = useState<EventSource | null>(null);
  const sources = useQuery({
    queryKey: ['event-sources'],
    queryFn: api.detect.sources.list,
    refetchInterval: REFRESH_MS,
  });
  return (
    <>
      <PageHeader
        title="Event sources"
        description="Syslog listeners, HTTP senders and log folders, with what each delivered and what it could not read."
        actions={
          access.engineer && (
            <Button
              onClick={() => {
                setCreating(true);
              }}
            >
              Add a source
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p="sm">
        <ErrorAlert error={sources.error} title="Sources unavailable" />
        {sources.isPending ? (
          <Loader aria-label="Loading sources" m="md" />
        ) : (
          <DataTable
            label="Event sources"
            rows={sources.data?.items ?? []}
            columns={columns(setLetters)}
            rowKey={(s) => s.id}
            empty="No source yet: events arrive once a source is added."
            minWidth={1040}
            testId="sources-table"
            rowProps={() => ({ 'data-testid': 'source-row' })}
          />
        )}
      </Paper>
      {creating && (
        <SourceCreateModal
          onClose={() => {
            setCreating(false);
          }}
        />
      )}
      {letters !== null && (
        <DeadLettersDrawer
          source={letters}
          onClose={() => {
            setLetters(null);
          }}
        />
      )}
    </>
  );
}

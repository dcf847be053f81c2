import { Anchor, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { AssetFact, ProvenanceEntry } from '../api/types';
import { factLabel, factValue } from '../lib/fact-format';
import { formatDateTime } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { ErrorAlert } from './error-alert';
import { Pager } from './pager';
import { SourceLabel } from './source-label';

function ImportLink({ importId }: { readonly importId: string | null }) {
  if (importId === null) return <>—</>;
  return (
    <Anchor component={Link} to={`/imports?import=${encodeURIComponent(importId)}`} size="sm">
      View import
    </Anchor>
  );
}

const FACT_COLUMNS: readonly Column<AssetFact>[] = [
  { header: 'Fact', cell: (f) => factLabel(f.field) },
  {
    header: 'Value',
    cell: (f) => (
      <Group gap={6} wrap="nowrap">
        <span>{factValue(f.field, f.value)}</span>
        {f.overridden && (
          <Badge size="sm" color="grape" variant="light">
            Overridden
          </Badge>
        )}
      </Group>
    ),
  },
  { header: 'Source', cell: (f) => <SourceLabel source={f.source} /> },
  { header: 'Observed', cell: (f) => formatDateTime(f.observedAt), nowrap: true },
  { header: 'Import', cell: (f) => <ImportLink importId={f.importId} /> },
];

const TIMELINE_COLUMNS: readonly Column<ProvenanceEntry>[] = [
  { header: 'Observed', cell: (p) => formatDateTime(p.observedAt), nowrap: true },
  { header: 'Fact', cell: (p) => factLabel(p.field) },
  { header: 'Value', cell: (p) => factValue(p.field, p.value) },
  { header: 'Source', cell: (p) => <SourceLabel source={p.source} /> },
  { header: 'Import', cell: (p) => <ImportLink importId={p.importId} /> },
];

function ProvenanceTimeline({ assetId }: { readonly assetId: string }) {
  const [page, setPage] = useState({ limit: 25, offset: 0 });
  const timeline = useQuery({
    queryKey: ['asset', assetId, 'provenance', page],
    queryFn: () => api.inventory.provenance(assetId, page),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="xs">
      <ErrorAlert error={timeline.error} title="Timeline unavailable" />
      {timeline.isPending ? (
        <Loader aria-label="Loading the timeline" size="sm" />
      ) : (
        <DataTable
          label="Provenance timeline"
          testId="provenance-timeline"
          rows={timeline.data?.items ?? []}
          columns={TIMELINE_COLUMNS}
          rowKey={(p, i) => `${p.observedAt}/${p.field}/${p.source.name}/${String(i)}`}
          empty="No source has reported anything about this asset yet."
        />
      )}
      <Pager
        total={timeline.data?.total ?? 0}
        shown={timeline.data?.items.length ?? 0}
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

/** Every fact's current value with where it came from, then everything each source said. */
export function AssetProvenance(props: {
  readonly assetId: string;
  readonly facts: readonly AssetFact[];
}) {
  return (
    <Stack gap="lg">
      <div>
        <Title order={3} size="h5" mb={4}>
          Current values and their sources
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Each fact shows the value Wardline believes and the source it trusts most for it. A value
          set in Wardline overrides every source until it is cleared.
        </Text>
        <DataTable
          label="Facts and their sources"
          testId="asset-facts"
          rows={props.facts}
          columns={FACT_COLUMNS}
          rowKey={(f) => f.field}
          empty="No facts recorded."
        />
      </div>
      <div>
        <Title order={3} size="h5" mb={4}>
          Timeline
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          What each source reported, newest first.
        </Text>
        <ProvenanceTimeline assetId={props.assetId} />
      </div>
    </Stack>
  );
}

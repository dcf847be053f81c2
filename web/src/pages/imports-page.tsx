import { Group, Loader, Paper, Select, Stack, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { IMPORT_KIND_INFO, IMPORT_KINDS } from '../api/inventory-vocabulary';
import type { ImportKind, ImportUpload } from '../api/types';
import { ErrorAlert } from '../components/error-alert';
import { ImportDrawer } from '../components/import-drawer';
import { ImportForm } from '../components/import-form';
import { ImportsTable } from '../components/imports-table';
import { JobProgress } from '../components/job-progress';
import { PageHeader } from '../components/page-header';
import { Pager } from '../components/pager';
import type { ImportFormValues } from '../lib/import-form';
import { DEFAULT_PAGE_SIZE, toOffset, toPageSize } from '../lib/paging';
import { useInventoryEditor } from '../session/use-inventory-editor';

const KIND_FILTER = IMPORT_KINDS.map((value) => ({ value, label: IMPORT_KIND_INFO[value].label }));

function isKind(value: string | null): value is ImportKind {
  return value !== null && (IMPORT_KINDS as readonly string[]).includes(value);
}

/** `?kind=sbom&assetId=…` from an asset page starts the form on an SBOM for that asset. */
function initialForm(params: URLSearchParams): Partial<ImportFormValues> {
  const kind = params.get('kind');
  if (!isKind(kind)) return {};
  return { kind, assetId: params.get('assetId') ?? '' };
}

interface Started {
  readonly jobId: string;
  readonly fileName: string;
}

/** Scans, exports, SBOMs and captures: upload one, follow it, and see what every import did. */
export function ImportsPage() {
  const canImport = useInventoryEditor();
  const [params, setParams] = useSearchParams();
  const [started, setStarted] = useState<readonly Started[]>([]);
  const [initial] = useState(() => initialForm(params));
  const kind = params.get('list');
  const query = {
    limit: toPageSize(params.get('limit')),
    offset: toOffset(params.get('offset')),
    kind: isKind(kind) ? kind : undefined,
  };
  const imports = useQuery({
    queryKey: ['imports', query],
    queryFn: () => api.imports.list(query),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next);
  };
  const open = (importId: string) => {
    update({ import: importId });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Imports"
        description="Bring in what the hospital already has: network scans, vulnerability reports, the CMMS equipment list, device makers' SBOMs and packet captures. The same file twice changes nothing."
      />
      {canImport && (
        <ImportForm
          initial={initial}
          onStarted={(job, upload: ImportUpload) => {
            setStarted([{ jobId: job.id, fileName: upload.fileName }, ...started]);
          }}
        />
      )}
      {started.map((s) => (
        <JobProgress
          key={s.jobId}
          jobId={s.jobId}
          fileName={s.fileName}
          canCancel={canImport}
          onShowImport={open}
        />
      ))}
      <Paper withBorder p="sm" radius="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Past imports
          </Title>
          <Select
            aria-label="Show imports of kind"
            placeholder="Every kind"
            clearable
            w={240}
            data={KIND_FILTER}
            value={query.kind ?? null}
            onChange={(value) => {
              update({ list: value, offset: null });
            }}
          />
        </Group>
        <ErrorAlert error={imports.error} title="Imports unavailable" />
        {imports.isPending ? (
          <Loader aria-label="Loading imports" m="md" />
        ) : (
          <ImportsTable imports={imports.data?.items ?? []} onOpen={open} />
        )}
        <Pager
          total={imports.data?.total ?? 0}
          shown={imports.data?.items.length ?? 0}
          limit={query.limit}
          offset={query.offset}
          onOffsetChange={(offset) => {
            update({ offset: offset === 0 ? null : String(offset) });
          }}
          onLimitChange={(limit) => {
            update({ limit: limit === DEFAULT_PAGE_SIZE ? null : String(limit), offset: null });
          }}
        />
      </Paper>
      <ImportDrawer
        importId={params.get('import')}
        onOpen={open}
        onClose={() => {
          update({ import: null });
        }}
      />
    </Stack>
  );
}

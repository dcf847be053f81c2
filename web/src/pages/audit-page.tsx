import { Loader, Paper } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { AuditFiltersForm } from '../components/audit-filters-form';
import { AuditTable } from '../components/audit-table';
import { AuditVerify } from '../components/audit-verify';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { Pager } from '../components/pager';
import type { AuditFilterForm } from '../lib/audit-filters';
import { EMPTY_AUDIT_FILTERS, toAuditQuery } from '../lib/audit-filters';
import { DEFAULT_PAGE_SIZE } from '../lib/paging';

/** The tamper-evident record of who did what in Wardline, newest first. */
export function AuditPage() {
  const [filters, setFilters] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTERS);
  const [page, setPage] = useState({ limit: DEFAULT_PAGE_SIZE, offset: 0 });
  const query = toAuditQuery(filters, page.limit, page.offset);
  const entries = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.audit.list(query),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in and every change made in Wardline, hash-chained so that an altered or removed entry is detected."
      />
      <Paper withBorder radius="md" p="sm" mb="md">
        <AuditVerify />
      </Paper>
      <AuditFiltersForm
        initial={filters}
        onApply={(next) => {
          setFilters(next);
          setPage({ ...page, offset: 0 });
        }}
      />
      <ErrorAlert error={entries.error} title="Audit log unavailable" />
      <Paper withBorder radius="md" p="sm">
        {entries.isPending ? (
          <Loader aria-label="Loading audit log" m="md" />
        ) : (
          <AuditTable entries={entries.data?.items ?? []} />
        )}
        <Pager
          total={entries.data?.total ?? 0}
          shown={entries.data?.items.length ?? 0}
          limit={page.limit}
          offset={page.offset}
          onOffsetChange={(offset) => {
            setPage({ ...page, offset });
          }}
          onLimitChange={(limit) => {
            setPage({ limit, offset: 0 });
          }}
        />
      </Paper>
    </>
  );
}

import { Loader, Paper } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { Pager } from '../components/pager';
import { VulnAreaTabs } from '../components/vuln-area-tabs';
import { VulnFilters } from '../components/vuln-filters';
import { VulnerabilitiesTable } from '../components/vulnerabilities-table';
import {
  DEFAULT_VULN_LIST,
  readVulnList,
  toVulnQuery,
  updateVulnList,
  writeVulnList,
  type VulnListState,
} from '../lib/vuln-list-params';

/** Every vulnerability found on an asset, most urgent first, paged and filtered by the server. */
export function VulnerabilitiesPage() {
  const [params, setParams] = useSearchParams();
  const state = readVulnList(params);
  const vulns = useQuery({
    queryKey: ['vulnerabilities', writeVulnList(state).toString()],
    queryFn: () => api.vulns.list(toVulnQuery(state)),
    placeholderData: keepPreviousData,
  });
  const zones = useQuery({ queryKey: ['zones'], queryFn: () => api.inventory.zones() });
  const change = (partial: Partial<VulnListState>) => {
    setParams(writeVulnList(updateVulnList(state, partial)));
  };

  return (
    <>
      <PageHeader
        title="Vulnerabilities"
        description="Known vulnerabilities on the hospital's devices and systems, ranked by CISA's SSVC decision with clinical impact and exposure, then by exploitation (KEV, EPSS) and severity."
      />
      <VulnAreaTabs />
      <VulnFilters
        state={state}
        zones={zones.data?.items ?? []}
        onChange={change}
        onReset={() => {
          setParams(writeVulnList({ ...DEFAULT_VULN_LIST, limit: state.limit }));
        }}
      />
      <ErrorAlert error={vulns.error} title="Vulnerabilities unavailable" />
      <Paper
        withBorder
        radius="md"
        p="sm"
        aria-busy={vulns.isFetching}
        data-testid="vulnerabilities-list"
        style={{ opacity: vulns.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        {vulns.isPending ? (
          <Loader aria-label="Loading vulnerabilities" m="md" />
        ) : (
          <VulnerabilitiesTable vulns={vulns.data?.items ?? []} />
        )}
        <Pager
          total={vulns.data?.total ?? 0}
          shown={vulns.data?.items.length ?? 0}
          limit={state.limit}
          offset={state.offset}
          onOffsetChange={(offset) => {
            change({ offset });
          }}
          onLimitChange={(limit) => {
            change({ limit });
          }}
        />
      </Paper>
    </>
  );
}

import { Loader, Paper } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api';
import { AlertFilters } from '../components/alert-filters';
import { AlertsTable } from '../components/alerts-table';
import { ErrorAlert } from '../components/error-alert';
import { PageHeader } from '../components/page-header';
import { Pager } from '../components/pager';
import {
  DEFAULT_ALERT_LIST,
  readAlertList,
  toAlertQuery,
  updateAlertList,
  writeAlertList,
  type AlertListState,
} from '../lib/alert-list-params';

/** How often the queue asks for new alerts while it is open. */
const REFRESH_MS = 15_000;

/** The alert queue: what the rules found, newest activity first, filtered by the server. */
export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const state = readAlertList(params);
  const alerts = useQuery({
    queryKey: ['alerts', writeAlertList(state).toString()],
    queryFn: () => api.detect.alerts.list(toAlertQuery(state)),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  const change = (partial: Partial<AlertListState>) => {
    setParams(writeAlertList(updateAlertList(state, partial)));
  };

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Detection rules that fired on the hospital's logs, one alert per rule and host, with the events that prove it. Newest activity first."
      />
      <AlertFilters
        state={state}
        onChange={change}
        onReset={() => {
          setParams(writeAlertList({ ...DEFAULT_ALERT_LIST, limit: state.limit }));
        }}
      />
      <ErrorAlert error={alerts.error} title="Alerts unavailable" />
      <Paper
        withBorder
        radius="md"
        p="sm"
        aria-busy={alerts.isFetching}
        data-testid="alerts-list"
        style={{ opacity: alerts.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
      >
        {alerts.isPending ? (
          <Loader aria-label="Loading alerts" m="md" />
        ) : (
          <AlertsTable alerts={alerts.data?.items ?? []} />
        )}
        <Pager
          total={alerts.data?.total ?? 0}
          shown={alerts.data?.items.length ?? 0}
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

import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Alert } from '../api/detect-types';
import { formatCount, formatDateTime } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { AlertStatusBadge, LevelBadge, TechniqueLinks } from './detect-badges';

/** Where the alert happened: the asset when Wardline resolved one, else the host named. */
export function AlertPlace({ alert }: { readonly alert: Alert }) {
  if (alert.assetId !== null) {
    return (
      <Stack gap={0}>
        <Anchor component={Link} to={`/assets/${encodeURIComponent(alert.assetId)}`} size="sm">
          {alert.assetName ?? alert.assetId}
        </Anchor>
        {alert.host !== null && alert.host !== alert.assetName && (
          <Text size="xs" c="dimmed" ff="monospace">
            {alert.host}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Text size="sm" ff="monospace">
      {alert.host ?? '—'}
    </Text>
  );
}

const COLUMNS: readonly Column<Alert>[] = [
  { header: 'Level', cell: (a) => <LevelBadge level={a.level} />, nowrap: true },
  {
    header: 'Alert',
    cell: (a) => (
      <Anchor component={Link} to={`/alerts/${encodeURIComponent(a.id)}`} size="sm">
        {a.title}
      </Anchor>
    ),
  },
  { header: 'ATT&CK', cell: (a) => <TechniqueLinks techniques={a.techniques} /> },
  { header: 'Asset or host', cell: (a) => <AlertPlace alert={a} /> },
  { header: 'Count', cell: (a) => formatCount(a.count), align: 'right' },
  { header: 'Status', cell: (a) => <AlertStatusBadge status={a.status} />, nowrap: true },
  { header: 'First seen', cell: (a) => formatDateTime(a.firstSeen), nowrap: true },
  { header: 'Last seen', cell: (a) => formatDateTime(a.lastSeen), nowrap: true },
];

/** The alert queue: newest activity first, as the server orders it. */
export function AlertsTable({ alerts }: { readonly alerts: readonly Alert[] }) {
  return (
    <DataTable
      label="Alerts"
      rows={alerts}
      columns={COLUMNS}
      rowKey={(a) => a.id}
      empty="No alert matches."
      minWidth={1040}
      testId="alerts-table"
      rowProps={() => ({ 'data-testid': 'alert-row' })}
    />
  );
}

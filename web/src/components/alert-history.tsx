import type { AlertHistoryEntry } from '../api/detect-types';
import { ALERT_STATUS_INFO } from '../api/detect-vocabulary';
import { formatDateTime, orDash } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { AlertStatusBadge } from './detect-badges';

const COLUMNS: readonly Column<AlertHistoryEntry>[] = [
  { header: 'When', cell: (h) => formatDateTime(h.at), nowrap: true },
  { header: 'By', cell: (h) => orDash(h.by) },
  {
    header: 'From',
    cell: (h) => (h.from === null ? '—' : ALERT_STATUS_INFO[h.from].label),
    nowrap: true,
  },
  { header: 'To', cell: (h) => <AlertStatusBadge status={h.to} />, nowrap: true },
  { header: 'Note', cell: (h) => orDash(h.note) },
];

/** Every status an alert went through, oldest first, with who changed it and why. */
export function AlertHistory({ history }: { readonly history: readonly AlertHistoryEntry[] }) {
  return (
    <DataTable
      label="Alert history"
      rows={history}
      columns={COLUMNS}
      rowKey={(h, i) => `${h.at}/${String(i)}`}
      empty="No change yet."
      minWidth={640}
      testId="alert-history"
    />
  );
}

import { Loader, Modal } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Finding, FindingHistoryEntry } from '../api/vuln-types';
import { FINDING_STATUS_INFO } from '../api/vuln-vocabulary';
import { formatDateTime, orDash } from '../lib/format';
import { DataTable, type Column } from './data-table';
import { ErrorAlert } from './error-alert';

const COLUMNS: readonly Column<FindingHistoryEntry>[] = [
  { header: 'When', cell: (h) => formatDateTime(h.at), nowrap: true },
  { header: 'Who', cell: (h) => orDash(h.actor) },
  {
    header: 'Change',
    cell: (h) =>
      `${h.from === null ? 'Found' : FINDING_STATUS_INFO[h.from].label} → ${FINDING_STATUS_INFO[h.to].label}`,
  },
  { header: 'Note', cell: (h) => orDash(h.note) },
];

/** Every status a finding went through, who moved it, and why. */
export function FindingHistoryModal(props: {
  readonly finding: Finding;
  readonly onClose: () => void;
}) {
  const { finding, onClose } = props;
  const history = useQuery({
    queryKey: ['findings', finding.id, 'history'],
    queryFn: () => api.vulns.history(finding.id),
  });
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={`History: ${finding.vulnId} on ${finding.assetName}`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <ErrorAlert error={history.error} title="History unavailable" />
      {history.isPending ? (
        <Loader aria-label="Loading history" size="sm" />
      ) : (
        <DataTable
          label="Finding history"
          rows={history.data ?? []}
          columns={COLUMNS}
          rowKey={(h) => h.id}
          empty="No status changes yet."
          minWidth={560}
        />
      )}
    </Modal>
  );
}
